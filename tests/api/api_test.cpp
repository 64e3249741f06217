// Black-box tests of /api/v1 through the router (the handlers the server runs): catalogue,
// sign-in and sessions, CSRF, bad input, concurrency, audit, OpenAPI.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/crypto.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::vector<std::string> Codes(const http::Response& r) {
    std::vector<std::string> codes;
    const json::value body = Body(r);
    for (const auto& item : body.at("items").as_array()) {
        codes.emplace_back(item.at("code").as_string().c_str());
    }
    return codes;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

class ApiTest : public ::testing::Test {
protected:
    ApiFixture api;
};

TEST(CryptoTest, DecodeBase64TakesPaddedStandardBase64AndDataUrls) {
    ASSERT_TRUE(app::InitCrypto().ok());
    EXPECT_EQ(app::DecodeBase64("TcOqbmggdGjhu6lj"), "Mênh thức");
    EXPECT_EQ(app::DecodeBase64("data:application/pdf;base64,JVBERi0xLjQ="), "%PDF-1.4");
    EXPECT_EQ(app::DecodeBase64("JVBE\r\nRi0x LjQ="), "%PDF-1.4");  // line breaks, spaces
    EXPECT_EQ(app::DecodeBase64(""), "");
    for (const char* bad :
         {"JVBERi0xLjQ", "JVBERi0xLjQ==", "JV*ERi0xLjQ=", "-_8=", "JVBERi0xLjQ=x"}) {
        EXPECT_FALSE(app::DecodeBase64(bad).has_value()) << bad;
    }
}

TEST_F(ApiTest, SearchFindsBirthRegistrationWithAndWithoutDiacritics) {
    for (const char* q : {"dang+ky+khai+sinh", "khai+sinh", "%C4%90%C4%83ng+k%C3%BD+khai+sinh"}) {
        // The fixture does not percent-decode: pass the decoded text for the UTF-8 case.
        std::string target = "/api/v1/procedures?limit=100&q=";
        target += std::string(q).find('%') == std::string::npos ? q : "Đăng+ký+khai+sinh";
        const auto r = api.Call(Method::kGet, target);
        ASSERT_EQ(r.status, 200) << r.body;
        EXPECT_TRUE(Contains(Codes(r), "1.001193")) << q;
    }
    // Decomposed (NFD) input: "Đăng ký" written with combining marks.
    const std::string nfd =
        "/api/v1/procedures?limit=100&q=\xC4\x90\x61\xCC\x86ng+ky\xCC\x81+khai+sinh";
    const auto r = api.Call(Method::kGet, nfd);
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Contains(Codes(r), "1.001193"));
    // Something that is not there.
    const auto none = api.Call(Method::kGet, "/api/v1/procedures?q=xyzzy+khong+co");
    ASSERT_EQ(none.status, 200);
    EXPECT_TRUE(Codes(none).empty());
    EXPECT_EQ(Body(none).at("total").as_int64(), 0);
}

TEST_F(ApiTest, SearchPagesWithACursor) {
    const auto first = api.Call(Method::kGet, "/api/v1/procedures?q=ho+tich&limit=5");
    ASSERT_EQ(first.status, 200);
    const auto body = Body(first);
    const std::int64_t total = body.at("total").as_int64();
    ASSERT_GT(total, 5);
    const std::string cursor = body.at("next_cursor").as_string().c_str();
    const auto second =
        api.Call(Method::kGet, "/api/v1/procedures?q=ho+tich&limit=5&cursor=" + cursor);
    ASSERT_EQ(second.status, 200);
    const auto a = Codes(first);
    const auto b = Codes(second);
    ASSERT_EQ(a.size(), 5U);
    ASSERT_FALSE(b.empty());
    EXPECT_LT(a.back(), b.front());  // ordered by code, no overlap
    EXPECT_EQ(Body(second).at("total").as_int64(), total);
}

