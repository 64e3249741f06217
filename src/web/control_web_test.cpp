// /danh-gia-tac-dong and /ra-soat-tthc (issue #8, engineer G; docs/control.md "Pages"): a
// control officer creates an impact assessment and a review plan through the forms (PRG), the
// detail pages show the arithmetic step by step and the saving, a procedure is added, the plan is
// approved; bad input comes back with its message and values (422), a post without the CSRF
// token changes nothing, a desk officer is refused. Session 8: a draft assessment and a proposed
// plan's procedures are edited (and a procedure removed) from the pages, starting from what is
// stored; an approved plan is implemented by a stored publication decision and links to it.
#include <regex>
#include <string>

#include "store/publication_decisions.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class ControlPages : public WebRoutes {
protected:
    std::int64_t Count(std::string_view table) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM " + std::string(table), {});
        EXPECT_TRUE(row && *row);
        return (row && *row) ? (*row)->Int(0) : -1;
    }
};

// Thu nhập 200.000 đồng/ngày; "Tìm hiểu | 8", "Đi lại | 4", "Chờ | 4"; thuê ngoài 500.000; phí
// 100.000; khác 24.000; 3.228 đối tượng.
constexpr std::string_view kBefore =
    "before_daily_income=200.000&before_activities=T%C3%ACm+hi%E1%BB%83u+%7C+8%0D%0A%C4%90i+l%E1"
    "%BA%A1i+%7C+4%0D%0ACh%E1%BB%9D+%7C+4&before_outsourced=500.000&before_fees=100.000"
    "&before_other=24.000&before_subjects=3228&before_frequency=1";
// 25.000 đồng/giờ × (4 giờ + 0,5 giờ) + 100.000 + 18.500 = 231.000.
constexpr std::string_view kAfter =
    "after_daily_income=200000&after_activities=Chu%E1%BA%A9n+b%E1%BB%8B+%7C+4%0D%0AN%E1%BB%99p"
    "+tr%E1%BB%B1c+tuy%E1%BA%BFn+%7C+0%2C5&after_fees=100000&after_other=18500"
    "&after_subjects=3228&after_frequency=1";

