// The rating and evaluation pages (issue #5): a desk officer enters a paper form for a returned
// dossier, the stored answers are shown, a leader reads the unit's indices, and the pages refuse
// whoever may not use them.
#include <array>

#include "store/database.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class RatingPages : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        auto seeded = app::SeedDemoDossiers(ctx_);  // one dossier in each state, one returned
        ASSERT_TRUE(seeded) << seeded.error().message;
    }

    // A demo dossier in `state` (the demo data holds one of each).
    std::string DossierIn(std::string_view state) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        const std::array<store::Value, 1> params{store::Value{std::string(state)}};
        auto row =
            (*tx)->QueryOne("SELECT code FROM dossiers WHERE state = $1 ORDER BY id", params);
        EXPECT_TRUE(row && *row) << state;
        return row && *row ? (*row)->Text(0) : std::string();
    }
};

TEST_F(RatingPages, TheDeskEntersAPaperFormAndTheAnswersAreShown) {
    const std::string code = DossierIn("returned");
    const std::string desk = SignIn("motcua");
    const std::string path = "/cong-dan/ho-so/" + code + "/danh-gia";
    const auto form = Get(path, desk);
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_NE(form.body.find("Ông/bà có hài lòng với việc giải quyết hồ sơ không?"),
              std::string::npos);
    EXPECT_NE(form.body.find("Phiếu đánh giá giấy"), std::string::npos);  // staff entry
    const std::string csrf = CsrfOf(form.body);
    ASSERT_FALSE(csrf.empty());

    // Missing answers: the form again, with Vietnamese messages, nothing stored.
    const auto bad = Post(path, "_csrf=" + csrf + "&channel=paper&contacts=abc", desk);
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.body.find("Chọn mức độ hài lòng."), std::string::npos);
    EXPECT_NE(bad.body.find("Nhập số lần phải liên hệ, từ 0 đến 99."), std::string::npos);

    const auto saved = Post(path,
                            "_csrf=" + csrf +
                                "&channel=paper&satisfaction=satisfied&contacts=1&bodies=1"
                                "&complaint=0&comment=C%C3%A1n+b%E1%BB%99+t%E1%BA%ADn+t%C3%ACnh",
                            desk);
    ASSERT_EQ(saved.status, 303) << saved.body;
    const auto shown = Get(path + "?da-luu=1", desk);
    ASSERT_EQ(shown.status, 200);
    EXPECT_NE(shown.body.find("Đánh giá đã ghi nhận"), std::string::npos);
    EXPECT_NE(shown.body.find("Cán bộ tận tình"), std::string::npos);
    EXPECT_NE(shown.body.find("Phiếu giấy"), std::string::npos);
    EXPECT_EQ(shown.body.find("Gửi đánh giá"), std::string::npos);  // no second rating

    // The specialist may see the dossier but may not enter forms; a citizen may not see it.
    const auto specialist = Get(path, SignIn("chuyenvien"));
    ASSERT_EQ(specialist.status, 200);
    EXPECT_EQ(specialist.body.find("Gửi đánh giá"), std::string::npos);
    EXPECT_EQ(Get(path, SignIn("congdan")).status, 403);
    EXPECT_EQ(Get(path).status, 303);  // anonymous: to the sign-in page
}

TEST_F(RatingPages, AnOpenDossierCannotBeRatedYet) {
    const std::string code = DossierIn("processing");
    const auto page = Get("/cong-dan/ho-so/" + code + "/danh-gia", SignIn("motcua"));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Hồ sơ chưa được trả kết quả"), std::string::npos);
    EXPECT_EQ(page.body.find("Gửi đánh giá"), std::string::npos);
}

TEST_F(RatingPages, LeadersSeeTheNineIndicesOfTheirUnits) {
    const std::string leader = SignIn("lanhdao");
    const auto empty = Get("/danh-gia", leader);
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_NE(empty.body.find("Xem kết quả"), std::string::npos);
    const auto page = Get("/danh-gia?don-vi=46&tu=2026-11-01&den=2026-11-30", leader);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Cung cấp dịch vụ công trực tuyến"), std::string::npos);
    EXPECT_NE(page.body.find("Xếp loại"), std::string::npos);
    const auto bad = Get("/danh-gia?don-vi=46&tu=2026-11-30&den=2026-11-01", leader);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Ngày bắt đầu"), std::string::npos) << bad.body;
    // A desk officer is staff but not evaluator; a citizen is not staff.
    EXPECT_EQ(Get("/danh-gia?don-vi=46&tu=2026-11-01&den=2026-11-30", SignIn("motcua")).status,
              403);
    EXPECT_EQ(Get("/danh-gia", SignIn("congdan")).status, 403);
}

}  // namespace
}  // namespace motcua::web::webtest