TEST_F(ApiTest, BadQueryParametersAreProblems) {
    for (const char* target : {"/api/v1/procedures?limit=0", "/api/v1/procedures?limit=abc",
                               "/api/v1/procedures?limit=101"}) {
        const auto r = api.Call(Method::kGet, target);
        EXPECT_EQ(r.status, 400) << target;
        EXPECT_EQ(r.content_type, "application/problem+json");
        EXPECT_EQ(Body(r).at("title").as_string(), "Dữ liệu không hợp lệ");
    }
}

TEST_F(ApiTest, ProcedureDetailAndUnknownCodes) {
    const auto r = api.Call(Method::kGet, "/api/v1/procedures/1.001193");
    ASSERT_EQ(r.status, 200);
    const auto p = Body(r);
    EXPECT_EQ(p.at("name").as_string(), "Thủ tục đăng ký khai sinh");
    EXPECT_EQ(p.at("field").as_string(), "Hộ tịch");
    EXPECT_TRUE(p.as_object().contains("documents"));
    for (const char* code : {"9.999999", "abc", "1.0011930"}) {
        const auto missing = api.Call(Method::kGet, std::string("/api/v1/procedures/") + code);
        EXPECT_EQ(missing.status, 404) << code;
        EXPECT_EQ(missing.content_type, "application/problem+json");
    }
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserLookTheSame) {
    const auto wrong = api.Call(Method::kPost, "/api/v1/session",
                                R"({"username":"quantri","password":"sai mat khau"})");
    const auto unknown = api.Call(Method::kPost, "/api/v1/session",
                                  R"({"username":"khongco","password":"sai mat khau"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(Body(wrong).at("detail"), Body(unknown).at("detail"));
    EXPECT_TRUE(SessionCookieOf(wrong).empty());
    // Both attempts are in the audit log.
    EXPECT_GE(api.Count("audit_log WHERE action = 'session.sign_in_failed'"), 2);
}

TEST_F(ApiTest, AccountLocksAfterFiveFailuresAndUnlocksLater) {
    for (int i = 0; i < 5; ++i) {
        const auto r = api.Call(Method::kPost, "/api/v1/session",
                                R"({"username":"lanhdao","password":"sai mat khau"})", nullptr,
                                true, "application/json", "192.0.2." + std::to_string(30 + i));
        EXPECT_EQ(r.status, 401);
    }
    // Right password, still locked.
    const auto locked = api.Call(Method::kPost, "/api/v1/session",
                                 R"({"username":"lanhdao","password":"MotCua@2026"})");
    EXPECT_EQ(locked.status, 429);
    EXPECT_NE(Body(locked).at("detail").as_string().find("tạm khóa"), std::string::npos);
    api.clock().Advance(std::chrono::minutes{16});
    api.SignIn("lanhdao");
}

TEST_F(ApiTest, OneAddressIsThrottledAcrossUsernames) {
    for (int i = 0; i < 20; ++i) {
        const auto r =
            api.Call(Method::kPost, "/api/v1/session",
                     R"({"username":"nguoi)" + std::to_string(i) + R"(","password":"x"})", nullptr,
                     true, "application/json", "198.51.100.7");
        EXPECT_EQ(r.status, 401);
    }
    const auto throttled = api.Call(Method::kPost, "/api/v1/session",
                                    R"({"username":"quantri","password":"MotCua@2026"})", nullptr,
                                    true, "application/json", "198.51.100.7");
    EXPECT_EQ(throttled.status, 429);
    // Another address is not affected.
    api.SignIn("quantri");
}

TEST_F(ApiTest, SessionCookieIsHttpOnlyAndLax) {
    const auto r = api.Call(Method::kPost, "/api/v1/session",
                            R"({"username":"quantri","password":"MotCua@2026"})");
    ASSERT_EQ(r.status, 201);
    std::string cookie;
    for (const auto& [name, value] : r.headers) {
        if (name == "Set-Cookie") {
            cookie = value;
        }
    }
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_NE(cookie.find("Path=/"), std::string::npos);
    EXPECT_EQ(Body(r).at("user").as_object().count("password_hash"), 0U);
}

TEST_F(ApiTest, SessionLifecycleAndCsrf) {
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session").status, 401);
    const Browser b = api.SignIn("quantri");
    const auto me = api.Call(Method::kGet, "/api/v1/session", {}, &b);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(Body(me).at("user").at("username"), "quantri");
    // Sign-out without the CSRF token is refused and the session lives on.
    EXPECT_EQ(api.Call(Method::kDelete, "/api/v1/session", {}, &b, false).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &b).status, 200);
    Browser wrong = b;
    wrong.csrf = "not-the-token";
    EXPECT_EQ(api.Call(Method::kDelete, "/api/v1/session", {}, &wrong).status, 403);
    EXPECT_EQ(api.Call(Method::kDelete, "/api/v1/session", {}, &b).status, 204);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &b).status, 401);
}

