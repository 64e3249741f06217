#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motcua::http {

// Plain request/response types shared by the server (Beast, kept out of this header so that
// handlers, app wiring and tests compile fast) and the handlers.

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "HEAD", ...; kOther → "OTHER".
[[nodiscard]] std::string_view MethodName(Method method) noexcept;
// Inverse of MethodName for the seven known methods (case-sensitive, as HTTP methods are);
// anything else → kOther.
[[nodiscard]] Method ParseMethod(std::string_view name) noexcept;

struct Request {
    Method method = Method::kGet;
    std::string target;  // raw request target, e.g. "/api/v1/procedures?q=khai%20sinh"
    std::string path;    // percent-decoded path, e.g. "/api/v1/procedures/1.001234"
    std::multimap<std::string, std::string> query;  // percent-decoded query parameters
    // Header names lower-cased.
    std::multimap<std::string, std::string> headers;
    std::string body;
    std::string remote_ip;
    bool tls = false;
    // Filled by the router from the route pattern: "/api/v1/procedures/{code}" → {"code", ...}.
    std::map<std::string, std::string> path_params;

    // First value of a header; the name must be given lower-case. nullopt when absent.
    [[nodiscard]] std::optional<std::string_view> Header(std::string_view lower_name) const;
    // First value of a query parameter (decoded); a parameter without "=" has value "".
    [[nodiscard]] std::optional<std::string_view> Query(std::string_view name) const;
    // Cookie value by name from the Cookie header(s) (RFC 6265 "a=1; b=2"; surrounding double
    // quotes are removed). nullopt when absent.
    [[nodiscard]] std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)

    void AddHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
    }
    // Value of an extra header by name (ASCII case-insensitive), the first if repeated.
    [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
};

using Handler = std::function<Response(const Request&)>;

// Describes a route for the OpenAPI document and for access checks in tests.
struct RouteInfo {
    std::string summary;      // Vietnamese one-liner
    std::string auth;         // "public", "session", "session+csrf", "token"
    std::string request_schema;   // JSON schema fragment (OpenAPI), may be empty
    std::string response_schema;  // JSON schema fragment (OpenAPI), may be empty
};

}  // namespace motcua::http
