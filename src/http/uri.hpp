#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::http {

// Small text helpers shared by the router and the server (no Boost in this header).

// Decodes %XX escapes ("+" stays "+": this is for path segments). nullopt when a "%" is not
// followed by two hex digits. The result is raw bytes: check it with IsValidUtf8.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view text);

// True when `text` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF)
// and contains no C0 control character other than tab, LF and CR, and no DEL. For decoded
// query parameters.
[[nodiscard]] bool IsValidUtf8Text(std::string_view text) noexcept;

// Like IsValidUtf8Text but tab, LF and CR are refused too. For decoded paths.
[[nodiscard]] bool IsValidPathText(std::string_view text) noexcept;

}  // namespace motcua::http
