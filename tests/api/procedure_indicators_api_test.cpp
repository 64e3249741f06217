// Per-procedure figures of issue #6 (engineer H2): indicator 2.2 of Decision 766 — the average
// settlement time of one procedure, in its own deadline unit — through GET /api/v1/indicators
// (docs/indicators.md "2.2"), and the S0 plan target "≥ 70% online dossiers per online service"
// judged service by service through /api/v1/plan-targets (docs/plan-targets.md). Dossiers are
// driven through the real actions with the fake clock, then read on 27/11/2026.
#include <array>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"
#include "calendar/working_time.hpp"
#include "domain/plan_targets.hpp"
#include "domain/settlement_time.hpp"
#include "web/routes.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
namespace st = domain::settlement;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::chrono::sys_seconds At(std::string_view instant) {
    return *calendar::ParseInstant(instant);
}

// ---- The pure part: domain::settlement

class SettlementUnitsTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto built = calendar::WorkingCalendar::BuildDefault();
        ASSERT_TRUE(built);
        cal = *built;
    }
    std::int64_t Micro(domain::TimeUnit unit, std::string_view from, std::string_view to,
                       std::vector<calendar::TimeInterval> pauses = {}) {
        auto m = st::MicroUnits(*cal, unit, At(from), At(to), pauses);
        EXPECT_TRUE(m) << m.error().message;
        return m ? *m : -1;
    }
    std::shared_ptr<const calendar::WorkingCalendar> cal;
};

TEST_F(SettlementUnitsTest, WorkingDaysAndHoursSkipWeekendsHolidaysAndNights) {
    // Fri 28/8/2026 10:00 → Thu 3/9/2026 12:00: 5.5 h on Friday, 29/8–2/9 closed (National Day
    // and the weekend), 4 h on Thursday morning (12:00 is the lunch break) = 9.5 h.
    EXPECT_EQ(Micro(domain::TimeUnit::kWorkingDays, "2026-08-28T10:00", "2026-09-03T12:00"),
              1'187'500);
    EXPECT_EQ(Micro(domain::TimeUnit::kHours, "2026-08-28T10:00", "2026-09-03T12:00"), 9'500'000);
    // A pause over a whole working day (Tue 8/9 08:00 → Mon 14/9 08:00) does not count.
    EXPECT_EQ(Micro(domain::TimeUnit::kWorkingDays, "2026-09-07T08:00", "2026-09-15T09:30",
                    {{At("2026-09-08T08:00"), At("2026-09-14T08:00")}}),
              2'187'500);
    // Ending before starting, or at once: 0.
    EXPECT_EQ(Micro(domain::TimeUnit::kWorkingDays, "2026-09-07T08:00", "2026-09-07T08:00"), 0);
    EXPECT_EQ(Micro(domain::TimeUnit::kWorkingDays, "2026-09-07T08:00", "2026-09-06T08:00"), 0);
    // Received on Saturday, finished Monday 09:30: counting starts Monday 07:30.
    EXPECT_EQ(Micro(domain::TimeUnit::kHours, "2026-03-07T10:00", "2026-03-09T09:30"), 2'000'000);
}

