// Unit tests of the dossier pages (issue #4, label web): the view models, then /ho-so,
// /ho-so/tiep-nhan, /ho-so/{code} and /quy-trinh/{procedure} through the router over the demo
// data (fake clock: Friday 27/11/2026 10:00 in Vietnam).

#include <array>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "calendar/instant.hpp"
#include "domain/dossier_machine.hpp"
#include "store/dossiers.hpp"
#include "web/dossier_views.hpp"
#include "web/forms.hpp"
#include "web/intake_views.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web {
namespace {

using webtest::WebRoutes;

std::chrono::sys_seconds At(std::string_view text) {
    auto t = calendar::ParseInstant(text);
    EXPECT_TRUE(t) << text;
    return t ? *t : std::chrono::sys_seconds{};
}

size_t Count(const std::string& haystack, std::string_view needle) {
    size_t n = 0;
    for (size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++n;
    }
    return n;
}

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

// ---- view models ----------------------------------------------------------------------------

TEST(WebDossierViews, TimesInVietnamLocalTime) {
    EXPECT_EQ(FormatDateTime(At("2026-11-27T10:05:00+07:00")), "27/11/2026 10:05");
    EXPECT_EQ(FormatDateTime(At("2026-11-27T20:00:00Z")), "28/11/2026 03:00");
    EXPECT_EQ(DateTimeLocalValue(At("2026-12-09T16:30:00+07:00")), "2026-12-09T16:30");
}

TEST(WebDossierViews, DaysInThousandths) {
    EXPECT_EQ(ParseMilli("7"), 7000);
    EXPECT_EQ(ParseMilli("1,5"), 1500);
    EXPECT_EQ(ParseMilli("0.125"), 125);
    EXPECT_FALSE(ParseMilli(""));
    EXPECT_FALSE(ParseMilli("-1"));
    EXPECT_FALSE(ParseMilli("1,2345"));
    EXPECT_FALSE(ParseMilli("2 ngày"));
    EXPECT_EQ(MilliText(7000), "7");
    EXPECT_EQ(MilliText(4600), "4,6");
    EXPECT_EQ(MilliText(125), "0,125");
}

TEST(WebDossierViews, CopiesFromDocumentNotes) {
    auto same = [](ComponentCounts c, int o, int cc, int cp) {
        return c.originals == o && c.certified_copies == cc && c.copies == cp;
    };
    EXPECT_TRUE(same(CountsFromNote("1 bản chính"), 1, 0, 0));
    EXPECT_TRUE(same(CountsFromNote("0 bản chính, 1 bản sao"), 0, 0, 1));
    EXPECT_TRUE(same(CountsFromNote("02 bản sao có chứng thực"), 0, 2, 0));
    EXPECT_TRUE(same(CountsFromNote("1 bản chính; 2 bản sao chứng thực; 1 bản sao"), 1, 2, 1));
    EXPECT_TRUE(same(CountsFromNote(""), 1, 0, 0));
}

TEST(WebDossierViews, EventDetailsInVietnamese) {
    domain::Unit desk;
    desk.id = 7;
    desk.name = "Trung tâm Phục vụ hành chính công";
    domain::DossierEvent e;
    e.details = {{"due_at", "2026-12-08T17:00:00+07:00"},
                 {"clock_restarted", "2026-11-30T09:00:00+07:00"},
                 {"from_unit", "7"},
                 {"timing", "early"},
                 {"something_new", "x"}};
    const auto texts = EventDetailTexts(e, {desk});
    ASSERT_EQ(texts.size(), 4U);
    EXPECT_EQ(texts[0],
              (std::pair<std::string, std::string>{"Hạn giải quyết", "08/12/2026 17:00"}));
    EXPECT_EQ(texts[1].first, "Thời hạn giải quyết tính lại từ đầu, từ");
    EXPECT_EQ(texts[1].second, "30/11/2026 09:00");
    EXPECT_EQ(texts[2].second, "Trung tâm Phục vụ hành chính công");
    EXPECT_EQ(texts[3].second, "Trước hạn");
}

TEST(WebDossierViews, DefaultSettlingUnitFollowsThePublishedAgency) {
    const auto unit = [](std::int64_t id, std::string code, domain::UnitType type, std::string name,
                         std::optional<std::int64_t> parent) {
        domain::Unit u;
        u.id = id;
        u.code = std::move(code);
        u.type = type;
        u.name = std::move(name);
        u.parent_id = parent;
        return u;
    };
    const std::vector<domain::Unit> units = {
        unit(1, "46", domain::UnitType::kProvince, "Thành phố Huế", std::nullopt),
        unit(2, "46.SOTP", domain::UnitType::kAgency, "Sở Tư pháp thành phố Huế", 1),
        unit(3, "46.SOYT", domain::UnitType::kAgency, "Sở Y tế thành phố Huế", 1),
        unit(4, "19753", domain::UnitType::kCommune, "Phường Phú Xuân", 1),
        unit(5, "19753.BPMC", domain::UnitType::kOneStopDesk, "Bộ phận Một cửa phường Phú Xuân",
             4)};
    domain::Procedure lawyers;
    lawyers.levels = {"province"};
    lawyers.implementing_units = "Sở Tư pháp";
    EXPECT_EQ(DefaultSettlingUnit(lawyers, units, "46.TTPVHCC"), "46.SOTP");
    domain::Procedure birth;
    birth.levels = {"commune"};
    birth.implementing_units = "Ủy ban nhân dân cấp xã";
    EXPECT_EQ(DefaultSettlingUnit(birth, units, "19753.BPMC"), "19753");
    EXPECT_EQ(DefaultSettlingUnit(birth, units, "46.TTPVHCC"), "");
}

// ---- pages ----------------------------------------------------------------------------------

class DossierPages : public WebRoutes {
protected:
    // Receives a dossier of 1.002010 for 46.SOTP at the desk through the intake form; returns
    // its code. `extra` replaces fields ("&name=..."); component `unticked` (1-3) is not provided.
    std::string Receive(const std::string& cookie, std::string_view extra = {}, int unticked = 0) {
        const std::string page = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie).body;
        const http::Response r =
            Post("/ho-so/tiep-nhan", IntakeBody(page, extra, unticked), cookie);
        EXPECT_EQ(r.status, 303) << r.body;
        const std::string location(r.Header("Location").value_or(""));
        const std::string prefix = "/ho-so/";
        EXPECT_TRUE(location.starts_with(prefix)) << location;
        return location.substr(prefix.size(), location.find('?') - prefix.size());
    }

