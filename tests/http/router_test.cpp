#include "http/router.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "http/problem.hpp"

namespace motcua::http {
namespace {

Handler Reply(std::string text) {
    return [text = std::move(text)](const Request& request) {
        Response response;
        response.content_type = "text/plain";
        response.body = text;
        for (const auto& [name, value] : request.path_params) {
            response.body.append(" ").append(name).append("=").append(value);
        }
        return response;
    };
}

Request Get(std::string target, Method method = Method::kGet) {
    Request request;
    request.method = method;
    request.target = std::move(target);
    return request;
}

class RouterTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.Add(Method::kGet, "/api/v1/procedures", Reply("list"));
        router_.Add(Method::kPost, "/api/v1/procedures", Reply("create"));
        router_.Add(Method::kGet, "/api/v1/procedures/{code}", Reply("one"));
        router_.Add(Method::kGet, "/api/v1/procedures/search", Reply("search"));
        router_.Add(Method::kPut, "/api/v1/procedures/{code}", Reply("update"));
        router_.Add(Method::kGet, "/api/v1/units/{unit}/procedures/{code}", Reply("unit-one"));
        router_.Add(Method::kGet, "/", Reply("root"));
        ASSERT_TRUE(router_.Validate().ok());
    }
    Router router_;
};

TEST_F(RouterTest, LiteralRoute) {
    RouteMatch match = router_.Match(Method::kGet, "/api/v1/procedures");
    ASSERT_EQ(match.kind, MatchKind::kFound);
    EXPECT_EQ(match.pattern, "/api/v1/procedures");
    EXPECT_TRUE(match.params.empty());
    EXPECT_EQ(router_.Dispatch(Get("/api/v1/procedures")).body, "list");
    EXPECT_EQ(router_.Dispatch(Get("/api/v1/procedures", Method::kPost)).body, "create");
    EXPECT_EQ(router_.Dispatch(Get("/")).body, "root");
}

TEST_F(RouterTest, ParameterIsCapturedAndDecoded) {
    RouteMatch match = router_.Match(Method::kGet, "/api/v1/procedures/1.001234");
    ASSERT_EQ(match.kind, MatchKind::kFound);
    EXPECT_EQ(match.pattern, "/api/v1/procedures/{code}");
    EXPECT_EQ(match.params.at("code"), "1.001234");

    // Vietnamese UTF-8, percent-encoded; "%2F" stays inside the segment.
    match = router_.Match(Method::kGet, "/api/v1/procedures/%C4%90%C4%83ng%20k%C3%BD%2Fa");
    ASSERT_EQ(match.kind, MatchKind::kFound);
    EXPECT_EQ(match.params.at("code"), "Đăng ký/a");

    match = router_.Match(Method::kGet, "/api/v1/units/H%C3%A0%20N%E1%BB%99i/procedures/2.1");
    ASSERT_EQ(match.kind, MatchKind::kFound);
    EXPECT_EQ(match.params.at("unit"), "Hà Nội");
    EXPECT_EQ(match.params.at("code"), "2.1");
    EXPECT_EQ(router_.Dispatch(Get("/api/v1/units/7/procedures/9")).body, "unit-one code=9 unit=7");
}

TEST_F(RouterTest, LiteralBeatsParameter) {
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/search").pattern,
              "/api/v1/procedures/search");
    // Registration order does not matter: the literal wins in the other order too.
    Router other;
    other.Add(Method::kGet, "/a/search", Reply("literal"));
    other.Add(Method::kGet, "/a/{x}", Reply("param"));
    EXPECT_EQ(other.Dispatch(Get("/a/search")).body, "literal");
    EXPECT_EQ(other.Dispatch(Get("/a/other")).body, "param x=other");
}

TEST_F(RouterTest, NotFound) {
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/nothing").kind, MatchKind::kNotFound);
    // A trailing slash is significant; an empty segment never fills a parameter.
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/").kind, MatchKind::kNotFound);
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/a/b").kind, MatchKind::kNotFound);
    Response response = router_.Dispatch(Get("/api/v1/nothing"));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.content_type, "application/problem+json");
    EXPECT_NE(response.body.find("Không tìm thấy"), std::string::npos);
}

TEST_F(RouterTest, MethodNotAllowedListsAllowedMethods) {
    RouteMatch match = router_.Match(Method::kDelete, "/api/v1/procedures/x");
    ASSERT_EQ(match.kind, MatchKind::kMethodNotAllowed);
    EXPECT_EQ(match.allow, "GET, HEAD, PUT");
    Response response = router_.Dispatch(Get("/api/v1/procedures", Method::kPatch));
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.Header("allow"), "GET, HEAD, POST");
    EXPECT_EQ(router_.Match(Method::kOther, "/api/v1/procedures").kind,
              MatchKind::kMethodNotAllowed);
}

TEST_F(RouterTest, HeadUsesGetRouteWithoutBody) {
    RouteMatch match = router_.Match(Method::kHead, "/api/v1/procedures/x");
    ASSERT_EQ(match.kind, MatchKind::kFound);
    EXPECT_EQ(match.pattern, "/api/v1/procedures/{code}");
    Response response = router_.Dispatch(Get("/api/v1/procedures/x", Method::kHead));
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(response.body.empty());
}

