#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/feedback.hpp"
#include "base/result.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"

// Periodic reports of Circular 01/2020/TT-VPCP (issue #6; docs/reports.md). The first one: form
// 06 / II.06a "Tình hình, kết quả giải quyết TTHC" for a unit and its subtree.
namespace motcua::app {

struct SettlementReportQuery {
    std::string unit_code;
    std::string period;  // 2026-Q3, 2026-H1, 2026-9M, 2026, 2026-07
    domain::report06::WindowRule window = domain::report06::WindowRule::kReporting;
};

// The PAKN form (REGULATIONS.md §3.2; docs/reports.md "PAKN form"): the feedback handled by
// the unit and its subtree over the same window, by content (regulation, conduct, not yet
// classified) and by handling unit, with the total. Every row satisfies received + carried over
// = handled + withdrawn + in progress (checked: kInternal naming the row otherwise).
struct FeedbackFormRow {
    std::string label;
    FeedbackCountRow counts;
};
struct FeedbackForm {
    std::vector<FeedbackFormRow> by_subject;  // regulation, conduct, unclassified (always three)
    std::vector<FeedbackFormRow> by_unit;     // handling units with counted feedback (tree order)
    FeedbackCountRow total;
};

// A plan's progress in the report (issue #7; docs/reports.md "Plans' progress"): for each TTHC-
// control plan issued by the unit or its subtree for the year of the window's end, its
// deliverables' due dates within the window, judged at the window's end (or now, when earlier):
// done by the due day, done after it, not done and not yet due, not done and overdue.
struct PlanProgressRow {
    std::int64_t plan_id = 0;
    std::string title;
    std::string status;  // draft, issued
    int due = 0;         // = done + done_late + in_progress + overdue
    int done = 0;
    int done_late = 0;
    int in_progress = 0;
    int overdue = 0;
};
struct PlanProgressSection {
    std::vector<PlanProgressRow> plans;
    PlanProgressRow total;  // title "Tổng cộng"
};

struct SettlementReport {
    domain::Unit unit;
    domain::report06::Report report;
    FeedbackForm feedback;  // zeros, not missing, when the scope has no feedback
    PlanProgressSection plans;
};

// The invariant of the PAKN form for one row; kInternal naming `label` when broken.
[[nodiscard]] base::Status CheckFeedbackRow(const FeedbackCountRow& row, std::string_view label);

// Most dossiers one report reads.
inline constexpr int kMaxReportDossiers = 200000;

// The report over the dossiers whose settling unit is `unit_code` or lies in its subtree, in one
// read transaction (one query for the dossiers and their procedures' fields, one per unit of the
// subtree for the tree). For leaders, TTHC-control officers and administrators whose scope covers
// the unit. Errors: kInvalidArgument (period; too many dossiers), kNotFound (unit),
// kUnauthenticated, kPermissionDenied (Vietnamese), kInternal (a row breaks col 3 = col 7 + 11).
[[nodiscard]] base::Result<SettlementReport> TthcSettlementReport(
    AppContext& ctx, const Actor& actor, const SettlementReportQuery& query);

// The same, run by the system (the `motcua report` command): no actor, no scope check.
// Both read the incremental aggregates (store/aggregates.hpp).
[[nodiscard]] base::Result<SettlementReport> TthcSettlementReportAsSystem(
    AppContext& ctx, const SettlementReportQuery& query);

namespace internal {
// The window of `query` (kInvalidArgument for a bad period or a missing unit code).
[[nodiscard]] base::Result<domain::report06::Window> ReportWindow(
    const SettlementReportQuery& query);
// The same computed from the dossiers one by one (report06::Build over store::dossiers::
// ReportFacts, at most kMaxReportDossiers): the independent path the tests compare the
// aggregates with.
[[nodiscard]] base::Result<SettlementReport> SettlementReportFromDossiers(
    AppContext& ctx, const SettlementReportQuery& query);
}  // namespace internal

}  // namespace motcua::app
