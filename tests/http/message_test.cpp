#include "http/message.hpp"

#include <gtest/gtest.h>

#include "http/builtin.hpp"
#include "http/multipart.hpp"
#include "http/uri.hpp"

namespace motcua::http {
namespace {

TEST(MessageTest, MethodNames) {
    for (Method method : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                          Method::kDelete, Method::kOptions}) {
        EXPECT_EQ(ParseMethod(MethodName(method)), method);
    }
    EXPECT_EQ(MethodName(Method::kOther), "OTHER");
    EXPECT_EQ(ParseMethod("get"), Method::kOther);
    EXPECT_EQ(ParseMethod("BREW"), Method::kOther);
}

TEST(MessageTest, HeaderQueryCookie) {
    Request request;
    request.headers.emplace("x-a", "1");
    request.headers.emplace("cookie", "theme=dark; session=\"abc==\"; empty=");
    request.query.emplace("q", "khai sinh");
    request.query.emplace("flag", "");
    EXPECT_EQ(request.Header("x-a"), "1");
    EXPECT_FALSE(request.Header("x-b").has_value());
    EXPECT_EQ(request.Query("q"), "khai sinh");
    EXPECT_EQ(request.Query("flag"), "");
    EXPECT_FALSE(request.Query("nope").has_value());
    EXPECT_EQ(request.Cookie("session"), "abc==");
    EXPECT_EQ(request.Cookie("theme"), "dark");
    EXPECT_EQ(request.Cookie("empty"), "");
    EXPECT_FALSE(request.Cookie("sess").has_value());

    Response response;
    response.AddHeader("Set-Cookie", "a=1");
    EXPECT_EQ(response.Header("set-cookie"), "a=1");
    EXPECT_FALSE(response.Header("location").has_value());
}

TEST(MessageTest, PublicOriginPrefersTheConfiguredOneAndRefusesOddHosts) {
    Request request;
    EXPECT_EQ(request.PublicOrigin(""), "");  // no Host: no absolute link
    EXPECT_EQ(request.PublicOrigin("https://dichvucong.example/"), "https://dichvucong.example");
    request.headers.emplace("host", "10.0.0.5:8080");
    EXPECT_EQ(request.PublicOrigin(""), "http://10.0.0.5:8080");
    EXPECT_EQ(request.PublicOrigin("https://dichvucong.example"), "https://dichvucong.example");
    request.tls = true;
    EXPECT_EQ(request.PublicOrigin(""), "https://10.0.0.5:8080");
    for (const char* forged : {"evil.example\"><script>", "a b", "x/y", "h@evil.example"}) {
        Request odd;
        odd.headers.emplace("host", forged);
        EXPECT_EQ(odd.PublicOrigin(""), "") << forged;
    }
    Request long_host;
    long_host.headers.emplace("host", std::string(256, 'a'));
    EXPECT_EQ(long_host.PublicOrigin(""), "");
}

TEST(MultipartTest, PartsWithNamesFilesAndTypes) {
    const std::string type = "Multipart/Form-Data; boundary=\"XyZ\"";
    EXPECT_TRUE(IsMultipartFormData(type));
    EXPECT_FALSE(IsMultipartFormData("application/x-www-form-urlencoded"));
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nĐường\r\nhỏng\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a \\\"b\\\".pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n";
    auto parts = ParseMultipart(type, body);
    ASSERT_TRUE(parts.ok()) << parts.error().message;
    ASSERT_EQ(parts->size(), 2U);
    EXPECT_EQ((*parts)[0].name, "title");
    EXPECT_FALSE((*parts)[0].file_name.has_value());
    EXPECT_EQ((*parts)[0].content, "Đường\r\nhỏng");
    EXPECT_EQ((*parts)[1].file_name, "a \"b\".pdf");
    EXPECT_EQ((*parts)[1].content_type, "application/pdf");
    EXPECT_EQ((*parts)[1].content, "%PDF-1.4");
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
    const std::string type = "multipart/form-data; boundary=Q";
    const std::string part = "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--Q";
    EXPECT_TRUE(ParseMultipart(type, "--Q" + part + "--").ok());
    for (const std::string& bad :
         {std::string("--Q") + part,         // no close delimiter
          std::string("--R") + part + "--",  // another boundary
          std::string("--Q\r\nContent-Disposition: form-data\r\n\r\nv\r\n--Q--"),  // unnamed
          std::string("--Q\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--Q--"),
          std::string("--Q\r\nno colon here\r\n\r\nv\r\n--Q--"), std::string()}) {
        auto parts = ParseMultipart(type, bad);
        ASSERT_FALSE(parts.ok()) << bad;
        EXPECT_NE(parts.error().message.find("multipart/form-data"), std::string::npos);
    }
    EXPECT_FALSE(ParseMultipart("multipart/form-data", "--Q" + part + "--").ok());  // no boundary
    EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=" + std::string(71, 'b'),
                                "--" + std::string(71, 'b') + "--")
                     .ok());
    std::string many = "--Q";
    for (std::size_t i = 0; i <= kMaxFormParts; ++i) {
        many += part;
    }
    EXPECT_FALSE(ParseMultipart(type, many + "--").ok());  // one part too many
}

