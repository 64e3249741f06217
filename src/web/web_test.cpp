// Unit tests of the web module (label web): the view-model and rendering layer without a store,
// then the page routes dispatched in-process over a fresh SQLite database with the demo data.

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "app/context.hpp"
#include "app/crypto.hpp"
#include "app/seed.hpp"
#include "base/clock.hpp"
#include "calendar/instant.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "text/unicode.hpp"
#include "web/assets.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"
#include "web/views.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web {
namespace {

using http::Method;
using webtest::WebRoutes;

domain::Procedure SampleProcedure() {
    domain::Procedure p;
    p.code = "1.001193";
    p.name = "Thủ tục đăng ký khai sinh";
    p.field = "Hộ tịch";
    p.levels = {"commune"};
    p.processing_milli = 3000;
    p.time_unit = domain::TimeUnit::kWorkingDays;
    p.fees = "Miễn phí";
    p.online_level = domain::OnlineLevel::kPartial;
    p.documents = {{"Tờ khai đăng ký khai sinh", "1 bản chính"}, {"Giấy chứng sinh", ""}};
    p.legal_basis = "Luật Hộ tịch 2014\nNghị định 123/2015/NĐ-CP";
    p.steps = "Bước 1: nộp hồ sơ.\n\nBước 2: nhận kết quả.";
    p.result = "Giấy khai sinh";
    p.publication_decision = "163/QĐ-BTP";
    p.source_url = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x";
    p.effective_from = std::chrono::sys_days(std::chrono::year{2025} / 7 / 1);
    return p;
}

std::string RenderProcedure(const domain::Procedure& procedure, bool print = false) {
    const Renderer renderer;
    Chrome chrome;
    chrome.title = procedure.name;
    chrome.section = Section::kCatalogue;
    chrome.print = print;
    Data data;
    data.set("procedure", ProcedureData(procedure));
    data.set("today", "28/11/2026");
    auto html = RenderPage(renderer, "page_procedure", chrome, data);
    EXPECT_TRUE(html) << (html ? "" : html.error().message);
    return html ? *html : std::string();
}

// ---- rendering ------------------------------------------------------------------------------

TEST(WebRender, EveryTemplateParses) {
    const base::Status status = Renderer().CheckAll();
    EXPECT_TRUE(status) << (status ? "" : status.error().message);
}

TEST(WebRender, ProcedurePageShowsEveryField) {
    const std::string html = RenderProcedure(SampleProcedure());
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_NE(html.find("<h1>Thủ tục đăng ký khai sinh</h1>"), std::string::npos);
    EXPECT_NE(html.find("1.001193"), std::string::npos);
    EXPECT_NE(html.find("Hộ tịch"), std::string::npos);
    EXPECT_NE(html.find("Cấp xã"), std::string::npos);
    EXPECT_NE(html.find("3 ngày làm việc"), std::string::npos);
    EXPECT_NE(html.find("Miễn phí"), std::string::npos);
    EXPECT_NE(html.find("Trực tuyến một phần"), std::string::npos);
    EXPECT_NE(html.find("Tờ khai đăng ký khai sinh"), std::string::npos);
    EXPECT_NE(html.find("Nghị định 123/2015/NĐ-CP"), std::string::npos);
    EXPECT_NE(html.find("<p>Bước 2: nhận kết quả.</p>"), std::string::npos);
    EXPECT_NE(html.find("Giấy khai sinh"), std::string::npos);
    EXPECT_NE(html.find("163/QĐ-BTP"), std::string::npos);
    EXPECT_NE(html.find("01/07/2025"), std::string::npos);
    EXPECT_NE(html.find("aria-label=\"Điều hướng chính\""), std::string::npos);
    EXPECT_NE(html.find("href=\"#noi-dung\""), std::string::npos);
}

TEST(WebRender, PrintViewHasNoNavigation) {
    const std::string html = RenderProcedure(SampleProcedure(), true);
    EXPECT_EQ(html.find("site-nav"), std::string::npos);
    EXPECT_EQ(html.find("<nav"), std::string::npos);
    EXPECT_NE(html.find("Niêm yết công khai thủ tục hành chính"), std::string::npos);
    EXPECT_NE(html.find("In ngày 28/11/2026"), std::string::npos);
}

TEST(WebRender, EscapesScriptInProcedureName) {
    domain::Procedure p = SampleProcedure();
    p.name = "<script>alert('x')</script> & \"khai sinh\"";
    p.documents = {{"<img src=x onerror=alert(1)>", "<b>"}};
    p.source_url = "javascript:alert(1)";
    const std::string html = RenderProcedure(p);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_NE(
        html.find("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;khai sinh&quot;"),
        std::string::npos);
    EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(WebRender, OutputIsNfc) {
    domain::Procedure p = SampleProcedure();
    // "Đăng ký" decomposed: D+stroke is precomposed only (U+0110), the vowels carry combining
    // marks (a + breve U+0306, y + acute U+0301).
    p.name =
        "\xC4\x90"
        "a\xCC\x86ng ky\xCC\x81 khai sinh";
    const std::string html = RenderProcedure(p);
    EXPECT_NE(html.find("<h1>Đăng ký khai sinh</h1>"), std::string::npos);
    EXPECT_EQ(html.find("a\xCC\x86"), std::string::npos);
    auto nfc = text::Nfc(html);
    ASSERT_TRUE(nfc);
    EXPECT_EQ(*nfc, html);
}

TEST(WebRender, ErrorSummaryLinksToFields) {
    FormErrors errors;
    errors.Add("username", "Nhập tên đăng nhập.");
    errors.Add("username", "bị bỏ qua: trường đã có lỗi");
    errors.Add("", "Lỗi chung <b>không</b> gắn với trường.");
    const Renderer renderer;
    Chrome chrome;
    chrome.title = "Đăng nhập";
    chrome.section = Section::kSignIn;
    Data data;
    data.set("username",
             FieldData({.name = "username", .label = "Tên đăng nhập", .required = true}, errors));
    data.set("password",
             FieldData({.name = "password", .label = "Mật khẩu", .type = "password"}, errors));
    data.set("next", "");
    data.set("error_summary", ErrorSummaryData(errors));
    auto html = RenderPage(renderer, "page_sign_in", chrome, data);
    ASSERT_TRUE(html) << html.error().message;
    EXPECT_NE(html->find("role=\"alert\""), std::string::npos);
    EXPECT_NE(html->find("<a href=\"#username\">Nhập tên đăng nhập.</a>"), std::string::npos);
    EXPECT_EQ(html->find("bị bỏ qua"), std::string::npos);
    EXPECT_NE(html->find("<li>Lỗi chung &lt;b&gt;không&lt;/b&gt; gắn với trường.</li>"),
              std::string::npos);
    EXPECT_NE(html->find("id=\"username-error\""), std::string::npos);
    EXPECT_NE(html->find("aria-describedby=\"username-error\" aria-invalid=\"true\""),
              std::string::npos);
    EXPECT_NE(html->find("<label for=\"password\">Mật khẩu</label>"), std::string::npos);
    EXPECT_EQ(html->find("id=\"password-error\""), std::string::npos);
}

TEST(WebRender, NoErrorSummaryWithoutErrors) {
    const Renderer renderer;
    Data data;
    data.set("error_summary", ErrorSummaryData(FormErrors()));
    auto html = renderer.Render("part_error_summary", data);
    ASSERT_TRUE(html);
    EXPECT_EQ(html->find("alert"), std::string::npos);
}

TEST(WebViews, ProcessingTimeInVietnamese) {
    domain::Procedure p;
    p.processing_milli = 3000;
    p.time_unit = domain::TimeUnit::kWorkingDays;
    EXPECT_EQ(ProcessingTimeText(p), "3 ngày làm việc");
    p.processing_milli = 1500;
    p.time_unit = domain::TimeUnit::kDays;
    EXPECT_EQ(ProcessingTimeText(p), "1,5 ngày");
    p.processing_milli = 24000;
    p.time_unit = domain::TimeUnit::kHours;
    EXPECT_EQ(ProcessingTimeText(p), "24 giờ");
    p.processing_milli = 2250;
    p.time_unit = domain::TimeUnit::kMonths;
    EXPECT_EQ(ProcessingTimeText(p), "2,25 tháng");
    p.processing_milli = 0;
    EXPECT_EQ(ProcessingTimeText(p), "Chưa có thông tin");
}

TEST(WebViews, LevelLabels) {
    EXPECT_EQ(LevelLabel("province"), "Cấp tỉnh");
    EXPECT_EQ(LevelLabel("commune"), "Cấp xã");
    EXPECT_EQ(LevelLabel("district"), "Cấp huyện");
}

// ---- forms and redirects ----------------------------------------------------------------------

TEST(WebForms, ParsesUrlencodedIntoNfc) {
    auto form = Form::Parse("q=dang+ky%20khai&name=%C4%90a%CC%86ng&empty=&flag&x=1&x=2");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->Get("q"), "dang ky khai");
    EXPECT_EQ(form->Get("name"), "Đăng");
    EXPECT_TRUE(form->Has("empty"));
    EXPECT_TRUE(form->Has("flag"));
    EXPECT_EQ(form->Get("missing"), "");
    EXPECT_EQ(form->All("x"), (std::vector<std::string>{"1", "2"}));
    EXPECT_FALSE(Form::Parse("a=%ZZ"));
    EXPECT_FALSE(Form::Parse("a=%FF%FE"));
    EXPECT_FALSE(Form::Parse("a=%00"));
}

TEST(WebForms, FormContentType) {
    EXPECT_TRUE(IsFormContentType("application/x-www-form-urlencoded"));
    EXPECT_TRUE(IsFormContentType("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
    EXPECT_FALSE(IsFormContentType("application/json"));
    EXPECT_FALSE(IsFormContentType("multipart/form-data; boundary=x"));
    EXPECT_FALSE(IsFormContentType("application/x-www-form-urlencodedX"));
}

TEST(WebForms, NextMustBeALocalPath) {
    EXPECT_TRUE(IsSafeNext("/"));
    EXPECT_TRUE(IsSafeNext("/quan-tri/don-vi"));
    EXPECT_TRUE(IsSafeNext("/thu-tuc?q=khai%20sinh&level=commune"));
    EXPECT_FALSE(IsSafeNext(""));
    EXPECT_FALSE(IsSafeNext("//evil.example/x"));
    EXPECT_FALSE(IsSafeNext("/\\evil.example"));
    EXPECT_FALSE(IsSafeNext("/a\\b"));
    EXPECT_FALSE(IsSafeNext("https://evil.example/"));
    EXPECT_FALSE(IsSafeNext("javascript:alert(1)"));
    EXPECT_FALSE(IsSafeNext("evil.example"));
    EXPECT_FALSE(IsSafeNext("/a\r\nSet-Cookie: x=1"));
    EXPECT_FALSE(IsSafeNext("/a b"));
    EXPECT_FALSE(IsSafeNext("/\t/evil.example"));
    EXPECT_FALSE(IsSafeNext("/\xFF"));
    EXPECT_EQ(SafeNextOrHome(std::nullopt), "/");
    EXPECT_EQ(SafeNextOrHome("//evil.example"), "/");
    EXPECT_EQ(SafeNextOrHome("/don-vi"), "/don-vi");
}

TEST(WebForms, UrlEncode) {
    EXPECT_EQ(UrlEncode("/thu-tuc?q=a b&c"), "%2Fthu-tuc%3Fq%3Da%20b%26c");
    EXPECT_EQ(UrlEncode("Hộ"), "H%E1%BB%99");
}

// ---- static assets -------------------------------------------------------------------------

TEST(WebAssets, ServesEmbeddedFilesWithCaching) {
    for (const std::string_view name :
         {"app.css", "app.js", "htmx.min.js", "modern-normalize.css"}) {
        ASSERT_NE(FindStaticAsset(name), nullptr) << name;
    }
    const StaticAsset* css = FindStaticAsset("app.css");
    http::Request req;
    req.query.emplace("v", std::string(css->hash));
    http::Response r = ServeStatic(req, "app.css");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
    EXPECT_EQ(r.Header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(r.Header("ETag"), "\"" + std::string(css->hash) + "\"");
    EXPECT_EQ(r.body, css->body);
    EXPECT_EQ(StaticUrl("app.css"), "/static/app.css?v=" + std::string(css->hash));

    http::Request stale;
    stale.query.emplace("v", "old");
    stale.headers.emplace("if-none-match", "\"" + std::string(css->hash) + "\"");
    r = ServeStatic(stale, "app.css");
    EXPECT_EQ(r.status, 304);
    EXPECT_EQ(r.Header("Cache-Control"), "public, no-cache");
    EXPECT_TRUE(r.body.empty());

    EXPECT_EQ(ServeStatic(http::Request(), "htmx.min.js").content_type,
              "text/javascript; charset=utf-8");
    EXPECT_EQ(ServeStatic(http::Request(), "nope.css").status, 404);
}

// ---- pages through the router ---------------------------------------------------------------

TEST_F(WebRoutes, CatalogueFindsWithAndWithoutDiacritics) {
    for (const char* target :
         {"/thu-tuc?q=dang+ky+khai+sinh", "/thu-tuc?q=%C4%90%C4%83ng%20k%C3%BD%20khai%20sinh"}) {
        const http::Response r = Get(target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
        EXPECT_NE(r.body.find(">Thủ tục đăng ký khai sinh</a>"), std::string::npos) << target;
    }
}

TEST_F(WebRoutes, HtmxGetsOnlyTheResultsFragment) {
    const http::Response r = Get("/thu-tuc?q=khai+sinh", "", true);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("<html"), std::string::npos);
    EXPECT_NE(r.body.find("class=\"results\""), std::string::npos);
    EXPECT_NE(r.body.find("hx-swap-oob=\"innerHTML\""), std::string::npos);
    EXPECT_EQ(r.Header("Vary"), "HX-Request");
}

TEST_F(WebRoutes, UnknownProcedureIsAVietnamese404Page) {
    const http::Response r = Get("/thu-tuc/9.999999");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("Không tìm thấy trang"), std::string::npos);
}

TEST_F(WebRoutes, AnonymousAdminIsSentToSignIn) {
    const http::Response r = Get("/quan-tri/don-vi/moi");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/dang-nhap?next=%2Fquan-tri%2Fdon-vi%2Fmoi");
}

TEST_F(WebRoutes, RoleWithoutPermissionGets403Page) {
    const std::string cookie = SignIn("congdan");
    for (const char* target :
         {"/quan-tri/don-vi", "/quan-tri/nguoi-dung", "/quan-tri/don-vi/moi"}) {
        const http::Response r = Get(target, cookie);
        EXPECT_EQ(r.status, 403) << target;
        EXPECT_NE(r.body.find("Không có quyền truy cập"), std::string::npos) << target;
    }
}

TEST_F(WebRoutes, SignInRedirectsOnlyToLocalNext) {
    http::Response r =
        Post("/dang-nhap", "username=quantri&password=MotCua%402026&next=%2Fquan-tri%2Fdon-vi");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/quan-tri/don-vi");
    r = Post("/dang-nhap",
             "username=quantri&password=MotCua%402026&next=https%3A%2F%2Fevil.example%2F");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/");
    r = Post("/dang-nhap", "username=quantri&password=MotCua%402026&next=%2F%2Fevil.example");
    EXPECT_EQ(r.Header("Location"), "/");
}

TEST_F(WebRoutes, FailedSignInStaysOnTheForm) {
    const http::Response r = Post("/dang-nhap", "username=quantri&password=sai-mat-khau");
    EXPECT_EQ(r.status, 401);
    EXPECT_FALSE(r.Header("Set-Cookie"));
    EXPECT_NE(r.body.find("Tên đăng nhập hoặc mật khẩu không đúng."), std::string::npos);
    EXPECT_NE(r.body.find("value=\"quantri\""), std::string::npos);
    EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
}

TEST_F(WebRoutes, CsrfIsRequiredOnFormPosts) {
    const std::string cookie = SignIn("quantri");
    const std::string page = Get("/quan-tri/don-vi/moi", cookie).body;
    const std::string csrf = CsrfOf(page);
    ASSERT_FALSE(csrf.empty());
    const std::string fields =
        "code=46.WEBTEST&name=S%E1%BB%9F+Th%E1%BB%AD&type=agency&parent=46&valid_from=2026-01-01";

    http::Response r = Post("/quan-tri/don-vi/moi", fields, cookie);
    EXPECT_EQ(r.status, 403) << "no _csrf";
    EXPECT_NE(r.body.find("CSRF"), std::string::npos);
    r = Post("/quan-tri/don-vi/moi", "_csrf=wrong-token&" + fields, cookie);
    EXPECT_EQ(r.status, 403) << "wrong _csrf";
    EXPECT_EQ(Get("/quan-tri/don-vi/46.WEBTEST", cookie).status, 404) << "nothing was created";

    r = Post("/quan-tri/don-vi/moi", "_csrf=" + csrf + "&" + fields, cookie);
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.Header("Location"), "/quan-tri/don-vi?them=46.WEBTEST");
    const http::Response list = Get("/quan-tri/don-vi?them=46.WEBTEST", cookie);
    EXPECT_NE(list.body.find("Đã thêm đơn vị “Sở Thử” (mã 46.WEBTEST)."), std::string::npos);
}

TEST_F(WebRoutes, SignOutNeedsCsrf) {
    const std::string cookie = SignIn("quantri");
    const std::string csrf = CsrfOf(Get("/", cookie).body);
    ASSERT_FALSE(csrf.empty());
    EXPECT_EQ(Post("/dang-xuat", "", cookie).status, 403);
    const http::Response r = Post("/dang-xuat", "_csrf=" + csrf, cookie);
    EXPECT_EQ(r.status, 303);
    EXPECT_NE(std::string(r.Header("Set-Cookie").value_or("")).find("Max-Age=0"),
              std::string::npos);
    EXPECT_EQ(Get("/quan-tri/don-vi", cookie).status, 303) << "the session has ended";
}

TEST_F(WebRoutes, MissingRequiredFieldShowsErrorSummary) {
    const std::string cookie = SignIn("quantri");
    const std::string csrf = CsrfOf(Get("/quan-tri/nguoi-dung/moi", cookie).body);
    const http::Response r = Post("/quan-tri/nguoi-dung/moi",
                                  "_csrf=" + csrf + "&username=&display_name=Nguy%E1%BB%85n+A" +
                                      "&password=&role=specialist&unit=46.SOTP",
                                  cookie);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#username\">Nhập tên đăng nhập.</a>"), std::string::npos);
    EXPECT_NE(r.body.find("<a href=\"#password\">Nhập mật khẩu ban đầu.</a>"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"Nguyễn A\""), std::string::npos) << "values are kept";
}

TEST_F(WebRoutes, FormPostsMustBeUrlencoded) {
    const std::string cookie = SignIn("quantri");
    const http::Response r =
        Post("/quan-tri/don-vi/moi", R"({"code":"x"})", cookie, "application/json");
    EXPECT_EQ(r.status, 415);
}

}  // namespace
}  // namespace motcua::web
