// Limits and abuse: malformed input, oversize requests, slow clients (labels api;security).
#include <chrono>
#include <thread>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace motcua::http::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

class HttpServerSecurityTest : public ::testing::Test {
protected:
    void Start(ServerOptions options = TestOptions()) {
        server_ = std::make_unique<RunningServer>(std::move(options), app_.router, app_.metrics);
    }
    void SetUp() override { Start(); }

    // Sends raw bytes on a new connection and reads one response.
    std::optional<Reply> Raw(std::string_view bytes) {
        Client client(server_->port());
        EXPECT_TRUE(client.connected());
        return client.Exchange(bytes);
    }

    void ExpectProblem(const std::optional<Reply>& reply, int status, std::string_view type) {
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, status);
        EXPECT_EQ(reply->Header("content-type"), "application/problem+json");
        boost::json::object body = boost::json::parse(reply->body).as_object();
        EXPECT_EQ(body.at("type").as_string(),
                  "https://motcua.gov.vn/problems/" + std::string(type));
        EXPECT_EQ(body.at("status").as_int64(), status);
        EXPECT_FALSE(body.at("title").as_string().empty());
        EXPECT_EQ(reply->Header("x-content-type-options"), "nosniff");
    }

    // Metrics are updated right after the connection is answered or closed: poll briefly.
    bool MetricsContain(std::string_view needle) {
        for (int i = 0; i < 100; ++i) {
            if (app_.metrics.RenderPrometheus().find(needle) != std::string::npos) {
                return true;
            }
            std::this_thread::sleep_for(milliseconds(10));
        }
        return false;
    }

    TestApp app_;
    std::unique_ptr<RunningServer> server_;
};

TEST_F(HttpServerSecurityTest, OversizeHeadersAre431) {
    Client client(server_->port());
    auto reply =
        client.Exchange(MakeRequest("GET", "/fast", "X-Pad: " + std::string(3000, 'a') + "\r\n"));
    ExpectProblem(reply, 431, "header_fields_too_large");
    EXPECT_EQ(reply->Header("connection"), "close");
    EXPECT_TRUE(client.WaitClosed());
    // A long target counts too.
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/" + std::string(3000, 'x'))), 431,
                  "header_fields_too_large");
    EXPECT_TRUE(MetricsContain("motcua_http_errors_total{kind=\"header_too_large\"} 2"));
    // Just under the limit is fine.
    auto fine = Raw(MakeRequest("GET", "/fast", "X-Pad: " + std::string(1500, 'a') + "\r\n"));
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 200);
}

TEST_F(HttpServerSecurityTest, OversizeBodyIs413BeforeTheBodyIsSent) {
    Client client(server_->port());
    // Only the headers are sent: the answer must come without the server waiting for the
    // announced 10 MB.
    ASSERT_TRUE(
        client.Send("POST /api/v1/procedures HTTP/1.1\r\nHost: t\r\n"
                    "Content-Length: 10000000\r\n\r\n"));
    auto start = SteadyClock::now();
    auto reply = client.Read();
    ExpectProblem(reply, 413, "payload_too_large");
    EXPECT_LT(SteadyClock::now() - start, milliseconds(2000));
    EXPECT_EQ(reply->Header("connection"), "close");
    EXPECT_NE(reply->body.find("1024"), std::string::npos);
    EXPECT_TRUE(client.WaitClosed());
    EXPECT_TRUE(MetricsContain("motcua_http_errors_total{kind=\"body_too_large\"} 1"));
}

TEST_F(HttpServerSecurityTest, OversizeBodySentInFullStillGets413) {
    Client client(server_->port());
    std::string body(size_t{64} * 1024, 'x');
    auto reply = client.Exchange(MakeRequest("POST", "/api/v1/procedures", "", body));
    ExpectProblem(reply, 413, "payload_too_large");
}

TEST_F(HttpServerSecurityTest, OversizeChunkedBodyIs413) {
    std::string request =
        "POST /api/v1/procedures HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        request += "200\r\n" + std::string(0x200, 'y') + "\r\n";  // 3 × 512 bytes > 1 KiB
    }
    request += "0\r\n\r\n";
    ExpectProblem(Raw(request), 413, "payload_too_large");
    // Within the limit, chunked bodies are accepted.
    auto fine =
        Raw("POST /api/v1/procedures HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked"
            "\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 201);
    EXPECT_EQ(fine->body, R"({"received":5})");
}

