#pragma once

#include <cstdint>
#include <vector>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "domain/unit.hpp"
#include "store/database.hpp"

// Shared by the reports and the indicators (issue #6): who may see a unit's figures, and the
// unit's subtree.
namespace motcua::app::internal {

// The unit and its subtree, breadth first (the root first).
[[nodiscard]] base::Result<std::vector<domain::Unit>> Subtree(store::Transaction& tx,
                                                              const domain::Unit& root);

// Leaders, TTHC-control officers and administrators whose scope covers the unit; kUnauthenticated
// or kPermissionDenied (Vietnamese) otherwise.
[[nodiscard]] base::Status MayReport(store::Transaction& tx, const Actor& actor,
                                     std::int64_t unit_id);

}  // namespace motcua::app::internal
