// Unit tests of the citizen portal (issue #5, labels web;citizen): the e-form view models, then
// sign-up and verification, the e-form, drafts, submission, the applicant's dossier page with
// the online supplement and withdrawal, through the router over the demo data.

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/context.hpp"
#include "store/citizens.hpp"
#include "web/citizen_views.hpp"
#include "web/forms.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web {
namespace {

using webtest::WebRoutes;

constexpr std::string_view kPremises =
    "Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.";

// The value of the first input named `name` on a page.
std::string InputValue(const std::string& html, std::string_view name) {
    const std::string marker = "name=\"" + std::string(name) + "\" value=\"";
    const size_t at = html.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const size_t start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

bool Has(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string StateOf(const std::string& page) {
    const std::regex state(R"re(id="trang-thai-ho-so">([^<]*)<)re");
    std::smatch m;
    return std::regex_search(page, m, state) ? m[1].str() : std::string();
}

// ---- view models ----------------------------------------------------------------------------

TEST(CitizenViews, DraftBodyRoundTrips) {
    domain::Procedure p;
    p.code = "1.002010";
    p.documents = {{"Tờ khai", "1 bản chính"}, {"Giấy tờ trụ sở", ""}};
    EformValues v;
    v.procedure_code = p.code;
    v.applicant_kind = "organisation";
    v.name = "Công ty \"Hương Giang\"";
    v.id_number = "3301234567";
    v.note = "Xin nhận kết quả qua bưu điện";
    v.components = EformComponentsOf(p);
    v.components[1].provided = false;
    store::citizens::Draft draft;
    draft.body = DraftBodyJson(v);
    draft.version = 4;
    auto decoded = app::DecodeDraftBody(draft.body);
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded->applicant.kind, domain::ApplicantKind::kOrganisation);
    EXPECT_EQ(decoded->applicant.name, "Công ty \"Hương Giang\"");
    ASSERT_EQ(decoded->components.size(), 2U);
    EXPECT_FALSE(decoded->components[1].provided);
    // A procedure that gained a component: the new one starts ticked, the old ticks are kept.
    p.documents.push_back({"Bản sao điều lệ", ""});
    const EformValues back = EformValuesFromDraft(draft, p, {});
    EXPECT_EQ(back.version, 4);
    EXPECT_EQ(back.note, "Xin nhận kết quả qua bưu điện");
    ASSERT_EQ(back.components.size(), 3U);
    EXPECT_TRUE(back.components[0].provided);
    EXPECT_FALSE(back.components[1].provided);
    EXPECT_TRUE(back.components[2].provided);
}

TEST(CitizenViews, MessagesGoToTheirFields) {
    EXPECT_EQ(ApplicantFieldFor("số định danh cá nhân phải gồm đúng 12 chữ số"), "id_number");
    EXPECT_EQ(ApplicantFieldFor("Số định danh (mã số thuế) này đã có tài khoản; hãy đăng nhập "
                                "hoặc lấy lại mật khẩu."),
              "id_number");
    EXPECT_EQ(ApplicantFieldFor("Địa chỉ thư điện tử hoặc số điện thoại đã có tài khoản."),
              "email");
    EXPECT_EQ(ApplicantFieldFor("cần số điện thoại để nhận mã xác thực"), "phone");
    EXPECT_EQ(ApplicantFieldFor("Mật khẩu phải có ít nhất 10 ký tự."), "password");
    EXPECT_EQ(ApplicantFieldFor("số điện thoại phải gồm 8–15 chữ số"), "phone");
    EXPECT_EQ(ApplicantFieldFor("địa chỉ thư điện tử không hợp lệ"), "email");
    EXPECT_EQ(ApplicantFieldFor("họ tên (tên tổ chức) người nộp phải có từ 1 đến 255 ký tự"),
              "name");
    EXPECT_EQ(ApplicantFieldFor("khóa chống nộp trùng đã dùng cho một hồ sơ khác"), "");
}

TEST(CitizenViews, TimelineHidesInternalNotes) {
    domain::DossierEvent step;
    step.action = domain::ActionKind::kCompleteStep;
    step.to = domain::DossierState::kProcessing;
    step.reason = "Ghi chú nội bộ của chuyên viên";
    domain::DossierEvent request = step;
    request.action = domain::ActionKind::kReceive;
    request.to = domain::DossierState::kAwaitingSupplement;
    request.reason = "Thiếu bản sao hợp đồng thuê trụ sở";
    domain::DossierEvent warn = step;
    warn.action = domain::ActionKind::kWarn;
    const Data timeline = CitizenTimelineData({step, request, warn}, {});
    ASSERT_TRUE(timeline.is_list());
    ASSERT_EQ(timeline.list_value().size(), 2U);
    EXPECT_FALSE(timeline.list_value()[0].get("reason")->is_true());
    EXPECT_EQ(timeline.list_value()[1].get("reason")->string_value(),
              "Thiếu bản sao hợp đồng thuê trụ sở");
}

// ---- pages ----------------------------------------------------------------------------------

class CitizenPages : public WebRoutes {
protected:
    // The 6-digit code of the newest queued message to `destination`.
    std::string OutboxCode(const std::string& destination) {
        auto due = app::InReadTransaction<std::vector<store::outbox::Message>>(
            *db_, [&](store::Transaction& tx) {
                return store::outbox::Due(tx, clock_->Now() + std::chrono::hours{1}, 100);
            });
        EXPECT_TRUE(due);
        std::string code;
        const std::regex six(R"((^|\D)(\d{6})(\D|$))");
        for (const store::outbox::Message& m : due ? *due : std::vector<store::outbox::Message>{}) {
            std::smatch match;
            if (m.destination == destination && std::regex_search(m.message, match, six)) {
                code = match[2].str();
            }
        }
        return code;
    }

    static std::string SignUpBody(std::string_view email, std::string_view id_number) {
        return "kind=person&name=" + UrlEncode("Lê Thị Hoa") +
               "&id_number=" + std::string(id_number) + "&email=" + UrlEncode(email) +
               "&phone=0905111222&address=" + UrlEncode("3 Hùng Vương, Huế") +
               "&password=Hoa%40Hue2026&password_confirm=Hoa%40Hue2026&verify_by=email";
    }

    // Signs up and verifies a citizen through the pages; returns their session cookie.
    std::string NewCitizen(std::string_view email, std::string_view id_number) {
        http::Response r = Post("/dang-ky", SignUpBody(email, id_number));
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string code = OutboxCode(std::string(email));
        EXPECT_EQ(code.size(), 6U);
        r = Post("/dang-ky/xac-thuc", "username=" + UrlEncode(email) + "&code=" + code);
        EXPECT_EQ(r.status, 303) << r.body;
        r = Post("/dang-nhap", "username=" + UrlEncode(email) + "&password=Hoa%40Hue2026");
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string value(r.Header("Set-Cookie").value_or(""));
        return value.substr(0, value.find(';'));
    }

    // Posts the e-form of 1.002010 for 46.SOTP; `unticked` (1-3) is left out.
    http::Response PostEform(const std::string& cookie, std::string_view op, int unticked = 0,
                             std::string_view target = "/dich-vu-cong/1.002010",
                             std::string key = {}) {
        const std::string page = Get(target, cookie).body;
        if (key.empty()) {
            key = InputValue(page, "idempotency_key");
        }
        std::string body =
            "_csrf=" + CsrfOf(page) + "&version=" + InputValue(page, "version") +
            "&idempotency_key=" + key +
            "&settling_unit=46.SOTP&applicant_kind=person&name=" + UrlEncode("Võ Thị Dân") +
            "&id_number=046190001234&phone=0905000111" +
            "&note=" + UrlEncode("Nhận kết quả qua bưu điện") + "&op=" + std::string(op);
        for (int n = 1; n <= 3; ++n) {
            if (n != unticked) {
                body += "&c" + std::to_string(n) + "=1";
            }
        }
        return Post(target, body, cookie);
    }

    // Submits a complete dossier online as `cookie`; returns its code.
    std::string SubmitOnline(const std::string& cookie, int unticked = 0) {
        const http::Response r = PostEform(cookie, "submit", unticked);
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string location(r.Header("Location").value_or(""));
        const std::string prefix = "/cong-dan/ho-so/";
        EXPECT_TRUE(location.starts_with(prefix)) << location;
        return location.substr(prefix.size(), location.find('?') - prefix.size());
    }
};

TEST_F(CitizenPages, SignUpShowsFieldErrorsAndKeepsValues) {
    http::Response r = Post("/dang-ky",
                            "kind=person&name=&id_number=&email=&password=abc"
                            "&password_confirm=abd&verify_by=email");
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "<a href=\"#name\">Nhập họ và tên (tên tổ chức).</a>"));
    EXPECT_TRUE(Has(r.body, "id=\"id_number-error\""));
    EXPECT_TRUE(Has(r.body, "Nhập thư điện tử để nhận mã xác thực."));
    EXPECT_TRUE(Has(r.body, "Mật khẩu nhập lại không khớp."));
    EXPECT_FALSE(Has(r.body, "value=\"abc\""));  // never the password

