// /chi-tieu-ke-hoach and /chi-tieu-ke-hoach/khong-dat (issue #6; docs/plan-targets.md): the S0
// plan imported, two dossiers received at the desk in November 2026 (no component reused), then
// the pages read on Friday 27/11/2026. The table shows what app::EvaluatePlanTargets computes; a ✗
// links to the failing dossiers, listed without applicant data.
#include <regex>
#include <string>

#include "app/dossiers.hpp"
#include "app/plan_targets.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

constexpr std::string_view kApplicant = "Nguyễn Thị Bí Mật";

class PlanTargetPages : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        auto plan = app::PutPlanTargets(ctx_, ActorOf("kiemsoat"),
                                        domain::plan_targets::EmbeddedS0Template(), "", true);
        ASSERT_TRUE(plan) << plan.error().message;
        for (const char* at : {"2026-11-06T09:00:00+07:00", "2026-11-13T09:00:00+07:00"}) {
            clock_->Set(*calendar::ParseInstant(at));
            codes_.push_back(Receive());
        }
        clock_->Set(*calendar::ParseInstant("2026-11-27T10:00:00+07:00"));
    }

    app::Actor ActorOf(std::string_view username) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto user = store::users::GetByUsername(**tx, username);
        EXPECT_TRUE(user && *user);
        app::Actor actor;
        actor.user = **user;
        return actor;
    }

    std::string Receive() {
        auto tx = db_->Begin(store::TxMode::kRead);
        auto unit = store::units::GetByCode(**tx, "46.SOTP");
        EXPECT_TRUE(unit && *unit);
        tx->reset();
        app::ReceiveRequest r;
        r.procedure_code = "1.002010";
        r.settling_unit_id = (*unit)->id;
        r.applicant.name = std::string(kApplicant);
        r.applicant.id_number = "046090001234";
        r.applicant.phone = "0912345678";
        r.applicant.address = "12 Lê Lợi, Huế";
        auto received = app::ReceiveDossier(ctx_, ActorOf("motcua"), r);
        EXPECT_TRUE(received) << received.error().message;
        return received ? received->dossier.code : std::string();
    }

    std::vector<std::string> codes_;
};

constexpr std::string_view kQuery = "ke-hoach=KH-KSTT-2024-BoTrach&don-vi=46&ky=2026-11";

TEST_F(PlanTargetPages, TheTableShowsWhatTheAppComputesAndFailuresAreOneClickAway) {
    const std::string leader = SignIn("lanhdao");
    const auto blank = Get("/chi-tieu-ke-hoach", leader);
    ASSERT_EQ(blank.status, 200) << blank.body;
    EXPECT_NE(blank.body.find("KH-KSTT-2024-BoTrach"), std::string::npos) << "the plan is offered";
    EXPECT_NE(blank.body.find("value=\"2026-Q4\""), std::string::npos) << "this quarter by default";

    const auto page = Get("/chi-tieu-ke-hoach?" + std::string(kQuery), leader);
    ASSERT_EQ(page.status, 200) << page.body;
    auto e = app::EvaluatePlanTargets(ctx_, ActorOf("lanhdao"),
                                      {"KH-KSTT-2024-BoTrach", "46", "2026-11"});
    ASSERT_TRUE(e) << e.error().message;
    ASSERT_FALSE(e->units.empty());
    // data_reuse: the two dossiers reuse nothing → 0,00%, ✗, linked to the failures.
    const app::TargetResult* reuse = nullptr;
    for (const auto& r : e->units[0].results) {
        if (r.target.metric == domain::plan_targets::Metric::kDataReuse) {
            reuse = &r;
        }
    }
    ASSERT_NE(reuse, nullptr);
    EXPECT_EQ(reuse->outcome.verdict, domain::plan_targets::Verdict::kFail);
    EXPECT_EQ(reuse->denominator, 2);
    const std::string escaped_href =
        "/chi-tieu-ke-hoach/khong-dat?ke-hoach=KH-KSTT-2024-BoTrach&amp;don-vi=46&amp;ky=2026-11"
        "&amp;chi-tieu=data_reuse";
    EXPECT_NE(page.body.find(escaped_href), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("✗</span> 0,00%"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("chưa có dữ liệu"), std::string::npos) << "waiting times";
    EXPECT_NE(page.body.find("≥ 60,00%"), std::string::npos) << "the target is shown";
    EXPECT_NE(page.body.find("tối thiểu 60%"), std::string::npos) << "the source's wording";
    EXPECT_EQ(page.body.find(kApplicant), std::string::npos);
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);

    const auto failures =
        Get("/chi-tieu-ke-hoach/khong-dat?" + std::string(kQuery) + "&chi-tieu=data_reuse", leader);
    ASSERT_EQ(failures.status, 200) << failures.body;
    for (const std::string& code : codes_) {
        EXPECT_NE(failures.body.find(">" + code + "<"), std::string::npos) << code;
    }
    EXPECT_NE(failures.body.find("plan-failure-total\">2<"), std::string::npos);
    EXPECT_EQ(failures.body.find(kApplicant), std::string::npos) << "no applicant data";
    EXPECT_EQ(failures.body.find("046090001234"), std::string::npos) << "no applicant data";
}

TEST_F(PlanTargetPages, OnlyTheAudienceAndBadInputIsAMessage) {
    EXPECT_EQ(Get("/chi-tieu-ke-hoach?" + std::string(kQuery)).status, 303);
    const std::string desk = SignIn("motcua");
    EXPECT_EQ(Get("/chi-tieu-ke-hoach?" + std::string(kQuery), desk).status, 403);
    EXPECT_EQ(
        Get("/chi-tieu-ke-hoach/khong-dat?" + std::string(kQuery) + "&chi-tieu=data_reuse", desk)
            .status,
        403);
    const std::string leader = SignIn("lanhdao");
    const auto bad =
        Get("/chi-tieu-ke-hoach?ke-hoach=KH-KSTT-2024-BoTrach&don-vi=46&ky=2026-Q9", leader);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("error-summary"), std::string::npos) << bad.body;
    const auto unknown = Get("/chi-tieu-ke-hoach?ke-hoach=KH-NONE&don-vi=46&ky=2026-Q4", leader);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("Không có kế hoạch mã KH-NONE"), std::string::npos) << unknown.body;
    EXPECT_EQ(
        Get("/chi-tieu-ke-hoach/khong-dat?" + std::string(kQuery) + "&chi-tieu=waiting_minutes",
            leader)
            .status,
        400);
}

}  // namespace
}  // namespace motcua::web::webtest
