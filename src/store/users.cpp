#include "store/users.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "store/codec.hpp"

namespace motcua::store {

namespace {

using internal::Bool;
using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;

constexpr std::string_view kSelectUser =
    "SELECT id, username, display_name, email, phone, password_hash, active, failed_logins, "
    "locked_until, created_at, version FROM users";

base::Error UnknownUser() {
    return base::NotFound("Không tìm thấy người dùng.");
}

base::Result<domain::User> UserFromRow(const Row& row) {
    domain::User user;
    user.id = row.Int(0);
    user.username = row.Text(1);
    user.display_name = row.Text(2);
    user.email = row.Text(3);
    user.phone = row.Text(4);
    user.password_hash = row.Text(5);
    user.active = row.Int(6) != 0;
    user.failed_logins = static_cast<int>(row.Int(7));
    user.locked_until = internal::ToOptSeconds(row, 8);
    user.created_at = internal::ToSeconds(row.Int(9));
    user.version = row.Int(10);
    return user;
}

// Grants in a stable order: by role (enum order), then unit.
void SortGrants(std::vector<domain::RoleGrant>& grants) {
    std::sort(grants.begin(), grants.end(), [](const auto& a, const auto& b) {
        if (a.role != b.role) {
            return a.role < b.role;
        }
        return a.unit_id.value_or(0) < b.unit_id.value_or(0);
    });
}

base::Result<domain::RoleGrant> GrantFromRow(const Row& row, size_t role_column) {
    auto role = domain::ParseRole(row.Text(role_column));
    if (!role) {
        return internal::CorruptValue("user_roles.role", row.Text(role_column));
    }
    return domain::RoleGrant{*role, row.OptInt(role_column + 1)};
}

base::Result<std::vector<domain::RoleGrant>> LoadGrants(Transaction& tx, std::int64_t user_id) {
    const Value key = Int(user_id);
    auto rows = tx.Query("SELECT role, unit_id FROM user_roles WHERE user_id = $1",
                         std::span<const Value>(&key, 1));
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::RoleGrant> grants;
    for (const Row& row : *rows) {
        auto grant = GrantFromRow(row, 0);
        if (!grant) {
            return std::move(grant).error();
        }
        grants.push_back(*grant);
    }
    SortGrants(grants);
    return grants;
}

base::Status InsertGrants(Transaction& tx, std::int64_t user_id,
                          std::vector<domain::RoleGrant> grants) {
    SortGrants(grants);
    grants.erase(std::unique(grants.begin(), grants.end()), grants.end());  // a set of grants
    for (const domain::RoleGrant& grant : grants) {
        const std::array params = {Int(user_id), Text(domain::RoleName(grant.role)),
                                   OptInt(grant.unit_id)};
        auto inserted = tx.Execute(
            "INSERT INTO user_roles (user_id, role, unit_id) VALUES ($1, $2, $3)", params);
        if (!inserted) {
            return internal::Rephrase(std::move(inserted).error(),
                                      base::ErrorCode::kFailedPrecondition,
                                      "Vai trò phải gắn với một đơn vị đang tồn tại.");
        }
    }
    return {};
}

base::Status RequireChanged(base::Result<std::int64_t> changed) {
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        return UnknownUser();
    }
    return {};
}

}  // namespace

namespace users {

base::Result<domain::User> Insert(Transaction& tx, const domain::User& user) {
    const std::array params = {
        Text(user.username),     Text(user.display_name),       Text(user.email),
        Text(user.phone),        Text(user.password_hash),      Bool(user.active),
        Int(user.failed_logins), OptSeconds(user.locked_until), Seconds(user.created_at)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO users (username, display_name, email, phone, password_hash, active, "
        "failed_logins, locked_until, created_at, version) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1) RETURNING id",
        params, base::ErrorCode::kAlreadyExists, "Tên đăng nhập đã tồn tại: " + user.username);
    if (!inserted) {
        return std::move(inserted).error();
    }
    const std::int64_t id = *inserted;
    if (const base::Status s = InsertGrants(tx, id, user.roles); !s) {
        return s.error();
    }
    auto stored = Get(tx, id);
    if (!stored) {
        return std::move(stored).error();
    }
    if (!*stored) {
        return UnknownUser();
    }
    return std::move(**stored);
}

base::Result<domain::User> Update(Transaction& tx, const domain::User& user) {
    const std::array params = {Text(user.display_name), Text(user.email), Text(user.phone),
                               Bool(user.active),       Int(user.id),     Int(user.version)};
    auto changed = tx.Execute(
        "UPDATE users SET display_name = $1, email = $2, phone = $3, active = $4, "
        "version = version + 1 WHERE id = $5 AND version = $6",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        auto existing = Get(tx, user.id);
        if (!existing) {
            return std::move(existing).error();
        }
        if (!*existing) {
            return UnknownUser();
        }
        return internal::StaleVersion("Người dùng");
    }
    const Value key = Int(user.id);
    auto cleared =
        tx.Execute("DELETE FROM user_roles WHERE user_id = $1", std::span<const Value>(&key, 1));
    if (!cleared) {
        return std::move(cleared).error();
    }
    if (const base::Status s = InsertGrants(tx, user.id, user.roles); !s) {
        return s.error();
    }
    auto stored = Get(tx, user.id);
    if (!stored) {
        return std::move(stored).error();
    }
    if (!*stored) {
        return UnknownUser();
    }
    return std::move(**stored);
}

base::Status SetPasswordHash(Transaction& tx, std::int64_t user_id, std::string_view hash) {
    const std::array params = {Text(hash), Int(user_id)};
    return RequireChanged(tx.Execute("UPDATE users SET password_hash = $1 WHERE id = $2", params));
}

base::Status RecordFailedLogin(Transaction& tx, std::int64_t user_id,
                               std::optional<std::chrono::sys_seconds> locked_until) {
    if (locked_until) {
        const std::array params = {Int(user_id), Seconds(*locked_until)};
        return RequireChanged(tx.Execute(
            "UPDATE users SET failed_logins = failed_logins + 1, locked_until = $2 WHERE id = $1",
            params));
    }
    const Value key = Int(user_id);
    return RequireChanged(
        tx.Execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1",
                   std::span<const Value>(&key, 1)));
}

base::Status ResetFailedLogins(Transaction& tx, std::int64_t user_id) {
    const Value key = Int(user_id);
    return RequireChanged(
        tx.Execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                   std::span<const Value>(&key, 1)));
}