    // The use case's own checks land next to their fields.
    std::string body = SignUpBody("hoa@example.vn", "04619000123");  // 11 digits
    r = Post("/dang-ky", body);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body,
                    "<p class=\"field-error\" id=\"id_number-error\"><span "
                    "class=\"visually-hidden\">Lỗi: </span>Số định danh cá nhân phải "
                    "gồm đúng 12 chữ số</p>"));
    EXPECT_TRUE(Has(r.body, "value=\"hoa@example.vn\""));
    body =
        "kind=person&name=A&id_number=046190009999&email=x%40example.vn&password=1234567890"
        "&password_confirm=1234567890&verify_by=email";
    r = Post("/dang-ky", body);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "id=\"password-error\""));
    // An identity number that already has an account (the demo citizen's).
    r = Post("/dang-ky", SignUpBody("hoa2@example.vn", "046190001234"));
    EXPECT_EQ(r.status, 409);
    EXPECT_TRUE(Has(r.body, "id=\"id_number-error\""));
    // Nothing was created: the e-mail can still sign up.
    r = Post("/dang-ky", SignUpBody("hoa2@example.vn", "046190005555"));
    EXPECT_EQ(r.status, 303) << r.body;
}

TEST_F(CitizenPages, SignUpVerifyAndSignIn) {
    EXPECT_TRUE(Has(Get("/").body, "<a href=\"/dang-ky\">Đăng ký</a>"));
    EXPECT_EQ(Get("/dang-ky").status, 200);
    http::Response r = Post("/dang-ky", SignUpBody("hoa@example.vn", "046190007777"));
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.Header("Location"), "/dang-ky/xac-thuc?tai-khoan=hoa%40example.vn&gui=email");
    const std::string page = Get("/dang-ky/xac-thuc?tai-khoan=hoa%40example.vn&gui=email").body;
    EXPECT_TRUE(Has(page, "Mã xác thực gồm 6 chữ số đã được gửi tới thư điện tử của bạn."));
    EXPECT_TRUE(Has(page, "value=\"hoa@example.vn\""));
    // Not verified yet: cannot sign in.
    EXPECT_EQ(Post("/dang-nhap", "username=hoa%40example.vn&password=Hoa%40Hue2026").status, 401);

    r = Post("/dang-ky/xac-thuc", "username=hoa%40example.vn&code=000000");
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "Mã xác thực không đúng hoặc đã hết hạn."));
    const std::string code = OutboxCode("hoa@example.vn");
    ASSERT_EQ(code.size(), 6U);
    r = Post("/dang-ky/xac-thuc", "username=hoa%40example.vn&code=" + code);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.Header("Location"), "/dang-nhap?next=%2Fcong-dan%3Fkich-hoat%3D1&kich-hoat=1");
    EXPECT_TRUE(Has(Get("/dang-nhap?next=%2Fcong-dan&kich-hoat=1").body,
                    "Tài khoản đã được kích hoạt. Mời bạn đăng nhập."));
    r = Post("/dang-nhap", "username=hoa%40example.vn&password=Hoa%40Hue2026");
    ASSERT_EQ(r.status, 303);
    const std::string value(r.Header("Set-Cookie").value_or(""));
    const std::string home = Get("/cong-dan", value.substr(0, value.find(';'))).body;
    EXPECT_TRUE(Has(home, "<h1>Hồ sơ của tôi</h1>"));
    EXPECT_TRUE(Has(home, "Bạn chưa nộp hồ sơ trực tuyến nào."));
    EXPECT_TRUE(Has(home, ">Hồ sơ của tôi</a>"));  // navigation
}

