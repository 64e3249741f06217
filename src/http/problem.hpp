#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error_code.hpp"
#include "base/result.hpp"
#include "http/message.hpp"

namespace motcua::http {

// The ONE place that maps failures to HTTP: base::ErrorCode (application failures) and
// HttpProblem (protocol failures the server and router detect themselves) → status, and the
// application/problem+json body (RFC 9457):
//   {"type":"https://motcua.gov.vn/problems/<name>","title":"<Vietnamese>","status":N,
//    "detail":"<message>","errors":[{"field":"...","message":"..."}]}
// The table is in docs/http.md.

// Failures detected by the HTTP layer itself, which no application code returns.
enum class HttpProblem {
    kBadRequest,            // 400: unparsable request line/headers, bad %-encoding, bad UTF-8
    kNotFound,              // 404: no route for the path
    kMethodNotAllowed,      // 405: the path has routes, but not for this method (Allow header)
    kPayloadTooLarge,       // 413: body above ServerOptions::max_body_bytes
    kHeaderFieldsTooLarge,  // 431: request line + headers above ServerOptions::max_header_bytes
    kInternal,              // 500: a handler threw
    kServiceUnavailable,    // 503: a handler ran longer than ServerOptions::handler_timeout
};

// A field-level validation message, rendered in the "errors" member.
struct FieldError {
    std::string field;    // JSON pointer-ish path of the field, e.g. "applicant.id_number"
    std::string message;  // Vietnamese, for the person filling the form
};

// The problem type base; `type` is kProblemTypeBase + the code's name.
inline constexpr std::string_view kProblemTypeBase = "https://motcua.gov.vn/problems/";
inline constexpr std::string_view kProblemContentType = "application/problem+json";

// HTTP status for an application error code (total over the enum).
[[nodiscard]] int HttpStatus(base::ErrorCode code) noexcept;
[[nodiscard]] int HttpStatus(HttpProblem problem) noexcept;

// Vietnamese title for the code (constant per code, as RFC 9457 asks).
[[nodiscard]] std::string_view ProblemTitle(base::ErrorCode code) noexcept;
[[nodiscard]] std::string_view ProblemTitle(HttpProblem problem) noexcept;

// Stable lower_snake name used as the `type` suffix: ErrorCodeName(code) for error codes,
// "bad_request", "not_found", "method_not_allowed", ... for HttpProblem.
[[nodiscard]] std::string_view ProblemName(HttpProblem problem) noexcept;

// The problem response for an application error. `detail` is error.message, except for
// kInternal: the message is logged (spdlog, error level) and a generic Vietnamese detail is
// returned, so that internals never leak. `errors` (may be empty) is rendered as "errors".
[[nodiscard]] Response ProblemResponse(const base::Error& error,
                                       const std::vector<FieldError>& errors = {});

// The problem response for a protocol failure, with a Vietnamese `detail` for people. For
// kInternal `detail` is replaced by the generic one (the caller logs the cause).
[[nodiscard]] Response ProblemResponse(HttpProblem problem, std::string_view detail);

// A JSON response: `body` must already be serialized JSON; content type application/json.
[[nodiscard]] Response JsonResponse(int status, std::string body);

}  // namespace motcua::http