    // Adds "&name=value" (value percent-encoded) to a form body.
    static void Append(std::string& body, const std::string& name, const std::string& value) {
        body += '&';
        body += name;
        body += '=';
        body += UrlEncode(value);
    }

    static std::string IntakeBody(const std::string& page, std::string_view extra,
                                  int unticked = 0) {
        std::string body = "_csrf=" + CsrfOf(page) +
                           "&idempotency_key=" + InputValue(page, "idempotency_key") +
                           "&component_count=3";
        for (int n = 1; n <= 3; ++n) {
            const std::string c = "c" + std::to_string(n) + "_";
            Append(body, c + "name", InputValue(page, c + "name"));
            Append(body, c + "originals", "1");
            Append(body, c + "certified", "0");
            Append(body, c + "copies", "0");
            if (n != unticked) {
                Append(body, c + "provided", "1");
            }
        }
        // Defaults for the fields `extra` does not give.
        const std::array<std::pair<std::string, std::string>, 9> defaults = {{
            {"procedure_code", "1.002010"},
            {"settling_unit", "46.SOTP"},
            {"channel", "direct"},
            {"applicant_kind", "person"},
            {"name", "Nguyễn Văn An"},
            {"id_number", "046090001234"},
            {"phone", "0905123456"},
            {"address", "12 Lê Lợi, Huế"},
            {"completeness", "complete"},
        }};
        for (const auto& [name, value] : defaults) {
            if (extra.find("&" + name + "=") == std::string_view::npos) {
                Append(body, name, value);
            }
        }
        return body + std::string(extra);
    }

