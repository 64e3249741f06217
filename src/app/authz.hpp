#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "store/database.hpp"

namespace motcua::app {

// What a use case needs to be allowed. Every use case names one and calls Authorize with the
// unit the action concerns; handlers never check roles themselves.
enum class Permission {
    kManageUnits,       // create, edit, reparent, merge units: administrator
    kManageUsers,       // create users, grant roles, reset: administrator
    kViewUsers,         // list users: administrator, leader
    kManageProcedures,  // edit the catalogue: TTHC-control officer or administrator of a province
    kViewAudit,         // read the audit log: administrator, leader, TTHC-control officer
    kStaff,             // any staff role (desk, specialist, leader, control, admin)
    kManageProcesses,   // edit internal processes: TTHC-control officer (issue #4)
};

[[nodiscard]] std::string_view PermissionName(Permission permission);

// Allows the action if the actor holds a role that grants `permission` on a unit whose scope
// covers `unit_id` (the unit itself; its subtree for leaders, control officers and
// administrators: domain::RoleCoversSubtree). When `unit_id` is empty the permission must be
// held on some unit (kManageProcedures: on a province). kUnauthenticated if nobody is signed in,
// kPermissionDenied (Vietnamese message) otherwise.
[[nodiscard]] base::Status Authorize(store::Transaction& tx, const Actor& actor,
                                     Permission permission,
                                     std::optional<std::int64_t> unit_id = std::nullopt);

// The units whose subtree (or the unit alone, per role) the actor may act on for `permission`.
// Used to filter lists.
[[nodiscard]] base::Result<std::vector<std::int64_t>> ScopeRoots(store::Transaction& tx,
                                                                 const Actor& actor,
                                                                 Permission permission);

}  // namespace motcua::app