TEST_F(RouterTest, BadPaths) {
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/%zz").kind, MatchKind::kBadPath);
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/%C3").kind, MatchKind::kBadPath);
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/%C3%28").kind, MatchKind::kBadPath);
    EXPECT_EQ(router_.Match(Method::kGet, "/api/v1/procedures/a%00b").kind, MatchKind::kBadPath);
    EXPECT_EQ(router_.Match(Method::kGet, "api/v1").kind, MatchKind::kBadPath);
    EXPECT_EQ(router_.Dispatch(Get("/api/v1/procedures/%FF")).status, 400);
}

TEST_F(RouterTest, DispatchUsesDecodedPathWhenTargetIsEmpty) {
    Request request;
    request.path = "/api/v1/procedures/a%b";
    EXPECT_EQ(router_.Dispatch(request).body, "one code=a%b");
}

TEST_F(RouterTest, QueryStringIsIgnoredForMatching) {
    EXPECT_EQ(router_.Dispatch(Get("/api/v1/procedures?q=khai+sinh")).body, "list");
}

TEST(RouterExecutionTest, ExecutionModeIsRecorded) {
    Router router;
    router.Add(Method::kGet, "/pool", [](const Request&) { return Response{}; });
    router.Add(
        Method::kGet, "/inline", [](const Request&) { return Response{}; }, {}, Execution::kInline);
    EXPECT_EQ(router.Match(Method::kGet, "/pool").execution, Execution::kWorkerPool);
    EXPECT_EQ(router.Match(Method::kGet, "/inline").execution, Execution::kInline);
    EXPECT_EQ(router.Routes()[1].execution, Execution::kInline);
}

TEST_F(RouterTest, RoutesListsEveryRouteInOrder) {
    std::vector<RouteEntry> routes = router_.Routes();
    ASSERT_EQ(routes.size(), 7u);
    EXPECT_EQ(routes[0].method, Method::kGet);
    EXPECT_EQ(routes[0].pattern, "/api/v1/procedures");
    EXPECT_EQ(routes[4].method, Method::kPut);
    EXPECT_EQ(routes[4].pattern, "/api/v1/procedures/{code}");
}

TEST(RouterValidateTest, WiringErrorsAreReported) {
    auto bad = [](Method method, std::string_view pattern) {
        Router router;
        router.Add(method, pattern, [](const Request&) { return Response{}; });
        return router.Validate();
    };
    EXPECT_TRUE(bad(Method::kGet, "/ok/{id}").ok());
    EXPECT_FALSE(bad(Method::kGet, "no-slash").ok());
    EXPECT_FALSE(bad(Method::kGet, "").ok());
    EXPECT_FALSE(bad(Method::kGet, "/a/{}").ok());
    EXPECT_FALSE(bad(Method::kGet, "/a/{1x}").ok());
    EXPECT_FALSE(bad(Method::kGet, "/a/x{y}").ok());
    EXPECT_FALSE(bad(Method::kGet, "/a/{id}/{id}").ok());
    EXPECT_FALSE(bad(Method::kOther, "/a").ok());

    Router router;
    router.Add(Method::kGet, "/a/{x}", [](const Request&) { return Response{}; });
    router.Add(Method::kGet, "/a/{y}", [](const Request&) { return Response{}; });
    router.Add(Method::kGet, "/b", Handler());
    base::Status status = router.Validate();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(status.error().message.find("/a/{y}"), std::string::npos);
    EXPECT_EQ(router.Routes().size(), 1u);  // the bad ones were not added
}

TEST(RouterInvokeTest, ExceptionsBecome500Problems) {
    Router router;
    router.Add(Method::kGet, "/boom", [](const Request&) -> Response {
        throw std::runtime_error("secret database password");
    });
    router.Add(Method::kGet, "/int", [](const Request&) -> Response { throw 42; });
    for (const char* target : {"/boom", "/int"}) {
        Response response = router.Dispatch(Get(target));
        EXPECT_EQ(response.status, 500);
        EXPECT_EQ(response.content_type, "application/problem+json");
        EXPECT_EQ(response.body.find("secret"), std::string::npos);
    }
}

TEST(RouterFastPathTest, FastPathAnswersFirstAndFallsBackToTheHandler) {
    Router router;
    int handler_calls = 0;
    router.Add(
        Method::kGet, "/cached/{key}",
        [&](const Request& req) {
            ++handler_calls;
            Response r;
            r.body = "handler:" + req.path_params.at("key");
            return r;
        },
        {}, Execution::kWorkerPool,
        [](const Request& req) -> std::optional<Response> {
            if (req.path_params.at("key") != "hot") {
                return std::nullopt;
            }
            Response r;
            r.body = "fast";
            return r;
        });
    Request hot;
    hot.target = hot.path = "/cached/hot";
    EXPECT_EQ(router.Dispatch(hot).body, "fast");
    EXPECT_EQ(handler_calls, 0);
    Request cold;
    cold.target = cold.path = "/cached/cold";
    EXPECT_EQ(router.Dispatch(cold).body, "handler:cold");
    EXPECT_EQ(handler_calls, 1);
    Request head = hot;
    head.method = Method::kHead;
    EXPECT_TRUE(router.Dispatch(head).body.empty());
}

}  // namespace
}  // namespace motcua::http
