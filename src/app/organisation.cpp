#include "app/organisation.hpp"

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/crypto.hpp"
#include "calendar/civil_date.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

base::Error UnknownUnit() {
    return base::Error{base::ErrorCode::kNotFound, "Không tìm thấy đơn vị."};
}

std::string UnitDetail(const domain::Unit& u) {
    return "{\"code\":" + JsonQuote(u.code) + ",\"name\":" + JsonQuote(u.name) +
           ",\"type\":" + JsonQuote(domain::UnitTypeName(u.type)) +
           ",\"parent_id\":" + (u.parent_id ? std::to_string(*u.parent_id) : "null") + "}";
}

std::string RolesDetail(const std::vector<domain::RoleGrant>& roles) {
    std::string out = "[";
    for (const auto& r : roles) {
        if (out.size() > 1) {
            out += ',';
        }
        out += "{\"role\":" + JsonQuote(domain::RoleName(r.role)) +
               ",\"unit_id\":" + (r.unit_id ? std::to_string(*r.unit_id) : "null") + "}";
    }
    return out + "]";
}

// Each grant must name a unit (except citizen) that exists and lies in the actor's scope.
base::Status AuthorizeGrants(store::Transaction& tx, const Actor& actor,
                             const std::vector<domain::RoleGrant>& roles) {
    for (const domain::RoleGrant& grant : roles) {
        if (grant.role == domain::Role::kCitizen) {
            if (grant.unit_id) {
                return base::InvalidArgument("Vai trò công dân không gắn với đơn vị.");
            }
            if (const base::Status s = Authorize(tx, actor, Permission::kManageUsers); !s) {
                return s;
            }
            continue;
        }
        if (!grant.unit_id) {
            return base::InvalidArgument("Vai trò " + std::string(domain::RoleLabel(grant.role)) +
                                         " phải gắn với một đơn vị.");
        }
        auto unit = store::units::Get(tx, *grant.unit_id);
        if (!unit) {
            return unit.error();
        }
        if (!*unit) {
            return base::InvalidArgument("Đơn vị của vai trò không tồn tại.");
        }
        if (const base::Status s = Authorize(tx, actor, Permission::kManageUsers, grant.unit_id);
            !s) {
            return s;
        }
    }
    return {};
}

base::Status NormaliseUnit(domain::Unit& unit) {
    auto name = text::Nfc(text::TrimAndCollapseSpaces(unit.name));
    if (!name) {
        return base::InvalidArgument("Tên đơn vị không phải UTF-8 hợp lệ.");
    }
    unit.name = std::move(*name);
    return domain::ValidateUnit(unit);
}

}  // namespace

base::Result<std::vector<domain::Unit>> ListUnits(AppContext& ctx) {
    return InReadTransaction<std::vector<domain::Unit>>(
        *ctx.db, [](store::Transaction& tx) { return store::units::List(tx); });
}

base::Result<domain::Unit> GetUnitByCode(AppContext& ctx, std::string_view code) {
    auto found = InReadTransaction<std::optional<domain::Unit>>(
        *ctx.db, [&](store::Transaction& tx) { return store::units::GetByCode(tx, code); });
    if (!found) {
        return std::move(found).error();
    }
    if (!*found) {
        return UnknownUnit();
    }
    return std::move(**found);
}

base::Result<domain::Unit> CreateUnit(AppContext& ctx, const Actor& actor, domain::Unit unit) {
    if (const base::Status s = NormaliseUnit(unit); !s) {
        return s.error();
    }
    return InWriteTransaction<domain::Unit>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Unit> {
            if (const base::Status s =
                    Authorize(tx, actor, Permission::kManageUnits, unit.parent_id);
                !s) {
                return s.error();
            }
            auto inserted = store::units::Insert(tx, unit);
            if (!inserted) {
                return inserted;
            }
            if (const base::Status a = Audit(tx, actor, ctx.clock->Now(), "unit.create", "unit",
                                             std::to_string(inserted->id), UnitDetail(*inserted));
                !a) {
                return a.error();
            }
            return inserted;
        });
}