TEST_F(ControlPages, ReviewPlanThroughTheForms) {
    EXPECT_EQ(Get("/ra-soat-tthc").status, 303);
    const std::string control = SignIn("kiemsoat");
    auto list = Get("/ra-soat-tthc", control);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("Chưa có kế hoạch rà soát nào"), std::string::npos);
    EXPECT_NE(list.body.find(R"(href="/ra-soat-tthc")"), std::string::npos);  // nav link
    const std::string csrf = CsrfOf(list.body);
    ASSERT_FALSE(csrf.empty());
    const std::string plan = "unit=46&year=2026&title=R%C3%A0+so%C3%A1t+2026&procedure_code=";

    EXPECT_EQ(Post("/ra-soat-tthc", plan + "1.000894&" + std::string(kBefore), control).status,
              403);
    const auto unknown = Post("/ra-soat-tthc",
                              "_csrf=" + csrf + "&" + plan + "9.999999&" + std::string(kBefore) +
                                  "&" + std::string(kAfter),
                              control);
    EXPECT_EQ(unknown.status, 422);
    EXPECT_NE(unknown.body.find("Không có thủ tục mã"), std::string::npos);
    EXPECT_NE(unknown.body.find(R"(value="9.999999")"), std::string::npos);
    const auto bad_hours = Post(
        "/ra-soat-tthc",
        "_csrf=" + csrf + "&" + plan + "1.000894&before_activities=N%E1%BB%99p+%7C+hai", control);
    EXPECT_EQ(bad_hours.status, 422);
    EXPECT_NE(bad_hours.body.find("Số giờ ở dòng 1"), std::string::npos);
    EXPECT_EQ(Count("review_plans"), 0);

    const auto created = Post("/ra-soat-tthc",
                              "_csrf=" + csrf + "&" + plan +
                                  "1.000894&documents_cut=1&change_text=B%E1%BB%8F+gi%E1%BA%A5y"
                                  "&" +
                                  std::string(kBefore) + "&" + std::string(kAfter),
                              control);
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string path(created.Header("location").value_or(""));
    ASSERT_NE(path.find("/ra-soat-tthc/"), std::string::npos);
    auto page = Get(path.substr(0, path.find('?')), control);
    ASSERT_EQ(page.status, 200) << page.body;
    for (std::string_view want :
         {"Thu nhập theo giờ = 200.000 đồng/ngày ÷ 8 giờ = 25.000 đồng/giờ",
          "Chi phí một lần tuân thủ = 400.000 (thời gian) + 500.000 (thuê ngoài) + 100.000 (phí, "
          "lệ "
          "phí) + 24.000 (chi phí khác) = 1.024.000 đồng",
          "Nộp trực tuyến: 30 phút × 25.000 đồng/giờ = 12.500 đồng", "3.305.472.000 đồng",
          "745.668.000 đồng", "793.000 đồng mỗi lần tuân thủ (77,44%)",
          "Cắt giảm 1 thành phần hồ sơ", "/api/v1/review-plans/"}) {
        EXPECT_NE(page.body.find(want), std::string::npos) << want;
    }
    const std::string item_path = path.substr(0, path.find('?'));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(name="version" value="(\d+)")re")));
    const std::string version = m[1];
    const auto added =
        Post(item_path + "/thu-tuc",
             "_csrf=" + csrf + "&version=" + version +
                 "&procedure_code=1.000689&before_daily_income=200000&before_"
                 "activities=N%E1%BB%99p+%7C+2&before_subjects=10&after_daily_"
                 "income=200000&after_activities=N%E1%BB%99p+%7C+1&after_subjects=10",
             control);
    ASSERT_EQ(added.status, 303) << added.body;
    page = Get(item_path, control);
    EXPECT_NE(page.body.find(R"(data-code="1.000689")"), std::string::npos);
    EXPECT_NE(page.body.find("50,00%"), std::string::npos);
    // Approve with the stale version: 409 with the message.
    const auto stale = Post(item_path,
                            "_csrf=" + csrf + "&version=" + version +
                                "&action=approve&approved_by=A&decision=1%2FQ%C4%90&on=2026-04-01",
                            control);
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("đã bị thay đổi"), std::string::npos);
    const auto approved =
        Post(item_path,
             "_csrf=" + csrf + "&version=" + std::to_string(std::stoi(version) + 1) +
                 "&action=approve&approved_by=Ch%E1%BB%A7+t%E1%BB%8Bch&decision=123%2FQ%C4%90-UBND&"
                 "on=2026-04-01",
             control);
    ASSERT_EQ(approved.status, 303) << approved.body;
    page = Get(item_path, control);
    EXPECT_NE(page.body.find("Đã phê duyệt"), std::string::npos);
    EXPECT_NE(page.body.find("123/QĐ-UBND"), std::string::npos);

    const std::string desk = SignIn("motcua");
    EXPECT_EQ(Get(item_path, desk).status, 403);
    EXPECT_EQ(Get("/ra-soat-tthc", desk).status, 403);
}

TEST_F(ControlPages, ImpactAssessmentThroughTheForms) {
    const std::string control = SignIn("kiemsoat");
    auto list = Get("/danh-gia-tac-dong", control);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("Thủ tục có được quy định đúng thẩm quyền ban hành văn bản không?"),
              std::string::npos);
    const std::string csrf = CsrfOf(list.body);
    const std::string form =
        "_csrf=" + csrf +
        "&unit=46&draft_name=D%E1%BB%B1+th%E1%BA%A3o&procedure_name=H%E1%BB%97+tr%E1%BB%A3"
        "&subjects=H%E1%BB%99+kinh+doanh"
        "&answer.necessity.goal=yes&note.necessity.goal=Qu%E1%BA%A3n+l%C3%BD&daily_income=200000"
        "&activities=Chu%E1%BA%A9n+b%E1%BB%8B+%7C+2&subjects_count=2500&frequency=1";
    const auto bad = Post("/danh-gia-tac-dong", form + "&fees=12%2C5", control);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("Phí, lệ phí phải là số nguyên"), std::string::npos);
    EXPECT_EQ(Count("impact_assessments"), 0);
    const auto created = Post("/danh-gia-tac-dong", form, control);
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string loc(created.Header("location").value_or(""));
    const std::string path = loc.substr(0, loc.find('?'));
    auto page = Get(path, control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Chuẩn bị: 2 giờ × 25.000 đồng/giờ = 50.000 đồng"), std::string::npos);
    EXPECT_NE(page.body.find("Chi phí một năm = 50.000 × 2.500 đối tượng × 1 lần/năm = "
                             "125.000.000 đồng"),
              std::string::npos);
    EXPECT_NE(page.body.find("Quản lý"), std::string::npos);
    const auto submitted = Post(path, "_csrf=" + csrf + "&version=1&action=submit", control);
    ASSERT_EQ(submitted.status, 303);
    const auto no_opinion = Post(path, "_csrf=" + csrf + "&version=2&action=review", control);
    EXPECT_EQ(no_opinion.status, 422);
    EXPECT_NE(no_opinion.body.find("Cần ý kiến thẩm định"), std::string::npos);
    const auto reviewed =
        Post(path, "_csrf=" + csrf + "&version=2&action=review&opinion=%C4%90%E1%BB%93ng+%C3%BD",
             control);
    ASSERT_EQ(reviewed.status, 303);
    page = Get(path, control);
    EXPECT_NE(page.body.find("Đã có ý kiến thẩm định"), std::string::npos);
    EXPECT_NE(page.body.find("Đồng ý"), std::string::npos);
}