TEST_F(ApiTest, IdleSessionsExpire) {
    const Browser b = api.SignIn("quantri");
    api.clock().Advance(std::chrono::minutes{20});
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &b).status, 200);  // renews
    api.clock().Advance(std::chrono::minutes{20});
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &b).status, 200);
    api.clock().Advance(std::chrono::minutes{31});
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &b).status, 401);
}

TEST_F(ApiTest, CrossSiteSignInIsRefused) {
    http::Request request;
    request.method = Method::kPost;
    request.target = request.path = "/api/v1/session";
    request.body = R"({"username":"quantri","password":"MotCua@2026"})";
    request.headers.emplace("content-type", "application/json");
    request.headers.emplace("host", "127.0.0.1:8080");
    request.headers.emplace("origin", "https://evil.example");
    EXPECT_EQ(api.router().Dispatch(request).status, 403);
}

TEST_F(ApiTest, PasswordChangeEndsOtherSessions) {
    const Browser first = api.SignIn("kiemsoat");
    const Browser second = api.SignIn("kiemsoat");
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/session/password",
                 R"({"current_password":"sai","new_password":"Mot mat khau moi 2026"})", &first)
            .status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/session/password",
                 R"({"current_password":"MotCua@2026","new_password":"1234567890123"})", &first)
            .status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/session/password",
                 R"({"current_password":"MotCua@2026","new_password":"Mot mat khau moi 2026"})",
                 &first)
            .status,
        204);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &first).status, 200);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/session", {}, &second).status, 401);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/session",
                       R"({"username":"kiemsoat","password":"MotCua@2026"})")
                  .status,
              401);
    api.SignIn("kiemsoat", "Mot mat khau moi 2026");
}

TEST_F(ApiTest, ApiTokensAuthenticateWithoutCookies) {
    const Browser b = api.SignIn("chuyenvien");
    const auto issued = api.Call(Method::kPost, "/api/v1/tokens", R"({"name":"Tích hợp thử"})", &b);
    ASSERT_EQ(issued.status, 201) << issued.body;
    const std::string token = Body(issued).at("token").as_string().c_str();
    const auto me = api.CallWithToken(Method::kGet, "/api/v1/session", token);
    // A token has no session: GET /session reports the user but no CSRF is needed for writes.
    EXPECT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(api.CallWithToken(Method::kGet, "/api/v1/session", "mc_wrong").status, 401);
    // The secret is stored only as a hash.
    // The secret is stored only as its SHA-256, never in clear.
    EXPECT_EQ(api.Count("api_tokens WHERE token_hash = '" + token + "'"), 0);
    EXPECT_EQ(api.Count("api_tokens WHERE token_hash = '" + app::Sha256Hex(token) + "'"), 1);
    const Browser citizen = api.SignIn("congdan");
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/tokens", R"({"name":"x"})", &citizen).status, 403);
}