base::Result<domain::Unit> UpdateUnit(AppContext& ctx, const Actor& actor, domain::Unit unit) {
    if (const base::Status s = NormaliseUnit(unit); !s) {
        return s.error();
    }
    return InWriteTransaction<domain::Unit>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Unit> {
            auto existing = store::units::Get(tx, unit.id);
            if (!existing) {
                return std::move(existing).error();
            }
            if (!*existing) {
                return UnknownUnit();
            }
            if (const base::Status s = Authorize(tx, actor, Permission::kManageUnits, unit.id);
                !s) {
                return s.error();
            }
            unit.parent_id = (*existing)->parent_id;  // moves go through ReparentUnit
            auto updated = store::units::Update(tx, unit);
            if (!updated) {
                return updated;
            }
            if (const base::Status a = Audit(tx, actor, ctx.clock->Now(), "unit.update", "unit",
                                             std::to_string(unit.id),
                                             "{\"before\":" + UnitDetail(**existing) +
                                                 ",\"after\":" + UnitDetail(*updated) + "}");
                !a) {
                return a.error();
            }
            return updated;
        });
}

base::Result<domain::Unit> ReparentUnit(AppContext& ctx, const Actor& actor, std::int64_t unit_id,
                                        std::int64_t new_parent_id, std::chrono::sys_days effective,
                                        std::int64_t expected_version) {
    return InWriteTransaction<domain::Unit>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Unit> {
            for (const std::int64_t id : {unit_id, new_parent_id}) {
                if (const base::Status s = Authorize(tx, actor, Permission::kManageUnits, id); !s) {
                    return s.error();
                }
            }
            auto below = store::units::IsInSubtree(tx, new_parent_id, unit_id);
            if (!below) {
                return std::move(below).error();
            }
            if (*below) {
                return base::InvalidArgument("Không thể chuyển đơn vị vào chính cây con của nó.");
            }
            auto moved =
                store::units::Reparent(tx, unit_id, new_parent_id, effective, expected_version);
            if (!moved) {
                return moved;
            }
            if (const base::Status a = Audit(
                    tx, actor, ctx.clock->Now(), "unit.reparent", "unit", std::to_string(unit_id),
                    "{\"new_parent_id\":" + std::to_string(new_parent_id) +
                        ",\"effective\":" + JsonQuote(calendar::FormatIsoDate(effective)) + "}");
                !a) {
                return a.error();
            }
            return moved;
        });
}

base::Result<domain::Unit> MergeUnit(AppContext& ctx, const Actor& actor, std::int64_t unit_id,
                                     std::int64_t into_id, std::chrono::sys_days effective,
                                     std::int64_t expected_version) {
    if (unit_id == into_id) {
        return base::InvalidArgument("Không thể sáp nhập một đơn vị vào chính nó.");
    }
    return InWriteTransaction<domain::Unit>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::Unit> {
            for (const std::int64_t id : {unit_id, into_id}) {
                if (const base::Status s = Authorize(tx, actor, Permission::kManageUnits, id); !s) {
                    return s.error();
                }
            }
            auto merged = store::units::Merge(tx, unit_id, into_id, effective, expected_version);
            if (!merged) {
                return merged;
            }
            if (const base::Status a = Audit(
                    tx, actor, ctx.clock->Now(), "unit.merge", "unit", std::to_string(unit_id),
                    "{\"into_id\":" + std::to_string(into_id) +
                        ",\"effective\":" + JsonQuote(calendar::FormatIsoDate(effective)) + "}");
                !a) {
                return a.error();
            }
            return merged;
        });
}

