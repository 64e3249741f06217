// /cong-bo-tthc and /cong-bo-tthc/{id} (issue #8; docs/control.md "Publication decisions"): a
// control officer drafts a decision through the form, signs it late (the warning and the
// violation list show it), applies it to the catalogue; a post without the CSRF token changes
// nothing; bad input comes back with its message; an officer of another unit gets 404.
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

}  // namespace
}  // namespace motcua::web::webtest