    // Performs `action` from the dossier page (its CSRF token and version) with `fields`.
    http::Response Act(const std::string& cookie, const std::string& code, std::string_view action,
                       std::string_view fields = {}) {
        const std::string page = Get("/ho-so/" + code, cookie).body;
        return Post("/ho-so/" + code + "/thao-tac",
                    "_csrf=" + CsrfOf(page) + "&action=" + std::string(action) +
                        "&version=" + InputValue(page, "version") + std::string(fields),
                    cookie);
    }

    static std::string StateOf(const std::string& page) {
        const std::regex state(R"re(id="trang-thai-ho-so">([^<]*)<)re");
        std::smatch m;
        return std::regex_search(page, m, state) ? m[1].str() : std::string();
    }
};

TEST_F(DossierPages, AnonymousVisitorsAreSentToSignIn) {
    http::Response r = Get("/ho-so");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.Header("Location"), "/dang-nhap?next=%2Fho-so");
    r = Get("/ho-so/tiep-nhan");
    EXPECT_EQ(r.Header("Location"), "/dang-nhap?next=%2Fho-so%2Ftiep-nhan");
}

TEST_F(DossierPages, NavigationShowsDossierLinksToStaff) {
    const std::string desk = Get("/", SignIn("motcua")).body;
    EXPECT_NE(desk.find("<a href=\"/ho-so\">Hồ sơ</a>"), std::string::npos);
    EXPECT_NE(desk.find("<a href=\"/ho-so/tiep-nhan\">Tiếp nhận</a>"), std::string::npos);
    const std::string specialist = Get("/", SignIn("chuyenvien")).body;
    EXPECT_NE(specialist.find("<a href=\"/ho-so\">Hồ sơ</a>"), std::string::npos);
    EXPECT_EQ(specialist.find("href=\"/ho-so/tiep-nhan\""), std::string::npos);
    const std::string citizen = Get("/", SignIn("congdan")).body;
    EXPECT_EQ(citizen.find("href=\"/ho-so\""), std::string::npos);
}

TEST_F(DossierPages, IntakeFormListsTheComponentsTicked) {
    const std::string cookie = SignIn("motcua");
    const http::Response r = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Đăng ký hoạt động của tổ chức hành nghề luật sư"), std::string::npos);
    EXPECT_NE(r.body.find(">Dự thảo Điều lệ của công ty luật</label>"), std::string::npos);
    EXPECT_EQ(Count(r.body, "value=\"1\" checked"), 3U) << "every component ticked";
    EXPECT_NE(r.body.find("<option value=\"46.SOTP\" selected>"), std::string::npos);
    EXPECT_EQ(InputValue(r.body, "c2_copies"), "1") << "0 bản chính, 1 bản sao";
    EXPECT_EQ(InputValue(r.body, "c2_originals"), "0");
    const std::string key = InputValue(r.body, "idempotency_key");
    EXPECT_GE(key.size(), 20U);
    EXPECT_NE(key, InputValue(Get("/ho-so/tiep-nhan", cookie).body, "idempotency_key"))
        << "a new key per render";
}

TEST_F(DossierPages, IntakeTypeAheadAndProcedureFragments) {
    const std::string cookie = SignIn("motcua");
    http::Response r = Get("/ho-so/tiep-nhan?tim=luat+su", cookie, true);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("<html"), std::string::npos);
    EXPECT_NE(r.body.find("hx-get=\"/ho-so/tiep-nhan?thu-tuc=1.002010\""), std::string::npos);
    r = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie, true);
    EXPECT_EQ(r.body.find("<html"), std::string::npos);
    EXPECT_NE(r.body.find("name=\"procedure_code\" value=\"1.002010\""), std::string::npos);
    EXPECT_NE(r.body.find("hx-swap-oob"), std::string::npos) << "the suggestions are cleared";
    // Without JavaScript the search is a plain GET listing links.
    r = Get("/ho-so/tiep-nhan?tim=luat+su", cookie);
    EXPECT_NE(r.body.find("<html"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/ho-so/tiep-nhan?thu-tuc=1.002010\""), std::string::npos);
}