base::Result<domain::User> CreateUser(AppContext& ctx, const Actor& actor, const NewUser& input) {
    domain::User user;
    user.username = input.username;
    if (const base::Status s = domain::ValidateUsername(user.username); !s) {
        return s.error();
    }
    auto display = text::Nfc(text::TrimAndCollapseSpaces(input.display_name));
    if (!display || display->empty() || display->size() > 255) {
        return base::InvalidArgument("Họ và tên phải có từ 1 đến 255 ký tự.");
    }
    if (const base::Status s = CheckPasswordPolicy(input.password); !s) {
        return s.error();
    }
    if (input.roles.empty()) {
        return base::InvalidArgument("Người dùng phải có ít nhất một vai trò.");
    }
    // Authorise before paying for argon2id.
    auto allowed =
        InReadTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status s = AuthorizeGrants(tx, actor, input.roles); !s) {
                return s.error();
            }
            return true;
        });
    if (!allowed) {
        return std::move(allowed).error();
    }
    auto hash = HashPassword(input.password);
    if (!hash) {
        return std::move(hash).error();
    }
    user.display_name = std::move(*display);
    user.email = input.email;
    user.phone = input.phone;
    user.password_hash = std::move(*hash);
    user.roles = input.roles;
    user.created_at = ctx.clock->Now();
    return InWriteTransaction<domain::User>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::User> {
            if (const base::Status s = AuthorizeGrants(tx, actor, input.roles); !s) {
                return s.error();
            }
            auto inserted = store::users::Insert(tx, user);
            if (!inserted) {
                return inserted;
            }
            if (const base::Status a = Audit(tx, actor, user.created_at, "user.create", "user",
                                             std::to_string(inserted->id),
                                             "{\"username\":" + JsonQuote(user.username) +
                                                 ",\"roles\":" + RolesDetail(user.roles) + "}");
                !a) {
                return a.error();
            }
            return inserted;
        });
}

base::Result<std::vector<domain::User>> ListUsers(AppContext& ctx, const Actor& actor) {
    return InReadTransaction<std::vector<domain::User>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<domain::User>> {
            auto roots = ScopeRoots(tx, actor, Permission::kViewUsers);
            if (!roots) {
                return std::move(roots).error();
            }
            // Every unit inside the actor's scope.
            auto all_units = store::units::List(tx);
            if (!all_units) {
                return std::move(all_units).error();
            }
            std::vector<std::int64_t> unit_ids;
            for (const domain::Unit& u : *all_units) {
                for (const std::int64_t root : *roots) {
                    auto inside = store::units::IsInSubtree(tx, u.id, root);
                    if (!inside) {
                        return std::move(inside).error();
                    }
                    if (*inside) {
                        unit_ids.push_back(u.id);
                        break;
                    }
                }
            }
            if (unit_ids.empty()) {
                return std::vector<domain::User>{};
            }
            return store::users::List(tx, unit_ids);
        });
}

base::Result<domain::User> UpdateUser(AppContext& ctx, const Actor& actor, domain::User user) {
    auto display = text::Nfc(text::TrimAndCollapseSpaces(user.display_name));
    if (!display || display->empty() || display->size() > 255) {
        return base::InvalidArgument("Họ và tên phải có từ 1 đến 255 ký tự.");
    }
    user.display_name = std::move(*display);
    if (user.roles.empty()) {
        return base::InvalidArgument("Người dùng phải có ít nhất một vai trò.");
    }
    return InWriteTransaction<domain::User>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<domain::User> {
            auto existing = store::users::Get(tx, user.id);
            if (!existing) {
                return std::move(existing).error();
            }
            if (!*existing) {
                return base::Error{base::ErrorCode::kNotFound, "Không tìm thấy người dùng."};
            }
            if (const base::Status s = AuthorizeGrants(tx, actor, (*existing)->roles); !s) {
                return s.error();
            }
            if (const base::Status s = AuthorizeGrants(tx, actor, user.roles); !s) {
                return s.error();
            }
            user.username = (*existing)->username;  // usernames never change
            user.password_hash = (*existing)->password_hash;
            auto updated = store::users::Update(tx, user);
            if (!updated) {
                return updated;
            }
            if (!updated->active) {
                if (const base::Status s =
                        store::sessions::DeleteForUser(tx, user.id, std::nullopt);
                    !s) {
                    return s.error();
                }
            }
            if (const base::Status a = Audit(
                    tx, actor, ctx.clock->Now(), "user.update", "user", std::to_string(user.id),
                    "{\"roles\":" + RolesDetail(updated->roles) +
                        ",\"active\":" + (updated->active ? "true" : "false") + "}");
                !a) {
                return a.error();
            }
            return updated;
        });
}

base::Result<std::vector<domain::AuditRecord>> ListAudit(AppContext& ctx, const Actor& actor,
                                                         const store::audit::AuditQuery& query) {
    return InReadTransaction<std::vector<domain::AuditRecord>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<domain::AuditRecord>> {
            if (const base::Status s = Authorize(tx, actor, Permission::kViewAudit); !s) {
                return s.error();
            }
            return store::audit::List(tx, query);
        });
}

}  // namespace motcua::app
