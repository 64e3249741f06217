#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/unit.hpp"
#include "store/database.hpp"

namespace motcua::store::units {

// Inserts a unit (id and version ignored) and its first parent period; returns it with id and
// version 1. kAlreadyExists for a duplicate code; kFailedPrecondition for an unknown parent.
[[nodiscard]] base::Result<domain::Unit> Insert(Transaction& tx, const domain::Unit& unit);

// Updates name, type, code, validity (not the parent: see Reparent) if `unit.version` matches
// the stored one; returns the new row (version + 1). kNotFound; kAborted on a version mismatch.
[[nodiscard]] base::Result<domain::Unit> Update(Transaction& tx, const domain::Unit& unit);

// Moves a unit under a new parent from `effective` on, keeping the old period (history).
[[nodiscard]] base::Result<domain::Unit> Reparent(Transaction& tx, std::int64_t unit_id,
                                                  std::optional<std::int64_t> new_parent,
                                                  std::chrono::sys_days effective,
                                                  std::int64_t expected_version);

// Merges `unit_id` into `into`: the unit ends the day before `effective` (valid_to) and records
// merged_into; its children move to `into` from `effective`.
[[nodiscard]] base::Result<domain::Unit> Merge(Transaction& tx, std::int64_t unit_id,
                                               std::int64_t into, std::chrono::sys_days effective,
                                               std::int64_t expected_version);

[[nodiscard]] base::Result<std::optional<domain::Unit>> Get(Transaction& tx, std::int64_t id);
[[nodiscard]] base::Result<std::optional<domain::Unit>> GetByCode(Transaction& tx,
                                                                  std::string_view code);
// All units (for the tree, export); by code.
[[nodiscard]] base::Result<std::vector<domain::Unit>> List(Transaction& tx);
// The parent of a unit on a given day (from the parent history).
[[nodiscard]] base::Result<std::optional<std::int64_t>> ParentOn(Transaction& tx,
                                                                 std::int64_t unit_id,
                                                                 std::chrono::sys_days day);
// True if `unit_id` is `ancestor_id` or below it in the current tree.
[[nodiscard]] base::Result<bool> IsInSubtree(Transaction& tx, std::int64_t unit_id,
                                             std::int64_t ancestor_id);

}  // namespace motcua::store::units