TEST_F(SettlementUnitsTest, CalendarDaysAndMonthsCountElapsedTimeLessPauses) {
    // 2.5 days elapsed, 12 h of them paused (a pause sticking out past the end is clipped).
    EXPECT_EQ(Micro(domain::TimeUnit::kDays, "2026-01-01T00:00", "2026-01-03T12:00",
                    {{At("2026-01-01T12:00"), At("2026-01-02T00:00")},
                     {At("2026-01-03T12:00"), At("2026-01-05T00:00")}}),
              2'000'000);
    // 31/1 + 1 month = 28/2 (the last day of February): exactly one month.
    EXPECT_EQ(Micro(domain::TimeUnit::kMonths, "2026-01-31T10:00", "2026-02-28T10:00"), 1'000'000);
    // Half of March (15.5 of 31 days).
    EXPECT_EQ(Micro(domain::TimeUnit::kMonths, "2026-03-01T00:00", "2026-03-16T12:00"), 500'000);
    // Two months and a half of April (15 of 30 days), starting after a 1-day pause's shift.
    EXPECT_EQ(Micro(domain::TimeUnit::kMonths, "2026-01-31T00:00", "2026-04-16T00:00",
                    {{At("2026-02-10T00:00"), At("2026-02-11T00:00")}}),
              2'500'000);
}

TEST(SettlementAverageTest, RoundsHalfUpToHundredthsAndIsEmptyWithoutDossiers) {
    const std::array three{std::int64_t{1'187'500}, std::int64_t{2'187'500}, std::int64_t{312'500}};
    const st::Average a = st::AverageOf(three);
    EXPECT_EQ(a.count, 3);
    ASSERT_TRUE(a.hundredths);
    EXPECT_EQ(*a.hundredths, 123);  // 1.229166…
    const std::array half{std::int64_t{1'005'000}};
    EXPECT_EQ(st::AverageOf(half).hundredths.value_or(-1), 101);  // 1.005 → 1.01
    const st::Average none = st::AverageOf(std::span<const std::int64_t>{});
    EXPECT_EQ(none.count, 0);
    EXPECT_FALSE(none.hundredths);
}

// ---- Through the API

class ProcedureIndicatorsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        web::RegisterWebRoutes(api.router(), api.context());
        Now("2026-11-27T10:00:00+07:00");
    }

    void Now(std::string_view instant) {
        api.clock().Set(At(instant));
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
        control = api.SignIn("kiemsoat");
        citizen = api.SignIn("congdan");
    }

    // A dossier received in person at the provincial centre for 46.SOTP.
    std::string Receive(std::string_view procedure = "1.002010") {
        const std::string body = R"({"procedure_code":")" + std::string(procedure) +
                                 R"(","settling_unit":"46.SOTP","channel":"direct",)"
                                 R"("applicant":{"name":"Trần Văn Một","id_number":"046090001234",)"
                                 R"("phone":"0912345678","address":"12 Lê Lợi, Huế"}})";
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", body, &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(Body(r).at("code").as_string());
    }

    // A dossier submitted online by the citizen and received complete at the desk.
    std::string ReceiveOnline(std::string_view procedure) {
        const auto draft = api.Call(Method::kPost, "/api/v1/drafts",
                                    R"({"procedure_code":")" + std::string(procedure) +
                                        R"(","settling_unit":"46.SOTP","body":{"components":[]}})",
                                    &citizen);
        EXPECT_EQ(draft.status, 201) << draft.body;
        const std::string id = std::to_string(Body(draft).at("id").as_int64());
        api.SetHeader("idempotency-key", "nop-" + id);
        const auto sent = api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
        api.ClearHeaders();
        EXPECT_EQ(sent.status, 201) << sent.body;
        const std::string code(Body(sent).at("code").as_string());
        Act(desk, code, R"("action":"receive","completeness":"complete")");
        return code;
    }

    void Act(const Browser& who, const std::string& code, const std::string& fields) {
        const auto got = api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &desk);
        ASSERT_EQ(got.status, 200) << got.body;
        const std::string body = R"({"version":)" +
                                 std::to_string(Body(got).at("version").as_int64()) + "," + fields +
                                 "}";
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << fields << r.body;
    }

    void Finish(const std::string& code) {
        Act(specialist, code, R"("action":"complete_step")");
        Act(leader, code, R"("action":"approve")");
        Act(specialist, code, R"("action":"record_result","result_summary":"Giấy đăng ký số 1")");
    }

    json::value Indicators(std::string_view query, int status = 200) {
        const auto r =
            api.Call(Method::kGet, "/api/v1/indicators?" + std::string(query), "", &control);
        EXPECT_EQ(r.status, status) << query << ": " << r.body;
        return Body(r);
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
    Browser control;
    Browser citizen;
};