TEST_F(DossierPages, IntakeWithoutCsrfIsRefusedAndCreatesNothing) {
    const std::string cookie = SignIn("motcua");
    const std::string page = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie).body;
    std::string body = IntakeBody(page, "");
    body = body.substr(body.find('&') + 1);  // drop _csrf
    http::Response r = Post("/ho-so/tiep-nhan", body, cookie);
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find("Biểu mẫu đã hết hạn"), std::string::npos);
    r = Post("/ho-so/tiep-nhan", "_csrf=sai&" + body, cookie);
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(Get("/ho-so?hop=all", cookie).body.find("Không có hồ sơ nào"), std::string::npos);
}

TEST_F(DossierPages, DoubleSubmitMakesOneDossier) {
    const std::string cookie = SignIn("motcua");
    const std::string page = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie).body;
    const std::string body = IntakeBody(page, "");
    const http::Response first = Post("/ho-so/tiep-nhan", body, cookie);
    const http::Response second = Post("/ho-so/tiep-nhan", body, cookie);
    ASSERT_EQ(first.status, 303) << first.body;
    EXPECT_EQ(second.status, 303);
    EXPECT_EQ(first.Header("Location"), "/ho-so/46.TTPVHCC-261127-0001?tiep-nhan=1");
    EXPECT_EQ(second.Header("Location"), first.Header("Location"));
    const std::string inbox = Get("/ho-so?hop=to_transfer", cookie).body;
    EXPECT_EQ(Count(inbox, "<a href=\"/ho-so/46.TTPVHCC-261127-"), 1U);
    EXPECT_NE(inbox.find("Nguyễn Văn An"), std::string::npos);
    EXPECT_NE(inbox.find("aria-current=\"page\">Chờ chuyển xử lý"), std::string::npos);
}

TEST_F(DossierPages, DossierPageShowsHeaderTimelineFormsAndPrintLinks) {
    const std::string cookie = SignIn("motcua");
    const std::string code = Receive(cookie);
    const http::Response r = Get("/ho-so/" + code + "?tiep-nhan=1", cookie);
    ASSERT_EQ(r.status, 200);
    const std::string& html = r.body;
    EXPECT_NE(html.find("Đã tiếp nhận hồ sơ " + code), std::string::npos) << "flash";
    EXPECT_EQ(StateOf(html), "Đã tiếp nhận");
    EXPECT_NE(html.find("Sở Tư pháp thành phố Huế"), std::string::npos);
    EXPECT_NE(html.find("Trung tâm Phục vụ hành chính công thành phố Huế"), std::string::npos);
    EXPECT_NE(html.find("Nghị định 118/2025/NĐ-CP"), std::string::npos) << "rule set title";
    EXPECT_NE(html.find("<dd id=\"bat-dau-tinh\">27/11/2026 10:00</dd>"), std::string::npos);
    // 7 working days from Friday 27/11 10:00: Tuesday 08/12 10:00.
    EXPECT_NE(html.find("<dd id=\"han-giai-quyet\">08/12/2026 10:00</dd>"), std::string::npos);
    EXPECT_NE(html.find("Hạn chuyển đến cơ quan giải quyết"), std::string::npos);
    EXPECT_NE(html.find("<strong class=\"timeline-action\">Tiếp nhận hồ sơ</strong>"),
              std::string::npos);
    EXPECT_NE(html.find("Phạm Thị Thu"), std::string::npos) << "the actor in the timeline";
    EXPECT_NE(html.find("<summary>Chuyển hồ sơ đến cơ quan giải quyết</summary>"),
              std::string::npos);
    EXPECT_NE(html.find("name=\"action\" value=\"transfer\""), std::string::npos);
    EXPECT_NE(html.find("href=\"/api/v1/dossiers/" + code + "/forms/receipt.pdf\""),
              std::string::npos);
    EXPECT_NE(html.find("href=\"/api/v1/dossiers/" + code + "/forms/process_control.html\""),
              std::string::npos);
    EXPECT_NE(html.find("/forms/stop_notice.pdf"), std::string::npos);
    EXPECT_EQ(html.find("/forms/register."), std::string::npos);
}

