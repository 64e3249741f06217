#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Review and simplification plans (issue #8; migration 0019_impact_review.sql; docs/control.md
// "Review and simplification plans"): a plan of a unit for a year selects procedures of the
// catalogue; each item holds the proposed changes and the Standard Cost Model inputs before and
// after as JSON texts written and read by app/review_plans.cpp.
namespace motcua::store::review_plans {

struct Item {
    std::string procedure_code;
    std::string procedure_name;
    std::string changes_json = "{}";
    std::string reason;
    std::string cost_before_json = "{}";
    std::string cost_after_json = "{}";
};

struct Plan {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    int year = 0;
    std::string title;
    std::string decision_number;
    std::string state = "proposed";  // proposed, approved, implemented
    std::string approved_by;         // name and position of who approved
    std::string approval_decision;   // the approving decision's number
    std::optional<std::chrono::sys_days> approved_on;
    std::optional<std::chrono::sys_days> implemented_on;
    std::string publication_decision;  // the publication decision implementing it, if any
    // The stored publication decision implementing it, when chosen from the system's decisions
    // (migration 0025); empty for a decision made outside the system (number in the text above).
    std::optional<std::int64_t> publication_decision_id;
    std::int64_t version = 1;
    std::optional<std::int64_t> created_by;
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds updated_at{};
    std::vector<Item> items;  // in their order
};

// Stores a new plan with its items, version 1; returns its id. kFailedPrecondition for an
// unknown unit.
[[nodiscard]] base::Result<std::int64_t> Insert(Transaction& tx, const Plan& plan);
// Empty when unknown.
[[nodiscard]] base::Result<std::optional<Plan>> Get(Transaction& tx, std::int64_t id);
// The plans of `unit_ids` (every unit when empty), by year (newest first) then id; with items.
[[nodiscard]] base::Result<std::vector<Plan>> List(Transaction& tx,
                                                   const std::vector<std::int64_t>& unit_ids);
// Writes the plan's fields and replaces its items, version `expected_version` + 1 (returned).
// kAborted (stale version) unless the stored version is `expected_version`; kNotFound when
// unknown.
[[nodiscard]] base::Result<std::int64_t> Update(Transaction& tx, const Plan& plan,
                                                std::int64_t expected_version);

}  // namespace motcua::store::review_plans
