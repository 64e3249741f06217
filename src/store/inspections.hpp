#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/inspection.hpp"
#include "store/database.hpp"

// Inspections of TTHC-control work (issue #7; migration 0013_inspections.sql;
// docs/inspections.md): plans, inspections with their teams, checklists, the append-only history
// of the cycle, conclusions and remediation reports. One SQL text for both dialects.
namespace motcua::store::inspections {

namespace ins = domain::inspection;

// ---- Plans

// Stores a new plan (version 1); returns its id. kFailedPrecondition for an unknown unit.
[[nodiscard]] base::Result<std::int64_t> CreatePlan(Transaction& tx, const ins::Plan& plan,
                                                    std::optional<std::int64_t> by,
                                                    std::chrono::sys_seconds at);
// Replaces the plan's header when its stored version is `expected_version` (kAborted otherwise,
// kNotFound for an unknown plan); returns the new version.
[[nodiscard]] base::Result<std::int64_t> UpdatePlan(Transaction& tx, const ins::Plan& plan,
                                                    std::int64_t expected_version,
                                                    std::chrono::sys_seconds at);
// Bumps the plan's version (an inspection was added): kAborted unless `expected_version`.
[[nodiscard]] base::Result<std::int64_t> TouchPlan(Transaction& tx, std::int64_t plan_id,
                                                   std::int64_t expected_version,
                                                   std::chrono::sys_seconds at);
[[nodiscard]] base::Result<std::optional<ins::Plan>> GetPlan(Transaction& tx, std::int64_t id);
// Every plan (newest year first, then id), or those of `year`.
[[nodiscard]] base::Result<std::vector<ins::Plan>> ListPlans(Transaction& tx,
                                                             std::optional<int> year);

// ---- Inspections

// Stores the inspection with its team (state and version as given, usually planned / 1).
[[nodiscard]] base::Result<std::int64_t> AddInspection(Transaction& tx, const ins::Inspection& i,
                                                       std::chrono::sys_seconds at);
// The inspection with its team (inspected_unit_type and parent filled from units).
[[nodiscard]] base::Result<std::optional<ins::Inspection>> GetInspection(Transaction& tx,
                                                                         std::int64_t id);
[[nodiscard]] base::Result<std::vector<ins::Inspection>> PlanInspections(Transaction& tx,
                                                                         std::int64_t plan_id);
// Inspections of the units `unit_ids` (any plan), newest first.
[[nodiscard]] base::Result<std::vector<ins::Inspection>> UnitInspections(
    Transaction& tx, const std::vector<std::int64_t>& unit_ids);
// Writes the state and the cycle's dates of `i`, version + 1, when the stored version is
// `i.version` (kAborted otherwise). Returns the new version.
[[nodiscard]] base::Result<std::int64_t> SaveCycle(Transaction& tx, const ins::Inspection& i);
// Inspections in remediation_due whose due day is on or before `until`, by due day.
[[nodiscard]] base::Result<std::vector<ins::Inspection>> RemediationDue(
    Transaction& tx, std::chrono::sys_days until);

// ---- History

struct Event {
    std::int64_t seq = 0;
    std::string action;  // ins::ActionName, or "created", "checklist"
    std::chrono::sys_days on{};
    std::chrono::sys_seconds at{};
    std::optional<std::int64_t> actor_id;
    std::string actor_name;
    std::string note;
    std::string documents_json = "[]";
};
// Appends `e` with the next sequence number (returned).
[[nodiscard]] base::Result<std::int64_t> AppendEvent(Transaction& tx, std::int64_t inspection_id,
                                                     const Event& e);
[[nodiscard]] base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t inspection_id);

// ---- Checklist

struct ChecklistItem {
    std::string key;
    std::string number;
    std::string title;
    std::string figure;
    std::string prefilled_json;  // "" when the item has no system figure
    std::string finding;
    std::optional<std::int64_t> updated_by;
    std::optional<std::chrono::sys_seconds> updated_at;
};
// Inserts the items in their order (a new inspection).
[[nodiscard]] base::Status PutChecklist(Transaction& tx, std::int64_t inspection_id,
                                        const std::vector<ChecklistItem>& items);
[[nodiscard]] base::Result<std::vector<ChecklistItem>> Checklist(Transaction& tx,
                                                                 std::int64_t inspection_id);
// Sets an item's finding; kNotFound for an unknown item.
[[nodiscard]] base::Status SetFinding(Transaction& tx, std::int64_t inspection_id,
                                      const std::string& key, const std::string& finding,
                                      std::optional<std::int64_t> by, std::chrono::sys_seconds at);
// Replaces an item's pre-filled figures.
[[nodiscard]] base::Status SetPrefilled(Transaction& tx, std::int64_t inspection_id,
                                        const std::string& key, const std::string& prefilled_json);

// ---- Conclusions and remediation

struct Document {
    std::string kind;  // draft, final (conclusions)
    std::string number;
    std::chrono::sys_days on{};
    std::string body;
    bool late = false;  // remediation reports only
    std::optional<std::int64_t> by;
    std::chrono::sys_seconds at{};
};
// Stores (replaces) the draft or final conclusion.
[[nodiscard]] base::Status PutConclusion(Transaction& tx, std::int64_t inspection_id,
                                         const Document& d);
// Draft first, then final.
[[nodiscard]] base::Result<std::vector<Document>> Conclusions(Transaction& tx,
                                                              std::int64_t inspection_id);
// Stores the remediation report (kAlreadyExists when one is there).
[[nodiscard]] base::Status PutRemediation(Transaction& tx, std::int64_t inspection_id,
                                          const Document& d);
[[nodiscard]] base::Result<std::optional<Document>> Remediation(Transaction& tx,
                                                                std::int64_t inspection_id);

}  // namespace motcua::store::inspections