// Three dossiers of 1.002010 (working days) received in 2026-Q3 and settled: across National Day
// and a weekend (1.1875 working days), one paused for a working week (2.1875), one across a
// weekend (0.3125) → 1.229… → 1.23. One still open, one received in October: not counted.
TEST_F(ProcedureIndicatorsApiTest, AverageSettlementTimeOfOneProcedure) {
    Now("2026-08-28T10:00:00+07:00");
    const std::string across_holiday = Receive();
    Act(desk, across_holiday, R"("action":"transfer")");
    Now("2026-09-03T12:00:00+07:00");
    Finish(across_holiday);

    Now("2026-09-07T08:00:00+07:00");
    const std::string paused = Receive();
    Act(desk, paused, R"("action":"transfer")");
    Now("2026-09-08T08:00:00+07:00");
    Act(specialist, paused, R"("action":"pause","reason":"Chờ kết quả xác minh")");
    Now("2026-09-14T08:00:00+07:00");
    Act(specialist, paused, R"("action":"resume")");
    Now("2026-09-15T09:30:00+07:00");
    Finish(paused);

    Now("2026-09-11T16:00:00+07:00");
    const std::string weekend = Receive();
    Act(desk, weekend, R"("action":"transfer")");
    Now("2026-09-14T09:00:00+07:00");
    Finish(weekend);

    Now("2026-09-21T09:00:00+07:00");
    const std::string open = Receive();
    Act(desk, open, R"("action":"transfer")");
    Now("2026-10-01T09:00:00+07:00");
    const std::string october = Receive();
    Act(desk, october, R"("action":"transfer")");
    Now("2026-10-02T09:00:00+07:00");
    Finish(october);
    Now("2026-11-27T10:00:00+07:00");

    for (std::string_view unit : {"46", "46.SOTP"}) {
        const json::value r =
            Indicators("unit=" + std::string(unit) + "&period=2026-Q3&procedure=1.002010");
        ASSERT_TRUE(r.as_object().contains("settlement_time")) << json::serialize(r);
        const json::value& t = r.at("settlement_time");
        EXPECT_EQ(t.at("id").as_string(), "2.2");
        EXPECT_DOUBLE_EQ(t.at("value").as_double(), 1.23) << json::serialize(t);
        EXPECT_EQ(t.at("completed").as_int64(), 3);
        EXPECT_EQ(t.at("unit").as_string(), "working_days");
        EXPECT_EQ(t.at("unit_label").as_string(), "ngày làm việc");
        EXPECT_EQ(t.at("text").as_string(), "1,23 ngày làm việc");
        EXPECT_FALSE(t.as_object().contains("note"));
    }
    // A range holding only the October dossier (1 working day: 09:00 → 09:00 next day = 8 h).
    const json::value oct = Indicators("unit=46&from=2026-10-01&to=2026-10-31&procedure=1.002010");
    EXPECT_EQ(oct.at("settlement_time").at("completed").as_int64(), 1);
    EXPECT_DOUBLE_EQ(oct.at("settlement_time").at("value").as_double(), 1.0);
    // The /chi-so page: a row under group 2 when a procedure is chosen, none otherwise.
    auto page =
        api.Call(Method::kGet, "/chi-so?don-vi=46&ky=2026-Q3&thu-tuc=1.002010", "", &control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Thời gian giải quyết trung bình"), std::string::npos);
    EXPECT_NE(page.body.find("1,23 ngày làm việc"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("procedure=1.002010"), std::string::npos) << "the JSON link";
    page = api.Call(Method::kGet, "/chi-so?don-vi=46&ky=2026-Q3", "", &control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.body.find("Thời gian giải quyết trung bình"), std::string::npos);
    page = api.Call(Method::kGet, "/chi-so?don-vi=46&ky=2026-Q3&thu-tuc=9.999999", "", &control);
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.body.find("thủ tục mã 9.999999"), std::string::npos) << page.body;
    // Another unit's subtree (a commune) has none of them.
    const json::value commune = Indicators("unit=19753&period=2026-Q3&procedure=1.002010");
    EXPECT_EQ(commune.at("settlement_time").at("completed").as_int64(), 0);
}

TEST_F(ProcedureIndicatorsApiTest, NoCompletedDossierMeansNoDataNotZero) {
    Now("2026-09-21T09:00:00+07:00");
    const std::string open = Receive();
    Act(desk, open, R"("action":"transfer")");
    Now("2026-11-27T10:00:00+07:00");
    const json::value r = Indicators("unit=46&period=2026-Q3&procedure=1.002010");
    const json::value& t = r.at("settlement_time");
    EXPECT_TRUE(t.at("value").is_null()) << json::serialize(t);
    EXPECT_EQ(t.at("completed").as_int64(), 0);
    EXPECT_EQ(t.at("note").as_string(), "Chưa có dữ liệu");
    EXPECT_EQ(t.at("text").as_string(), "Chưa có dữ liệu");
    EXPECT_EQ(t.at("unit").as_string(), "working_days");
    // A procedure counted in calendar days shows its own unit.
    const json::value days = Indicators("unit=46&period=2026-Q3&procedure=1.002099");
    EXPECT_EQ(days.at("settlement_time").at("unit").as_string(), "days");
    EXPECT_EQ(days.at("settlement_time").at("unit_label").as_string(), "ngày");
}

TEST_F(ProcedureIndicatorsApiTest, AbsentWithoutOneProcedureAndUnknownProcedureIsRefused) {
    const json::value all = Indicators("unit=46&period=2026-Q3");
    EXPECT_FALSE(all.as_object().contains("settlement_time")) << "absent, not zero";
    EXPECT_TRUE(all.at("procedure").is_null());
    // A field (lĩnh vực) is not one procedure.
    const json::value field = Indicators("unit=46&period=2026-Q3&field=Lu%E1%BA%ADt%20s%C6%B0");
    EXPECT_EQ(field.at("field").as_string(), "Luật sư");
    EXPECT_FALSE(field.as_object().contains("settlement_time"));
    for (std::string_view bad : {"9.999999", "abc", "1.002010%27%20OR%201=1"}) {
        const auto r = api.Call(
            Method::kGet, "/api/v1/indicators?unit=46&period=2026-Q3&procedure=" + std::string(bad),
            "", &control);
        EXPECT_EQ(r.status, 404) << bad << ": " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
        EXPECT_NE(r.body.find("không có thủ tục"), std::string::npos) << r.body;
    }
    // Only leaders, TTHC-control officers and administrators in scope.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026-Q3&procedure=1.002010",
                       "", &citizen)
                  .status,
              403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026-Q3&procedure=1.002010")
                  .status,
              401);
}

