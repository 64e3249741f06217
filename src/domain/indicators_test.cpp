#include "domain/indicators.hpp"

#include <random>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"

namespace motcua::domain::indicators {
namespace {

using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
namespace r06 = report06;

sys_seconds At(int y, unsigned m, unsigned d, int hour_vn = 9) {
    return sys_seconds{sys_days{std::chrono::year{y} / m / d}} + hours{hour_vn - 7};
}

Sums SumsOf(const std::vector<Inputs>& dossiers, const r06::Window& w) {
    Sums s;
    for (const Inputs& d : dossiers) {
        for (const Item& i : Contribute(d).items) {
            s.Add(i.metric, i.day, 1, ToDay(w.from), ToDay(w.to));
        }
    }
    return s;
}

r06::DossierFacts FactsOf(const Inputs& d) {
    r06::DossierFacts f;
    f.received_at = d.received_at;
    f.channel = d.channel;
    f.finished_at = d.finished_at;
    f.timing = d.timing;
    f.late = d.late;
    f.due_at = d.due_at;
    f.settling_unit_id = d.settling_unit_id;
    return f;
}

r06::Cells Direct(const std::vector<Inputs>& dossiers, const r06::Window& w) {
    r06::Cells c;
    for (const Inputs& d : dossiers) {
        c.Add(r06::Classify(FactsOf(d), w));
    }
    return c;
}

TEST(IndicatorsTest, VietnamDayTurnsAtMidnightVietnamTime) {
    const sys_seconds midnight_vn =
        sys_seconds{sys_days{std::chrono::year{2026} / 7 / 1}} - hours{7};
    EXPECT_EQ(VietnamDay(midnight_vn), ToDay(sys_days{std::chrono::year{2026} / 7 / 1}));
    EXPECT_EQ(VietnamDay(midnight_vn - std::chrono::seconds{1}),
              ToDay(sys_days{std::chrono::year{2026} / 6 / 30}));
    // Before 1970 the division still floors.
    EXPECT_EQ(VietnamDay(sys_seconds{std::chrono::seconds{-25201}}), -1);
}

TEST(IndicatorsTest, NeverReceivedContributesNothing) {
    Inputs d;
    d.settling_unit_id = 4;
    d.procedure_code = "1.000001";
    d.finished_at = At(2026, 7, 2);  // withdrawn before receipt
    const Contribution c = Contribute(d);
    EXPECT_EQ(c.unit_id, 4);
    EXPECT_TRUE(c.items.empty());
}

TEST(IndicatorsTest, ContributionOfALateFinishedDossier) {
    Inputs d;
    d.received_at = At(2026, 7, 1);
    d.due_at = At(2026, 7, 3, 16);
    d.finished_at = At(2026, 7, 6);
    d.timing = Timing::kLate;
    d.channel = Channel::kOnline;
    d.result_issued = true;
    d.digitised_result = true;
    d.facts_known = true;
    d.synced = true;
    const Contribution c = Contribute(d);
    const Day r = ToDay(sys_days{std::chrono::year{2026} / 7 / 1});
    const std::vector<Item> want{{r, Metric::kReceivedOnline},    {r, Metric::kSynced},
                                 {r, Metric::kOnlineWithEResult}, {r + 2, Metric::kOverdueFrom},
                                 {r + 5, Metric::kFinishedLate},  {r + 5, Metric::kOverdueClosed},
                                 {r + 5, Metric::kIssued},        {r + 5, Metric::kEResult}};
    std::vector<Item> sorted = want;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(c.items, sorted);
    EXPECT_EQ(DecodeItems(EncodeItems(c.items)).value(), c.items);
}

TEST(IndicatorsTest, DecodeRejectsDamagedText) {
    EXPECT_FALSE(DecodeItems("12:3;x").ok());
    EXPECT_FALSE(DecodeItems("12:99").ok());
    EXPECT_FALSE(DecodeItems("12").ok());
    EXPECT_TRUE(DecodeItems("").value().empty());
}

// The counters give exactly the per-dossier classification of report06 for any window.
TEST(IndicatorsTest, CellsFromCountersEqualTheDirectClassification) {
    std::mt19937_64 rng(20261129);
    auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    const sys_seconds base = At(2025, 12, 1, 0);
    std::vector<Inputs> dossiers;
    for (int i = 0; i < 3000; ++i) {
        Inputs d;
        d.settling_unit_id = 1 + pick(3);
        d.channel = static_cast<Channel>(1 + pick(3));
        if (pick(10) != 0) {
            d.received_at = base + std::chrono::seconds{pick(200 * 86400)};
            if (pick(5) != 0) {
                d.due_at = *d.received_at + std::chrono::seconds{pick(30 * 86400)};
            }
            if (pick(3) != 0) {
                d.finished_at = *d.received_at + std::chrono::seconds{pick(40 * 86400)};
                d.timing = static_cast<Timing>(pick(4));
            }
            d.late = pick(8) == 0;
        }
        dossiers.push_back(d);
    }
    int checked = 0;
    for (const char* period : {"2025-12", "2026-01", "2026-02", "2026-Q1", "2026-Q2", "2026-H1",
                               "2026-9M", "2026", "2026-06"}) {
        for (r06::WindowRule rule : {r06::WindowRule::kReporting, r06::WindowRule::kCalendar}) {
            const r06::Window w = r06::Resolve(r06::ParsePeriod(period).value(), rule);
            const r06::Cells direct = Direct(dossiers, w);
            const r06::Cells counted = CellsFrom(SumsOf(dossiers, w));
            EXPECT_EQ(counted, direct) << period;
            EXPECT_EQ(counted.Received(), counted.Settled() + counted.InProgress());
            checked += direct.Received() > 0 ? 1 : 0;
        }
    }
    EXPECT_GE(checked, 16);  // the windows did hold dossiers
}

TEST(IndicatorsTest, RateRoundsHalfUpAndPointsFollowTheThreshold) {
    EXPECT_EQ(Rate(1, 3).value(), 3333);
    EXPECT_EQ(Rate(2, 3).value(), 6667);
    EXPECT_EQ(Rate(1, 8).value(), 1250);
    EXPECT_FALSE(Rate(0, 0).has_value());
    ItemRule linear{"2.1", "", 20, std::nullopt, ""};
    EXPECT_EQ(Points(8534, linear), 1707);  // 85.34% × 20 = 17.068 → 17.07
    ItemRule threshold{"3.3", "", 6, 50, ""};
    EXPECT_EQ(Points(5000, threshold), 600);
    EXPECT_EQ(Points(9000, threshold), 600);
    EXPECT_EQ(Points(2500, threshold), 300);  // 25% of a 50% threshold: half the points
}

TEST(IndicatorsTest, EmbeddedRulesTotalOneHundredAndCarryEveryItem) {
    auto book = RuleBook::Embedded();
    const ScoringRules* rules = book->InForce(sys_days{std::chrono::year{2026} / 9 / 1}).value();
    int total = 0;
    std::vector<std::string> ids;
    for (const GroupRule& g : rules->groups) {
        total += g.max_points;
        for (const ItemRule& i : g.items) ids.push_back(i.id);
    }
    EXPECT_EQ(total, 100);
    EXPECT_EQ(rules->groups.size(), 6U);
    for (const char* id : {"1.1", "1.4", "2.1", "3.1", "3.3", "3.6", "4.1", "4.2", "4.3", "5.4"}) {
        EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    }
    EXPECT_FALSE(book->InForce(sys_days{std::chrono::year{2020} / 1 / 1}).ok());
}

TEST(IndicatorsTest, MalformedRulesAreRejectedWithTheReason) {
    EXPECT_FALSE(RuleBook::Parse("{").ok());
    auto bad_sum =
        RuleBook::Parse(R"({"versions":[{"id":"x","title":"t","effective_from":"2022-01-01",
      "groups":[{"id":"1","label":"a","max":100,"items":[{"id":"2.1","label":"b","max":90,"source":"s"}]}]}]})");
    ASSERT_FALSE(bad_sum.ok());
    EXPECT_NE(bad_sum.error().message.find("khác điểm tối đa"), std::string::npos);
    auto bad_total =
        RuleBook::Parse(R"({"versions":[{"id":"x","title":"t","effective_from":"2022-01-01",
      "groups":[{"id":"1","label":"a","max":90,"items":[{"id":"2.1","label":"b","max":90,"source":"s"}]}]}]})");
    ASSERT_FALSE(bad_total.ok());
    EXPECT_NE(bad_total.error().message.find("100"), std::string::npos);
    auto bad_threshold =
        RuleBook::Parse(R"({"versions":[{"id":"x","title":"t","effective_from":"2022-01-01",
      "groups":[{"id":"1","label":"a","max":100,"items":[{"id":"2.1","label":"b","max":100,"threshold":0,"source":"s"}]}]}]})");
    EXPECT_FALSE(bad_threshold.ok());
}