TEST_F(CitizenPages, ResendAnswersTheSameForUnknownAccounts) {
    http::Response r = Post("/dang-ky/gui-lai-ma", "username=nobody%40example.vn");
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/dang-ky/xac-thuc?tai-khoan=nobody%40example.vn&gui-lai=1");
    r = Post("/dang-ky/gui-lai-ma", "username=");
    EXPECT_EQ(r.status, 422);
}

TEST_F(CitizenPages, ServicesSearchLinksToTheEform) {
    const std::string html = Get("/dich-vu-cong?q=1.002010").body;
    EXPECT_TRUE(Has(html, "href=\"/dich-vu-cong/1.002010\""));
    EXPECT_TRUE(Has(html, "Nộp hồ sơ trực tuyến"));
}

TEST_F(CitizenPages, EformListsTheProcedureComponents) {
    http::Response r = Get("/dich-vu-cong/1.002010");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/dang-nhap?next=%2Fdich-vu-cong%2F1.002010");
    const std::string citizen = SignIn("congdan");
    r = Get("/dich-vu-cong/1.002010", citizen);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Has(r.body, "<label for=\"c2\">" + std::string(kPremises) + "</label>"));
    for (const char* box :
         {"id=\"c1\" name=\"c1\" value=\"1\" checked", "id=\"c2\" name=\"c2\" value=\"1\" checked",
          "id=\"c3\" name=\"c3\" value=\"1\" checked"}) {
        EXPECT_TRUE(Has(r.body, box)) << box;
    }
    EXPECT_FALSE(Has(r.body, "id=\"c4\""));
    EXPECT_TRUE(Has(r.body, "<option value=\"46.SOTP\" selected>"));
    EXPECT_TRUE(Has(r.body, "value=\"Võ Thị Dân\""));  // from the profile
    EXPECT_TRUE(Has(r.body, "value=\"046190001234\""));
    EXPECT_FALSE(Has(r.body, "data-upload-url"));  // files attach to a saved draft
    EXPECT_EQ(Get("/dich-vu-cong/9.999999", citizen).status, 404);
    // Staff have no e-form.
    EXPECT_EQ(Get("/dich-vu-cong/1.002010", SignIn("motcua")).status, 403);
}

