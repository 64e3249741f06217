#pragma once
// multipart/form-data (RFC 7578) bodies of HTML forms that carry files (the public feedback
// form, issue #9). Beast has no reader for it; this one is small, bounded and fuzzed
// (tests/fuzz/fuzz_multipart.cpp): at most kMaxParts parts, the boundary at most 70 characters
// (RFC 2046), every part named, and the parts' contents are views into the body (no copies).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::http {

struct FormPart {
    std::string name;                      // Content-Disposition's name
    std::optional<std::string> file_name;  // its filename (present for a file input)
    std::string content_type;              // the part's Content-Type, "" when absent
    std::string_view content;              // into the body given to ParseMultipart
};

inline constexpr std::size_t kMaxFormParts = 32;

// True for a Content-Type naming multipart/form-data (case-insensitive, parameters ignored).
[[nodiscard]] bool IsMultipartFormData(std::string_view content_type);

// Splits `body` by the boundary of `content_type`; kInvalidArgument (Vietnamese message) when
// the boundary is missing or too long, a delimiter or the close delimiter is missing, a part has
// a header line without ':' or no name, a disposition other than form-data, or there are more
// than kMaxFormParts parts.
[[nodiscard]] base::Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                                 std::string_view body);

}  // namespace motcua::http