base::Result<std::optional<domain::User>> Get(Transaction& tx, std::int64_t id) {
    const Value key = Int(id);
    auto row =
        tx.QueryOne(std::string(kSelectUser) + " WHERE id = $1", std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::User>{};
    }
    auto user = UserFromRow(**row);
    if (!user) {
        return std::move(user).error();
    }
    auto grants = LoadGrants(tx, user->id);
    if (!grants) {
        return std::move(grants).error();
    }
    user->roles = std::move(*grants);
    return std::optional<domain::User>{std::move(*user)};
}

base::Result<std::optional<domain::User>> GetByUsername(Transaction& tx,
                                                        std::string_view username) {
    const Value key = Text(username);
    auto row =
        tx.QueryOne("SELECT id FROM users WHERE username = $1", std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::User>{};
    }
    return Get(tx, (*row)->Int(0));
}

base::Result<std::vector<domain::User>> List(Transaction& tx,
                                             std::span<const std::int64_t> unit_ids) {
    std::string filter;
    std::vector<Value> params;
    if (!unit_ids.empty()) {
        filter = " WHERE id IN (SELECT user_id FROM user_roles WHERE unit_id IN (" +
                 internal::Placeholders(1, unit_ids.size()) + "))";
        for (const std::int64_t id : unit_ids) {
            params.push_back(Int(id));
        }
    }
    auto rows = tx.Query(std::string(kSelectUser) + filter + " ORDER BY username", params);
    if (!rows) {
        return std::move(rows).error();
    }
    auto grant_rows = tx.Query(
        "SELECT user_id, role, unit_id FROM user_roles WHERE user_id IN (SELECT id FROM users" +
            filter + ")",
        params);
    if (!grant_rows) {
        return std::move(grant_rows).error();
    }
    std::map<std::int64_t, std::vector<domain::RoleGrant>> grants;
    for (const Row& row : *grant_rows) {
        auto grant = GrantFromRow(row, 1);
        if (!grant) {
            return std::move(grant).error();
        }
        grants[row.Int(0)].push_back(*grant);
    }
    std::vector<domain::User> users;
    users.reserve(rows->size());
    for (const Row& row : *rows) {
        auto user = UserFromRow(row);
        if (!user) {
            return std::move(user).error();
        }
        if (auto it = grants.find(user->id); it != grants.end()) {
            user->roles = std::move(it->second);
            SortGrants(user->roles);
        }
        users.push_back(std::move(*user));
    }
    return users;
}

}  // namespace users

namespace sessions {

namespace {

base::Status RequireSession(base::Result<std::int64_t> changed) {
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        return base::NotFound("Phiên đăng nhập không tồn tại hoặc đã hết hạn.");
    }
    return {};
}

}  // namespace

