#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Impact assessments of draft procedures (issue #8; migration 0019_impact_review.sql;
// docs/control.md "Impact assessment"). The answers, conclusions and Standard Cost Model inputs
// are JSON texts written and read by app/impact_assessments.cpp; this module only stores them.
namespace motcua::store::impact_assessments {

struct Assessment {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string draft_name;
    std::string draft_number;
    std::string procedure_name;
    std::string procedure_field;
    std::string subjects;
    std::string frequency;
    std::string answers_json = "{}";
    std::string conclusions_json = "{}";
    std::string cost_inputs_json = "{}";
    std::string state = "draft";  // draft, submitted, reviewed, done
    std::string reviewer_opinion;
    std::optional<std::int64_t> reviewed_by;
    std::optional<std::chrono::sys_seconds> reviewed_at;
    std::int64_t version = 1;
    std::optional<std::int64_t> created_by;
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds updated_at{};
};

// Stores a new assessment with version 1; returns its id. kFailedPrecondition for an unknown
// unit.
[[nodiscard]] base::Result<std::int64_t> Insert(Transaction& tx, const Assessment& a);
// Empty when unknown.
[[nodiscard]] base::Result<std::optional<Assessment>> Get(Transaction& tx, std::int64_t id);
// The assessments of `unit_ids` (every unit when empty), newest first.
[[nodiscard]] base::Result<std::vector<Assessment>> List(Transaction& tx,
                                                         const std::vector<std::int64_t>& unit_ids);
// Writes every field of `a` (not id, created_*) with version `expected_version` + 1. kAborted
// (stale version) unless the stored version is `expected_version`; kNotFound when unknown.
[[nodiscard]] base::Result<std::int64_t> Update(Transaction& tx, const Assessment& a,
                                                std::int64_t expected_version);

}  // namespace motcua::store::impact_assessments
