#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace motcua::http::testing {

// Test handlers on a Router:
//   GET  /api/v1/procedures/{code}  → 200 {"code":<code>}
//   GET  /api/v1/procedures/search  → 200 {"search":true}
//   POST /api/v1/procedures         → 201 {"received":<body bytes>}
//   GET  /api/v1/echo               → 200 {<query name>:<first value>, ...}
//   GET  /headers                   → 200 {"x-custom", "ip", "path", "request_id"}
//   GET  /boom                      → throws
//   GET  /slow                      → sleeps slow_ms, 200 {"slow":true}
//   GET  /fast                      → 200 {"fast":true}
//   GET  /page                      → 200 text/html
//   GET  /cached                    → 200 with Cache-Control: max-age=60
//   GET  /nocontent                 → 204
//   GET  /bad-header                → 200 with a header value containing CRLF
//   GET  /error/{code}              → ProblemResponse for the ErrorCode named `code`
//   GET  /healthz, /metrics         → built-in routes (health follows `healthy`)
struct TestApp {
    TestApp();
    Router router;
    Metrics metrics;
    std::atomic<bool> healthy{true};
    std::atomic<int> slow_ms{600};
    std::atomic<int> slow_started{0};
};

// Options for tests: loopback port 0, small limits (1 KiB body, 2 KiB headers), no signals.
ServerOptions TestOptions();

// A Server running on its own thread; stops and joins on destruction.
class RunningServer final {
public:
    RunningServer(ServerOptions options, const Router& router, Metrics& metrics);
    ~RunningServer();
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] Server& server() { return server_; }
    // Stop() and wait for Run() to return; returns whether Run() returned OK.
    bool StopAndJoin();
    // Whether Run() has returned.
    [[nodiscard]] bool finished() const { return finished_.load(); }

private:
    Server server_;
    int port_ = 0;
    std::thread thread_;
    std::atomic<bool> finished_{false};
    std::atomic<bool> run_ok_{false};
};

}  // namespace motcua::http::testing