TEST_F(CitizenPages, DraftIsSavedResumedAndSubmitted) {
    const std::string citizen = SignIn("congdan");
    http::Response r = PostEform(citizen, "save", 2);
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string location(r.Header("Location").value_or(""));
    const std::regex draft_url(R"(^/cong-dan/nhap/(\d+)\?luu=1$)");
    std::smatch m;
    ASSERT_TRUE(std::regex_match(location, m, draft_url)) << location;
    const std::string draft = "/cong-dan/nhap/" + m[1].str();

    std::string html = Get(location, citizen).body;
    EXPECT_TRUE(Has(html, "Đã lưu bản nháp."));
    EXPECT_TRUE(Has(html, "id=\"c1\" name=\"c1\" value=\"1\" checked"));
    EXPECT_TRUE(Has(html, "id=\"c2\" name=\"c2\" value=\"1\">"));
    EXPECT_TRUE(Has(html, "Nhận kết quả qua bưu điện"));
    EXPECT_EQ(InputValue(html, "version"), "1");
    EXPECT_TRUE(
        Has(html, "data-upload-url=\"/api/v1/drafts/" + m[1].str() + "/documents?component="));
    EXPECT_TRUE(Has(Get("/cong-dan", citizen).body, "href=\"" + draft + "\""));

    // Save again (version 1 → 2), then a stale post with version 1 changes nothing.
    const std::string csrf = CsrfOf(html);
    r = PostEform(citizen, "save", 0, draft);
    ASSERT_EQ(r.status, 303) << r.body;
    r = Post(
        draft,
        "_csrf=" + csrf + "&version=1&settling_unit=46.SOTP&applicant_kind=person&name=X&op=save",
        citizen);
    EXPECT_EQ(r.status, 409);
    EXPECT_TRUE(Has(r.body, "Bản nháp vừa được thay đổi ở nơi khác"));
    EXPECT_TRUE(Has(r.body, "value=\"Võ Thị Dân\""));  // the stored draft, not "X"
    EXPECT_EQ(InputValue(r.body, "version"), "2");

    // Submit; a second click on the same page answers with the same dossier.
    html = Get(draft, citizen).body;
    const std::string key = InputValue(html, "idempotency_key");
    r = PostEform(citizen, "submit", 0, draft, key);
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string dossier(r.Header("Location").value_or(""));
    EXPECT_TRUE(dossier.starts_with("/cong-dan/ho-so/")) << dossier;
    EXPECT_TRUE(dossier.ends_with("?nop=1"));
    r = Post(draft,
             "_csrf=" + csrf + "&version=2&settling_unit=46.SOTP&applicant_kind=person&name=X" +
                 "&op=submit&idempotency_key=" + key,
             citizen);
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location").value_or(""), dossier.substr(0, dossier.find('?')));
    html = Get(dossier, citizen).body;
    EXPECT_EQ(StateOf(html), "Đã nộp, chờ tiếp nhận");
    EXPECT_TRUE(Has(html, "Đã nộp hồ sơ "));
    // 1.002010 has a fee: the payment page is linked; no rating before the return.
    const std::string base = dossier.substr(0, dossier.find('?'));
    EXPECT_TRUE(Has(html, "href=\"" + base + "/thanh-toan\">Thanh toán phí, lệ phí</a>"));
    EXPECT_FALSE(Has(html, base + "/danh-gia"));
    const std::string home = Get("/cong-dan", citizen).body;
    EXPECT_TRUE(Has(home, "Không có bản nháp nào."));
    EXPECT_TRUE(Has(home, "Đã nộp, chờ tiếp nhận"));
}