TEST_F(DossierPages, IntakeErrorsKeepTheValues) {
    const std::string cookie = SignIn("motcua");
    const std::string page = Get("/ho-so/tiep-nhan?thu-tuc=1.002010", cookie).body;
    const http::Response r =
        Post("/ho-so/tiep-nhan",
             IntakeBody(page, "&name=&id_number=12345&completeness=complete", 2), cookie);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#name\">Nhập họ tên (tên tổ chức) người nộp.</a>"),
              std::string::npos);
    EXPECT_NE(r.body.find("Số định danh cá nhân gồm đúng 12 chữ số."), std::string::npos);
    EXPECT_NE(r.body.find("value=\"0905123456\""), std::string::npos) << "values kept";
    EXPECT_EQ(InputValue(r.body, "idempotency_key"), InputValue(page, "idempotency_key"));
    EXPECT_EQ(Count(r.body, "value=\"1\" checked"), 2U) << "the unticked component stays so";
}

TEST_F(DossierPages, IncompleteDossierGetsASupplementRequest) {
    const std::string cookie = SignIn("motcua");
    const std::string code =
        Receive(cookie, "&completeness=incomplete&reason=" + UrlEncode("Thiếu giấy tờ"), 2);
    const std::string html = Get("/ho-so/" + code + "?tiep-nhan=1", cookie).body;
    EXPECT_EQ(StateOf(html), "Chờ bổ sung hồ sơ");
    EXPECT_NE(html.find("Đã lập phiếu yêu cầu bổ sung"), std::string::npos);
    EXPECT_NE(html.find("<strong class=\"text-late\">Còn thiếu</strong>"), std::string::npos);
    EXPECT_NE(html.find("Nội dung: Thiếu giấy tờ"), std::string::npos);
}

TEST_F(DossierPages, StaleVersionChangesNothing) {
    const std::string cookie = SignIn("motcua");
    const std::string code = Receive(cookie);
    const std::string page = Get("/ho-so/" + code, cookie).body;
    http::Response r = Post("/ho-so/" + code + "/thao-tac",
                            "_csrf=" + CsrfOf(page) + "&action=transfer&version=99", cookie);
    EXPECT_EQ(r.status, 409);
    EXPECT_NE(r.body.find("Hồ sơ vừa được người khác xử lý, hãy tải lại."), std::string::npos);
    EXPECT_EQ(StateOf(r.body), "Đã tiếp nhận");
    // Without the CSRF token nothing happens either.
    r = Post("/ho-so/" + code + "/thao-tac", "action=transfer&version=1", cookie);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(StateOf(Get("/ho-so/" + code, cookie).body), "Đã tiếp nhận");
    r = Act(cookie, code, "transfer");
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.Header("Location"), "/ho-so/" + code + "?xong=transfer");
    const std::string after = Get("/ho-so/" + code + "?xong=transfer", cookie).body;
    EXPECT_EQ(StateOf(after), "Đang giải quyết");
    EXPECT_NE(after.find("Đã thực hiện “Chuyển hồ sơ đến cơ quan giải quyết”."), std::string::npos);
}

