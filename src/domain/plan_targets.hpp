#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

// Plan targets (issue #6; S0 §III; REGULATIONS.md §9; docs/plan-targets.md). Pure.
//
// A TTHC-control or one-stop plan ("kế hoạch") sets numeric targets: ≥ 80% of online services
// full-process, ≥ 50% online payment, ≤ 15 minutes of waiting, ≥ 1,600 dossiers per desk officer
// and year in towns (1,200 rural, 800 remote)… A target set belongs to one plan and is data, loaded
// from JSON (data/rules/plan-targets-s0.json is the S0 template); each target keeps the words of
// the document it comes from. Evaluate() judges one measured value against one target.
namespace motcua::domain::plan_targets {

// The measured quantities. The names are stored in the database and used in the API: never
// rename, only append.
enum class Metric : std::uint8_t {
    kFullProcessOnlineServices,  // procedures offered full-process / offered online
    kOnlineDossierShare,         // online received / received, over procedures offered online
    kOnlinePaymentShare,         // paid online / fee-bearing received
    kResultsDigitised,           // digitised results / finished with an issued result
    kComponentsDigitised,        // received with a digitised component / received
    kDataReuse,                  // received with a reused component / received
    kSatisfaction,               // (rated − dissatisfied) / rated
    kWaitingMinutes,             // average wait per visit (queue tickets: issue #9; no data yet)
    kDeskProductivity,           // received at the desks, annualised, per desk officer
};
inline constexpr int kMetricCount = 9;
[[nodiscard]] std::string_view MetricName(Metric metric);   // full_process_online_services, …
[[nodiscard]] std::string_view MetricLabel(Metric metric);  // Vietnamese
[[nodiscard]] std::optional<Metric> ParseMetric(std::string_view name);
[[nodiscard]] const std::vector<Metric>& AllMetrics();

// What a target's value counts.
enum class Measure : std::uint8_t {
    kPercent,         // hundredths of a percent (8000 = 80%)
    kMinutes,         // whole minutes
    kDossiersPerYear  // whole dossiers per staff member and year
};
[[nodiscard]] Measure MeasureOf(Metric metric);
// Whether the metric's failures can be listed (dossiers or procedures behind the figure).
[[nodiscard]] bool HasFailureList(Metric metric);

enum class Comparator : std::uint8_t { kAtLeast, kAtMost };
[[nodiscard]] std::string_view ComparatorName(Comparator c);    // ">=", "<="
[[nodiscard]] std::string_view ComparatorSymbol(Comparator c);  // "≥", "≤"
// ">=", "≥", "at_least"; "<=", "≤", "at_most".
[[nodiscard]] std::optional<Comparator> ParseComparator(std::string_view text);

// The areas of a one-stop desk for the productivity target (S0 §III.2): "urban" (the default:
// province and town desks), "rural", "remote" (vùng sâu, vùng xa, đặc biệt khó khăn).
[[nodiscard]] bool IsArea(std::string_view area);
[[nodiscard]] std::string_view AreaLabel(std::string_view area);  // Vietnamese; "" → "mọi vùng"
inline constexpr std::string_view kDefaultArea = "urban";

struct Source {
    std::string document;  // "Kế hoạch số …/KH-UBND"
    std::string section;   // "III.4"
    std::string wording;   // the Vietnamese words of the target
    friend bool operator==(const Source&, const Source&) = default;
};

struct Target {
    Metric metric = Metric::kFullProcessOnlineServices;
    std::string area;  // "" = every area; else one of IsArea (the area-specific one wins)
    Comparator comparator = Comparator::kAtLeast;
    std::int64_t value = 0;  // in MeasureOf(metric) units
    Source source;
    friend bool operator==(const Target&, const Target&) = default;
};

struct UnitArea {
    std::string unit_code;
    std::string area;
    friend bool operator==(const UnitArea&, const UnitArea&) = default;
};

struct Plan {
    std::string key;  // "KH-KSTT-2024-BoTrach": letters, digits, '.', '_', '-'; 1–64 characters
    std::string title;
    int year = 0;
    std::string issuing_unit_code;
    std::vector<Target> targets;  // unique by (metric, area)
    std::vector<UnitArea> areas;  // desks not listed are kDefaultArea
    friend bool operator==(const Plan&, const Plan&) = default;
};

// Parses and validates a plan's JSON (docs/plan-targets.md): kInvalidArgument with a Vietnamese
// message naming the field for malformed JSON, unknown fields, a bad metric, comparator, area or
// key, a value out of range (percent 0–100 with at most 2 decimals; minutes 0–1440; dossiers
// 1–100000), a duplicate target (metric, area) or unit area. Texts are NFC-normalised.
[[nodiscard]] base::Result<Plan> ParsePlan(std::string_view json);
// The same checks on a plan built in code (ParsePlan calls it).
[[nodiscard]] base::Status Validate(const Plan& plan);
// The plan's JSON in the form ParsePlan reads (ParsePlan(ToJson(p)) == p).
[[nodiscard]] std::string ToJson(const Plan& plan);

// The desk area of `unit_code` under the plan (kDefaultArea when not listed).
[[nodiscard]] std::string AreaOf(const Plan& plan, std::string_view unit_code);
// The target of `metric` for a unit in `area`: the area's own, else the one for every area;
// nullptr when the plan sets none.
[[nodiscard]] const Target* TargetFor(const Plan& plan, Metric metric, std::string_view area);

// A measured quantity as a fraction. For percentages numerator/denominator; for minutes total
// minutes / visits; for productivity (dossiers received × 365) / (staff × days in the window).
// `available` false: the system does not hold the data (waiting times before issue #9).
struct Measurement {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    bool available = true;
};

enum class Verdict : std::uint8_t { kPass, kFail, kNoData };
[[nodiscard]] std::string_view VerdictName(Verdict v);  // pass, fail, no_data

struct Outcome {
    Verdict verdict = Verdict::kNoData;
    // numerator / denominator rounded half-up to the unit of the target's value (a hundredth of a
    // percent, a minute, a dossier); empty with kNoData.
    std::optional<std::int64_t> value;
};

// Judges `m` against `target`: kNoData when not available or the denominator is 0 (never pass or
// fail); otherwise the rounded value compared with the target — what is shown is what is judged.
[[nodiscard]] Outcome Evaluate(const Target& target, const Measurement& m);

// The S0 template (data/rules/plan-targets-s0.json, embedded at build time).
[[nodiscard]] std::string_view EmbeddedS0Template();

// numerator / denominator × scale, rounded half-up (denominator > 0, both ≥ 0).
[[nodiscard]] std::int64_t RoundedRatio(std::int64_t numerator, std::int64_t denominator,
                                        std::int64_t scale);

}  // namespace motcua::domain::plan_targets
