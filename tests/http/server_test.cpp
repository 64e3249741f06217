// Black-box tests of the HTTP server over real loopback sockets (label api).
#include <chrono>
#include <csignal>
#include <future>
#include <regex>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace motcua::http::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

boost::json::object Body(const Reply& reply) {
    return boost::json::parse(reply.body).as_object();
}

class HttpServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<RunningServer>(TestOptions(), app_.router, app_.metrics);
    }
    void TearDown() override { server_.reset(); }

    std::optional<Reply> Fetch(std::string_view method, std::string_view target,
                               std::string_view headers = "", std::string_view body = "") {
        Client client(server_->port());
        EXPECT_TRUE(client.connected());
        return client.Exchange(MakeRequest(method, target, headers, body), method == "HEAD");
    }

    TestApp app_;
    std::unique_ptr<RunningServer> server_;
};

void ExpectSecurityHeaders(const Reply& reply) {
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.Header("referrer-policy"), "same-origin");
    EXPECT_EQ(reply.Header("x-frame-options"), "DENY");
    EXPECT_TRUE(reply.HasHeader("content-security-policy"));
    EXPECT_TRUE(reply.HasHeader("date"));
    EXPECT_TRUE(reply.HasHeader("x-request-id"));
}

void ExpectProblem(const Reply& reply, int status, std::string_view type_suffix,
                   std::string_view title) {
    EXPECT_EQ(reply.status, status);
    EXPECT_EQ(reply.Header("content-type"), "application/problem+json");
    boost::json::object body = Body(reply);
    EXPECT_EQ(body.at("type").as_string(),
              "https://motcua.gov.vn/problems/" + std::string(type_suffix));
    EXPECT_EQ(body.at("title").as_string(), title);
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_TRUE(body.contains("detail"));
    ExpectSecurityHeaders(reply);
}

TEST_F(HttpServerTest, RouteWithPathParameter) {
    auto reply = Fetch("GET", "/api/v1/procedures/1.001234");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->Header("content-type"), "application/json");
    EXPECT_EQ(reply->body, R"({"code":"1.001234"})");
    EXPECT_EQ(reply->Header("content-length"), std::to_string(reply->body.size()));
    // A literal route beats the parameter.
    reply = Fetch("GET", "/api/v1/procedures/search");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->body, R"({"search":true})");
}

TEST_F(HttpServerTest, PercentEncodedVietnamesePathParameter) {
    // "Đăng ký/khai sinh" with the "/" encoded: one segment.
    auto reply = Fetch("GET", "/api/v1/procedures/%C4%90%C4%83ng%20k%C3%BD%2Fkhai%20sinh");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(Body(*reply).at("code").as_string(), "Đăng ký/khai sinh");
}

TEST_F(HttpServerTest, QueryParametersAreDecoded) {
    auto reply = Fetch("GET", "/api/v1/echo?q=khai+sinh&noi=H%C3%A0%20N%E1%BB%99i&flag&q=second");
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->status, 200);
    boost::json::object body = Body(*reply);
    EXPECT_EQ(body.at("q").as_string(), "khai sinh");
    EXPECT_EQ(body.at("noi").as_string(), "Hà Nội");
    EXPECT_EQ(body.at("flag").as_string(), "");
}

TEST_F(HttpServerTest, RequestHeadersAndRemoteIp) {
    auto reply = Fetch("GET", "/headers", "X-Custom: giá trị\r\n");
    ASSERT_TRUE(reply);
    boost::json::object body = Body(*reply);
    EXPECT_EQ(body.at("x-custom").as_string(), "giá trị");
    EXPECT_EQ(body.at("ip").as_string(), "127.0.0.1");
    EXPECT_EQ(body.at("path").as_string(), "/headers");
    // Handlers see the request id that the response echoes.
    EXPECT_EQ(body.at("request_id").as_string(), reply->Header("x-request-id"));
    EXPECT_EQ(reply->Header("x-request-id").size(), 32u);
}

