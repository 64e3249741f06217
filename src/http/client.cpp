// The Beast HTTP client (a second Beast translation unit beside server.cpp; small).
#include "http/client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace motcua::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr std::size_t kMaxResponseBody = std::size_t{8} << 20;

bhttp::verb Verb(Method m) {
    switch (m) {
        case Method::kGet:
            return bhttp::verb::get;
        case Method::kHead:
            return bhttp::verb::head;
        case Method::kPost:
            return bhttp::verb::post;
        case Method::kPut:
            return bhttp::verb::put;
        case Method::kPatch:
            return bhttp::verb::patch;
        case Method::kDelete:
            return bhttp::verb::delete_;
        case Method::kOptions:
            return bhttp::verb::options;
        case Method::kOther:
            break;
    }
    return bhttp::verb::unknown;
}

}  // namespace

std::string ClientResponse::Header(std::string_view lower_name) const {
    const auto it = headers.find(std::string(lower_name));
    return it == headers.end() ? std::string() : it->second;
}

base::Result<ClientResponse> Fetch(
    Method method, std::string_view url, std::string_view body, std::string_view content_type,
    std::chrono::milliseconds timeout,
    const std::vector<std::pair<std::string, std::string>>& headers) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || parsed->scheme() != "http" || parsed->host().empty() ||
        Verb(method) == bhttp::verb::unknown) {
        return base::InvalidArgument("not an http:// address: " + std::string(url));
    }
    const std::string host(parsed->encoded_host());
    const std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
    std::string target(parsed->encoded_path());
    if (target.empty()) {
        target = "/";
    }
    if (parsed->has_query()) {
        target += "?" + std::string(parsed->encoded_query());
    }

    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    asio::ip::tcp::resolver resolver(ioc);
    bhttp::request<bhttp::string_body> request{Verb(method), target, 11};
    request.set(bhttp::field::host, host + ":" + port);
    request.set(bhttp::field::user_agent, "motcua");
    request.set(bhttp::field::connection, "close");
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    if (!body.empty()) {
        request.set(bhttp::field::content_type, content_type);
        request.body() = std::string(body);
    }
    request.prepare_payload();

    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kMaxResponseBody);
    beast::error_code failure;
    bool done = false;
    // Asynchronous operations on a private io_context, run for at most `timeout`: the
    // synchronous Beast calls have no timeout.
    stream.expires_after(timeout);
    resolver.async_resolve(
        host, port, [&](beast::error_code ec, const asio::ip::tcp::resolver::results_type& r) {
            if (ec) {
                failure = ec;
                return;
            }
            stream.async_connect(r, [&](beast::error_code ec2, const auto&) {
                if (ec2) {
                    failure = ec2;
                    return;
                }
                bhttp::async_write(stream, request, [&](beast::error_code ec3, std::size_t) {
                    if (ec3) {
                        failure = ec3;
                        return;
                    }
                    bhttp::async_read(stream, buffer, parser,
                                      [&](beast::error_code ec4, std::size_t) {
                                          failure = ec4;
                                          done = !ec4;
                                      });
                });
            });
        });
    ioc.run_for(timeout + std::chrono::milliseconds{100});
    if (!done) {
        if (failure == bhttp::error::body_limit) {
            return base::Error{base::ErrorCode::kResourceExhausted,
                               "response body too large from " + std::string(url)};
        }
        return base::Internal("HTTP " + std::string(MethodName(method)) + " " + std::string(url) +
                              " failed: " + (failure ? failure.message() : "timed out"));
    }
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    ClientResponse out;
    const auto& response = parser.get();
    out.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.headers.emplace(std::move(name), std::string(field.value()));
    }
    out.body = response.body();
    return out;
}

}  // namespace motcua::http
