#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/plan_import.hpp"
#include "domain/unit.hpp"
#include "store/plans.hpp"

// TTHC-control plans as tracked work (issue #7; docs/plans.md "Cascading", "Tracking", "API"):
// importing a plan's text into the store with its units matched, the person's fixes (unmatched
// names, import problems, deliverables), cascading a superior's plan to a unit, progress reports
// and the dashboards.
//
// Who may do what: TTHC-control officers and administrators whose scope covers the issuing unit
// manage a plan; leaders, control officers and administrators whose scope covers the issuing unit
// read it, and so do the staff of a unit the plan assigns work to; the staff of an assigned unit
// (desk officers, specialists, leaders, control officers on that unit or above it) report progress
// on that unit's deliverables only. Every change is audited (entity `plan`).
namespace motcua::app {

// Plan texts above this are refused (kInvalidArgument) — a plan's table is some 100 KB.
inline constexpr std::size_t kMaxPlanTextBytes = std::size_t{2} * 1024 * 1024;

struct PlanImportInput {
    std::string text;       // the plan as text (tsv, `|` lines or markdown; format auto)
    std::string unit_code;  // the issuing unit
    int year = 0;           // 0: read from the text
    std::string title;      // "" → "Kế hoạch kiểm soát TTHC năm <year>"
    std::optional<std::int64_t> parent_plan_id;
    std::string plan_key;  // plan_target_sets.plan_key of the plan's targets, or ""
    // "" or "auto": the table's format is recognised; tsv, pipe_lines, markdown: the text must
    // read as that format (kInvalidArgument naming the format found otherwise).
    std::string format;
};

// The status of a deliverable for a unit: the latest report's, or not_started; `late` when it is
// not done and one of its due dates has passed (the next working day began).
struct UnitStatus {
    std::int64_t unit_id = 0;
    std::string role;    // lead, cooperating
    std::string status;  // not_started, in_progress, done, late
    int percent = 0;
    std::optional<store::plans::Progress> latest;
};

struct DeliverableStatus {
    std::string status;  // the leads' worst: late > not_started/in_progress > done
    std::optional<std::chrono::sys_days> next_due;  // the first due date on or after today
    std::vector<UnitStatus> units;
};

struct PlanView {
    store::plans::Plan plan;
    domain::Unit issuing_unit;
    std::map<std::int64_t, domain::Unit> units;               // every unit the plan names
    std::vector<store::plans::Progress> progress;             // the history, oldest first
    std::map<std::int64_t, store::plans::Evidence> evidence;  // the reports' files, by id
    std::map<std::int64_t, DeliverableStatus> status;         // per deliverable
    std::chrono::sys_days today{};
    bool may_manage = false;
};

struct PlanImportResult {
    domain::plan_import::Plan parsed;  // the dry-run shape
    PlanView view;
};

// Reads `input.text` (domain::plan_import::Read), matches its unit names
// (domain::plan_units::MatchCell) and stores the plan as a draft with its problems and unmatched
// names. Errors: kInvalidArgument (empty or oversize text, no table, no year, bad UTF-8), kNotFound
// (unit, parent plan), kAlreadyExists (the unit already has a plan with that decision number),
// kUnauthenticated, kPermissionDenied.
[[nodiscard]] base::Result<PlanImportResult> ImportPlan(AppContext& ctx, const Actor& actor,
                                                        const PlanImportInput& input);
// The same for the operator's command line (`motcua plan import FILE --db URL --unit CODE`): no
// role check; audited without a user.
[[nodiscard]] base::Result<PlanImportResult> ImportPlanAsSystem(AppContext& ctx,
                                                                const PlanImportInput& input);

// What an import would create, without writing anything (the page's preview): the dry-run
// shape and the names of the lead/cooperating cells no unit of the tree matched, each once with
// the number of cells naming it. Same checks and errors as ImportPlan (but no kAlreadyExists:
// `duplicate_of` names the plan of the same decision, if any).
struct UnmatchedCount {
    std::string name;
    int count = 0;
};
struct PlanPreview {
    domain::plan_import::Plan parsed;
    domain::Unit issuing_unit;
    std::vector<UnmatchedCount> unmatched;  // in order of first appearance
    std::optional<std::int64_t> duplicate_of;
};
[[nodiscard]] base::Result<PlanPreview> PreviewPlanImport(AppContext& ctx, const Actor& actor,
                                                          const PlanImportInput& input);
// The unmatched names of a stored plan, each once with its count, in order of first appearance.
[[nodiscard]] std::vector<UnmatchedCount> CountUnmatched(const store::plans::Plan& plan);

// Issues a draft plan (draft → issued): TTHC-control officers and leaders whose scope covers the
// issuing unit; kFailedPrecondition when it is not a draft, kAborted when `expected_version` is
// stale. Audited (plan.issue). An issued plan's structure is read-only: EditDeliverable and
// AddPlanTask are refused (kFailedPrecondition); progress reports, resolving unmatched names and
// import problems, cascading and export go on.
[[nodiscard]] base::Result<PlanView> IssuePlan(AppContext& ctx, const Actor& actor,
                                               std::int64_t plan_id, std::int64_t expected_version);

struct PlanSummary {
    store::plans::Head head;
    domain::Unit issuing_unit;
};
// The plans the actor may read, newest year first.
[[nodiscard]] base::Result<std::vector<PlanSummary>> ListPlans(AppContext& ctx, const Actor& actor);
[[nodiscard]] base::Result<PlanView> GetPlan(AppContext& ctx, const Actor& actor,
                                             std::int64_t plan_id);

// The person's fixes; each needs the plan's current version (kAborted otherwise) and bumps it.
// Assigns the units `unit_codes` (kNotFound for an unknown code; kInvalidArgument when empty) to
// the deliverable of the unmatched name, in its role, and marks the name resolved.
[[nodiscard]] base::Result<PlanView> ResolveUnmatchedName(
    AppContext& ctx, const Actor& actor, std::int64_t plan_id, std::int64_t unmatched_id,
    const std::vector<std::string>& unit_codes, std::int64_t expected_version);
[[nodiscard]] base::Result<PlanView> ResolvePlanProblem(AppContext& ctx, const Actor& actor,
                                                        std::int64_t plan_id,
                                                        std::int64_t problem_id,
                                                        const std::string& resolution,
                                                        std::int64_t expected_version);
struct DeliverableEdit {
    std::optional<std::string> product;
    std::optional<std::string> deadline;  // a new phrase, read again with the calendar
};
[[nodiscard]] base::Result<PlanView> EditDeliverable(AppContext& ctx, const Actor& actor,
                                                     std::int64_t plan_id,
                                                     std::int64_t deliverable_id,
                                                     const DeliverableEdit& edit,
                                                     std::int64_t expected_version);

// A task the plan's unit adds itself (after cascading, or to any plan it manages): in section
// `section` (a new section when the plan has none with that number), units matched as on import.
struct NewTask {
    std::string section;        // "I", "II", …
    std::string section_title;  // for a new section
    std::string number;
    std::string content;
    std::string product;
    std::string lead;         // the cell as written
    std::string cooperating;  // the cell as written
    std::string deadline;     // the phrase
};
[[nodiscard]] base::Result<PlanView> AddPlanTask(AppContext& ctx, const Actor& actor,
                                                 std::int64_t plan_id, const NewTask& task,
                                                 std::int64_t expected_version);

// Cascading: the unit `unit_code` (inside the parent plan's issuing unit's subtree) creates its
// own plan from its superior's, inheriting the deliverables assigned to it (by name or through a
// collective name covering it) with their sections, tasks and deadlines, as lead (or cooperating
// when it only cooperates). For TTHC-control officers and administrators of that unit.
struct CascadeInput {
    std::int64_t parent_plan_id = 0;
    std::string unit_code;
    std::string title;
    std::string decision_number;
    std::string decision_date;  // 'YYYY-MM-DD' or ''
};
[[nodiscard]] base::Result<PlanView> CascadePlan(AppContext& ctx, const Actor& actor,
                                                 const CascadeInput& input);

struct ProgressInput {
    std::string unit_code;  // the reporting unit; "" → the actor's only assigned unit
    std::string status;     // not_started, in_progress, done
    std::optional<int> percent;
    std::string note;
    std::string evidence_number;
    std::string evidence_date;  // 'YYYY-MM-DD' or ''
    std::vector<std::int64_t> evidence_files;
};
// A file attached to a progress report as evidence (the plan page's form).
struct EvidenceUpload {
    std::string file_name;      // as the client named it (display text: app::SanitiseFileName)
    std::string declared_type;  // the client's media type; must name what the bytes are
    std::string bytes;
};
// At most this many files, and this many bytes in all, per report.
inline constexpr std::size_t kMaxEvidenceFiles = 5;
inline constexpr std::size_t kMaxEvidenceBytes = std::size_t{10} << 20;

// Appends a progress report of an assigned unit. kPermissionDenied unless the deliverable is
// assigned to the unit and the actor is its staff; kInvalidArgument for a bad status, percent
// (0–100; done is 100), date, or an evidence file that is not one of that unit's files on that
// deliverable (`evidence_files`: ids of earlier uploads, store::plans::Evidence); kNotFound.
// `uploads` are new evidence files: each is checked like a document upload (app::CheckUpload:
// empty, unsupported or mislabelled → kInvalidArgument; over 10 MB, or more than
// kMaxEvidenceBytes in all → kResourceExhausted) and the reporter's access is checked before
// any byte is written; then the files go to the documents' file store and are recorded with
// the report in one transaction. A refused report stores nothing.
[[nodiscard]] base::Result<store::plans::Progress> ReportProgress(
    AppContext& ctx, const Actor& actor, std::int64_t deliverable_id, const ProgressInput& input,
    const std::vector<EvidenceUpload>& uploads = {});

// Uploads one evidence file of the reporting unit (`unit_code`, as in ProgressInput) on the
// deliverable, before its report (the API: the report then cites it in `evidence_files`). Same
// checks and errors as ReportProgress's uploads; audited (plan.evidence).
[[nodiscard]] base::Result<store::plans::Evidence> UploadPlanEvidence(AppContext& ctx,
                                                                      const Actor& actor,
                                                                      std::int64_t deliverable_id,
                                                                      const std::string& unit_code,
                                                                      const EvidenceUpload& upload);

// An evidence file and its bytes, for the readers of its plan (GetPlan); kNotFound for anyone
// else, as for an unknown id.
struct EvidenceFile {
    store::plans::Evidence evidence;
    std::string bytes;
};
[[nodiscard]] base::Result<EvidenceFile> DownloadPlanEvidence(AppContext& ctx, const Actor& actor,
                                                              std::int64_t evidence_id);

struct DashboardRow {
    std::int64_t plan_id = 0;
    std::string plan_title;
    int plan_year = 0;
    std::int64_t deliverable_id = 0;
    std::string section;
    std::string task;
    std::string product;
    std::string deadline;
    std::optional<std::chrono::sys_days> next_due;
    std::vector<std::chrono::sys_days> overdue;  // due dates passed while not done
    UnitStatus unit;
};
struct UnitCounts {
    domain::Unit unit;
    std::map<std::string, int> by_status;
};
struct PlanDashboard {
    PlanView view;
    std::map<std::string, int> by_status;  // deliverables
    std::vector<UnitCounts> units;         // per assigned unit, by code
    std::vector<DashboardRow> overdue;     // deliverable × unit late, earliest due first
};
[[nodiscard]] base::Result<PlanDashboard> GetPlanDashboard(AppContext& ctx, const Actor& actor,
                                                           std::int64_t plan_id);
struct UnitDashboard {
    domain::Unit unit;
    std::chrono::sys_days today{};
    std::vector<DashboardRow> rows;  // its deliverables across plans, next due first
    std::map<std::string, int> by_status;
};
// For the unit's staff and those whose scope covers it (leaders, control officers, admins).
[[nodiscard]] base::Result<UnitDashboard> GetUnitDashboard(AppContext& ctx, const Actor& actor,
                                                           const std::string& unit_code);

// The stored plan in the import's in-memory shape (for DOCX/XLSX export); problems are the
// unresolved ones. Same access as GetPlan.
[[nodiscard]] base::Result<domain::plan_import::Plan> LoadPlanAsImport(AppContext& ctx,
                                                                       const Actor& actor,
                                                                       std::int64_t plan_id);
// The same conversion of a view already read (GetPlan), and the operator's read of a plan
// (`motcua plan export --db URL --plan ID`: no role check).
[[nodiscard]] domain::plan_import::Plan PlanViewAsImport(const PlanView& view);
[[nodiscard]] base::Result<PlanView> GetPlanAsSystem(AppContext& ctx, std::int64_t plan_id);

// Reminders: queues a notification (app/notify) to the users of every unit assigned a
// deliverable not done whose due date is within `days_before` working days from today, once per
// deliverable and due date. Returns the number of notifications queued. The system's sweep.
[[nodiscard]] base::Result<int> SweepPlanReminders(AppContext& ctx, int days_before = 5);

}  // namespace motcua::app