TEST(IndicatorsTest, ScoreOfAWindow) {
    const r06::Window w =
        r06::Resolve(r06::ParsePeriod("2026-Q3").value(), r06::WindowRule::kCalendar);
    std::vector<Inputs> dossiers;
    for (int i = 0; i < 10; ++i) {
        Inputs d;
        d.received_at = At(2026, 7, 1 + i);
        d.due_at = At(2026, 7, 20);
        d.channel = i < 6 ? Channel::kOnline : Channel::kDirect;
        d.facts_known = i < 8;
        d.synced = i < 8;
        d.fee_bearing = i < 4;
        d.paid_online = i < 3;
        if (i < 9) {
            d.finished_at = At(2026, 7, 15);
            d.timing = Timing::kEarly;
        } else {
            d.finished_at = At(2026, 7, 25);  // one late
            d.timing = Timing::kLate;
        }
        d.rated = i < 5;
        d.dissatisfied = i == 0;
        dossiers.push_back(d);
    }
    CatalogueFacts cat{.procedures = 10,
                       .online = 4,
                       .fee_bearing = 5,
                       .fee_bearing_online = 4,
                       .fee_paid_online_any = 1};
    const ScoringRules* rules =
        RuleBook::Embedded()->InForce(sys_days{std::chrono::year{2026} / 9 / 30}).value();
    const Scorecard card = Score(*rules, SumsOf(dossiers, w), cat);
    auto find = [&card](std::string_view id) -> const Value& {
        for (const Group& g : card.groups)
            for (const Value& v : g.values)
                if (v.id == id) return v;
        throw std::runtime_error("missing");
    };
    EXPECT_EQ(find("2.1").numerator, 9);
    EXPECT_EQ(find("2.1").denominator, 10);
    EXPECT_EQ(find("2.1").points_hundredths, 1800);  // 90% × 20
    EXPECT_EQ(find("1.4").rate_hundredths.value(), 8000);
    EXPECT_NE(find("1.4").note.find("2 hồ sơ"), std::string::npos);
    // 3.3: 60% online ≥ 50% threshold, × 80% synced = 48% → 48/50 × 6 = 5.76.
    EXPECT_EQ(find("3.3").rate_hundredths.value(), 4800);
    EXPECT_EQ(find("3.3").points_hundredths, 576);
    EXPECT_EQ(find("3.1").points_hundredths, 300);  // 40% of an 80% threshold × 6
    EXPECT_EQ(find("3.6").rate_hundredths.value(), 7500);
    EXPECT_EQ(find("3.5b").rate_hundredths.value(), 2000);
    EXPECT_FALSE(find("5.2").rate_hundredths.has_value());
    EXPECT_EQ(find("5.2").points_hundredths, 0);
    // 5.4: 100% − 10% late − 10% dissatisfied = 80% of a 90% threshold × 6 = 5.33.
    EXPECT_EQ(find("5.4").rate_hundredths.value(), 8000);
    EXPECT_EQ(find("5.4").points_hundredths, 533);
    EXPECT_FALSE(find("4.1").rate_hundredths.has_value());  // no issued results: no data
    std::int64_t sum = 0;
    for (const Group& g : card.groups) sum += g.points_hundredths;
    EXPECT_EQ(card.points_hundredths, sum);
}