TEST_F(CitizenPages, DoubleSubmitOfANewEformMakesOneDossier) {
    const std::string citizen = SignIn("congdan");
    const std::string page = Get("/dich-vu-cong/1.002010", citizen).body;
    const std::string key = InputValue(page, "idempotency_key");
    ASSERT_FALSE(key.empty());
    const http::Response first = PostEform(citizen, "submit", 0, "/dich-vu-cong/1.002010", key);
    const http::Response second = PostEform(citizen, "submit", 0, "/dich-vu-cong/1.002010", key);
    ASSERT_EQ(first.status, 303) << first.body;
    ASSERT_EQ(second.status, 303) << second.body;
    EXPECT_EQ(first.Header("Location"), second.Header("Location"));
    const std::string home = Get("/cong-dan", citizen).body;
    EXPECT_TRUE(Has(home, "Không có bản nháp nào."));  // the second copy was dropped
    size_t rows = 0;
    for (size_t at = home.find("href=\"/cong-dan/ho-so/"); at != std::string::npos;
         at = home.find("href=\"/cong-dan/ho-so/", at + 1)) {
        ++rows;
    }
    EXPECT_EQ(rows, 1U);
}

TEST_F(CitizenPages, EformErrorsKeepTheValues) {
    const std::string citizen = SignIn("congdan");
    const std::string page = Get("/dich-vu-cong/1.002010", citizen).body;
    http::Response r =
        Post("/dich-vu-cong/1.002010",
             "_csrf=" + CsrfOf(page) + "&settling_unit=&applicant_kind=person&name=&c1=1&op=save",
             citizen);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "<a href=\"#settling_unit\">Chọn cơ quan giải quyết.</a>"));
    EXPECT_TRUE(Has(r.body, "<a href=\"#name\">"));
    EXPECT_TRUE(Has(r.body, "id=\"c2\" name=\"c2\" value=\"1\">"));  // unticked kept
    // A unit that does not settle this procedure (a one-stop desk).
    r = Post("/dich-vu-cong/1.002010",
             "_csrf=" + CsrfOf(page) + "&settling_unit=46.TTPVHCC&applicant_kind=person&name=A" +
                 "&op=save",
             citizen);
    EXPECT_EQ(r.status, 422);
    // Submission refused by the use case (bad identity number): the saved draft comes back.
    r = Post("/dich-vu-cong/1.002010",
             "_csrf=" + CsrfOf(page) + "&settling_unit=46.SOTP&applicant_kind=person&name=A" +
                 "&id_number=123&op=submit&idempotency_key=k1",
             citizen);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "id=\"id_number-error\""));
    EXPECT_TRUE(Has(r.body, "action=\"/cong-dan/nhap/"));
    // Without the CSRF token nothing is saved.
    r = Post("/dich-vu-cong/1.002010", "settling_unit=46.SOTP&applicant_kind=person&name=A&op=save",
             citizen);
    EXPECT_EQ(r.status, 403);
}