TEST_F(DossierPages, FromReceiptToReturn) {
    std::string desk = SignIn("motcua");
    const std::string code = Receive(desk);
    ASSERT_EQ(Act(desk, code, "transfer").status, 303);

    const std::string specialist = SignIn("chuyenvien");
    const std::string inbox = Get("/ho-so", specialist).body;
    EXPECT_NE(inbox.find("aria-current=\"page\">Đang xử lý"), std::string::npos);
    EXPECT_NE(inbox.find(code), std::string::npos);
    http::Response r =
        Act(specialist, code, "complete_step", "&reason=" + UrlEncode("Đủ điều kiện"));
    ASSERT_EQ(r.status, 303) << r.body;

    const std::string leader = SignIn("lanhdaostp");
    EXPECT_NE(Get("/ho-so?hop=to_approve", leader).body.find(code), std::string::npos);
    ASSERT_EQ(Act(leader, code, "approve").status, 303);
    EXPECT_EQ(StateOf(Get("/ho-so/" + code, leader).body), "Đã phê duyệt");

    r = Act(specialist, code, "record_result", "&result_summary=");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#record_result-result_summary\">Nhập số, ngày và trích yếu "
                          "kết quả.</a>"),
              std::string::npos);
    EXPECT_NE(r.body.find("<details class=\"action\" id=\"thao-tac-record_result\" open>"),
              std::string::npos);
    r = Act(specialist, code, "record_result",
            "&result_summary=" + UrlEncode("Giấy đăng ký hoạt động số 12/TP-ĐKHĐ"));
    ASSERT_EQ(r.status, 303) << r.body;

    r = Act(desk, code, "return_result", "&return_method=direct");
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string html = Get("/ho-so/" + code, desk).body;
    EXPECT_EQ(StateOf(html), "Đã trả kết quả");
    for (const char* label :
         {"Tiếp nhận hồ sơ", "Chuyển hồ sơ đến cơ quan giải quyết", "Hoàn thành bước xử lý",
          "Phê duyệt", "Ban hành kết quả", "Trả kết quả"}) {
        EXPECT_NE(
            html.find("<strong class=\"timeline-action\">" + std::string(label) + "</strong>"),
            std::string::npos)
            << label;
    }
    EXPECT_NE(html.find("Kết quả: Giấy đăng ký hoạt động số 12/TP-ĐKHĐ"), std::string::npos);
    EXPECT_NE(html.find("Hồ sơ đã kết thúc."), std::string::npos);
    EXPECT_NE(html.find("<span class=\"state-from\">Đã phê duyệt</span> → <span "
                        "class=\"state-to\">Chờ trả kết quả</span>"),
              std::string::npos);
}

TEST_F(DossierPages, SupplementAfterAppraisalRestartsTheDeadline) {
    std::string desk = SignIn("motcua");
    const std::string code = Receive(desk);
    ASSERT_EQ(Act(desk, code, "transfer").status, 303);
    const std::string specialist = SignIn("chuyenvien");
    http::Response r = Act(specialist, code, "request_supplement", "&reason=");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("Nhập nội dung cần bổ sung, hoàn thiện."), std::string::npos);
    r = Act(specialist, code, "request_supplement",
            "&component=2&reason=" + UrlEncode("Giấy tờ trụ sở chưa hợp lệ"));
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(StateOf(Get("/ho-so/" + code, specialist).body), "Trả lại để bổ sung sau thẩm định");

    // The applicant comes back on Monday 30/11 at 09:00.
    clock_->Set(At("2026-11-30T09:00:00+07:00"));
    desk = SignIn("motcua");
    const std::string before = Get("/ho-so/" + code, desk).body;
    EXPECT_NE(before.find("id=\"supplement-component-2\" name=\"component\" value=\"2\" checked"),
              std::string::npos);
    r = Act(desk, code, "supplement", "&component=2");
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string html = Get("/ho-so/" + code, desk).body;
    EXPECT_EQ(StateOf(html), "Đang giải quyết");
    EXPECT_NE(html.find("<dd id=\"bat-dau-tinh\">30/11/2026 09:00</dd>"), std::string::npos);
    // 7 working days from Monday 30/11 09:00: Wednesday 09/12 09:00.
    EXPECT_NE(html.find("<dd id=\"han-giai-quyet\">09/12/2026 09:00</dd>"), std::string::npos);
    EXPECT_NE(html.find("<dt>Thời hạn giải quyết tính lại từ đầu, từ</dt><dd>30/11/2026 "
                        "09:00</dd>"),
              std::string::npos);
}

