#pragma once

#include <cstdint>
#include <string>
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

struct ReportScope {
    domain::Unit unit;
    std::vector<domain::Unit> units;  // the unit and its subtree, breadth first
};
// The prelude of every report and indicator read: the unit `unit_code` (kNotFound), the caller
// allowed to see its figures (`actor` null: the system), and its subtree.
[[nodiscard]] base::Result<ReportScope> ResolveReportScope(store::Transaction& tx,
                                                           const Actor* actor,
                                                           const std::string& unit_code);

}  // namespace motcua::app::internal