// ---- The per-service online share (S0 §III: "của từng DVC trực tuyến" ≥ 70%)

constexpr std::string_view kPlan = "/api/v1/plan-targets/KH-KSTT-2024-BoTrach";

class OnlineShareApiTest : public ProcedureIndicatorsApiTest {
protected:
    void SetUp() override {
        ProcedureIndicatorsApiTest::SetUp();
        const auto r = api.Call(Method::kPost, "/api/v1/plan-targets",
                                std::string(domain::plan_targets::EmbeddedS0Template()), &control);
        ASSERT_EQ(r.status, 201) << r.body;
    }

    json::object Share(std::string_view unit, std::string_view period) {
        const auto r = api.Call(
            Method::kGet, std::string(kPlan) + "/evaluation?unit=46&period=" + std::string(period),
            "", &control);
        EXPECT_EQ(r.status, 200) << r.body;
        const json::value v = Body(r);
        for (const auto& u : v.at("units").as_array()) {
            if (u.at("code").as_string() != unit) {
                continue;
            }
            for (const auto& res : u.at("results").as_array()) {
                if (res.at("metric").as_string() == "online_dossier_share") {
                    return res.as_object();
                }
            }
        }
        ADD_FAILURE() << "no online_dossier_share for " << unit << ": " << r.body;
        return {};
    }

    json::value Failures(std::string_view unit) {
        const auto r = api.Call(Method::kGet,
                                std::string(kPlan) + "/failures?unit=" + std::string(unit) +
                                    "&period=2026-10&metric=online_dossier_share",
                                "", &control);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }
};

