// Issue #8: publication deadlines (Decree 63/2010 Art. 15 and 24.2; indicators 1.1, 1.2) and the
// compliance cost by the Standard Cost Model (REGULATIONS.md §5.5). Label `control`.
#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"
#include "domain/compliance_cost.hpp"
#include "domain/publication_rules.hpp"

namespace motcua::domain {
namespace {

using std::chrono::sys_days;
namespace pub = publication;
namespace scm = compliance_cost;

sys_days Day(int y, int m, int d) {
    return sys_days{std::chrono::year{y} / m / d};
}
std::string Iso(sys_days d) {
    return calendar::FormatIsoDate(d);
}
const calendar::WorkingCalendar& Cal() {
    static const std::shared_ptr<const calendar::WorkingCalendar> kCalendar = [] {
        auto built = calendar::WorkingCalendar::BuildDefault();
        if (!built) std::abort();
        return std::move(built).value();
    }();
    return *kCalendar;
}

TEST(PublicationDeadline, ProvinceCountsFiveWorkingDaysBackAcrossTet) {
    pub::Rules rules;  // working days, the portal's reading
    // In force Wed 25/2/2026: Tue 24, Mon 23, then Tết Bính Ngọ (14–22/2 off), Fri 13, Thu 12,
    // Wed 11 → the decision is due by 11/2.
    const pub::LegalBasis basis{.effective = Day(2026, 2, 25)};
    auto latest = pub::LatestDecisionDay(Cal(), rules, pub::Issuer::kProvince, basis);
    ASSERT_TRUE(latest);
    EXPECT_EQ(Iso(*latest), "2026-02-11");

    // Signed Friday 13/2, just before Tết: late by two days under the working-day reading…
    auto check = pub::CheckDecision(Cal(), rules, pub::Issuer::kProvince, std::span(&basis, 1),
                                    Day(2026, 2, 13));
    ASSERT_TRUE(check);
    EXPECT_FALSE(check->on_time);
    EXPECT_EQ(check->days_late, 2);
    EXPECT_NE(check->explanation.find("5 ngày làm việc"), std::string::npos) << check->explanation;
    EXPECT_NE(check->explanation.find("muộn 2 ngày"), std::string::npos) << check->explanation;

    // …and on time under the decree's literal days (25/2 − 5 = 20/2).
    rules.convention = pub::DayConvention::kCalendarDays;
    check = pub::CheckDecision(Cal(), rules, pub::Issuer::kProvince, std::span(&basis, 1),
                               Day(2026, 2, 13));
    ASSERT_TRUE(check);
    EXPECT_TRUE(check->on_time);
    EXPECT_EQ(Iso(check->latest), "2026-02-20");
}

TEST(PublicationDeadline, MinistryTwentyDaysAndTheDayItself) {
    const pub::Rules rules;
    // In force Mon 1/6/2026: 20 open days back, Fri 29/5 … Mon 4/5.
    const pub::LegalBasis basis{.effective = Day(2026, 6, 1)};
    auto latest = pub::LatestDecisionDay(Cal(), rules, pub::Issuer::kMinistry, basis);
    ASSERT_TRUE(latest);
    EXPECT_EQ(Iso(*latest), "2026-05-04");
    auto on_day = pub::CheckDecision(Cal(), rules, pub::Issuer::kMinistry, std::span(&basis, 1),
                                     Day(2026, 5, 4));
    ASSERT_TRUE(on_day);
    EXPECT_TRUE(on_day->on_time);  // the latest day itself is on time
    auto next = pub::CheckDecision(Cal(), rules, pub::Issuer::kMinistry, std::span(&basis, 1),
                                   Day(2026, 5, 5));
    ASSERT_TRUE(next);
    EXPECT_FALSE(next->on_time);
    EXPECT_EQ(next->days_late, 1);
}

TEST(PublicationDeadline, ShortenedProcedureWithinThreeDaysAfterAdoption) {
    pub::Rules rules;
    // Adopted Thu 12/2/2026: Fri 13 (1), Tết, Mon 23 (2), Tue 24 (3).
    const pub::LegalBasis basis{
        .effective = Day(2026, 2, 12), .shortened = true, .adopted = Day(2026, 2, 12)};
    auto latest = pub::LatestDecisionDay(Cal(), rules, pub::Issuer::kProvince, basis);
    ASSERT_TRUE(latest);
    EXPECT_EQ(Iso(*latest), "2026-02-24");
    rules.convention = pub::DayConvention::kCalendarDays;
    latest = pub::LatestDecisionDay(Cal(), rules, pub::Issuer::kProvince, basis);
    ASSERT_TRUE(latest);
    EXPECT_EQ(Iso(*latest), "2026-02-15");
}

TEST(PublicationDeadline, StrictestOfSeveralLegalBasesBinds) {
    const pub::Rules rules;
    const std::vector<pub::LegalBasis> bases{{.effective = Day(2026, 7, 1)},
                                             {.effective = Day(2026, 6, 15)}};
    auto check = pub::CheckDecision(Cal(), rules, pub::Issuer::kProvince, bases, Day(2026, 6, 9));
    ASSERT_TRUE(check);
    EXPECT_EQ(check->binding, 1U);
    EXPECT_EQ(Iso(check->latest), "2026-06-08");  // Mon 15/6 − 5 working days
    EXPECT_FALSE(check->on_time);
    EXPECT_FALSE(pub::CheckDecision(Cal(), rules, pub::Issuer::kProvince, {}, Day(2026, 6, 9)));
}

TEST(PublicationDeadline, DatabaseEntryWorkingDaysAfterSignature) {
    const pub::Rules rules;
    // Signed Fri 13/2/2026, the last day before Tết.
    auto province =
        pub::LatestDatabaseDay(Cal(), rules, pub::Issuer::kProvince, false, Day(2026, 2, 13));
    auto ministry =
        pub::LatestDatabaseDay(Cal(), rules, pub::Issuer::kMinistry, false, Day(2026, 2, 13));
    auto shortened =
        pub::LatestDatabaseDay(Cal(), rules, pub::Issuer::kProvince, true, Day(2026, 2, 13));
    ASSERT_TRUE(province && ministry && shortened);
    EXPECT_EQ(Iso(*province), "2026-02-27");
    EXPECT_EQ(Iso(*ministry), "2026-03-06");
    EXPECT_EQ(Iso(*shortened), "2026-02-24");
    EXPECT_FALSE(
        pub::LatestDatabaseDay(Cal(), rules, pub::Issuer::kProvince, false, Day(2199, 12, 30)));
}

TEST(PublicationDeadline, NamesRoundTrip) {
    EXPECT_EQ(pub::ParseIssuer(pub::IssuerName(pub::Issuer::kMinistry)), pub::Issuer::kMinistry);
    EXPECT_EQ(pub::ParseConvention("calendar_days"), pub::DayConvention::kCalendarDays);
    EXPECT_FALSE(pub::ParseIssuer("district"));
    EXPECT_FALSE(pub::ParseConvention("days"));
}

TEST(PublicationIndicators, OncePerProcedureLateIfAnyDecisionLate) {
    const std::vector<pub::Publication> rows{
        // A: two decisions in Q1, one late → late once.
        {"A", Day(2026, 1, 10), true, Day(2026, 1, 16), Day(2026, 1, 15)},
        {"A", Day(2026, 2, 10), false, Day(2026, 2, 24), Day(2026, 2, 24)},
        // B: on time, entered late.
        {"B", Day(2026, 3, 2), true, Day(2026, 3, 9), Day(2026, 3, 10)},
        // C: not entered, deadline passed inside the period → counts late for 1.2.
        {"C", Day(2026, 3, 2), true, Day(2026, 3, 9), std::nullopt},
        // D: not entered, deadline after the period → not counted for 1.2 yet.
        {"D", Day(2026, 3, 30), true, Day(2026, 4, 6), std::nullopt},
        // E: decision in the previous year, entered in the period on time.
        {"E", Day(2025, 12, 29), true, Day(2026, 1, 6), Day(2026, 1, 5)},
    };
    const auto out = pub::Indicators(rows, Day(2026, 1, 1), Day(2026, 3, 31), Day(2026, 4, 2));
    EXPECT_EQ(out.on_time_decisions.denominator, 4);  // A B C D
    EXPECT_EQ(out.on_time_decisions.numerator, 3);
    EXPECT_EQ(out.late_decisions, (std::vector<std::string>{"A"}));
    EXPECT_EQ(out.on_time_database.denominator, 4);  // A B C E
    EXPECT_EQ(out.on_time_database.numerator, 2);    // A E
    EXPECT_EQ(out.late_database, (std::vector<std::string>{"B", "C"}));
    // Before C's deadline passes it is pending, not late.
    const auto early = pub::Indicators(rows, Day(2026, 1, 1), Day(2026, 3, 31), Day(2026, 3, 9));
    EXPECT_EQ(early.on_time_database.denominator, 3);
}

// The public worked example (REGULATIONS.md §5.5, QĐ 1811/QĐ-TTPVHCC): 1,024,000 → 231,000 VND
// per dossier, 77.44% saving, 3,228 subjects a year. The source gives only the totals; the
// activities below are illustrative inputs that add up to them, so the arithmetic is exercised
// end to end.
scm::Inputs Before() {
    scm::Inputs in;
    in.hourly_income = *scm::HourlyIncome(200'000);  // 25,000 VND/h
    in.activities = {{"Tìm hiểu, chuẩn bị hồ sơ", 8 * 60},
                     {"Đi lại, nộp hồ sơ tại Bộ phận Một cửa", 4 * 60},
                     {"Chờ và nhận kết quả", 4 * 60}};
    in.outsourced = 500'000;
    in.fees = 100'000;
    in.other = 24'000;
    in.subjects = 3'228;
    return in;
}
scm::Inputs After() {
    scm::Inputs in;
    in.hourly_income = 25'000;
    in.activities = {{"Chuẩn bị hồ sơ", 4 * 60}, {"Nộp hồ sơ trực tuyến", 30}};
    in.fees = 100'000;
    in.other = 18'500;
    in.subjects = 3'228;
    return in;
}

TEST(ComplianceCost, WorkedPublicExample) {
    auto before = scm::Compute(Before());
    auto after = scm::Compute(After());
    ASSERT_TRUE(before && after);
    EXPECT_EQ(before->time_cost, 400'000);
    EXPECT_EQ(before->per_event, 1'024'000);
    EXPECT_EQ(after->per_event, 231'000);
    EXPECT_EQ(before->annual, 3'305'472'000);
    EXPECT_EQ(after->annual, 745'668'000);
    const scm::Saving s = scm::SavingOf(*before, *after);
    EXPECT_EQ(s.per_event, 793'000);
    EXPECT_EQ(s.annual, 2'559'804'000);
    EXPECT_EQ(s.hundredths, 7744);
    EXPECT_EQ(s.text, "77,44%");
    ASSERT_EQ(before->steps.size(), 5U);
    EXPECT_EQ(before->steps[0], "Tìm hiểu, chuẩn bị hồ sơ: 8 giờ × 25.000 đồng/giờ = 200.000 đồng");
    EXPECT_EQ(before->steps[4],
              "Chi phí một năm = 1.024.000 × 3.228 đối tượng × 1 lần/năm = 3.305.472.000 đồng");
}

TEST(ComplianceCost, RoundingFrequencyAndNegativeSaving) {
    scm::Inputs in;
    in.hourly_income = 31'250;
    in.activities = {{"Điền tờ khai", 7}};  // 7 × 31,250 / 60 = 3,645.83 → 3,646
    in.subjects = 3;
    in.frequency_milli = 500;  // once every two years
    auto cost = scm::Compute(in);
    ASSERT_TRUE(cost);
    EXPECT_EQ(cost->per_event, 3'646);
    EXPECT_EQ(cost->annual, 5'469);  // 3,646 × 3 × 0.5
    EXPECT_NE(cost->steps.back().find("0,5 lần/năm"), std::string::npos) << cost->steps.back();
    scm::Inputs more = in;
    more.fees = 3'646;
    const auto s = scm::SavingOf(*cost, *scm::Compute(more));
    EXPECT_EQ(s.hundredths, -10000);
    EXPECT_EQ(s.text, "-100,00%");
    EXPECT_EQ(scm::HourlyIncome(100).value(), 13);  // 12.5 → 13
    EXPECT_EQ(scm::FormatDong(-1'234'567), "-1.234.567");
    EXPECT_EQ(scm::FormatDong(0), "0");
}

TEST(ComplianceCost, BadInputsNameTheField) {
    scm::Inputs in = Before();
    in.activities[1].minutes = -5;
    auto bad = scm::Compute(in);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("Đi lại"), std::string::npos);
    in = Before();
    in.activities[0].name.clear();
    EXPECT_FALSE(scm::Compute(in));
    in = Before();
    in.subjects = -1;
    EXPECT_FALSE(scm::Compute(in));
    in = Before();
    in.fees = 2'000'000'000'000'000;  // beyond 10^15
    EXPECT_FALSE(scm::Compute(in));
    in = Before();
    in.subjects = 9'000'000'000'000'000;  // the annual product overflows the cap
    EXPECT_FALSE(scm::Compute(in));
    EXPECT_FALSE(scm::HourlyIncome(-1));
}

}  // namespace
}  // namespace motcua::domain
