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
// the stored one; returns the new row (version + 1). kNotFound; kAborted on a version mismatch;
// kAlreadyExists for a code another unit has. The first parent period moves with valid_from.
[[nodiscard]] base::Result<domain::Unit> Update(Transaction& tx, const domain::Unit& unit);

// Moves a unit under a new parent from `effective` on, keeping the old period (history): the
// latest period ends the day before (a period starting on `effective` itself is replaced), and
// units.parent_id becomes the new parent. Returns the unit (version + 1). kNotFound; kAborted on
// a version mismatch; kFailedPrecondition for an unknown parent, a parent inside the unit's own
// subtree, or `effective` before the latest period's start.
[[nodiscard]] base::Result<domain::Unit> Reparent(Transaction& tx, std::int64_t unit_id,
                                                  std::optional<std::int64_t> new_parent,
                                                  std::chrono::sys_days effective,
                                                  std::int64_t expected_version);

// Merges `unit_id` into `into`: the unit ends the day before `effective` (valid_to, and its own
// parent period) and records merged_into; its children still valid on `effective` move to `into`
// from that day (their versions + 1). Returns the merged unit (version + 1). kInvalidArgument
// for unit_id == into; kNotFound for either; kAborted on a version mismatch; kFailedPrecondition
// if either is already merged, `into` is inside the unit's subtree, or `effective` is not after
// the unit's valid_from.
[[nodiscard]] base::Result<domain::Unit> Merge(Transaction& tx, std::int64_t unit_id,
                                               std::int64_t into, std::chrono::sys_days effective,
                                               std::int64_t expected_version);

[[nodiscard]] base::Result<std::optional<domain::Unit>> Get(Transaction& tx, std::int64_t id);
[[nodiscard]] base::Result<std::optional<domain::Unit>> GetByCode(Transaction& tx,
                                                                  std::string_view code);
// All units (for the tree, export); by code.
[[nodiscard]] base::Result<std::vector<domain::Unit>> List(Transaction& tx);
// The direct children of a unit, by code.
[[nodiscard]] base::Result<std::vector<domain::Unit>> Children(Transaction& tx,
                                                               std::int64_t parent_id);
// The parent of a unit on a given day (from the parent history); nullopt if it had none (or
// did not exist) that day.
[[nodiscard]] base::Result<std::optional<std::int64_t>> ParentOn(Transaction& tx,
                                                                 std::int64_t unit_id,
                                                                 std::chrono::sys_days day);
// True if `unit_id` is `ancestor_id` or below it in the current tree.
[[nodiscard]] base::Result<bool> IsInSubtree(Transaction& tx, std::int64_t unit_id,
                                             std::int64_t ancestor_id);

}  // namespace motcua::store::units