TEST_F(CitizenPages, SomeoneElsesDossierAndDraftAreNotFound) {
    const std::string owner = SignIn("congdan");
    const std::string code = SubmitOnline(owner);
    http::Response saved = PostEform(owner, "save");
    ASSERT_EQ(saved.status, 303);
    const std::string draft(saved.Header("Location").value_or(""));
    const std::string draft_path = draft.substr(0, draft.find('?'));
    ASSERT_EQ(Get("/cong-dan/ho-so/" + code, owner).status, 200);

    const std::string other = SignIn("doanhnghiep");
    http::Response r = Get("/cong-dan/ho-so/" + code, other);
    EXPECT_EQ(r.status, 404);
    EXPECT_FALSE(Has(r.body, "Võ Thị Dân"));
    EXPECT_FALSE(Has(r.body, "046190001234"));
    EXPECT_EQ(Get(draft_path, other).status, 404);
    const std::string other_page = Get("/cong-dan", other).body;
    r = Post(draft_path + "/xoa", "_csrf=" + CsrfOf(other_page), other);
    EXPECT_EQ(r.status, 404);
    r = Post("/cong-dan/ho-so/" + code + "/rut",
             "_csrf=" + CsrfOf(other_page) + "&version=1&reason=x", other);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(Get("/cong-dan/nhap/abc", other).status, 404);
    // Staff follow dossiers on /ho-so/{code}, not here.
    EXPECT_EQ(Get("/cong-dan/ho-so/" + code, SignIn("motcua")).status, 404);
    // The owner's draft is still there.
    EXPECT_EQ(Get(draft_path, owner).status, 200);
    EXPECT_EQ(StateOf(Get("/cong-dan/ho-so/" + code, owner).body), "Đã nộp, chờ tiếp nhận");
}

