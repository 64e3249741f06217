// Plan targets (issue #6; domain/plan_targets.hpp): parsing and validation of a plan's JSON, the
// S0 template, and the evaluation's boundaries and rounding.
#include "domain/plan_targets.hpp"

#include <gtest/gtest.h>

namespace motcua::domain::plan_targets {
namespace {

Target Percent(Metric m, std::int64_t hundredths, Comparator c = Comparator::kAtLeast) {
    return Target{m, "", c, hundredths, {}};
}

std::string PlanWith(std::string_view targets) {
    return R"({"plan":"KH-1","title":"Kế hoạch","year":2026,"issuing_unit":"46","targets":[)" +
           std::string(targets) + "]}";
}

base::ErrorCode CodeOf(std::string_view json) {
    auto p = ParsePlan(json);
    return p ? base::ErrorCode::kInternal : p.error().code;
}

std::string MessageOf(std::string_view json) {
    auto p = ParsePlan(json);
    return p ? std::string() : p.error().message;
}

TEST(PlanTargets, ExactlyTheTargetPasses) {
    const Target t = Percent(Metric::kFullProcessOnlineServices, 8000);
    EXPECT_EQ(Evaluate(t, {80, 100}).verdict, Verdict::kPass);
    EXPECT_EQ(*Evaluate(t, {80, 100}).value, 8000);
    EXPECT_EQ(Evaluate(t, {79, 100}).verdict, Verdict::kFail);
    // 4/5 = 80% exactly.
    EXPECT_EQ(Evaluate(t, {4, 5}).verdict, Verdict::kPass);
    // 100% of results: 99,995% rounds to 100,00% and is judged as shown; 99,994% fails.
    const Target all = Percent(Metric::kResultsDigitised, 10000);
    EXPECT_EQ(Evaluate(all, {19999, 20000}).verdict, Verdict::kPass);
    EXPECT_EQ(*Evaluate(all, {19999, 20000}).value, 10000);
    EXPECT_EQ(Evaluate(all, {99994, 100000}).verdict, Verdict::kFail);
    EXPECT_EQ(*Evaluate(all, {99994, 100000}).value, 9999);
    EXPECT_EQ(Evaluate(all, {3, 3}).verdict, Verdict::kPass);
}

TEST(PlanTargets, AtMostMinutes) {
    const Target t{Metric::kWaitingMinutes, "", Comparator::kAtMost, 15, {}};
    EXPECT_EQ(Evaluate(t, {15, 1}).verdict, Verdict::kPass);
    EXPECT_EQ(Evaluate(t, {31, 2}).verdict, Verdict::kFail);  // 15,5 rounds up to 16
    EXPECT_EQ(Evaluate(t, {29, 2}).verdict, Verdict::kPass);  // 14,5 rounds up to 15
    EXPECT_EQ(Evaluate(t, {16, 1}).verdict, Verdict::kFail);
    // Queue tickets are not held yet: no data, never pass or fail.
    const Outcome none = Evaluate(t, {0, 0, false});
    EXPECT_EQ(none.verdict, Verdict::kNoData);
    EXPECT_FALSE(none.value.has_value());
}

TEST(PlanTargets, ZeroDenominatorIsNoData) {
    const Target t = Percent(Metric::kOnlinePaymentShare, 5000);
    const Outcome o = Evaluate(t, {0, 0});
    EXPECT_EQ(o.verdict, Verdict::kNoData);
    EXPECT_FALSE(o.value.has_value());
    EXPECT_EQ(VerdictName(o.verdict), "no_data");
    EXPECT_EQ(Evaluate(t, {0, 3}).verdict, Verdict::kFail);  // 0% is data
}

TEST(PlanTargets, DeskProductivityIsAnnualised) {
    const Target t{Metric::kDeskProductivity, "rural", Comparator::kAtLeast, 1200, {}};
    // 300 dossiers in a 92-day quarter by one officer: 300 × 365 / 92 = 1190,2 → 1190.
    const Outcome q = Evaluate(t, {300 * 365, 1 * 92});
    EXPECT_EQ(*q.value, 1190);
    EXPECT_EQ(q.verdict, Verdict::kFail);
    EXPECT_EQ(Evaluate(t, {303 * 365, 92}).verdict, Verdict::kPass);  // 1202
    EXPECT_EQ(Evaluate(t, {100, 0}).verdict, Verdict::kNoData);       // no desk officer
}

TEST(PlanTargets, RoundingIsHalfUp) {
    EXPECT_EQ(RoundedRatio(1, 3, 10000), 3333);
    EXPECT_EQ(RoundedRatio(2, 3, 10000), 6667);
    EXPECT_EQ(RoundedRatio(1, 8, 100), 13);  // 12,5 → 13
    EXPECT_EQ(RoundedRatio(0, 7, 10000), 0);
}

TEST(PlanTargets, TheS0TemplateParses) {
    auto plan = ParsePlan(EmbeddedS0Template());
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->key, "KH-KSTT-2024-BoTrach");
    EXPECT_EQ(plan->year, 2024);
    ASSERT_EQ(plan->targets.size(), 11U);
    const Target* full = TargetFor(*plan, Metric::kFullProcessOnlineServices, "urban");
    ASSERT_NE(full, nullptr);
    EXPECT_EQ(full->value, 8000);
    EXPECT_EQ(full->source.section, "III.4");
    EXPECT_NE(full->source.wording.find("toàn trình"), std::string::npos);
    const Target* wait = TargetFor(*plan, Metric::kWaitingMinutes, "urban");
    ASSERT_NE(wait, nullptr);
    EXPECT_EQ(wait->comparator, Comparator::kAtMost);
    EXPECT_EQ(wait->value, 15);
    EXPECT_EQ(TargetFor(*plan, Metric::kDeskProductivity, "urban")->value, 1600);
    EXPECT_EQ(TargetFor(*plan, Metric::kDeskProductivity, "rural")->value, 1200);
    EXPECT_EQ(TargetFor(*plan, Metric::kDeskProductivity, "remote")->value, 800);
    for (Metric m : AllMetrics()) {
        EXPECT_NE(TargetFor(*plan, m, "remote"), nullptr) << MetricName(m);
    }
    // Round trip.
    auto again = ParsePlan(ToJson(*plan));
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, *plan);
}