base::Status Insert(Transaction& tx, const domain::Session& session) {
    const std::array params = {Text(session.token_hash),
                               Int(session.user_id),
                               Text(session.csrf_token),
                               Seconds(session.created_at),
                               Seconds(session.expires_at),
                               Seconds(session.last_seen_at),
                               Text(session.ip),
                               Text(session.user_agent)};
    auto inserted = tx.Execute(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
        "last_seen_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params);
    if (!inserted) {
        return internal::Rephrase(std::move(inserted).error(), base::ErrorCode::kFailedPrecondition,
                                  "Người dùng của phiên đăng nhập không tồn tại.");
    }
    return {};
}

base::Result<std::optional<domain::Session>> Get(Transaction& tx, std::string_view token_hash) {
    const Value key = Text(token_hash);
    auto row = tx.QueryOne(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, "
        "user_agent FROM sessions WHERE token_hash = $1",
        std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::Session>{};
    }
    const Row& r = **row;
    domain::Session session;
    session.token_hash = r.Text(0);
    session.user_id = r.Int(1);
    session.csrf_token = r.Text(2);
    session.created_at = internal::ToSeconds(r.Int(3));
    session.expires_at = internal::ToSeconds(r.Int(4));
    session.last_seen_at = internal::ToSeconds(r.Int(5));
    session.ip = r.Text(6);
    session.user_agent = r.Text(7);
    return std::optional<domain::Session>{std::move(session)};
}

base::Status Touch(Transaction& tx, std::string_view token_hash, std::chrono::sys_seconds last_seen,
                   std::chrono::sys_seconds expires_at) {
    const std::array params = {Seconds(last_seen), Seconds(expires_at), Text(token_hash)};
    return RequireSession(tx.Execute(
        "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3", params));
}

base::Status Delete(Transaction& tx, std::string_view token_hash) {
    const Value key = Text(token_hash);
    auto deleted =
        tx.Execute("DELETE FROM sessions WHERE token_hash = $1", std::span<const Value>(&key, 1));
    return deleted ? base::Status{} : base::Status{std::move(deleted).error()};
}

base::Status DeleteForUser(Transaction& tx, std::int64_t user_id,
                           std::optional<std::string_view> keep) {
    base::Result<std::int64_t> deleted = std::int64_t{0};
    if (keep) {
        const std::array params = {Int(user_id), Text(*keep)};
        deleted =
            tx.Execute("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", params);
    } else {
        const Value key = Int(user_id);
        deleted =
            tx.Execute("DELETE FROM sessions WHERE user_id = $1", std::span<const Value>(&key, 1));
    }
    return deleted ? base::Status{} : base::Status{std::move(deleted).error()};
}

base::Result<std::int64_t> DeleteExpired(Transaction& tx, std::chrono::sys_seconds now) {
    const Value key = Seconds(now);
    return tx.Execute("DELETE FROM sessions WHERE expires_at <= $1",
                      std::span<const Value>(&key, 1));
}

}  // namespace sessions

namespace api_tokens {

namespace {

constexpr std::string_view kSelectToken =
    "SELECT id, user_id, name, token_hash, created_at, revoked_at FROM api_tokens";

domain::ApiToken TokenFromRow(const Row& row) {
    domain::ApiToken token;
    token.id = row.Int(0);
    token.user_id = row.Int(1);
    token.name = row.Text(2);
    token.token_hash = row.Text(3);
    token.created_at = internal::ToSeconds(row.Int(4));
    token.revoked_at = internal::ToOptSeconds(row, 5);
    return token;
}

}  // namespace

base::Result<domain::ApiToken> Insert(Transaction& tx, const domain::ApiToken& token) {
    const std::array params = {Int(token.user_id), Text(token.name), Text(token.token_hash),
                               Seconds(token.created_at), OptSeconds(token.revoked_at)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at, revoked_at) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
        params, base::ErrorCode::kAlreadyExists, "Mã truy cập đã tồn tại.");
    if (!inserted) {
        return internal::Rephrase(std::move(inserted).error(), base::ErrorCode::kFailedPrecondition,
                                  "Người dùng của mã truy cập không tồn tại.");
    }
    domain::ApiToken stored = token;
    stored.id = *inserted;
    return stored;
}

base::Result<std::optional<domain::ApiToken>> GetByHash(Transaction& tx, std::string_view hash) {
    const Value key = Text(hash);
    auto row = tx.QueryOne(std::string(kSelectToken) + " WHERE token_hash = $1",
                           std::span<const Value>(&key, 1));
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::ApiToken>{};
    }
    return std::optional<domain::ApiToken>{TokenFromRow(**row)};
}

base::Result<std::vector<domain::ApiToken>> ListForUser(Transaction& tx, std::int64_t user_id) {
    const Value key = Int(user_id);
    auto rows = tx.Query(std::string(kSelectToken) + " WHERE user_id = $1 ORDER BY id",
                         std::span<const Value>(&key, 1));
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::ApiToken> tokens;
    tokens.reserve(rows->size());
    for (const Row& row : *rows) {
        tokens.push_back(TokenFromRow(row));
    }
    return tokens;
}

base::Status Revoke(Transaction& tx, std::int64_t id, std::chrono::sys_seconds at) {
    const std::array params = {Seconds(at), Int(id)};
    // The first revocation's time is kept; revoking again changes nothing.
    auto changed = tx.Execute(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        const Value key = Int(id);
        auto exists =
            tx.QueryOne("SELECT 1 FROM api_tokens WHERE id = $1", std::span<const Value>(&key, 1));
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return base::NotFound("Không tìm thấy mã truy cập.");
        }
    }
    return {};
}

}  // namespace api_tokens

}  // namespace motcua::store