std::string VersionIn(const std::string& html) {
    std::smatch m;
    return std::regex_search(html, m, std::regex(R"re(name="version" value="(\d+)")re"))
               ? std::string(m[1])
               : std::string();
}

TEST_F(ControlPages, DraftAssessmentEditedFromItsPage) {
    const std::string control = SignIn("kiemsoat");
    const std::string csrf = CsrfOf(Get("/danh-gia-tac-dong", control).body);
    const auto created = Post(
        "/danh-gia-tac-dong",
        "_csrf=" + csrf +
            "&unit=46&draft_name=D%E1%BB%B1+th%E1%BA%A3o&procedure_name=H%E1%BB%97+tr%E1%BB%A3"
            "&answer.necessity.goal=yes&note.necessity.goal=Qu%E1%BA%A3n+l%C3%BD"
            "&daily_income=200000&activities=Chu%E1%BA%A9n+b%E1%BB%8B+%7C+2%0D%0AN%E1%BB%99p+%7C+"
            "20+ph%C3%BAt&subjects_count=2500&frequency=0%2C5",
        control);
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string loc(created.Header("location").value_or(""));
    const std::string path = loc.substr(0, loc.find('?'));
    auto page = Get(path, control);
    ASSERT_EQ(page.status, 200) << page.body;
    // The edit form starts from what is stored: the answer checked, the note, the activities
    // ("20 phút" is not a whole hundredth of an hour), money with thousands dots, frequency 0,5.
    for (std::string_view want :
         {R"(action="/danh-gia-tac-dong/)", "/sua\"", R"(value="Hỗ trợ")",
          R"(name="answer.necessity.goal" value="yes" checked)", "Quản lý</textarea>",
          "Chuẩn bị | 2\nNộp | 20 phút", R"(value="200.000")", R"(value="2.500")",
          R"(name="frequency" value="0,5")", "export?format=pdf", "export?format=docx"}) {
        EXPECT_NE(page.body.find(want), std::string::npos) << want;
    }
    const std::string edit =
        "_csrf=" + csrf +
        "&draft_name=D%E1%BB%B1+th%E1%BA%A3o+s%E1%BB%ADa&procedure_name=H%E1%BB%97+tr%E1%BB%A3"
        "&answer.necessity.goal=no&daily_income=200.000&activities=Chu%E1%BA%A9n+b%E1%BB%8B+%7C+4"
        "&subjects_count=2500&frequency=1";
    // Refused input comes back in the form with its message, nothing written.
    const auto bad = Post(path + "/sua", edit + "&version=1&fees=12%2C5", control);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("Phí, lệ phí phải là số nguyên"), std::string::npos);
    EXPECT_NE(bad.body.find(R"(value="12,5")"), std::string::npos);
    EXPECT_NE(bad.body.find("Dự thảo sửa"), std::string::npos);
    const auto stale = Post(path + "/sua", edit + "&version=7", control);
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("đã bị thay đổi"), std::string::npos);
    EXPECT_EQ(Post(path + "/sua", edit + "&version=1", control).status, 303);
    page = Get(path, control);
    EXPECT_NE(page.body.find("Dự thảo sửa"), std::string::npos);
    EXPECT_NE(page.body.find("Chuẩn bị: 4 giờ × 25.000 đồng/giờ = 100.000 đồng"),
              std::string::npos);
    EXPECT_NE(page.body.find("250.000.000 đồng"), std::string::npos);  // 100.000 × 2.500 × 1
    EXPECT_EQ(VersionIn(page.body), "2");
    // Submitted: no edit form, and an edit post is refused.
    ASSERT_EQ(Post(path, "_csrf=" + csrf + "&version=2&action=submit", control).status, 303);
    page = Get(path, control);
    EXPECT_EQ(page.body.find("/sua\""), std::string::npos);
    const auto late = Post(path + "/sua", edit + "&version=3", control);
    EXPECT_EQ(late.status, 409);
    EXPECT_NE(late.body.find("Chỉ sửa được bản đánh giá đang soạn"), std::string::npos);
    EXPECT_EQ(Post(path + "/sua", edit + "&version=3", SignIn("motcua")).status, 403);
}