TEST_F(ApiTest, BadBodiesAreClearErrorsAndWriteNothing) {
    const Browser b = api.SignIn("kiemsoat");
    const std::int64_t procedures = api.Count("procedures");
    const std::int64_t audits = api.Count("audit_log");
    const std::string good =
        R"({"code":"2.999001","name":"Thủ tục thử nghiệm","field":"Hộ tịch","levels":["commune"],)"
        R"("processing_time":{"amount":3,"unit":"working_days"},"effective_from":"2026-12-01"})";
    struct Case {
        std::string body;
        std::string content_type;
    };
    const std::vector<Case> cases = {
        {"{not json", "application/json"},
        {"[1,2,3]", "application/json"},
        {R"({"code":"2.999001","name":"x","field":"y","effective_from":"2026-12-01","color":"red"})",
         "application/json"},
        {R"({"code":2999001,"name":"x","field":"y","effective_from":"2026-12-01"})",
         "application/json"},
        {R"({"code":"2.999001","name":"x","field":"y","effective_from":"2026-02-30"})",
         "application/json"},
        {R"({"code":"2.999001","name":"x","field":"y","effective_from":"2026-12-01","processing_time":{"amount":-1,"unit":"working_days"}})",
         "application/json"},
        {"{\"code\":\"2.999001\",\"name\":\"\xC3\x28\",\"field\":\"y\",\"effective_from\":\"2026-"
         "12-01\"}",
         "application/json"},
        {R"({"code":"bad","name":"x","field":"y","effective_from":"2026-12-01"})",
         "application/json"},
        {good, "text/plain"},
    };
    for (const Case& c : cases) {
        const auto r =
            api.Call(Method::kPost, "/api/v1/procedures", c.body, &b, true, c.content_type);
        EXPECT_EQ(r.status, 400) << c.body << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
    }
    EXPECT_EQ(api.Count("procedures"), procedures);
    EXPECT_EQ(api.Count("audit_log"), audits);
    // The good one works and is audited; submitting it twice is a conflict.
    const auto created = api.Call(Method::kPost, "/api/v1/procedures", good, &b);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(api.Count("procedures"), procedures + 1);
    EXPECT_EQ(api.Count("audit_log WHERE action = 'procedure.create'"), 1);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/procedures", good, &b).status, 409);
    EXPECT_EQ(api.Count("procedures"), procedures + 1);
}

TEST_F(ApiTest, ConcurrentEditsConflict) {
    const Browser b = api.SignIn("kiemsoat");
    const auto current = Body(api.Call(Method::kGet, "/api/v1/procedures/1.001193"));
    json::object edit = current.as_object();
    edit.erase("source_url");
    edit["source_url"] = current.at("source_url");
    edit["name"] = "Thủ tục đăng ký khai sinh (sửa lần 1)";
    const auto first =
        api.Call(Method::kPut, "/api/v1/procedures/1.001193", json::serialize(edit), &b);
    ASSERT_EQ(first.status, 200) << first.body;
    edit["name"] = "Thủ tục đăng ký khai sinh (sửa lần 2, từ bản cũ)";
    const auto second =
        api.Call(Method::kPut, "/api/v1/procedures/1.001193", json::serialize(edit), &b);
    EXPECT_EQ(second.status, 409) << second.body;
    EXPECT_EQ(Body(api.Call(Method::kGet, "/api/v1/procedures/1.001193")).at("name"),
              "Thủ tục đăng ký khai sinh (sửa lần 1)");
}

TEST_F(ApiTest, UnitChangesAreAuditedWithWhoWhenAndWhere) {
    const Browser b = api.SignIn("quantri");
    const std::string body = R"({"code":"46.SOTEST","type":"agency","name":"Sở Thử nghiệm",)"
                             R"("parent_id":)" +
                             std::to_string(api.UnitId("46")) + R"(,"valid_from":"2026-12-01"})";
    const auto created = api.Call(Method::kPost, "/api/v1/units", body, &b);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/units", body, &b).status, 409);
    const auto log = api.Call(Method::kGet, "/api/v1/audit?entity=unit", {}, &b);
    ASSERT_EQ(log.status, 200);
    const json::value log_body = Body(log);
    const auto& items = log_body.at("items").as_array();
    ASSERT_FALSE(items.empty());
    const auto& latest = items.front();
    EXPECT_EQ(latest.at("action"), "unit.create");
    EXPECT_EQ(latest.at("actor_name"), "quantri");
    EXPECT_EQ(latest.at("ip"), "192.0.2.10");
    EXPECT_EQ(latest.at("detail").at("code"), "46.SOTEST");
}