TEST_F(DossierPages, ConsultationIsAskedAndAnswered) {
    const std::string desk = SignIn("motcua");
    const std::string code = Receive(desk);
    ASSERT_EQ(Act(desk, code, "transfer").status, 303);
    const std::string specialist = SignIn("chuyenvien");
    http::Response r = Act(specialist, code, "consult",
                           "&task_unit=46.SOYT&task_days=hai&task_request=x&task_unit=&task_days="
                           "&task_request=&task_unit=&task_days=&task_request=");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("<a href=\"#consult-days-1\">Nhập số ngày làm việc của cơ quan dòng 1"),
              std::string::npos);
    EXPECT_NE(r.body.find("<option value=\"46.SOYT\" selected>"), std::string::npos)
        << "the chosen unit is kept";
    r = Act(specialist, code, "consult",
            "&task_unit=46.SOYT&task_days=1%2C5&task_request=" +
                UrlEncode("Cho ý kiến về điều kiện trụ sở"));
    ASSERT_EQ(r.status, 303) << r.body;
    std::string html = Get("/ho-so/" + code, specialist).body;
    EXPECT_NE(html.find("Sở Y tế thành phố Huế<span class=\"document-note\">Lấy ý kiến</span>"),
              std::string::npos);
    EXPECT_NE(html.find("1,5 ngày làm việc"), std::string::npos);
    EXPECT_NE(html.find("Đang chờ trả lời"), std::string::npos);
    // The city's leader covers the Department of Health and answers for it.
    const std::string leader = SignIn("lanhdao");
    r = Act(leader, code, "answer", "&task=0&reason=");
    EXPECT_EQ(r.status, 422);
    r = Act(leader, code, "answer", "&task=0&reason=" + UrlEncode("Đồng ý"));
    ASSERT_EQ(r.status, 303) << r.body;
    html = Get("/ho-so/" + code, specialist).body;
    EXPECT_EQ(html.find("Đang chờ trả lời"), std::string::npos);
    EXPECT_NE(html.find("Đồng ý"), std::string::npos);
    EXPECT_EQ(html.find("name=\"action\" value=\"answer\""), std::string::npos)
        << "nothing left to answer";
}

TEST_F(DossierPages, ApplicantTextIsEscaped) {
    const std::string cookie = SignIn("motcua");
    const std::string code =
        Receive(cookie, "&name=" + UrlEncode("<script>alert(1)</script> & Co"));
    const std::string html = Get("/ho-so/" + code, cookie).body;
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), std::string::npos);
}

