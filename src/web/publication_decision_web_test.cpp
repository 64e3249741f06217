// /cong-bo-tthc and /cong-bo-tthc/{id} (issue #8; docs/control.md "Publication decisions"): a
// control officer drafts a decision through the form, signs it late (the warning and the
// violation list show it), applies it to the catalogue; a post without the CSRF token changes
// nothing; bad input comes back with its message; an officer of another unit gets 404. The
// fields of a draft's procedure edited through its form; the violation list's DOCX link; the
// administrator's setting of the days convention (/thiet-lap/cong-bo-tthc).
#include <regex>
#include <string>

#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class PublicationDecisionPages : public WebRoutes {
protected:
    std::int64_t Count(std::string_view table) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM " + std::string(table), {});
        EXPECT_TRUE(row && *row);
        return (row && *row) ? (*row)->Int(0) : -1;
    }
};

// Signed on 27/11/2026 for a resolution in force on 1/12/2026: 5 working days before is 24/11,
// so the decision is late.
constexpr std::string_view kForm =
    "issuing_unit=46&number=99%2FQ%C4%90-UBND&title=C%C3%B4ng+b%E1%BB%91&issuer=province"
    "&convention=working_days&signed_on=2026-11-27&signer=Nguy%E1%BB%85n+V%C4%83n+A"
    "&signer_position=Ch%E1%BB%A7+t%E1%BB%8Bch&law_number=9%2F2026%2FNQ-H%C4%90ND"
    "&law_effective=2026-12-01&items=1.002010+amended";

TEST_F(PublicationDecisionPages, DraftSignApplyThroughTheForms) {
    EXPECT_EQ(Get("/cong-bo-tthc").status, 303);
    const std::string control = SignIn("kiemsoat");
    auto list = Get("/cong-bo-tthc", control);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("Chưa có quyết định công bố nào"), std::string::npos);
    const std::string csrf = CsrfOf(list.body);
    ASSERT_FALSE(csrf.empty());

    EXPECT_EQ(Post("/cong-bo-tthc", std::string(kForm), control).status, 403);
    EXPECT_EQ(Count("publication_decisions"), 0);
    const auto bad =
        Post("/cong-bo-tthc",
             "_csrf=" + csrf + "&issuing_unit=46&number=1&law_number=x&items=1.002010", control);
    EXPECT_EQ(bad.status, 422) << bad.body;
    EXPECT_NE(bad.body.find("effective_on"), std::string::npos) << bad.body;
    const auto unknown = Post("/cong-bo-tthc",
                              "_csrf=" + csrf +
                                  "&issuing_unit=46&number=2&law_number=x&law_effective=2026-12-"
                                  "01&items=1.888888+amended",
                              control);
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_NE(unknown.body.find("1.888888"), std::string::npos);
    EXPECT_EQ(Count("publication_decisions"), 0);

    const auto created = Post("/cong-bo-tthc", "_csrf=" + csrf + "&" + std::string(kForm), control);
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string location(created.Header("Location").value_or(""));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(^(/cong-bo-tthc/\d+)\?da-luu=1$)")))
        << location;
    const std::string item = m[1];
    auto page = Get(item, control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("99/QĐ-UBND"), std::string::npos);
    EXPECT_NE(page.body.find(R"(data-rule="late_decision")"), std::string::npos);
    EXPECT_NE(page.body.find(R"(value="sign")"), std::string::npos);

    auto signed_r = Post(item, "_csrf=" + csrf + "&action=sign&version=1", control);
    ASSERT_EQ(signed_r.status, 303) << signed_r.body;
    list = Get("/cong-bo-tthc", control);
    EXPECT_NE(list.body.find("publication-violations"), std::string::npos);
    auto applied = Post(item, "_csrf=" + csrf + "&action=apply&version=2", control);
    ASSERT_EQ(applied.status, 303) << applied.body;
    page = Get(item, control);
    EXPECT_NE(page.body.find("Đã áp dụng vào danh mục"), std::string::npos);
    auto again = Post(item, "_csrf=" + csrf + "&action=apply&version=3", control);
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.body.find("không áp dụng lại"), std::string::npos);

    const std::string commune = SignIn("motcuaxa");
    EXPECT_EQ(Get(item, commune).status, 404);
}