TEST_F(CitizenPages, SupplementOnlineThenWithdraw) {
    const std::string citizen = SignIn("congdan");
    const std::string code = SubmitOnline(citizen, 2);
    // The desk checks it and asks for the missing component.
    const std::string desk = SignIn("motcua");
    const std::string officer_page = Get("/ho-so/" + code, desk).body;
    http::Response r = Post("/ho-so/" + code + "/thao-tac",
                            "_csrf=" + CsrfOf(officer_page) +
                                "&action=receive&version=" + InputValue(officer_page, "version") +
                                "&completeness=incomplete&component=1&component=3&reason=" +
                                UrlEncode("Thiếu hợp đồng thuê trụ sở có công chứng"),
                            desk);
    ASSERT_EQ(r.status, 303) << r.body;

    std::string html = Get("/cong-dan/ho-so/" + code, citizen).body;
    EXPECT_EQ(StateOf(html), "Chờ bổ sung hồ sơ");
    EXPECT_TRUE(Has(html, "Nội dung cần bổ sung: Thiếu hợp đồng thuê trụ sở có công chứng"));
    EXPECT_TRUE(Has(html, "<label for=\"bo-sung-2\">" + std::string(kPremises) + "</label>"));
    const std::string csrf = CsrfOf(html);
    const std::string version = InputValue(html, "version");
    // Nothing ticked: refused, nothing changes.
    r = Post("/cong-dan/ho-so/" + code + "/bo-sung", "_csrf=" + csrf + "&version=" + version,
             citizen);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "Hãy đánh dấu tất cả thành phần còn thiếu"));
    // Without CSRF: refused.
    r = Post("/cong-dan/ho-so/" + code + "/bo-sung", "version=" + version + "&component=2",
             citizen);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(StateOf(Get("/cong-dan/ho-so/" + code, citizen).body), "Chờ bổ sung hồ sơ");
    r = Post("/cong-dan/ho-so/" + code + "/bo-sung",
             "_csrf=" + csrf + "&version=" + version + "&component=2", citizen);
    ASSERT_EQ(r.status, 303) << r.body;
    html = Get("/cong-dan/ho-so/" + code + "?bo-sung=1", citizen).body;
    EXPECT_EQ(StateOf(html), "Đã nộp, chờ tiếp nhận");
    EXPECT_TRUE(Has(html, "Đã gửi bổ sung hồ sơ."));
    // A stale version changes nothing.
    r = Post("/cong-dan/ho-so/" + code + "/rut",
             "_csrf=" + csrf + "&version=" + version + "&reason=" + UrlEncode("Đổi ý"), citizen);
    EXPECT_EQ(r.status, 409);
    EXPECT_TRUE(Has(r.body, "Hồ sơ vừa được cập nhật."));
    // Withdraw needs a reason.
    const std::string current = InputValue(html, "version");
    r = Post("/cong-dan/ho-so/" + code + "/rut",
             "_csrf=" + csrf + "&version=" + current + "&reason=", citizen);
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(Has(r.body, "Nhập lý do rút hồ sơ."));
    r = Post("/cong-dan/ho-so/" + code + "/rut",
             "_csrf=" + csrf + "&version=" + current + "&reason=" + UrlEncode("Đổi ý"), citizen);
    ASSERT_EQ(r.status, 303) << r.body;
    html = Get("/cong-dan/ho-so/" + code, citizen).body;
    EXPECT_EQ(StateOf(html), "Đã rút hồ sơ");
    EXPECT_TRUE(Has(html, "Nội dung: Đổi ý"));
    EXPECT_FALSE(Has(html, "action=\"/cong-dan/ho-so/" + code + "/rut\""));
}

TEST_F(CitizenPages, NewCitizenFollowsOnlyTheirOwnDossiers) {
    const std::string hoa = NewCitizen("hoa@example.vn", "046190008888");
    const std::string owner = SignIn("congdan");
    const std::string code = SubmitOnline(owner);
    EXPECT_EQ(Get("/cong-dan/ho-so/" + code, hoa).status, 404);
    EXPECT_FALSE(Has(Get("/cong-dan", hoa).body, code));
    // Hoa's e-form is pre-filled with her own particulars.
    const std::string form = Get("/dich-vu-cong/1.002010", hoa).body;
    EXPECT_TRUE(Has(form, "value=\"Lê Thị Hoa\""));
    EXPECT_FALSE(Has(form, "Võ Thị Dân"));
}

}  // namespace
}  // namespace motcua::web