TEST_F(ApiTest, OpenApiDescribesEveryRoute) {
    const auto r = api.Call(Method::kGet, "/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200);
    const auto doc = Body(r);
    EXPECT_EQ(doc.at("openapi"), "3.0.3");
    const auto& paths = doc.at("paths").as_object();
    for (const http::RouteEntry& route : api.router().Routes()) {
        ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
        std::string method(http::MethodName(route.method));
        for (auto& c : method) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const auto& item = paths.at(route.pattern).as_object();
        ASSERT_TRUE(item.contains(method)) << method << " " << route.pattern;
        EXPECT_FALSE(item.at(method).at("summary").as_string().empty()) << route.pattern;
    }
}

TEST_F(ApiTest, UnitTreeExportsAndImportsAsCsv) {
    const auto exported = api.Call(Method::kGet, "/api/v1/export/units");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.body.rfind("code,type,name,parent_code,valid_from,valid_to\n", 0), 0U);
    EXPECT_NE(exported.body.find("\n19753,commune,Phường Phú Xuân,46,2025-07-01,\n"),
              std::string::npos);
    const Browser b = api.SignIn("quantri");
    // Re-importing the export changes nothing.
    const auto same =
        api.Call(Method::kPost, "/api/v1/import/units", exported.body, &b, true, "text/csv");
    ASSERT_EQ(same.status, 201) << same.body;
    EXPECT_EQ(Body(same).at("created").as_int64(), 0);
    EXPECT_EQ(Body(same).at("unchanged").as_int64(), api.Count("units"));
    // A file with one bad row writes nothing and names the row.
    const std::int64_t units = api.Count("units");
    const std::string bad =
        "code,type,name,parent_code,valid_from,valid_to\n"
        "19753.TOA,agency,Tổ A,19753,2026-12-01,\n"
        "19753.TOB,agency,Tổ B,KHONGCO,2026-12-01,\n";
    const auto refused = api.Call(Method::kPost, "/api/v1/import/units", bad, &b, true, "text/csv");
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(Body(refused).at("detail").as_string().find("dòng 3"), std::string::npos)
        << refused.body;
    EXPECT_EQ(api.Count("units"), units);
    // A dry run reports and writes nothing; the real run creates parent and child in order.
    const std::string good =
        "code,type,name,parent_code,valid_from,valid_to\n"
        "19753.TOA,agency,Tổ A,19753,2026-12-01,\n"
        "19753.TOB,agency,Tổ B,19753.TOA,2026-12-01,\n";
    const auto dry =
        api.Call(Method::kPost, "/api/v1/import/units?dry_run=1", good, &b, true, "text/csv");
    ASSERT_EQ(dry.status, 200) << dry.body;
    EXPECT_EQ(Body(dry).at("created").as_int64(), 2);
    EXPECT_EQ(api.Count("units"), units);
    const auto real = api.Call(Method::kPost, "/api/v1/import/units", good, &b, true, "text/csv");
    ASSERT_EQ(real.status, 201) << real.body;
    EXPECT_EQ(api.Count("units"), units + 2);
    // JSON is not accepted where CSV is expected.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/import/units", "{}", &b).status, 400);
}

TEST_F(ApiTest, CatalogueExportsAndImportsAsJsonLines) {
    const auto exported = api.Call(Method::kGet, "/api/v1/export/procedures");
    ASSERT_EQ(exported.status, 200);
    const auto lines = std::count(exported.body.begin(), exported.body.end(), '\n');
    EXPECT_EQ(lines, api.Count("procedures"));
    const Browser b = api.SignIn("kiemsoat");
    const auto same = api.Call(Method::kPost, "/api/v1/import/procedures", exported.body, &b, true,
                               "application/x-ndjson");
    ASSERT_EQ(same.status, 201) << same.body.substr(0, 500);
    EXPECT_EQ(Body(same).at("unchanged").as_int64(), lines);
    EXPECT_EQ(Body(same).at("created").as_int64(), 0);
    const std::string one =
        R"({"code":"2.997001","name":"Thủ tục nhập thử","field":"Hộ tịch","levels":["commune"],)"
        R"("processing_milli":5000,"time_unit":"working_days","effective_from":"2026-12-01"})"
        "\n";
    const auto created =
        api.Call(Method::kPost, "/api/v1/import/procedures", one, &b, true, "application/x-ndjson");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(Body(created).at("created").as_int64(), 1);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/procedures/2.997001").status, 404);  // from 1/12
    const auto broken = api.Call(Method::kPost, "/api/v1/import/procedures", "{\"code\":", &b, true,
                                 "application/x-ndjson");
    EXPECT_EQ(broken.status, 400);
}