TEST(UriTest, PercentDecode) {
    EXPECT_EQ(PercentDecode("a%20b%2Fc"), "a b/c");
    EXPECT_EQ(PercentDecode("%C4%90%c4%83ng"), "Đăng");
    EXPECT_EQ(PercentDecode("a+b"), "a+b");
    EXPECT_FALSE(PercentDecode("%").has_value());
    EXPECT_FALSE(PercentDecode("%4").has_value());
    EXPECT_FALSE(PercentDecode("%4g").has_value());
    EXPECT_FALSE(PercentDecode("ab%").has_value());
}

TEST(UriTest, Utf8Validation) {
    EXPECT_TRUE(IsValidUtf8Text("Đăng ký khai sinh – Hà Nội 😀"));
    EXPECT_TRUE(IsValidUtf8Text("dòng 1\ndòng 2\t"));
    EXPECT_FALSE(IsValidPathText("a\nb"));
    EXPECT_TRUE(IsValidPathText("/api/v1/thủ-tục"));
    EXPECT_FALSE(IsValidUtf8Text(std::string_view("a\0b", 3)));
    EXPECT_FALSE(IsValidUtf8Text("\x7F"));
    EXPECT_FALSE(IsValidUtf8Text("\xC3"));              // truncated
    EXPECT_FALSE(IsValidUtf8Text("\xC3\x28"));          // bad continuation
    EXPECT_FALSE(IsValidUtf8Text("\xC0\xAF"));          // overlong "/"
    EXPECT_FALSE(IsValidUtf8Text("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(IsValidUtf8Text("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(IsValidUtf8Text("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(IsValidUtf8Text("\xFF"));
}

TEST(BuiltinRoutesTest, HealthzAndMetrics) {
    Metrics metrics;
    bool healthy = true;
    Router router;
    RegisterBuiltinRoutes(router, metrics, [&healthy]() -> base::Status {
        if (healthy) {
            return {};
        }
        return base::Internal("database: connection refused");
    });
    ASSERT_TRUE(router.Validate().ok());
    Request request;
    request.target = "/healthz";
    Response ok = router.Dispatch(request);
    EXPECT_EQ(ok.status, 200);
    EXPECT_EQ(ok.body, R"({"status":"ok"})");
    healthy = false;
    Response failing = router.Dispatch(request);
    EXPECT_EQ(failing.status, 503);
    EXPECT_EQ(failing.body, R"({"status":"unavailable","detail":"database: connection refused"})");

    metrics.CountError("io");
    request.target = "/metrics";
    Response text = router.Dispatch(request);
    EXPECT_EQ(text.status, 200);
    EXPECT_EQ(text.content_type, "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(text.body.find("motcua_http_errors_total{kind=\"io\"} 1"), std::string::npos);

    std::vector<RouteEntry> routes = router.Routes();
    ASSERT_EQ(routes.size(), 2u);
    for (const RouteEntry& route : routes) {
        EXPECT_FALSE(route.info.summary.empty()) << route.pattern;
        EXPECT_EQ(route.info.auth, "public");
    }
}

TEST(BuiltinRoutesTest, ThrowingHealthCheckIsUnavailable) {
    Metrics metrics;
    Router router;
    RegisterBuiltinRoutes(router, metrics,
                          []() -> base::Status { throw std::runtime_error("boom"); });
    Request request;
    request.target = "/healthz";
    EXPECT_EQ(router.Dispatch(request).status, 503);
}

}  // namespace
}  // namespace motcua::http
