#pragma once

#include <string>
#include <string_view>

namespace motcua::text {

// Escapes text for HTML or XML content and attribute values: & < > " ' become entities.
[[nodiscard]] std::string EscapeMarkup(std::string_view text);
// Appends `c` to `out`, escaped as EscapeMarkup does.
void AppendMarkupChar(std::string& out, char c);

}  // namespace motcua::text
