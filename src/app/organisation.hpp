#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "store/audit.hpp"

namespace motcua::app {

// The organisation tree is public information (units publish what they receive).
[[nodiscard]] base::Result<std::vector<domain::Unit>> ListUnits(AppContext& ctx);
[[nodiscard]] base::Result<domain::Unit> GetUnitByCode(AppContext& ctx, std::string_view code);

// Administrators whose scope covers the new unit's parent (or any administrator of a province
// for a new province) create units; validated (domain::ValidateUnit); audited.
[[nodiscard]] base::Result<domain::Unit> CreateUnit(AppContext& ctx, const Actor& actor,
                                                    domain::Unit unit);
// Name, code, type, validity; `unit.version` must match (kAborted).
[[nodiscard]] base::Result<domain::Unit> UpdateUnit(AppContext& ctx, const Actor& actor,
                                                    domain::Unit unit);
// Moves a unit under another parent from `effective`; history kept. The actor's scope must
// cover the unit and the new parent.
[[nodiscard]] base::Result<domain::Unit> ReparentUnit(AppContext& ctx, const Actor& actor,
                                                      std::int64_t unit_id,
                                                      std::int64_t new_parent_id,
                                                      std::chrono::sys_days effective,
                                                      std::int64_t expected_version);
// Merges a unit into another from `effective` (the 2025 reform); history kept.
[[nodiscard]] base::Result<domain::Unit> MergeUnit(AppContext& ctx, const Actor& actor,
                                                   std::int64_t unit_id, std::int64_t into_id,
                                                   std::chrono::sys_days effective,
                                                   std::int64_t expected_version);

// A new staff or citizen account. `password` is checked against the policy and hashed here.
struct NewUser {
    std::string username;
    std::string display_name;
    std::string email;
    std::string phone;
    std::string password;
    std::vector<domain::RoleGrant> roles;
};
// Administrators create users whose every role grant lies in their scope. Audited.
[[nodiscard]] base::Result<domain::User> CreateUser(AppContext& ctx, const Actor& actor,
                                                    const NewUser& input);
// Users holding roles within the actor's scope (administrators, leaders).
[[nodiscard]] base::Result<std::vector<domain::User>> ListUsers(AppContext& ctx,
                                                                const Actor& actor);
// Replaces profile, roles and the active flag; `user.version` must match. Deactivating ends
// the user's sessions. The actor's scope must cover the old and the new grants.
[[nodiscard]] base::Result<domain::User> UpdateUser(AppContext& ctx, const Actor& actor,
                                                    domain::User user);

// The audit log, newest first (administrators, leaders, TTHC-control officers).
[[nodiscard]] base::Result<std::vector<domain::AuditRecord>> ListAudit(
    AppContext& ctx, const Actor& actor, const store::audit::AuditQuery& query);

}  // namespace motcua::app