TEST_F(DossierPages, ProcessEditorForControlOfficers) {
    EXPECT_EQ(Get("/quy-trinh/1.002010", SignIn("motcua")).status, 403);
    const std::string cookie = SignIn("kiemsoat");
    EXPECT_NE(Get("/thu-tuc/1.002010", cookie).body.find("href=\"/quy-trinh/1.002010\""),
              std::string::npos);
    EXPECT_EQ(Get("/thu-tuc/1.002010").body.find("/quy-trinh/"), std::string::npos);
    const std::string page = Get("/quy-trinh/1.002010", cookie).body;
    EXPECT_EQ(InputValue(page, "s1_key"), "tiep-nhan");
    EXPECT_EQ(InputValue(page, "s5_key"), "tra-ket-qua");
    EXPECT_EQ(InputValue(page, "s2_days"), "4,6");
    EXPECT_EQ(InputValue(page, "version"), "0");
    EXPECT_NE(page.find("Chưa lưu phiên bản nào"), std::string::npos);

    std::string body = "_csrf=" + CsrfOf(page) +
                       "&don_vi=&version=0&note=" + UrlEncode("Quyết định 1/QĐ-UBND") +
                       "&step_count=5";
    const std::array<const char*, 5> keys = {"tiep-nhan", "tham-dinh", "phe-duyet", "ban-hanh",
                                             "tra-ket-qua"};
    const std::array<const char*, 5> kinds = {"receive", "appraise", "approve", "result", "return"};
    const std::array<const char*, 5> units = {"receiving", "settling", "settling", "settling",
                                              "receiving"};
    const std::array<const char*, 5> roles = {"desk_officer", "specialist", "leader", "specialist",
                                              "desk_officer"};
    const std::array<const char*, 5> days = {"0,5", "4", "1,5", "0", "0,5"};  // 6.5, not 7
    for (size_t i = 0; i < keys.size(); ++i) {
        const std::string s = "s" + std::to_string(i + 1) + "_";
        Append(body, s + "key", keys[i]);
        Append(body, s + "name", "Bước " + std::to_string(i + 1));
        Append(body, s + "kind", kinds[i]);
        Append(body, s + "unit", units[i]);
        Append(body, s + "role", roles[i]);
        Append(body, s + "days", days[i]);
        Append(body, s + "next", "");
        Append(body, s + "unit_code", "");
    }
    http::Response r = Post("/quy-trinh/1.002010", body + "&op=add", cookie);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(InputValue(r.body, "step_count"), "6");
    EXPECT_EQ(InputValue(r.body, "s2_days"), "4") << "typed values kept";
    r = Post("/quy-trinh/1.002010", body + "&op=save", cookie);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("role=\"alert\""), std::string::npos);
    EXPECT_NE(r.body.find("Tổng thời gian các bước: 6,5"), std::string::npos);

    const std::string fixed = std::regex_replace(body, std::regex("s3_days=1%2C5"), "s3_days=2");
    r = Post("/quy-trinh/1.002010", fixed + "&op=save", cookie);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.Header("Location"), "/quy-trinh/1.002010?luu=1");
    const std::string saved = Get("/quy-trinh/1.002010?luu=1", cookie).body;
    EXPECT_NE(saved.find("Đã lưu phiên bản 1 của quy trình nội bộ."), std::string::npos);
    EXPECT_EQ(InputValue(saved, "version"), "1");
    EXPECT_NE(saved.find("<th scope=\"row\">1</th><td>Tất cả cơ quan giải quyết</td><td>Quyết "
                         "định 1/QĐ-UBND</td>"),
              std::string::npos);
    // The same form again (version 0) is stale now.
    r = Post("/quy-trinh/1.002010", fixed + "&op=save", cookie);
    EXPECT_EQ(r.status, 409);
    EXPECT_NE(r.body.find("Quy trình vừa được người khác lưu phiên bản mới, hãy tải lại."),
              std::string::npos);
    // Without the CSRF token: refused.
    EXPECT_EQ(
        Post("/quy-trinh/1.002010", fixed.substr(fixed.find('&') + 1) + "&op=save", cookie).status,
        403);
}

}  // namespace
}  // namespace motcua::web

namespace motcua::web {
namespace {

TEST_F(DossierPages, PublicTrackingPageShowsProgressNotPersonalData) {
    const std::string desk = SignIn("motcua");
    const std::string code = Receive(desk);
    std::string key;
    {
        auto tx = ctx_.db->Begin(store::TxMode::kRead);
        ASSERT_TRUE(tx);
        auto d = store::dossiers::GetByCode(**tx, code);
        ASSERT_TRUE(d && *d);
        key = (*d)->lookup_secret;
    }
    // Anyone, without signing in: the form, then the dossier by its two codes.
    http::Response r = Get("/tra-cuu");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Tra cứu tình trạng hồ sơ"), std::string::npos);
    r = Get("/tra-cuu?ma=" + code + "&khoa=" + key);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("Đã tiếp nhận"), std::string::npos);
    EXPECT_NE(r.body.find("Sở Tư pháp"), std::string::npos);
    EXPECT_EQ(r.body.find("046090"), std::string::npos);  // no identity number
    r = Get("/tra-cuu?ma=" + code + "&khoa=WRONGKEY");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("Không tìm thấy hồ sơ"), std::string::npos);
}

}  // namespace
}  // namespace motcua::web