TEST_F(ControlPages, PlanProceduresEditedRemovedAndLinkedToAPublicationDecision) {
    const std::string control = SignIn("kiemsoat");
    const std::string csrf = CsrfOf(Get("/ra-soat-tthc", control).body);
    const auto created = Post("/ra-soat-tthc",
                              "_csrf=" + csrf +
                                  "&unit=46&year=2026&title=R%C3%A0+so%C3%A1t&procedure_code="
                                  "1.000894&online_level=full&" +
                                  std::string(kBefore) + "&" + std::string(kAfter),
                              control);
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string loc(created.Header("location").value_or(""));
    const std::string path = loc.substr(0, loc.find('?'));
    ASSERT_EQ(Post(path + "/thu-tuc",
                   "_csrf=" + csrf +
                       "&version=1&procedure_code=1.000689&before_hourly_income=25000&before_"
                       "activities=N%E1%BB%99p+%7C+2&before_subjects=10&after_hourly_income=25000"
                       "&after_activities=N%E1%BB%99p+%7C+1&after_subjects=10",
                   control)
                  .status,
              303);
    auto page = Get(path, control);
    ASSERT_EQ(page.status, 200);
    // Each procedure's edit form starts from what is stored.
    for (std::string_view want :
         {R"(data-edit="1.000894")", R"(data-edit="1.000689")", R"(<option value="full" selected>)",
          "Nộp trực tuyến | 0,5", R"(name="before_daily_income" value="200.000")",
          R"(name="before_hourly_income" value="25.000")",
          R"(name="before_outsourced" value="500.000")", "Bỏ thủ tục 1.000689 khỏi kế hoạch"}) {
        EXPECT_NE(page.body.find(want), std::string::npos) << want;
    }
    ASSERT_EQ(VersionIn(page.body), "2");
    // Edit 1.000894: the after-cost drops to 25.000 × 4 + 100.000 = 200.000 per event.
    const std::string edit = "_csrf=" + csrf +
                             "&procedure_code=1.000894&change_text=Ch%E1%BB%89+n%E1%BB%99p+"
                             "tr%E1%BB%B1c+tuy%E1%BA%BFn&" +
                             std::string(kBefore) +
                             "&after_daily_income=200000&after_activities=N%E1%BB%99p+%7C+4"
                             "&after_fees=100000&after_subjects=3228&after_frequency=1";
    const auto bad = Post(path + "/thu-tuc/sua", edit + "&version=2&days_cut=hai", control);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("phải là số nguyên"), std::string::npos);
    EXPECT_NE(bad.body.find(R"(data-edit="1.000894" open)"), std::string::npos);
    EXPECT_NE(bad.body.find(R"(value="hai")"), std::string::npos);
    const auto stale = Post(path + "/thu-tuc/sua", edit + "&version=1", control);
    EXPECT_EQ(stale.status, 409);
    EXPECT_NE(stale.body.find("đã bị thay đổi"), std::string::npos);
    const auto unknown = Post(path + "/thu-tuc/xoa",
                              "_csrf=" + csrf + "&version=2&procedure_code=1.000110", control);
    EXPECT_EQ(unknown.status, 422);
    EXPECT_NE(unknown.body.find("Kế hoạch không có thủ tục mã"), std::string::npos);
    ASSERT_EQ(Post(path + "/thu-tuc/sua", edit + "&version=2", control).status, 303);
    page = Get(path, control);
    EXPECT_NE(page.body.find("Chỉ nộp trực tuyến"), std::string::npos);
    EXPECT_NE(page.body.find("= 200.000 đồng"), std::string::npos);
    EXPECT_NE(page.body.find(R"(data-code="1.000689")"), std::string::npos);  // untouched
    // Remove 1.000689 (stale first).
    EXPECT_EQ(
        Post(path + "/thu-tuc/xoa", "_csrf=" + csrf + "&version=2&procedure_code=1.000689", control)
            .status,
        409);
    ASSERT_EQ(
        Post(path + "/thu-tuc/xoa", "_csrf=" + csrf + "&version=3&procedure_code=1.000689", control)
            .status,
        303);
    page = Get(path, control);
    EXPECT_EQ(page.body.find(R"(data-code="1.000689")"), std::string::npos);
    EXPECT_NE(page.body.find(R"(data-code="1.000894")"), std::string::npos);
    EXPECT_EQ(Post(path + "/thu-tuc/xoa", "_csrf=" + csrf + "&version=4&procedure_code=1.000894",
                   SignIn("motcua"))
                  .status,
              403);

    // Approved: no more edit forms; implemented by a stored, signed decision of the city.
    std::int64_t decision = 0;
    {
        auto tx = db_->Begin(store::TxMode::kWrite);
        ASSERT_TRUE(tx);
        auto unit = (*tx)->QueryOne("SELECT id FROM units WHERE code = '46'", {});
        ASSERT_TRUE(unit && *unit);
        store::publication_decisions::Decision d;
        d.issuing_unit_id = (*unit)->Int(0);
        d.number = "300/QĐ-UBND";
        d.title = "Công bố TTHC được đơn giản hóa";
        d.state = "signed";
        d.signed_on = std::chrono::sys_days{std::chrono::year{2026} / 5 / 20};
        d.version = 1;
        auto id =
            store::publication_decisions::Create(**tx, d, std::nullopt, std::chrono::sys_seconds{});
        ASSERT_TRUE(id);
        decision = *id;
        ASSERT_TRUE((*tx)->Commit());
    }
    ASSERT_EQ(Post(path,
                   "_csrf=" + csrf +
                       "&version=4&action=approve&approved_by=A&decision=1%2FQ%C4%90&on=2026-04-01",
                   control)
                  .status,
              303);
    page = Get(path, control);
    EXPECT_EQ(page.body.find("data-edit="), std::string::npos);
    EXPECT_EQ(page.body.find("Bỏ thủ tục"), std::string::npos);
    EXPECT_NE(page.body.find(R"(<option value=")" + std::to_string(decision) +
                             R"(">Số 300/QĐ-UBND ngày 20/05/2026)"),
              std::string::npos);
    const auto removed_late = Post(path + "/thu-tuc/xoa",
                                   "_csrf=" + csrf + "&version=5&procedure_code=1.000894", control);
    EXPECT_EQ(removed_late.status, 409);
    const auto bad_choice = Post(path,
                                 "_csrf=" + csrf +
                                     "&version=5&action=implement&on=2026-06-15&publication_"
                                     "decision_id=987654",
                                 control);
    EXPECT_EQ(bad_choice.status, 422);
    EXPECT_NE(bad_choice.body.find("Không có quyết định công bố mã 987654"), std::string::npos);
    ASSERT_EQ(Post(path,
                   "_csrf=" + csrf +
                       "&version=5&action=implement&on=2026-06-15&publication_decision_id=" +
                       std::to_string(decision),
                   control)
                  .status,
              303);
    page = Get(path, control);
    EXPECT_NE(page.body.find(R"(<a href="/cong-bo-tthc/)" + std::to_string(decision) +
                             R"(" data-publication>Quyết định công bố số 300/QĐ-UBND</a>)"),
              std::string::npos);
}

}  // namespace
}  // namespace motcua::web::webtest
