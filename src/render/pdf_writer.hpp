#pragma once

#include <string>

#include "base/result.hpp"
#include "render/document.hpp"

// Draws a Document into a PDF with cairo and pango. Internal to render/.
namespace motcua::render::detail {

// The PDF bytes of `doc`: pages of doc.paper, text wrapped to the content width, tables and long
// paragraphs continued on new pages (table headers repeated), "Trang i/n" at the foot when there
// are several pages. kInvalidArgument when the QR payload is too long for a QR code; kInternal
// when Noto Serif does not resolve or cairo fails. Thread-safe.
[[nodiscard]] base::Result<std::string> WritePdf(const Document& doc);

}  // namespace motcua::render::detail