TEST(PlanTargets, AreasDefaultToUrbanAndAreaTargetsWin) {
    auto plan = ParsePlan(
        R"({"plan":"KH-2","title":"K","year":2026,"issuing_unit":"46","targets":[)"
        R"({"metric":"desk_productivity","comparator":">=","value":1500},)"
        R"({"metric":"desk_productivity","area":"remote","comparator":">=","value":800}],)"
        R"("unit_areas":[{"unit":"19753","area":"remote"}]})");
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(AreaOf(*plan, "19753"), "remote");
    EXPECT_EQ(AreaOf(*plan, "19774"), "urban");
    EXPECT_EQ(TargetFor(*plan, Metric::kDeskProductivity, "remote")->value, 800);
    EXPECT_EQ(TargetFor(*plan, Metric::kDeskProductivity, "urban")->value, 1500);
    EXPECT_EQ(TargetFor(*plan, Metric::kSatisfaction, "urban"), nullptr);
}

TEST(PlanTargets, DecimalPercentAndComparatorSpellings) {
    auto plan =
        ParsePlan(PlanWith(R"({"metric":"data_reuse","comparator":"≥","value":62.5},)"
                           R"({"metric":"satisfaction","comparator":"at_least","value":90})"));
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(plan->targets[0].value, 6250);
    EXPECT_EQ(plan->targets[0].comparator, Comparator::kAtLeast);
    EXPECT_EQ(plan->targets[1].comparator, Comparator::kAtLeast);
}

TEST(PlanTargets, BadInputIsRefusedInVietnamese) {
    using base::ErrorCode;
    EXPECT_EQ(CodeOf("{"), ErrorCode::kInvalidArgument);
    EXPECT_EQ(CodeOf("[]"), ErrorCode::kInvalidArgument);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"speed","comparator":">=","value":1})"))
                  .find("chỉ tiêu không được hỗ trợ 'speed'"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":"==","value":1})"))
                  .find("phép so sánh không hợp lệ"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":101})"))
                  .find("từ 0 đến 100"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":-1})"))
                  .find("từ 0 đến 100"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":60.123})"))
                  .find("2 chữ số thập phân"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":"60"})"))
                  .find("phải là một số"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"waiting_minutes","comparator":"<=","value":2000})"))
                  .find("0 đến 1440"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"desk_productivity","comparator":">=","value":0})"))
                  .find("1 đến 100000"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":60},)"
                                 R"({"metric":"data_reuse","comparator":">=","value":70})"))
                  .find("bị trùng"),
              std::string::npos);
    EXPECT_NE(
        MessageOf(PlanWith(R"({"metric":"data_reuse","area":"moon","comparator":">=","value":6})"))
            .find("vùng không hợp lệ"),
        std::string::npos);
    EXPECT_NE(MessageOf(PlanWith(R"({"metric":"data_reuse","comparator":">=","value":6,"x":1})"))
                  .find("trường không được hỗ trợ 'x'"),
              std::string::npos);
    EXPECT_NE(MessageOf(PlanWith("")).find("chưa có chỉ tiêu"), std::string::npos);
    EXPECT_NE(MessageOf(R"({"plan":"a b","title":"K","year":2026,"issuing_unit":"46",)"
                        R"("targets":[{"metric":"data_reuse","comparator":">=","value":6}]})")
                  .find("mã kế hoạch"),
              std::string::npos);
    EXPECT_NE(MessageOf(R"({"plan":"a","title":"K","year":1999,"issuing_unit":"46",)"
                        R"("targets":[{"metric":"data_reuse","comparator":">=","value":6}]})")
                  .find("year"),
              std::string::npos);
    EXPECT_NE(
        MessageOf(R"({"plan":"a","title":"K","year":2026,"issuing_unit":"46","targets":[)"
                  R"({"metric":"data_reuse","comparator":">=","value":6}],)"
                  R"("unit_areas":[{"unit":"1","area":"rural"},{"unit":"1","area":"urban"}]})")
            .find("hai lần"),
        std::string::npos);
}

}  // namespace
}  // namespace motcua::domain::plan_targets