TEST_F(ApiTest, UnitTreeRoundTripsAsJson) {
    const auto exported = api.Call(Method::kGet, "/api/v1/export/units?format=json");
    ASSERT_EQ(exported.status, 200);
    const json::value tree = Body(exported);
    ASSERT_EQ(static_cast<std::int64_t>(tree.at("items").as_array().size()), api.Count("units"));
    EXPECT_EQ(tree.at("items").as_array().front().at("code"), "46");
    const Browser b = api.SignIn("quantri");
    const auto same = api.Call(Method::kPost, "/api/v1/import/units", exported.body, &b);
    ASSERT_EQ(same.status, 201) << same.body.substr(0, 300);
    EXPECT_EQ(Body(same).at("unchanged").as_int64(), api.Count("units"));
    const std::string one =
        R"({"items":[{"code":"19753.TOC","type":"agency","name":"Tổ C","parent_code":"19753",)"
        R"("valid_from":"2026-12-01"}]})";
    const auto created = api.Call(Method::kPost, "/api/v1/import/units", one, &b);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(Body(created).at("created").as_int64(), 1);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/units/19753.TOC").status, 200);
    const auto wrong = api.Call(Method::kPost, "/api/v1/import/units",
                                R"({"items":[{"code":"X","colour":"red"}]})", &b);
    EXPECT_EQ(wrong.status, 400);
}

TEST_F(ApiTest, CatalogueExportsAndImportsAsCsv) {
    const auto exported = api.Call(Method::kGet, "/api/v1/export/procedures?format=csv");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.content_type, "text/csv; charset=utf-8");
    EXPECT_NE(exported.body.find("\n1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,commune,"),
              std::string::npos);
    const Browser b = api.SignIn("kiemsoat");
    const std::string csv =
        "code,name,field,levels,implementing_units,processing_time,time_unit,fees,fee_amount,"
        "online_level,legal_basis,publication_decision,source_url,effective_from,effective_to\n"
        "2.996001,\"Thủ tục thử, bản CSV\",Hộ tịch,commune;province,UBND xã,1.5,working_days,"
        "Không,0,partial,,,,2026-11-01,\n";
    const auto created =
        api.Call(Method::kPost, "/api/v1/import/procedures", csv, &b, true, "text/csv");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto p = Body(api.Call(Method::kGet, "/api/v1/procedures/2.996001"));
    EXPECT_EQ(p.at("name"), "Thủ tục thử, bản CSV");
    EXPECT_EQ(p.at("processing_time").at("amount").as_double(), 1.5);
    const auto bad = api.Call(Method::kPost, "/api/v1/import/procedures", "code,name\n1.000001,x\n",
                              &b, true, "text/csv");
    EXPECT_EQ(bad.status, 400);
}

TEST_F(ApiTest, MalformedSignInAndTokenBodiesAreRefused) {
    for (const char* body :
         {"", "{", R"({"username":"quantri"})", R"({"username":"quantri","password":5})",
          R"({"username":"quantri","password":"MotCua@2026","remember":true})"}) {
        const auto r = api.Call(Method::kPost, "/api/v1/session", body);
        EXPECT_EQ(r.status, 400) << body << " → " << r.body;
        EXPECT_TRUE(SessionCookieOf(r).empty());
    }
    const Browser b = api.SignIn("chuyenvien");
    const std::int64_t tokens = api.Count("api_tokens");
    for (const char* body : {R"({"name":""})", R"({"name":7})", R"({"name":"x","scope":"all"})"}) {
        EXPECT_EQ(api.Call(Method::kPost, "/api/v1/tokens", body, &b).status, 400) << body;
    }
    EXPECT_EQ(api.Count("api_tokens"), tokens);
}

}  // namespace
}  // namespace motcua::testing