// Indicators 1.1–1.3 and 5.2–5.3 take their ratios from the control side when it holds them; an
// empty part keeps "Chưa có dữ liệu", a zero denominator has no rate.
TEST(ScoreTest, ControlFactsFeedPublicationAndFeedbackIndicators) {
    const ScoringRules* rules =
        RuleBook::Embedded()->InForce(sys_days{std::chrono::year{2026} / 9 / 30}).value();
    auto find = [](const Scorecard& card, std::string_view id) -> const Value& {
        for (const Group& g : card.groups)
            for (const Value& v : g.values)
                if (v.id == id) return v;
        throw std::runtime_error("missing");
    };
    const Scorecard none = Score(*rules, Sums{}, CatalogueFacts{});
    EXPECT_FALSE(find(none, "1.1").rate_hundredths.has_value());
    EXPECT_NE(find(none, "1.1").note.find("Chưa có dữ liệu"), std::string::npos);
    EXPECT_NE(find(none, "5.3").note.find("Chưa có dữ liệu"), std::string::npos);

    ControlFacts control;
    control.published_on_time = ControlRatio{3, 4, "3/4 quyết định"};
    control.feedback_on_time = ControlRatio{0, 0, {}};
    control.feedback_satisfied = ControlRatio{1, 1, {}};
    const Scorecard card = Score(*rules, Sums{}, CatalogueFacts{}, control);
    EXPECT_EQ(find(card, "1.1").rate_hundredths.value(), 7500);
    EXPECT_EQ(find(card, "1.1").note, "3/4 quyết định");
    EXPECT_GT(find(card, "1.1").points_hundredths, 0);
    EXPECT_FALSE(find(card, "1.2").rate_hundredths.has_value());  // still no data
    EXPECT_FALSE(find(card, "5.2").rate_hundredths.has_value());  // nothing fell due
    EXPECT_TRUE(find(card, "5.2").note.empty());
    EXPECT_EQ(find(card, "5.3").rate_hundredths.value(), 10000);
    EXPECT_EQ(find(card, "5.3").points_hundredths, 600);
}

}  // namespace
}  // namespace motcua::domain::indicators
