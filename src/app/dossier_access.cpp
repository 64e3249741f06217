#include "app/dossier_access.hpp"

#include "store/units.hpp"

namespace motcua::app::internal {

using domain::Role;

base::Result<std::shared_ptr<const calendar::WorkingCalendar>> CalendarFor(std::int64_t) {
    static const base::Result<std::shared_ptr<const calendar::WorkingCalendar>> national =
        calendar::WorkingCalendar::BuildDefault();
    return national;
}

base::Result<bool> HoldsRoleOn(store::Transaction& tx, const Actor& actor, Role role,
                               std::int64_t unit_id) {
    if (!actor.SignedIn() || !actor.user->active) {
        return false;
    }
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (!grant.unit_id) {
            continue;
        }
        const bool fits =
            grant.role == role || (grant.role == Role::kLeader &&
                                   (role == Role::kSpecialist || role == Role::kDeskOfficer));
        if (!fits) {
            continue;
        }
        if (*grant.unit_id == unit_id) {
            return true;
        }
        if (domain::RoleCoversSubtree(grant.role)) {
            auto inside = store::units::IsInSubtree(tx, unit_id, *grant.unit_id);
            if (!inside) {
                return std::move(inside).error();
            }
            if (*inside) {
                return true;
            }
        }
    }
    return false;
}

bool IsOwner(const Actor& actor, const domain::Dossier& dossier) {
    return actor.SignedIn() && actor.user->active && dossier.citizen_user_id &&
           *dossier.citizen_user_id == actor.user->id;
}

base::Result<bool> MayView(store::Transaction& tx, const Actor& actor,
                           const domain::Dossier& dossier) {
    if (!actor.SignedIn() || !actor.user->active) {
        return false;
    }
    if (dossier.citizen_user_id && *dossier.citizen_user_id == actor.user->id) {
        return true;
    }
    std::vector<std::int64_t> units{dossier.receiving_unit_id, dossier.settling_unit_id,
                                    dossier.current_unit_id};
    for (const domain::Task& t : dossier.tasks) {
        units.push_back(t.unit_id);
    }
    for (const domain::RoleGrant& grant : actor.user->roles) {
        if (!grant.unit_id || grant.role == Role::kCitizen || grant.role == Role::kAdmin) {
            continue;
        }
        for (std::int64_t unit : units) {
            if (unit == *grant.unit_id) {
                return true;
            }
            if (domain::RoleCoversSubtree(grant.role)) {
                auto inside = store::units::IsInSubtree(tx, unit, *grant.unit_id);
                if (!inside) {
                    return std::move(inside).error();
                }
                if (*inside) {
                    return true;
                }
            }
        }
    }
    return false;
}

std::int64_t ActionUnit(const domain::Dossier& d, const domain::Action& a) {
    switch (domain::ActionRole(a.kind)) {
        case Role::kDeskOfficer:
            return d.receiving_unit_id;
        case Role::kSpecialist:
            if (a.kind == domain::ActionKind::kAnswer && a.task_index >= 0 &&
                static_cast<size_t>(a.task_index) < d.tasks.size()) {
                return d.tasks[static_cast<size_t>(a.task_index)].unit_id;
            }
            return d.current_unit_id == d.receiving_unit_id ? d.settling_unit_id
                                                            : d.current_unit_id;
        default:
            return d.settling_unit_id;
    }
}

base::Status AuthorizeAction(store::Transaction& tx, const Actor& actor,
                             const domain::Dossier& dossier, domain::Action& action) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    // The applicant who submitted online completes a supplement request and may withdraw; the
    // desk's staff do the same for paper dossiers (below).
    if (IsOwner(actor, dossier) && (action.kind == domain::ActionKind::kSupplement ||
                                    action.kind == domain::ActionKind::kWithdraw)) {
        action.by_applicant = true;
        action.actor_unit_id = dossier.receiving_unit_id;
        return {};
    }
    action.by_applicant = false;
    const Role role = domain::ActionRole(action.kind);
    if (role == Role::kAdmin || role == Role::kCitizen) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Thao tác này do hệ thống hoặc người nộp thực hiện."};
    }
    const std::int64_t unit = ActionUnit(dossier, action);
    auto allowed = HoldsRoleOn(tx, actor, role, unit);
    if (!allowed) {
        return allowed.error();
    }
    if (!*allowed) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Bạn không có quyền \"" +
                               std::string(domain::ActionKindLabel(action.kind)) +
                               "\" với hồ sơ này (cần vai trò " +
                               std::string(domain::RoleLabel(role)) + " của đơn vị liên quan)."};
    }
    action.actor_unit_id = unit;
    return {};
}

}  // namespace motcua::app::internal