TEST_F(HttpServerTest, NoRouteIs404Problem) {
    auto reply = Fetch("GET", "/api/v1/kh%C3%B4ng-c%C3%B3");
    ASSERT_TRUE(reply);
    ExpectProblem(*reply, 404, "not_found", "Không tìm thấy");
    EXPECT_NE(reply->body.find("/api/v1/không-có"), std::string::npos);
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
    auto reply = Fetch("DELETE", "/api/v1/procedures/1.1");
    ASSERT_TRUE(reply);
    ExpectProblem(*reply, 405, "method_not_allowed", "Phương thức không được hỗ trợ");
    EXPECT_EQ(reply->Header("allow"), "GET, HEAD");
    // An unknown method on a known path is 405 too; on an unknown path 404.
    reply = Fetch("BREW", "/api/v1/procedures");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 405);
    EXPECT_EQ(reply->Header("allow"), "POST");
    reply = Fetch("BREW", "/coffee");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 404);
}

TEST_F(HttpServerTest, HeadIsServedByGetWithoutBody) {
    Client client(server_->port());
    auto get = client.Exchange(MakeRequest("GET", "/api/v1/procedures/abc"));
    ASSERT_TRUE(get);
    auto head = client.Exchange(MakeRequest("HEAD", "/api/v1/procedures/abc"), /*head=*/true);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->Header("content-length"), std::to_string(get->body.size()));
    EXPECT_EQ(head->Header("content-type"), "application/json");
    // No body bytes followed: the next response on the connection parses cleanly.
    auto next = client.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
    EXPECT_EQ(next->body, R"({"fast":true})");
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    Client client(server_->port());
    for (int i = 0; i < 3; ++i) {
        auto reply = client.Exchange(MakeRequest("GET", "/api/v1/procedures/" + std::to_string(i)));
        ASSERT_TRUE(reply) << i;
        EXPECT_EQ(reply->status, 200);
        EXPECT_EQ(Body(*reply).at("code").as_string(), std::to_string(i));
        EXPECT_NE(reply->Header("connection"), "close");
    }
    // Two requests sent back to back (pipelined) are answered in order.
    ASSERT_TRUE(client.Send(MakeRequest("GET", "/api/v1/procedures/a") +
                            MakeRequest("GET", "/api/v1/procedures/b")));
    auto a = client.Read();
    auto b = client.Read();
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->body, R"({"code":"a"})");
    EXPECT_EQ(b->body, R"({"code":"b"})");
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
    Client client(server_->port());
    auto reply = client.Exchange(MakeRequest("GET", "/fast", "Connection: close\r\n"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->Header("connection"), "close");
    EXPECT_TRUE(client.WaitClosed());

    Client old(server_->port());
    reply = old.Exchange("GET /fast HTTP/1.0\r\n\r\n");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_TRUE(old.WaitClosed());
}

TEST_F(HttpServerTest, PostBodyReachesHandler) {
    auto reply = Fetch("POST", "/api/v1/procedures", "Content-Type: application/json\r\n",
                       R"({"ten":"Đăng ký khai sinh"})");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 201);
    EXPECT_EQ(Body(*reply).at("received").as_int64(),
              static_cast<std::int64_t>(std::string(R"({"ten":"Đăng ký khai sinh"})").size()));
}

