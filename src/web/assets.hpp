#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace motcua::web {

// A static file served under /static/ (compiled into the binary: src/web/embedded.hpp).
struct StaticAsset {
    std::string_view name;          // "app.css"
    std::string_view content_type;  // "text/css; charset=utf-8"
    std::string_view body;
    std::string_view hash;  // 16 hex digits of the content's SHA-256
};

// nullptr when no static file has that name.
[[nodiscard]] const StaticAsset* FindStaticAsset(std::string_view name);

// The URL pages link to: "/static/<name>?v=<hash>", so that a new build changes the URL and
// the file can be cached for a year. An unknown name gives "/static/<name>".
[[nodiscard]] std::string StaticUrl(std::string_view name);

// GET /static/{name}: the file with its content type, an ETag ("<hash>") and Cache-Control —
// a year and immutable when the request's ?v= is the current hash, else revalidation (no-cache).
// If-None-Match with the ETag → 304. Unknown name → 404 (text/plain).
[[nodiscard]] http::Response ServeStatic(const http::Request& request, std::string_view name);

}  // namespace motcua::web
