// Per-route body limits (issue #5): a route may accept larger bodies than the server's default
// (uploads), every other route keeps the default (labels api).
#include <gtest/gtest.h>

#include "http/problem.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace motcua::http::testing {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

class HttpBodyLimitTest : public ::testing::Test {
protected:
    void SetUp() override {
        const Handler received = [](const Request& req) {
            return JsonResponse(201, "{\"received\":" + std::to_string(req.body.size()) + "}");
        };
        router_.Add(Method::kPost, "/api/v1/things", received, {"JSON", "session", "", ""});
        router_.Add(Method::kPost, "/api/v1/things/{id}/files", received,
                    {"Tải tệp", "session", "", ""});
        router_.SetBodyLimit(Method::kPost, "/api/v1/things/{id}/files", 8 * kMiB);
        ServerOptions options = TestOptions();
        options.max_body_bytes = kMiB;  // the production default
        server_ = std::make_unique<RunningServer>(options, router_, metrics_);
    }

    std::optional<Reply> Post(std::string_view target, std::size_t bytes) {
        Client client(server_->port());
        EXPECT_TRUE(client.connected());
        return client.Exchange(MakeRequest(
            "POST", target, "Content-Type: application/octet-stream\r\n", std::string(bytes, 'x')));
    }

    Router router_;
    Metrics metrics_;
    std::unique_ptr<RunningServer> server_;
};

TEST_F(HttpBodyLimitTest, RouterReportsTheLimitOfEachRoute) {
    EXPECT_EQ(router_.BodyLimit(Method::kPost, "/api/v1/things/7/files", kMiB), 8 * kMiB);
    EXPECT_EQ(router_.BodyLimit(Method::kPost, "/api/v1/things", kMiB), kMiB);
    EXPECT_EQ(router_.BodyLimit(Method::kPut, "/api/v1/things/7/files", kMiB), kMiB);
    EXPECT_EQ(router_.BodyLimit(Method::kPost, "/nowhere", kMiB), kMiB);
    EXPECT_EQ(router_.MaxBodyLimit(kMiB), 8 * kMiB);
    EXPECT_TRUE(router_.Validate());
    Router bad;
    bad.SetBodyLimit(Method::kPost, "/missing", kMiB);
    EXPECT_FALSE(bad.Validate());
}

TEST_F(HttpBodyLimitTest, JsonRouteKeepsTheDefaultLimit) {
    auto reply = Post("/api/v1/things", 2 * kMiB);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
    EXPECT_EQ(reply->Header("content-type"), "application/problem+json");
    EXPECT_NE(reply->body.find("1048576"), std::string::npos) << reply->body;
    auto fine = Post("/api/v1/things", 1000);
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 201);
}

TEST_F(HttpBodyLimitTest, UploadRouteAcceptsItsLargerLimit) {
    auto reply = Post("/api/v1/things/7/files", 5 * kMiB);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 201) << reply->body;
    EXPECT_EQ(reply->body, "{\"received\":" + std::to_string(5 * kMiB) + "}");
    // Above the route's own limit: 413 naming that limit, before the body is read.
    Client client(server_->port());
    ASSERT_TRUE(
        client.Send("POST /api/v1/things/7/files HTTP/1.1\r\nHost: t\r\n"
                    "Content-Length: 9000000\r\n\r\n"));
    auto refused = client.Read();
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 413);
    EXPECT_NE(refused->body.find(std::to_string(8 * kMiB)), std::string::npos) << refused->body;
}

TEST_F(HttpBodyLimitTest, ChunkedBodiesFollowTheRouteLimit) {
    std::string chunked;
    for (int i = 0; i < 3; ++i) {
        chunked += "80000\r\n" + std::string(0x80000, 'y') + "\r\n";  // 3 × 512 KiB
    }
    chunked += "0\r\n\r\n";
    const std::string head = " HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    {
        Client client(server_->port());
        auto reply = client.Exchange("POST /api/v1/things" + head + chunked);
        ASSERT_TRUE(reply);
        EXPECT_EQ(reply->status, 413);
    }
    Client client(server_->port());
    auto reply = client.Exchange("POST /api/v1/things/7/files" + head + chunked);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 201) << reply->body;
}

}  // namespace
}  // namespace motcua::http::testing
