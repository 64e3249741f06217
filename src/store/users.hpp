#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"

namespace motcua::store::users {

// Inserts a user with its role grants; kAlreadyExists for a duplicate username.
[[nodiscard]] base::Result<domain::User> Insert(Transaction& tx, const domain::User& user);
// Updates profile fields, active flag, roles (replaced) if the version matches (kAborted).
[[nodiscard]] base::Result<domain::User> Update(Transaction& tx, const domain::User& user);
[[nodiscard]] base::Status SetPasswordHash(Transaction& tx, std::int64_t user_id,
                                           std::string_view hash);
// Records a failed sign-in: increments failed_logins and sets locked_until when given.
[[nodiscard]] base::Status RecordFailedLogin(
    Transaction& tx, std::int64_t user_id,
    std::optional<std::chrono::sys_seconds> locked_until);
[[nodiscard]] base::Status ResetFailedLogins(Transaction& tx, std::int64_t user_id);
[[nodiscard]] base::Result<std::optional<domain::User>> Get(Transaction& tx, std::int64_t id);
[[nodiscard]] base::Result<std::optional<domain::User>> GetByUsername(Transaction& tx,
                                                                      std::string_view username);
// Users holding a role on one of `unit_ids` (empty = all users), by username.
[[nodiscard]] base::Result<std::vector<domain::User>> List(Transaction& tx,
                                                           std::span<const std::int64_t> unit_ids);

}  // namespace motcua::store::users

namespace motcua::store::sessions {

[[nodiscard]] base::Status Insert(Transaction& tx, const domain::Session& session);
[[nodiscard]] base::Result<std::optional<domain::Session>> Get(Transaction& tx,
                                                               std::string_view token_hash);
[[nodiscard]] base::Status Touch(Transaction& tx, std::string_view token_hash,
                                 std::chrono::sys_seconds last_seen,
                                 std::chrono::sys_seconds expires_at);
[[nodiscard]] base::Status Delete(Transaction& tx, std::string_view token_hash);
// Ends every session of a user (password change, deactivation), except `keep` if given.
[[nodiscard]] base::Status DeleteForUser(Transaction& tx, std::int64_t user_id,
                                         std::optional<std::string_view> keep);
[[nodiscard]] base::Result<std::int64_t> DeleteExpired(Transaction& tx,
                                                       std::chrono::sys_seconds now);

}  // namespace motcua::store::sessions

namespace motcua::store::api_tokens {

[[nodiscard]] base::Result<domain::ApiToken> Insert(Transaction& tx, const domain::ApiToken& token);
[[nodiscard]] base::Result<std::optional<domain::ApiToken>> GetByHash(Transaction& tx,
                                                                      std::string_view hash);
[[nodiscard]] base::Result<std::vector<domain::ApiToken>> ListForUser(Transaction& tx,
                                                                      std::int64_t user_id);
[[nodiscard]] base::Status Revoke(Transaction& tx, std::int64_t id, std::chrono::sys_seconds at);

}  // namespace motcua::store::api_tokens