TEST_F(HttpServerSecurityTest, MalformedRequestLineIs400) {
    for (std::string_view bad :
         {std::string_view("GARBAGE\r\n\r\n"), std::string_view("GET /fast HTTP/1.1 extra\r\n\r\n"),
          std::string_view("GET /fast HTTX/1.1\r\n\r\n"),
          std::string_view("GET /fast HTTP/1.1\r\nNo colon here\r\n\r\n"),
          std::string_view("GET /fast HTTP/1.1\r\nContent-Length: x\r\n\r\n")}) {
        SCOPED_TRACE(std::string(bad));
        Client client(server_->port());
        auto reply = client.Exchange(bad);
        ExpectProblem(reply, 400, "bad_request");
        EXPECT_TRUE(client.WaitClosed());
    }
    EXPECT_TRUE(MetricsContain("motcua_http_errors_total{kind=\"bad_request\"} 5"));
    // And the server still serves.
    auto fine = Raw(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 200);
}

TEST_F(HttpServerSecurityTest, BadEncodingInTargetIs400) {
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/%C3%28")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/%zz")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/%ED%A0%80")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/a%00b")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/echo?q=%FF")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/echo?q=%")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "/api/v1/procedures/\xC4\x90")), 400, "bad_request");
    ExpectProblem(Raw(MakeRequest("GET", "http://evil.example/fast")), 400, "bad_request");
}

TEST_F(HttpServerSecurityTest, BadPathKeepsTheConnection) {
    Client client(server_->port());
    auto bad = client.Exchange(MakeRequest("GET", "/api/v1/procedures/%C3%28"));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    auto next = client.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->status, 200);
}

TEST_F(HttpServerSecurityTest, UnsafeResponseHeadersAreDropped) {
    Client client(server_->port());
    auto reply = client.Exchange(MakeRequest("GET", "/bad-header"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    EXPECT_FALSE(reply->HasHeader("x-evil"));
    EXPECT_FALSE(reply->HasHeader("set-cookie"));
    EXPECT_FALSE(reply->HasHeader("bad name"));
    EXPECT_EQ(reply->Header("x-good"), "yes");
}

TEST_F(HttpServerSecurityTest, UnsafeRequestIdIsReplaced) {
    auto reply = Raw(MakeRequest("GET", "/fast", "X-Request-Id: <script>alert(1)</script>\r\n"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->Header("x-request-id").size(), 32u);
    auto too_long =
        Raw(MakeRequest("GET", "/fast", "X-Request-Id: " + std::string(200, 'a') + "\r\n"));
    ASSERT_TRUE(too_long);
    EXPECT_EQ(too_long->Header("x-request-id").size(), 32u);
}

TEST_F(HttpServerSecurityTest, SlowClientIsDisconnected) {
    ServerOptions options = TestOptions();
    options.read_timeout = milliseconds(300);
    options.idle_timeout = milliseconds(300);
    Start(options);
    // Headers trickle in and never finish (slowloris).
    Client slowloris(server_->port());
    ASSERT_TRUE(slowloris.Send("GET /fast HTTP/1.1\r\nHost: t\r\n"));
    auto start = SteadyClock::now();
    EXPECT_TRUE(slowloris.WaitClosed());
    EXPECT_LT(SteadyClock::now() - start, milliseconds(3000));
    EXPECT_TRUE(MetricsContain("motcua_http_errors_total{kind=\"timeout\"} 1"));
    // A connection that never sends anything is closed too.
    Client silent(server_->port());
    EXPECT_TRUE(silent.WaitClosed());
    // An idle keep-alive connection is closed after idle_timeout.
    Client idle(server_->port());
    ASSERT_TRUE(idle.Exchange(MakeRequest("GET", "/fast")));
    EXPECT_TRUE(idle.WaitClosed());
}

TEST_F(HttpServerSecurityTest, ConnectionLimit) {
    ServerOptions options = TestOptions();
    options.max_connections = 2;
    Start(options);
    Client a(server_->port());
    Client b(server_->port());
    ASSERT_TRUE(a.Exchange(MakeRequest("GET", "/fast")));
    ASSERT_TRUE(b.Exchange(MakeRequest("GET", "/fast")));
    Client c(server_->port());
    EXPECT_TRUE(c.WaitClosed());
    EXPECT_TRUE(MetricsContain("motcua_http_errors_total{kind=\"connection_limit\"} 1"));
    // a and b still work.
    auto reply = a.Exchange(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
}

TEST_F(HttpServerSecurityTest, ManyBadConnectionsDoNotStopTheServer) {
    for (int i = 0; i < 50; ++i) {
        Client client(server_->port());
        ASSERT_TRUE(client.connected());
        client.Send(i % 2 == 0
                        ? std::string_view("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)
                        : std::string_view("GET / HTTP/1.1\r\nHost"));
    }  // closed abruptly mid-request
    auto reply = Raw(MakeRequest("GET", "/fast"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
}

}  // namespace
}  // namespace motcua::http::testing
