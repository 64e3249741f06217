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

// Users come back with their grants ordered by role (enum order), then unit id.

// Inserts a user with its role grants (duplicates dropped); returns it with id and version 1.
// kAlreadyExists for a duplicate username; kFailedPrecondition for a grant on an unknown unit or
// a staff role without a unit.
[[nodiscard]] base::Result<domain::User> Insert(Transaction& tx, const domain::User& user);
// Updates display name, email, phone, the active flag and the roles (replaced) if the version
// matches (kAborted; kNotFound). The username, password hash and sign-in counters are not
// changed here. Returns the stored user (version + 1).
[[nodiscard]] base::Result<domain::User> Update(Transaction& tx, const domain::User& user);
// The functions below do not change `version`: sign-in bookkeeping must not make an
// administrator's open edit form stale. kNotFound for an unknown user.
[[nodiscard]] base::Status SetPasswordHash(Transaction& tx, std::int64_t user_id,
                                           std::string_view hash);
// Records a failed sign-in: increments failed_logins and sets locked_until when given (keeps it
// otherwise).
[[nodiscard]] base::Status RecordFailedLogin(Transaction& tx, std::int64_t user_id,
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

// kAlreadyExists for a duplicate token hash; kFailedPrecondition for an unknown user.
[[nodiscard]] base::Status Insert(Transaction& tx, const domain::Session& session);
[[nodiscard]] base::Result<std::optional<domain::Session>> Get(Transaction& tx,
                                                               std::string_view token_hash);
// kNotFound if there is no such session.
[[nodiscard]] base::Status Touch(Transaction& tx, std::string_view token_hash,
                                 std::chrono::sys_seconds last_seen,
                                 std::chrono::sys_seconds expires_at);
// Idempotent: deleting a missing session succeeds.
[[nodiscard]] base::Status Delete(Transaction& tx, std::string_view token_hash);
// Ends every session of a user (password change, deactivation), except `keep` if given.
[[nodiscard]] base::Status DeleteForUser(Transaction& tx, std::int64_t user_id,
                                         std::optional<std::string_view> keep);
// Deletes the sessions with expires_at ≤ now; returns how many.
[[nodiscard]] base::Result<std::int64_t> DeleteExpired(Transaction& tx,
                                                       std::chrono::sys_seconds now);

}  // namespace motcua::store::sessions

namespace motcua::store::api_tokens {

// Returns the token with its id. kAlreadyExists for a duplicate hash; kFailedPrecondition for an
// unknown user.
[[nodiscard]] base::Result<domain::ApiToken> Insert(Transaction& tx, const domain::ApiToken& token);
[[nodiscard]] base::Result<std::optional<domain::ApiToken>> GetByHash(Transaction& tx,
                                                                      std::string_view hash);
// The user's tokens, revoked ones included, oldest first.
[[nodiscard]] base::Result<std::vector<domain::ApiToken>> ListForUser(Transaction& tx,
                                                                      std::int64_t user_id);
// Sets revoked_at; revoking again keeps the first time. kNotFound for an unknown id.
[[nodiscard]] base::Status Revoke(Transaction& tx, std::int64_t id, std::chrono::sys_seconds at);

}  // namespace motcua::store::api_tokens
