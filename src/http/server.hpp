#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace motcua::http {

struct ServerOptions {
    // "host:port" with a numeric IPv4 address, "[v6]:port", or "localhost:port". Port 0 picks
    // a free port (Start() returns it).
    std::string listen = "127.0.0.1:8080";
    // Threads running the network event loop (parsing, writing). 1 is enough for most loads.
    int io_threads = 1;
    // Threads running handlers, which may block (database, password hashing).
    int worker_threads = 4;
    // Request body limit: a larger Content-Length is answered 413 before the body is read; a
    // chunked body is cut off at the limit (413). A route may set its own limit
    // (Router::SetBodyLimit, e.g. uploads); it applies once the header names that route.
    std::size_t max_body_bytes = std::size_t{1} << 20;
    // Limit on request line + headers → 431.
    std::size_t max_header_bytes = std::size_t{8} << 10;
    // Time allowed to receive one request (headers and body) once its first byte arrived, and
    // for a new connection to send its first byte. On expiry the connection is closed.
    std::chrono::milliseconds read_timeout{15'000};
    // Time a keep-alive connection may wait for its next request.
    std::chrono::milliseconds idle_timeout{60'000};
    // Time allowed to write one response.
    std::chrono::milliseconds write_timeout{15'000};
    // A handler running longer gets its request answered 503 (the handler itself cannot be
    // interrupted; its late result is dropped). Zero: no limit.
    std::chrono::milliseconds handler_timeout{30'000};
    // Graceful stop: in-flight requests get this long to finish before connections are cut.
    std::chrono::milliseconds shutdown_timeout{10'000};
    // Connections above this are accepted and closed at once.
    std::size_t max_connections = 4096;
    // Run() stops gracefully on SIGTERM/SIGINT (a second signal stops at once).
    bool handle_signals = true;
    // One access log line per request through spdlog (info level).
    bool access_log = true;
};

// The HTTP/1.1 server: an accept loop and one C++20 coroutine per connection on `io_threads`
// threads; each handler runs on a pool of `worker_threads` threads and the connection resumes
// when it returns, so blocking handlers never stall the network threads. Keep-alive; no
// pipelining guarantees beyond what the parser buffers. See docs/http.md.
//
// Every response gets X-Request-Id (the client's if well-formed, else a random one), Date,
// X-Content-Type-Options: nosniff, Referrer-Policy: same-origin, X-Frame-Options: DENY,
// Content-Security-Policy (HTML: "default-src 'self'", else "default-src 'none';
// frame-ancestors 'none'") and Cache-Control: no-store, each unless the handler set it.
// Protocol failures become problem+json responses (http/problem.hpp).
//
// `router` and `metrics` must outlive the Server; the router must not change once Start() ran.
class Server final {
public:
    Server(ServerOptions options, const Router& router, Metrics& metrics);
    // Waits for handlers still running on the worker pool (they cannot be interrupted).
    // Must not run while Run() is running in another thread.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Validates the options and the router (Router::Validate), binds and listens. Returns the
    // bound port. kInvalidArgument for bad options or a bad route table, kInternal when the
    // address cannot be bound (in use, not local). Call once.
    [[nodiscard]] base::Result<int> Start();

    // Serves until Stop() (or SIGTERM/SIGINT with handle_signals), then shuts down gracefully:
    // stops accepting, closes idle keep-alive connections, lets in-flight requests finish
    // (answered with Connection: close) for up to shutdown_timeout, then cuts the rest.
    // Blocks the calling thread, which becomes one of the io threads. kFailedPrecondition if
    // Start() did not succeed or Run() already ran.
    [[nodiscard]] base::Status Run();

    // Asks Run() to shut down gracefully. Thread-safe, returns at once; a no-op after the
    // first call. Not async-signal-safe (signals are handled by Run() itself).
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace motcua::http
