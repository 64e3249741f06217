#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// TTHC-control plans as tracked work (issue #7; migration 0012_plans.sql; docs/plans.md
// "Storage"): plans, their sections, tasks and deliverables, the deliverables' unit assignments,
// the unit names and import problems waiting for a person, and the append-only progress reports.
// Plain rows; the app layer (app/plans.hpp) builds and authorises them.
namespace motcua::store::plans {

struct Head {
    std::int64_t id = 0;
    std::int64_t issuing_unit_id = 0;
    std::string title;
    std::string decision_number;  // '' when unknown
    std::string decision_date;    // 'YYYY-MM-DD' or ''
    int year = 0;
    std::optional<std::int64_t> parent_plan_id;
    std::string plan_key;          // plan_target_sets.plan_key, or ''
    std::string format;            // tsv, pipe_lines, markdown, cascade
    std::string status = "draft";  // draft, issued
    std::int64_t version = 1;
    std::optional<std::int64_t> created_by;
    std::chrono::sys_seconds created_at{};
    std::optional<std::int64_t> updated_by;
    std::chrono::sys_seconds updated_at{};
};

struct Assignment {
    std::int64_t unit_id = 0;
    std::string role;  // lead, cooperating
    friend bool operator==(const Assignment&, const Assignment&) = default;
};

struct Deliverable {
    std::int64_t id = 0;
    std::int64_t task_id = 0;
    std::int64_t line = 0;
    std::string product;
    std::string lead_raw;
    std::vector<std::string> lead_names;
    std::string cooperating_raw;
    std::vector<std::string> cooperating_names;
    std::string deadline_phrase;
    std::string deadline_kind;  // date, recurring, event, unresolved; '' for no deadline cell
    std::vector<std::chrono::sys_days> due;
    std::string recurrence;  // none, monthly, …
    std::string deadline_event;
    std::string deadline_note;
    std::optional<std::int64_t> parent_deliverable_id;
    std::vector<Assignment> assignments;  // by role (lead first), then unit id
};

struct Task {
    std::int64_t id = 0;
    std::int64_t section_id = 0;
    std::int64_t line = 0;
    std::string number;
    std::string group;
    std::string content;
    std::vector<Deliverable> deliverables;
};

struct Section {
    std::int64_t id = 0;
    std::int64_t line = 0;
    std::string number;
    std::string title;
    std::vector<Task> tasks;
};

struct UnmatchedName {
    std::int64_t id = 0;
    std::int64_t deliverable_id = 0;
    std::string role;  // lead, cooperating
    std::string name;
    bool resolved = false;
    std::optional<std::int64_t> resolved_by;
    std::optional<std::chrono::sys_seconds> resolved_at;
};

struct Problem {
    std::int64_t id = 0;
    std::int64_t line = 0;
    std::string reason;
    bool resolved = false;
    std::string resolution;
    std::optional<std::int64_t> resolved_by;
    std::optional<std::chrono::sys_seconds> resolved_at;
};

struct Plan {
    Head head;
    std::vector<Section> sections;  // in order, with their tasks and deliverables
    std::vector<UnmatchedName> unmatched;
    std::vector<Problem> problems;
};

// ---- Writes. Each returns the new row's id.

// kAlreadyExists when the unit already has a plan with the same (non-empty) decision number;
// kFailedPrecondition for an unknown unit or parent plan.
[[nodiscard]] base::Result<std::int64_t> InsertHead(Transaction& tx, const Head& head);
[[nodiscard]] base::Result<std::int64_t> InsertSection(Transaction& tx, std::int64_t plan_id,
                                                       int position, const Section& section);
[[nodiscard]] base::Result<std::int64_t> InsertTask(Transaction& tx, std::int64_t plan_id,
                                                    std::int64_t section_id, int position,
                                                    const Task& task);
// With its assignments (duplicates ignored).
[[nodiscard]] base::Result<std::int64_t> InsertDeliverable(Transaction& tx, std::int64_t plan_id,
                                                           std::int64_t task_id, int position,
                                                           const Deliverable& deliverable);
[[nodiscard]] base::Result<std::int64_t> InsertUnmatched(Transaction& tx, std::int64_t plan_id,
                                                         std::int64_t deliverable_id,
                                                         const std::string& role,
                                                         const std::string& name);
[[nodiscard]] base::Result<std::int64_t> InsertProblem(Transaction& tx, std::int64_t plan_id,
                                                       std::int64_t line,
                                                       const std::string& reason);

// Bumps the plan's version (and updated_by/at) when it is `expected_version`: kAborted when it is
// not, kNotFound for an unknown plan. Returns the new version.
[[nodiscard]] base::Result<std::int64_t> Touch(Transaction& tx, std::int64_t plan_id,
                                               std::int64_t expected_version,
                                               std::optional<std::int64_t> by,
                                               std::chrono::sys_seconds at);
// Sets the plan's status (draft, issued) and plan_key.
[[nodiscard]] base::Status SetStatus(Transaction& tx, std::int64_t plan_id,
                                     const std::string& status, const std::string& plan_key);

// Replaces the deliverable's product and deadline fields (not its units). kNotFound.
[[nodiscard]] base::Status UpdateDeliverable(Transaction& tx, const Deliverable& deliverable);
// Adds assignments (existing ones kept).
[[nodiscard]] base::Status AddAssignments(Transaction& tx, std::int64_t plan_id,
                                          std::int64_t deliverable_id,
                                          const std::vector<Assignment>& assignments);
// Marks a name resolved (again: a later resolution adds units and records who). kNotFound unless
// it belongs to the plan.
[[nodiscard]] base::Status ResolveUnmatched(Transaction& tx, std::int64_t plan_id,
                                            std::int64_t unmatched_id,
                                            std::optional<std::int64_t> by,
                                            std::chrono::sys_seconds at);
// Marks a problem resolved with what was done. kNotFound unless it belongs to the plan.
[[nodiscard]] base::Status ResolveProblem(Transaction& tx, std::int64_t plan_id,
                                          std::int64_t problem_id, const std::string& resolution,
                                          std::optional<std::int64_t> by,
                                          std::chrono::sys_seconds at);

// ---- Reads

// The whole plan; empty when unknown.
[[nodiscard]] base::Result<std::optional<Plan>> Get(Transaction& tx, std::int64_t plan_id);
// The plan heads of the units `unit_ids` (every plan when empty), newest year first, then id.
[[nodiscard]] base::Result<std::vector<Head>> List(Transaction& tx,
                                                   const std::vector<std::int64_t>& unit_ids);
// The plan of a unit with that decision number, if any.
[[nodiscard]] base::Result<std::optional<std::int64_t>> FindByDecision(
    Transaction& tx, std::int64_t issuing_unit_id, const std::string& decision_number);
// The plan a deliverable belongs to; empty when unknown.
[[nodiscard]] base::Result<std::optional<std::int64_t>> PlanOfDeliverable(
    Transaction& tx, std::int64_t deliverable_id);

// ---- Progress (append-only)

struct Progress {
    std::int64_t id = 0;
    std::int64_t deliverable_id = 0;
    std::int64_t unit_id = 0;
    std::string status;  // not_started, in_progress, done
    int percent = 0;
    std::string note;
    std::string evidence_number;
    std::string evidence_date;  // 'YYYY-MM-DD' or ''
    std::vector<std::int64_t> evidence_files;
    std::optional<std::int64_t> reported_by;
    std::chrono::sys_seconds reported_at{};
};
[[nodiscard]] base::Result<std::int64_t> AddProgress(Transaction& tx, const Progress& progress);
// Every report of the plan's deliverables, oldest first.
[[nodiscard]] base::Result<std::vector<Progress>> ProgressOfPlan(Transaction& tx,
                                                                 std::int64_t plan_id);

// An evidence file of a progress report (migration 0022): the bytes are in the documents' file
// store under `file_sha256` (a `files` row); `file_name` is display text only.
struct Evidence {
    std::int64_t id = 0;
    std::int64_t deliverable_id = 0;
    std::int64_t unit_id = 0;
    std::string file_sha256;
    std::string file_name;
    std::string media_type;
    std::int64_t size = 0;
    std::optional<std::int64_t> uploaded_by;
    std::chrono::sys_seconds created_at{};
};
// Inserts an evidence file (id ignored; its `files` row must exist) and returns its id.
[[nodiscard]] base::Result<std::int64_t> AddEvidence(Transaction& tx, const Evidence& evidence);
[[nodiscard]] base::Result<std::optional<Evidence>> GetEvidence(Transaction& tx, std::int64_t id);
// The evidence files of the plan's deliverables, oldest first.
[[nodiscard]] base::Result<std::vector<Evidence>> EvidenceOfPlan(Transaction& tx,
                                                                 std::int64_t plan_id);

// The plans in which a unit holds an assignment.
[[nodiscard]] base::Result<std::vector<std::int64_t>> PlansAssigning(Transaction& tx,
                                                                     std::int64_t unit_id);

// Records a reminder for (deliverable, due date); false when it was sent already.
[[nodiscard]] base::Result<bool> MarkReminded(Transaction& tx, std::int64_t deliverable_id,
                                              std::chrono::sys_days due,
                                              std::chrono::sys_seconds at);

// Records an inspection's reminder (`kind`: notice, report, remediation) for its due day
// (migration 0020, beside the plans' reminders); false when it was sent already.
[[nodiscard]] base::Result<bool> MarkInspectionReminded(Transaction& tx, std::int64_t inspection_id,
                                                        const std::string& kind,
                                                        std::chrono::sys_days due,
                                                        std::chrono::sys_seconds at);

}  // namespace motcua::store::plans
