#pragma once

#include <span>
#include <string_view>

namespace motcua::web::embedded {

// A file compiled into the binary by src/web/embed_assets.cmake.
struct EmbeddedFile {
    std::string_view name;   // template name ("layout") or static file name ("app.css")
    std::string_view bytes;  // the file's content
    std::string_view hash;   // first 16 hex digits of the content's SHA-256
};

// web/templates/*.mustache, named without the extension, sorted by name.
[[nodiscard]] std::span<const EmbeddedFile> Templates();
// web/static/* and the npm assets (htmx.min.js, modern-normalize.css), named by file name.
[[nodiscard]] std::span<const EmbeddedFile> StaticFiles();

}  // namespace motcua::web::embedded