TEST_F(OnlineShareApiTest, AServiceBelowTheTargetFailsAndItsNonOnlineDossiersAreListed) {
    Now("2026-10-05T09:00:00+07:00");
    const std::string online_a = ReceiveOnline("1.002010");  // 1/1 online: passes
    const std::string online_b = ReceiveOnline("1.002153");  // 1/2 online: fails
    const std::string direct_b = Receive("1.002153");
    Now("2026-11-27T10:00:00+07:00");

    for (std::string_view unit : {"46", "46.SOTP"}) {
        const json::object s = Share(unit, "2026-10");
        EXPECT_EQ(s.at("verdict").as_string(), "fail") << json::serialize(s);
        EXPECT_EQ(s.at("value").as_int64(), 50) << "the worst service's share";
        EXPECT_EQ(s.at("target").as_int64(), 70);
        EXPECT_EQ(s.at("numerator").as_int64(), 1);
        EXPECT_EQ(s.at("denominator").as_int64(), 2);
        EXPECT_EQ(s.at("services_total").as_int64(), 2);
        EXPECT_EQ(s.at("services_passing").as_int64(), 1);
        const auto& services = s.at("services").as_array();
        ASSERT_EQ(services.size(), 2U);
        EXPECT_EQ(services[0].at("code").as_string(), "1.002153");
        EXPECT_EQ(services[0].at("verdict").as_string(), "fail");
        EXPECT_EQ(services[1].at("code").as_string(), "1.002010");
        EXPECT_EQ(services[1].at("verdict").as_string(), "pass");
        EXPECT_EQ(services[1].at("value").as_int64(), 100);
        EXPECT_NE(s.at("note").as_string().find("1/2 dịch vụ"), std::string::npos) << s.at("note");

        const json::value f = Failures(unit);
        EXPECT_EQ(f.at("total").as_int64(), 1) << json::serialize(f);
        const auto& dossiers = f.at("dossiers").as_array();
        ASSERT_EQ(dossiers.size(), 1U);
        EXPECT_EQ(dossiers[0].at("code").as_string(), direct_b);
        EXPECT_EQ(dossiers[0].at("channel").as_string(), "direct");
        const auto& procedures = f.at("procedures").as_array();
        ASSERT_EQ(procedures.size(), 1U);
        EXPECT_EQ(procedures[0].at("code").as_string(), "1.002153");
        EXPECT_EQ(procedures[0].at("online").as_int64(), 1);
        EXPECT_EQ(procedures[0].at("received").as_int64(), 2);
        EXPECT_EQ(procedures[0].at("value").as_int64(), 50);
        // Never applicant data.
        EXPECT_EQ(json::serialize(f).find("046090001234"), std::string::npos);
        EXPECT_EQ(json::serialize(f).find("Trần Văn Một"), std::string::npos);
    }
    // The page behind the ✗: the failing service with its figures, then its non-online dossier.
    const auto page =
        api.Call(Method::kGet,
                 "/chi-tieu-ke-hoach/khong-dat?ke-hoach=KH-KSTT-2024-BoTrach&don-vi=46"
                 "&ky=2026-10&chi-tieu=online_dossier_share",
                 "", &control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Dịch vụ công trực tuyến chưa đạt chỉ tiêu"), std::string::npos);
    EXPECT_EQ(page.body.find("chưa toàn trình"), std::string::npos) << "not the other list";
    EXPECT_NE(page.body.find("1 / 2"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find(direct_b), std::string::npos);
    EXPECT_EQ(page.body.find(online_b), std::string::npos) << "online dossiers are not failures";
    EXPECT_EQ(page.body.find(online_a), std::string::npos);
}

TEST_F(OnlineShareApiTest, EveryServiceAtTheTargetPasses) {
    Now("2026-10-05T09:00:00+07:00");
    ReceiveOnline("1.002010");
    ReceiveOnline("1.002153");
    ReceiveOnline("1.002153");
    Now("2026-11-27T10:00:00+07:00");
    const json::object s = Share("46", "2026-10");
    EXPECT_EQ(s.at("verdict").as_string(), "pass") << json::serialize(s);
    EXPECT_EQ(s.at("value").as_int64(), 100);
    EXPECT_EQ(s.at("services_total").as_int64(), 2);
    EXPECT_EQ(s.at("services_passing").as_int64(), 2);
    const json::value f = Failures("46");
    EXPECT_EQ(f.at("total").as_int64(), 0);
    EXPECT_TRUE(f.at("dossiers").as_array().empty());
    EXPECT_TRUE(f.at("procedures").as_array().empty());
}

TEST_F(OnlineShareApiTest, NoOnlineServiceWithDossiersIsNoDataNotPass) {
    // A procedure not offered online (1.003160) received in person only.
    Now("2026-10-05T09:00:00+07:00");
    Receive("1.003160");
    Now("2026-11-27T10:00:00+07:00");
    for (std::string_view period : {"2026-10", "2026-09"}) {
        const json::object s = Share("46", period);
        EXPECT_EQ(s.at("verdict").as_string(), "no_data") << period << json::serialize(s);
        EXPECT_TRUE(s.at("value").is_null());
        EXPECT_EQ(s.at("services_total").as_int64(), 0);
        EXPECT_TRUE(s.at("services").as_array().empty());
    }
    const json::value f = Failures("46");
    EXPECT_EQ(f.at("total").as_int64(), 0);
    EXPECT_TRUE(f.at("procedures").as_array().empty());
}

}  // namespace
}  // namespace motcua::testing
