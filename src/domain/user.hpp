#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::domain {

// Roles (issue #3). A staff role is granted on a unit; its scope is that unit and, for roles
// that supervise, the unit's subtree (see RoleCoversSubtree).
enum class Role {
    kCitizen,         // công dân, doanh nghiệp: own dossiers only
    kDeskOfficer,     // công chức Bộ phận Một cửa
    kSpecialist,      // công chức chuyên môn
    kLeader,          // lãnh đạo đơn vị
    kControlOfficer,  // công chức kiểm soát TTHC
    kAdmin,           // quản trị hệ thống
};

[[nodiscard]] std::string_view RoleName(Role role);  // citizen, desk_officer, specialist, ...
[[nodiscard]] base::Result<Role> ParseRole(std::string_view name);
[[nodiscard]] std::string_view RoleLabel(Role role);  // Vietnamese
// Leaders, control officers and administrators act on the whole subtree of their unit; desk
// officers and specialists on their unit only.
[[nodiscard]] bool RoleCoversSubtree(Role role);

struct RoleGrant {
    Role role = Role::kCitizen;
    std::optional<std::int64_t> unit_id;  // empty only for kCitizen
    friend bool operator==(const RoleGrant&, const RoleGrant&) = default;
};

struct User {
    std::int64_t id = 0;
    std::string username;  // lower-case, 3–64 chars [a-z0-9._@-]
    std::string display_name;
    std::string email;
    std::string phone;
    std::string password_hash;  // argon2id string (libsodium crypto_pwhash_str)
    std::vector<RoleGrant> roles;
    bool active = true;
    int failed_logins = 0;
    std::optional<std::chrono::sys_seconds> locked_until;
    std::chrono::sys_seconds created_at{};
    std::int64_t version = 0;
};

[[nodiscard]] base::Status ValidateUsername(std::string_view username);

// A signed-in session. The cookie carries a random token; only its SHA-256 is stored.
struct Session {
    std::string token_hash;  // hex SHA-256 of the cookie token
    std::int64_t user_id = 0;
    std::string csrf_token;  // random, per session (synchronizer token)
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds expires_at{};
    std::chrono::sys_seconds last_seen_at{};
    std::string ip;
    std::string user_agent;
};

// An API token for an integration; the secret is shown once, only its SHA-256 is stored.
struct ApiToken {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string name;
    std::string token_hash;
    std::chrono::sys_seconds created_at{};
    std::optional<std::chrono::sys_seconds> revoked_at;
};

}  // namespace motcua::domain
