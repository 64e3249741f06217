#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "http/message.hpp"

namespace motcua::http {

// What an HTTP server answered.
struct ClientResponse {
    int status = 0;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;

    // First value of a header (lower-case name); "" when absent.
    [[nodiscard]] std::string Header(std::string_view lower_name) const;
};

// One synchronous HTTP/1.1 exchange (Connection: close) with an `http://host:port/path?query`
// address: for loopback calls between our own services (the payment sandbox's callbacks,
// tests), with extra request `headers`. No TLS, no redirects followed, no proxy. `content_type` is
// sent when `body` is not empty. The whole exchange (resolve, connect, write, read) must finish
// within `timeout`. Errors: kInvalidArgument for an address that is not http:// with a host;
// kInternal (English message) when the connection or the exchange fails or times out; a response
// body above 8 MiB is kResourceExhausted. Thread-safe (each call has its own connection).
[[nodiscard]] base::Result<ClientResponse> Fetch(
    Method method, std::string_view url, std::string_view body = {},
    std::string_view content_type = "application/x-www-form-urlencoded",
    std::chrono::milliseconds timeout = std::chrono::milliseconds{10'000},
    const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace motcua::http