TEST_F(PublicationDecisionPages, EditAnItemsFieldsInADraft) {
    const std::string control = SignIn("kiemsoat");
    auto list = Get("/cong-bo-tthc", control);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("/api/v1/publication-decisions/violations?format=docx"),
              std::string::npos);
    const std::string csrf = CsrfOf(list.body);
    // Without a chosen convention: the system setting.
    std::string form(kForm);
    form.replace(form.find("&convention=working_days"),
                 std::string("&convention=working_days").size(), "&convention=");
    const auto created = Post("/cong-bo-tthc", "_csrf=" + csrf + "&" + form, control);
    ASSERT_EQ(created.status, 303) << created.body;
    std::string item(created.Header("Location").value_or(""));
    item = item.substr(0, item.find('?'));
    auto page = Get(item, control);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("theo thiết lập hệ thống"), std::string::npos);
    EXPECT_NE(page.body.find("publication-item-form"), std::string::npos);
    EXPECT_NE(page.body.find(R"(name="item" value="0")"), std::string::npos);

    const std::string edit = "_csrf=" + csrf + "&action=edit_item&item=0&version=1";
    auto bad_days = Post(item, edit + "&days=m%C6%B0%E1%BB%9Di", control);
    EXPECT_EQ(bad_days.status, 422) << bad_days.body;
    EXPECT_NE(bad_days.body.find("Thời hạn giải quyết phải là số ngày"), std::string::npos);
    auto bad_json = Post(item, edit + "&other=%7Bnot", control);
    EXPECT_EQ(bad_json.status, 422);
    EXPECT_NE(bad_json.body.find("đối tượng JSON"), std::string::npos);
    auto bad_item =
        Post(item, "_csrf=" + csrf + "&action=edit_item&item=7&version=1&name=X", control);
    EXPECT_EQ(bad_item.status, 422);
    auto bad_field = Post(item, edit + "&other=%7B%22code%22%3A%221.000001%22%7D", control);
    EXPECT_EQ(bad_field.status, 422) << "the decision sets the code";

    auto saved = Post(item,
                      edit + "&name=%C4%90%C4%83ng+k%C3%BD+m%E1%BB%9Bi&days=1%2C5" +
                          "&other=%7B%22result%22%3A%22Gi%E1%BA%A5y+ph%C3%A9p%22%7D",
                      control);
    ASSERT_EQ(saved.status, 303) << saved.body;
    page = Get(item, control);
    EXPECT_NE(page.body.find(R"(value="Đăng ký mới")"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find(R"(value="1,5")"), std::string::npos);
    EXPECT_NE(page.body.find("Giấy phép"), std::string::npos);
    // The other fields of the decision are kept; the stale version is refused.
    EXPECT_NE(page.body.find("99/QĐ-UBND"), std::string::npos);
    EXPECT_NE(page.body.find("9/2026/NQ-HĐND"), std::string::npos);
    auto stale = Post(item, edit + "&name=Kh%C3%A1c", control);
    EXPECT_EQ(stale.status, 409);

    // Signed: no more editing.
    ASSERT_EQ(Post(item, "_csrf=" + csrf + "&action=sign&version=2", control).status, 303);
    page = Get(item, control);
    EXPECT_EQ(page.body.find("publication-item-form"), std::string::npos);
    EXPECT_EQ(
        Post(item, "_csrf=" + csrf + "&action=edit_item&item=0&version=3&name=X", control).status,
        409);
}

TEST_F(PublicationDecisionPages, TheAdministratorSetsTheConventionFromADay) {
    const std::string control = SignIn("kiemsoat");
    EXPECT_EQ(Get("/thiet-lap/cong-bo-tthc", control).status, 403);
    const std::string admin = SignIn("quantri");
    auto page = Get("/thiet-lap/cong-bo-tthc", admin);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Chưa có thay đổi"), std::string::npos);
    const std::string csrf = CsrfOf(page.body);
    EXPECT_EQ(Count("settings"), 0);
    auto past =
        Post("/thiet-lap/cong-bo-tthc",
             "_csrf=" + csrf + "&version=0&value=calendar_days&valid_from=2026-11-27", admin);
    EXPECT_EQ(past.status, 422);
    EXPECT_NE(past.body.find("sau hôm nay"), std::string::npos);
    EXPECT_EQ(Post("/thiet-lap/cong-bo-tthc",
                   "_csrf=" + csrf + "&version=0&value=x&valid_from=2026-12-01", admin)
                  .status,
              422);
    EXPECT_EQ(Post("/thiet-lap/cong-bo-tthc", "version=0&value=calendar_days&valid_from=2026-12-01",
                   admin)
                  .status,
              403);
    EXPECT_EQ(Count("settings"), 0);
    auto saved =
        Post("/thiet-lap/cong-bo-tthc",
             "_csrf=" + csrf + "&version=0&value=calendar_days&valid_from=2026-12-01", admin);
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(Count("settings"), 1);
    page = Get("/thiet-lap/cong-bo-tthc", admin);
    EXPECT_NE(page.body.find("setting-next"), std::string::npos);
    EXPECT_NE(page.body.find("từ ngày 01/12/2026"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("quantri"), std::string::npos);
    // The form still holds version 0: stale.
    EXPECT_EQ(Post("/thiet-lap/cong-bo-tthc",
                   "_csrf=" + csrf + "&version=0&value=working_days&valid_from=2026-12-05", admin)
                  .status,
              409);
    EXPECT_EQ(Count("settings"), 1);
}

}  // namespace
}  // namespace motcua::web::webtest
