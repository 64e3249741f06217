#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/plan_targets.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"
#include "store/plan_targets.hpp"

// Plan targets (issue #6; docs/plan-targets.md): storing a plan's target set, evaluating a unit
// and its subtree against it for a period, and listing the dossiers behind a failure.
namespace motcua::app {

struct PlanTargetSet {
    domain::plan_targets::Plan plan;
    std::string issuing_unit_name;
    std::int64_t version = 0;
    std::chrono::sys_seconds updated_at{};
};

// Stores the plan read from `json` (domain::plan_targets::ParsePlan). `path_key` (PUT) must equal
// the body's key when the body has one; `expect_new` (POST) refuses an existing key. For
// TTHC-control officers and administrators whose scope covers the issuing unit; audited
// (`plan_targets.put`). Errors: kInvalidArgument (Vietnamese, naming the field; an unknown issuing
// unit), kAlreadyExists, kUnauthenticated, kPermissionDenied.
[[nodiscard]] base::Result<PlanTargetSet> PutPlanTargets(
    AppContext& ctx, const Actor& actor, std::string_view json, std::string_view path_key,
    bool expect_new, std::optional<std::int64_t> expected_version = {});

// A plan, and the list of plans: for leaders, TTHC-control officers and administrators (of any
// unit: targets are not personal data). kNotFound for an unknown plan.
[[nodiscard]] base::Result<PlanTargetSet> GetPlanTargets(AppContext& ctx, const Actor& actor,
                                                         const std::string& key);
[[nodiscard]] base::Result<std::vector<store::plan_targets::Summary>> ListPlanTargets(
    AppContext& ctx, const Actor& actor);

struct PlanQuery {
    std::string plan;
    std::string unit_code;
    std::string period;  // 2026-Q3, 2026-07, 2026-H1, 2026-9M, 2026
    domain::report06::WindowRule window = domain::report06::WindowRule::kCalendar;
};

// One online public service (a procedure offered online, partial or full process) with dossiers
// received in the window: its online share, judged against the online_dossier_share target.
struct ServiceShare {
    std::string code;
    std::string name;
    std::string online_level;   // partial, full
    std::int64_t online = 0;    // received online
    std::int64_t received = 0;  // received, every channel (> 0)
    domain::plan_targets::Outcome outcome;
};
struct TargetResult {
    domain::plan_targets::Target target;
    domain::plan_targets::Outcome outcome;
    std::int64_t numerator = 0;  // as in domain::plan_targets::Measurement
    std::int64_t denominator = 0;
    std::string note;  // why there are no data, or how the figure is made
    // online_dossier_share is judged per service (S0 §III: "của từng DVC trực tuyến"): every
    // service with dossiers, worst first; the unit passes when all of them pass. The value,
    // numerator and denominator are the worst service's; no service: no data.
    std::vector<ServiceShare> services;
    std::int64_t services_passing = 0;
};
struct UnitEvaluation {
    domain::Unit unit;
    std::string area;                   // the desk area under the plan
    std::vector<TargetResult> results;  // in the order of domain::plan_targets::AllMetrics
};
struct PlanEvaluation {
    PlanTargetSet plan;
    domain::Unit unit;
    domain::report06::Window window;
    std::string period_label;
    int days = 0;                       // days in the window
    std::vector<UnitEvaluation> units;  // the unit first, then the units of its subtree that
                                        // settle or receive dossiers; each with its subtree
};

// Evaluates the unit (with its subtree) and each unit of its subtree that settles or receives
// dossiers against the plan for the period. The unit must be the plan's issuing unit or below it.
// For leaders, TTHC-control officers and administrators whose scope covers the unit. Errors:
// kInvalidArgument (period, window, unit outside the plan), kNotFound (plan, unit),
// kUnauthenticated, kPermissionDenied.
[[nodiscard]] base::Result<PlanEvaluation> EvaluatePlanTargets(AppContext& ctx, const Actor& actor,
                                                               const PlanQuery& query);

inline constexpr int kMaxFailures = 500;

struct FailingProcedure {
    std::string code;
    std::string name;
    std::string online_level;  // partial (full_process_online_services); partial or full
    // online_dossier_share: the failing service's figures.
    std::int64_t online = 0;
    std::int64_t received = 0;
    std::optional<std::int64_t> share;  // hundredths of a percent
};
struct PlanFailures {
    PlanTargetSet plan;
    domain::Unit unit;
    domain::report06::Window window;
    std::string period_label;
    domain::plan_targets::Metric metric = domain::plan_targets::Metric::kResultsDigitised;
    std::optional<TargetResult> result;  // the unit's figure (when the plan sets the target)
    std::int64_t total = 0;              // all failures; at most kMaxFailures listed
    std::vector<store::plan_targets::FailingDossier> dossiers;
    // full_process_online_services: the procedures offered online but not full-process;
    // online_dossier_share: the services below the target (their non-online dossiers are
    // `dossiers`).
    std::vector<FailingProcedure> procedures;
};
// What is behind the metric's figure for the unit and its subtree: the dossiers (codes,
// procedure, dates; never applicant data) or, for full_process_online_services, the procedures of
// its competence offered online but not full-process. Same audience and errors as
// EvaluatePlanTargets; kInvalidArgument for an unknown metric or one without a list
// (waiting_minutes, desk_productivity).
[[nodiscard]] base::Result<PlanFailures> PlanTargetFailures(AppContext& ctx, const Actor& actor,
                                                            const PlanQuery& query,
                                                            std::string_view metric);

// Issue #9 (engineer N): desk productivity — dossiers received per one-stop desk staff member
// per year — computed exactly as the plan target `desk_productivity` (received complete × 365 /
// (active desk officers × days), rounded half up), over the desks `unit_ids` for the Vietnam
// days [from, to], judged against the S0 template's target for the area of `area_unit_code`
// (1,600 urban — the default —, 1,200 rural, 800 remote). No access check (callers check).
struct DeskProductivity {
    std::int64_t received = 0;
    std::int64_t staff = 0;
    int days = 0;
    std::optional<std::int64_t> per_year;  // nullopt: no desk staff (no data)
    std::string area;
    std::int64_t target = 0;
    std::optional<bool> meets;  // nullopt: no data
};
[[nodiscard]] base::Result<DeskProductivity> DeskProductivityOver(
    store::Transaction& tx, std::string_view area_unit_code,
    const std::vector<std::int64_t>& unit_ids, std::chrono::sys_days from,
    std::chrono::sys_days to);

}  // namespace motcua::app
