#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/report_exports.hpp"
#include "base/result.hpp"
#include "domain/inspection.hpp"
#include "domain/unit.hpp"
#include "store/inspections.hpp"

// Inspections of TTHC-control work (issue #7; docs/inspections.md): inspection plans, their
// inspections and rule warnings, the inspection cycle, checklists pre-filled with the inspected
// unit's figures, and the remediation reminders.
//
// Who: the TTHC-control officers (kiemsoat) whose scope covers the plan's inspecting unit manage
// plans, inspections and the inspector's steps; its leaders read them and sign the conclusion;
// the staff of the inspected unit (leader, control officer, specialist) see their own
// inspections, submit their report, comments and the remediation report. Anyone else gets
// kNotFound for an inspection (no existence leak) and kPermissionDenied for a plan of a unit
// outside their scope. Every change is audited in its transaction.
namespace motcua::app {

struct InspectionView {
    domain::inspection::Inspection inspection;
    domain::Unit unit;  // the inspected unit
    std::optional<std::chrono::sys_days> notice_by;
    std::optional<std::chrono::sys_days> report_by;
    std::vector<domain::inspection::Action> allowed;
};

struct InspectionPlanView {
    domain::inspection::Plan plan;
    domain::Unit inspecting_unit;
    std::vector<InspectionView> inspections;
    std::vector<domain::inspection::Warning> warnings;
};

struct InspectionDetail {
    domain::inspection::Plan plan;
    domain::Unit inspecting_unit;
    InspectionView view;
    std::vector<domain::inspection::Warning> warnings;  // the plan's warnings about it
    std::vector<store::inspections::ChecklistItem> checklist;
    std::vector<store::inspections::Event> events;
    std::vector<store::inspections::Document> conclusions;
    std::optional<store::inspections::Document> remediation;
    // What the caller may do now (allowed by the state and by the caller's party).
    std::vector<domain::inspection::Action> actions;
};

// POST body: {"year", "inspecting_unit" (code), "title", "decision_number", "decision_date",
// "checklist" (s3|s0|s4)}. kInvalidArgument (malformed JSON, wrong types, unknown unit or
// checklist), kUnauthenticated, kPermissionDenied.
[[nodiscard]] base::Result<InspectionPlanView> CreateInspectionPlan(AppContext& ctx,
                                                                    const Actor& actor,
                                                                    std::string_view json);
// PUT body: the same fields (inspecting unit unchanged) and "version"; kAborted when stale,
// kInvalidArgument when an inspection's dates fall outside a changed year.
[[nodiscard]] base::Result<InspectionPlanView> UpdateInspectionPlan(AppContext& ctx,
                                                                    const Actor& actor,
                                                                    std::int64_t plan_id,
                                                                    std::string_view json);
// The plan with its inspections and warnings (for the inspecting unit's control officers and
// leaders). kNotFound, kPermissionDenied.
[[nodiscard]] base::Result<InspectionPlanView> GetInspectionPlan(AppContext& ctx,
                                                                 const Actor& actor,
                                                                 std::int64_t plan_id);
// The plans the caller may read (optionally of one year).
[[nodiscard]] base::Result<std::vector<InspectionPlanView>> ListInspectionPlans(
    AppContext& ctx, const Actor& actor, std::optional<int> year);

// POST body: {"plan_version", "unit" (code), "kind", "quarter", "start", "end", "team":
// [{"name", "position", "leader"}], "follow_up_of" (an inspection id), "period" (the period of
// the pre-filled figures: 2026, 2026-Q1…; default the plan year)}. The unit must lie inside the
// inspecting unit's subtree; a follow-up must reference a concluded inspection of the same unit
// (kFailedPrecondition). The checklist is copied from the plan's template and pre-filled.
[[nodiscard]] base::Result<InspectionDetail> AddInspection(AppContext& ctx, const Actor& actor,
                                                           std::int64_t plan_id,
                                                           std::string_view json);
[[nodiscard]] base::Result<InspectionDetail> GetInspection(AppContext& ctx, const Actor& actor,
                                                           std::int64_t inspection_id);
// The inspections of the caller's units (as the inspected unit), newest first.
[[nodiscard]] base::Result<std::vector<InspectionView>> MyInspections(AppContext& ctx,
                                                                      const Actor& actor);

// POST body: {"action", "on" (YYYY-MM-DD, default today), "version", "note", "documents":
// [strings], "number", "text"}. kFailedPrecondition naming the rule for an illegal transition,
// kAborted when stale, kPermissionDenied for the wrong party.
[[nodiscard]] base::Result<InspectionDetail> ActOnInspection(AppContext& ctx, const Actor& actor,
                                                             std::int64_t inspection_id,
                                                             std::string_view json);
// PUT body {"finding"}: the inspector's finding on a checklist item (kNotFound for an unknown
// item; refused once concluded).
[[nodiscard]] base::Result<InspectionDetail> SetChecklistFinding(AppContext& ctx,
                                                                 const Actor& actor,
                                                                 std::int64_t inspection_id,
                                                                 const std::string& key,
                                                                 std::string_view json);
// Re-reads the system's figures into the checklist (inspector).
[[nodiscard]] base::Result<InspectionDetail> RefreshChecklist(AppContext& ctx, const Actor& actor,
                                                              std::int64_t inspection_id);

struct RemediationReminder {
    InspectionView view;
    domain::Unit inspecting_unit;
    int working_days_left = 0;  // negative: overdue by that many working days
    bool overdue = false;
};
// Remediation reports due within `within` working days (0..60) or overdue, of the inspections
// the caller may read, by due day.
[[nodiscard]] base::Result<std::vector<RemediationReminder>> RemediationReminders(
    AppContext& ctx, const Actor& actor, int within);

// The server's sweep (issue #7, engineer P; app/inspection_reminders.cpp): queues a notification
// (app/notify, kind `inspection_reminder`) to the active users of the unit concerned when one of
// an inspection's deadlines is within `days_before` working days or has passed: the notice
// (scheduled and sudden inspections still planned) to the inspecting unit, the inspected unit's
// report (planned or notified, not submitted) and the remediation report (remediation due) to the
// inspected unit. Once per inspection, kind and due day (inspection_reminders). Returns the
// number of notifications queued.
[[nodiscard]] base::Result<int> SweepInspectionReminders(AppContext& ctx, int days_before = 5);

// The report outline attached to S3 (Đề cương báo cáo) for `unit_code` and `period` (2025,
// 2025-Q1…) as DOCX or PDF ("docx", "pdf"), every figure the system holds filled in (form 06
// totals, overdue and backlogged dossiers, digitisation, online services and payments, the unit's
// inspections) and "không có" elsewhere. For leaders, control officers and administrators whose
// scope covers the unit (as the correction letter). File name de-cuong-bao-cao-<unit>-<period>.
[[nodiscard]] base::Result<ReportFile> InspectionReportOutline(AppContext& ctx, const Actor& actor,
                                                               const std::string& unit_code,
                                                               const std::string& period,
                                                               std::string_view format);

}  // namespace motcua::app
