#include "app/authz.hpp"

#include <vector>

#include "domain/unit.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

using domain::Role;

bool RoleGrants(Role role, Permission permission) {
    switch (permission) {
        case Permission::kManageUnits:
        case Permission::kManageUsers:
            return role == Role::kAdmin;
        case Permission::kViewUsers:
            return role == Role::kAdmin || role == Role::kLeader;
        case Permission::kManageProcedures:
            // Publication of the catalogue is a provincial power (Decree 63/2010 art. 15 as
            // amended): control officers and administrators.
            return role == Role::kControlOfficer || role == Role::kAdmin;
        case Permission::kViewAudit:
            return role == Role::kAdmin || role == Role::kLeader || role == Role::kControlOfficer;
        case Permission::kStaff:
            return role != Role::kCitizen;
        case Permission::kManageProcesses:
            // Processes are part of TTHC control (the issue: "TTHC-control officers edit
            // processes in the console").
            return role == Role::kControlOfficer;
    }
    return false;
}

base::Error Denied(Permission permission) {
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Bạn không có quyền thực hiện thao tác này (" +
                           std::string(PermissionName(permission)) + ")."};
}

}  // namespace

std::string_view PermissionName(Permission permission) {
    switch (permission) {
        case Permission::kManageUnits:
            return "manage_units";
        case Permission::kManageUsers:
            return "manage_users";
        case Permission::kViewUsers:
            return "view_users";
        case Permission::kManageProcedures:
            return "manage_procedures";
        case Permission::kViewAudit:
            return "view_audit";
        case Permission::kStaff:
            return "staff";
        case Permission::kManageProcesses:
            return "manage_processes";
    }
    return "unknown";
}

base::Status Authorize(store::Transaction& tx, const Actor& actor, Permission permission,
                       std::optional<std::int64_t> unit_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (!actor.user->active) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Tài khoản đã bị khóa."};
    }
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (!RoleGrants(grant.role, permission) || !grant.unit_id) {
            continue;
        }
        if (permission == Permission::kManageProcedures) {
            const auto unit = store::units::Get(tx, *grant.unit_id);
            if (!unit) {
                return unit.error();
            }
            if (!*unit || (*unit)->type != domain::UnitType::kProvince) {
                continue;
            }
        }
        if (!unit_id) {
            return {};
        }
        if (*grant.unit_id == *unit_id) {
            return {};
        }
        if (domain::RoleCoversSubtree(grant.role)) {
            const auto inside = store::units::IsInSubtree(tx, *unit_id, *grant.unit_id);
            if (!inside) {
                return inside.error();
            }
            if (*inside) {
                return {};
            }
        }
    }
    return Denied(permission);
}

base::Result<std::vector<std::int64_t>> ScopeRoots(store::Transaction& tx, const Actor& actor,
                                                   Permission permission) {
    const base::Status allowed = Authorize(tx, actor, permission);
    if (!allowed) {
        return allowed.error();
    }
    std::vector<std::int64_t> roots;
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (grant.unit_id && RoleGrants(grant.role, permission)) {
            roots.push_back(*grant.unit_id);
        }
    }
    return roots;
}

}  // namespace motcua::app