TEST_F(HttpServerTest, ExpectContinueIsAnswered) {
    Client client(server_->port());
    std::string body(500, 'x');
    ASSERT_TRUE(
        client.Send("POST /api/v1/procedures HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
                    "Content-Length: 500\r\n\r\n"));
    auto proceed = client.Read();
    ASSERT_TRUE(proceed);
    EXPECT_EQ(proceed->status, 100);
    ASSERT_TRUE(client.Send(body));
    auto reply = client.Read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 201);
    EXPECT_EQ(Body(*reply).at("received").as_int64(), 500);
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndServerKeepsServing) {
    auto reply = Fetch("GET", "/boom");
    ASSERT_TRUE(reply);
    ExpectProblem(*reply, 500, "internal", "Lỗi hệ thống");
    EXPECT_EQ(reply->body.find("mật khẩu"), std::string::npos);  // never leaked
    for (int i = 0; i < 3; ++i) {
        reply = Fetch("GET", "/fast");
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 200);
    }
    // The same connection survives a 500 too.
    Client client(server_->port());
    ASSERT_TRUE(client.Exchange(MakeRequest("GET", "/boom")));
    auto after = client.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST_F(HttpServerTest, SlowHandlerDoesNotBlockOtherRequests) {
    app_.slow_ms = 1500;
    Client slow(server_->port());
    ASSERT_TRUE(slow.Send(MakeRequest("GET", "/slow")));
    // Wait until the slow handler runs, then time a fast request on another connection.
    for (int i = 0; i < 200 && app_.slow_started.load() == 0; ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    ASSERT_EQ(app_.slow_started.load(), 1);
    auto start = SteadyClock::now();
    auto fast = Fetch("GET", "/fast");
    auto fast_elapsed = SteadyClock::now() - start;
    ASSERT_TRUE(fast);
    EXPECT_EQ(fast->status, 200);
    EXPECT_LT(fast_elapsed, milliseconds(750));
    auto slow_reply = slow.Read();
    ASSERT_TRUE(slow_reply);
    EXPECT_EQ(slow_reply->status, 200);
    EXPECT_GE(SteadyClock::now() - start, milliseconds(1000));
}

TEST_F(HttpServerTest, InlineRoutesAnswerWhileWorkersAreBusy) {
    // Occupy all four workers with slow handlers; /metrics (inline) still answers at once.
    app_.slow_ms = 1000;
    std::vector<std::unique_ptr<Client>> slow;
    for (int i = 0; i < 4; ++i) {
        slow.push_back(std::make_unique<Client>(server_->port()));
        ASSERT_TRUE(slow.back()->Send(MakeRequest("GET", "/slow")));
    }
    for (int i = 0; i < 200 && app_.slow_started.load() < 4; ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    ASSERT_EQ(app_.slow_started.load(), 4);
    auto start = SteadyClock::now();
    auto metrics = Fetch("GET", "/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    EXPECT_LT(SteadyClock::now() - start, milliseconds(500));
    for (auto& client : slow) {
        auto reply = client->Read();
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 200);
    }
}

TEST_F(HttpServerTest, ErrorCodesMapToProblems) {
    struct Row {
        const char* code;
        int status;
        const char* title;
    };
    for (const Row& row : {Row{"invalid_argument", 400, "Dữ liệu không hợp lệ"},
                           Row{"permission_denied", 403, "Không có quyền thực hiện"},
                           Row{"aborted", 409, "Dữ liệu đã được người khác thay đổi"},
                           Row{"resource_exhausted", 429, "Vượt quá giới hạn cho phép"},
                           Row{"unimplemented", 501, "Chức năng chưa được hỗ trợ"}}) {
        auto reply = Fetch("GET", std::string("/error/") + row.code);
        ASSERT_TRUE(reply);
        ExpectProblem(*reply, row.status, row.code, row.title);
        EXPECT_EQ(Body(*reply).at("detail").as_string(), std::string("Chi tiết: ") + row.code);
    }
}

TEST_F(HttpServerTest, SecurityHeadersOnEveryResponse) {
    auto json = Fetch("GET", "/fast");
    ASSERT_TRUE(json);
    ExpectSecurityHeaders(*json);
    EXPECT_EQ(json->Header("cache-control"), "no-store");
    EXPECT_EQ(json->Header("content-security-policy"),
              "default-src 'none'; frame-ancestors 'none'");

    auto html = Fetch("GET", "/page");
    ASSERT_TRUE(html);
    ExpectSecurityHeaders(*html);
    EXPECT_EQ(html->Header("content-security-policy"), "default-src 'self'");
    EXPECT_EQ(html->Header("content-type"), "text/html; charset=utf-8");

    auto cached = Fetch("GET", "/cached");
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->Header("cache-control"), "max-age=60");
    EXPECT_EQ(cached->headers.count("cache-control"), 1u);

    auto missing = Fetch("GET", "/nope");
    ASSERT_TRUE(missing);
    ExpectSecurityHeaders(*missing);
    EXPECT_EQ(missing->Header("cache-control"), "no-store");
}

TEST_F(HttpServerTest, NoContentHasNoBodyAndKeepsConnection) {
    Client client(server_->port());
    auto reply = client.Exchange(MakeRequest("GET", "/nocontent"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 204);
    EXPECT_FALSE(reply->HasHeader("content-type"));
    auto next = client.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
}

TEST_F(HttpServerTest, RequestIdIsEchoedOrGenerated) {
    auto echoed = Fetch("GET", "/fast", "X-Request-Id: abc-123.X_y:z\r\n");
    ASSERT_TRUE(echoed);
    EXPECT_EQ(echoed->Header("x-request-id"), "abc-123.X_y:z");
    auto generated = Fetch("GET", "/fast");
    auto other = Fetch("GET", "/fast");
    ASSERT_TRUE(generated && other);
    EXPECT_TRUE(std::regex_match(generated->Header("x-request-id"), std::regex("[0-9a-f]{32}")));
    EXPECT_NE(generated->Header("x-request-id"), other->Header("x-request-id"));
}

TEST_F(HttpServerTest, MetricsCountRequestsByRoutePattern) {
    ASSERT_TRUE(Fetch("GET", "/api/v1/procedures/1"));
    ASSERT_TRUE(Fetch("GET", "/api/v1/procedures/2"));
    ASSERT_TRUE(Fetch("GET", "/boom"));
    ASSERT_TRUE(Fetch("GET", "/nowhere/at/all"));
    // A request is counted just after its response is written: poll until the last one is.
    const std::string last_line =
        "motcua_http_requests_total{method=\"GET\",route=\"none\",status=\"404\"} 1\n";
    std::optional<Reply> reply;
    for (int i = 0; i < 100; ++i) {
        reply = Fetch("GET", "/metrics");
        ASSERT_TRUE(reply);
        if (reply->body.find(last_line) != std::string::npos) {
            break;
        }
        std::this_thread::sleep_for(milliseconds(10));
    }
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = reply->body;
    EXPECT_NE(text.find(last_line), std::string::npos) << text;
    EXPECT_NE(text.find("motcua_http_requests_total{method=\"GET\",route=\"/api/v1/procedures/"
                        "{code}\",status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(
        text.find("motcua_http_requests_total{method=\"GET\",route=\"/boom\",status=\"500\"} 1"),
        std::string::npos);
    EXPECT_NE(text.find("motcua_http_request_duration_seconds_count{route=\"/api/v1/procedures/"
                        "{code}\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("motcua_http_request_duration_seconds_bucket{route=\"/api/v1/procedures/"
                        "{code}\",le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("motcua_http_errors_total{kind=\"handler_exception\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("motcua_http_errors_total{kind=\"server_error\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE motcua_http_request_duration_seconds histogram"),
              std::string::npos);
    // The /metrics request itself is in flight while rendering.
    std::smatch in_flight;
    ASSERT_TRUE(std::regex_search(text, in_flight,
                                  std::regex("motcua_http_requests_in_flight ([0-9]+)\n")));
    EXPECT_GE(std::stoi(in_flight[1]), 1);
    // Raw paths never become labels.
    EXPECT_EQ(text.find("/nowhere"), std::string::npos);
}

TEST_F(HttpServerTest, Healthz) {
    auto ok = Fetch("GET", "/healthz");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200);
    EXPECT_EQ(ok->body, R"({"status":"ok"})");
    app_.healthy = false;
    auto failing = Fetch("GET", "/healthz");
    ASSERT_TRUE(failing);
    EXPECT_EQ(failing->status, 503);
    EXPECT_EQ(Body(*failing).at("status").as_string(), "unavailable");
    EXPECT_EQ(Body(*failing).at("detail").as_string(), "database: không kết nối được");
}

TEST(HttpServerLifecycleTest, GracefulStopLetsInFlightRequestFinish) {
    TestApp app;
    app.slow_ms = 700;
    RunningServer running(TestOptions(), app.router, app.metrics);
    Client slow(running.port());
    ASSERT_TRUE(slow.Send(MakeRequest("GET", "/slow")));
    for (int i = 0; i < 200 && app.slow_started.load() == 0; ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    ASSERT_EQ(app.slow_started.load(), 1);
    auto stop_started = SteadyClock::now();
    running.server().Stop();
    // No new connections once stopping (give the io thread a moment to close the acceptor).
    std::this_thread::sleep_for(milliseconds(100));
    Client late(running.port(), milliseconds(2000));
    EXPECT_FALSE(late.connected() && late.Exchange(MakeRequest("GET", "/fast")).has_value());
    EXPECT_FALSE(running.finished());
    // The in-flight request completes, told that the connection closes.
    auto reply = slow.Read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_EQ(reply->body, R"({"slow":true})");
    EXPECT_EQ(reply->Header("connection"), "close");
    EXPECT_TRUE(slow.WaitClosed());
    EXPECT_TRUE(running.StopAndJoin());
    EXPECT_LT(SteadyClock::now() - stop_started, std::chrono::seconds(4));
}

TEST(HttpServerLifecycleTest, SigtermStopsGracefully) {
    TestApp app;
    app.slow_ms = 300;
    ServerOptions options = TestOptions();
    options.handle_signals = true;
    RunningServer running(options, app.router, app.metrics);
    Client idle(running.port());
    ASSERT_TRUE(idle.Exchange(MakeRequest("GET", "/fast")));
    Client slow(running.port());
    ASSERT_TRUE(slow.Send(MakeRequest("GET", "/slow")));
    for (int i = 0; i < 200 && app.slow_started.load() == 0; ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    ASSERT_EQ(std::raise(SIGTERM), 0);
    auto reply = slow.Read();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_TRUE(idle.WaitClosed());
    for (int i = 0; i < 400 && !running.finished(); ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    EXPECT_TRUE(running.finished());  // Run() returned without Stop()
}

// Regression: with no connection open, the first SIGTERM left a re-armed signal wait behind and
// Run() never returned.
TEST(HttpServerLifecycleTest, SigtermWithoutConnectionsStopsAtOnce) {
    TestApp app;
    ServerOptions options = TestOptions();
    options.handle_signals = true;
    RunningServer running(options, app.router, app.metrics);
    {
        Client client(running.port());
        ASSERT_TRUE(client.Exchange(MakeRequest("GET", "/fast", "Connection: close\r\n")));
        EXPECT_TRUE(client.WaitClosed());
    }
    std::this_thread::sleep_for(milliseconds(50));  // let the server forget the connection
    ASSERT_EQ(std::raise(SIGTERM), 0);
    for (int i = 0; i < 200 && !running.finished(); ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    EXPECT_TRUE(running.finished());
    if (!running.finished()) {
        ASSERT_EQ(std::raise(SIGTERM), 0);  // the second signal stops at once
    }
}

TEST(HttpServerLifecycleTest, StopClosesIdleKeepAliveConnectionsAtOnce) {
    TestApp app;
    RunningServer running(TestOptions(), app.router, app.metrics);
    Client idle(running.port());
    ASSERT_TRUE(idle.Exchange(MakeRequest("GET", "/fast")));
    auto start = SteadyClock::now();
    EXPECT_TRUE(running.StopAndJoin());
    EXPECT_TRUE(idle.WaitClosed());
    EXPECT_LT(SteadyClock::now() - start, std::chrono::seconds(2));
}

TEST(HttpServerLifecycleTest, ShutdownTimeoutCutsStuckRequests) {
    TestApp app;
    app.slow_ms = 1500;
    ServerOptions options = TestOptions();
    options.shutdown_timeout = milliseconds(200);
    RunningServer running(options, app.router, app.metrics);
    Client slow(running.port());
    ASSERT_TRUE(slow.Send(MakeRequest("GET", "/slow")));
    for (int i = 0; i < 200 && app.slow_started.load() == 0; ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    auto start = SteadyClock::now();
    running.server().Stop();
    for (int i = 0; i < 200 && !running.finished(); ++i) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    EXPECT_TRUE(running.finished());
    EXPECT_LT(SteadyClock::now() - start, milliseconds(1200));
}

TEST(HttpServerLifecycleTest, HandlerTimeoutIs503) {
    TestApp app;
    app.slow_ms = 800;
    ServerOptions options = TestOptions();
    options.handler_timeout = milliseconds(150);
    RunningServer running(options, app.router, app.metrics);
    Client client(running.port());
    auto reply = client.Exchange(MakeRequest("GET", "/slow"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 503);
    EXPECT_EQ(reply->Header("content-type"), "application/problem+json");
    // The connection is still usable; the late result of the handler is dropped.
    auto next = client.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->body, R"({"fast":true})");
    EXPECT_NE(
        app.metrics.RenderPrometheus().find("motcua_http_errors_total{kind=\"handler_timeout\"} 1"),
        std::string::npos);
}

TEST(HttpServerLifecycleTest, StartReportsBadConfiguration) {
    TestApp app;
    {
        ServerOptions options = TestOptions();
        options.listen = "nonsense";
        Server server(options, app.router, app.metrics);
        base::Result<int> port = server.Start();
        ASSERT_FALSE(port.ok());
        EXPECT_EQ(port.error().code, base::ErrorCode::kInvalidArgument);
        EXPECT_FALSE(server.Run().ok());
    }
    {
        ServerOptions options = TestOptions();
        options.worker_threads = 0;
        Server server(options, app.router, app.metrics);
        EXPECT_FALSE(server.Start().ok());
    }
    {
        Router bad;
        bad.Add(Method::kGet, "no-slash", [](const Request&) { return Response{}; });
        Server server(TestOptions(), bad, app.metrics);
        base::Result<int> port = server.Start();
        ASSERT_FALSE(port.ok());
        EXPECT_NE(port.error().message.find("no-slash"), std::string::npos);
    }
    {
        // The port is taken.
        RunningServer first(TestOptions(), app.router, app.metrics);
        ServerOptions options = TestOptions();
        options.listen = "127.0.0.1:" + std::to_string(first.port());
        Server second(options, app.router, app.metrics);
        base::Result<int> port = second.Start();
        ASSERT_FALSE(port.ok());
        EXPECT_EQ(port.error().code, base::ErrorCode::kInternal);
    }
}

TEST(HttpServerLifecycleTest, SeveralIoThreads) {
    TestApp app;
    ServerOptions options = TestOptions();
    options.io_threads = 2;
    RunningServer running(options, app.router, app.metrics);
    std::vector<std::future<int>> results;
    results.reserve(4);
    for (int t = 0; t < 4; ++t) {
        results.push_back(std::async(std::launch::async, [port = running.port()] {
            Client client(port);
            int ok = 0;
            for (int i = 0; i < 50; ++i) {
                auto reply = client.Exchange(MakeRequest("GET", "/api/v1/procedures/x"));
                ok += reply && reply->status == 200 ? 1 : 0;
            }
            return ok;
        }));
    }
    for (auto& result : results) {
        EXPECT_EQ(result.get(), 50);
    }
}

}  // namespace
}  // namespace motcua::http::testing
