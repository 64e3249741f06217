#include "app/auth.hpp"

#include <algorithm>

#include "app/audit_util.hpp"
#include "app/authz.hpp"
#include "app/crypto.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

using std::chrono::sys_seconds;

constexpr std::string_view kBadCredentials = "Tên đăng nhập hoặc mật khẩu không đúng.";
// A session's last_seen is written at most once a minute, to keep reads cheap.
constexpr std::chrono::seconds kTouchInterval{60};

std::string NormaliseUsername(std::string_view username) {
    std::string out;
    for (const char c : username) {
        if (c == ' ' || c == '\t') {
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

Actor ActorFor(const ClientInfo& client) {
    Actor actor;
    actor.ip = client.ip;
    actor.user_agent = client.user_agent;
    return actor;
}

base::Status AuditFailure(AppContext& ctx, const ClientInfo& client, std::string_view username,
                          std::string_view reason, const std::optional<domain::User>& user) {
    auto tx = ctx.db->Begin(store::TxMode::kWrite);
    if (!tx) {
        return tx.error();
    }
    Actor actor = ActorFor(client);
    actor.user = user;
    const base::Status audited =
        Audit(**tx, actor, ctx.clock->Now(), "session.sign_in_failed", "user",
              user ? std::to_string(user->id) : "",
              "{\"username\":" + JsonQuote(username) + ",\"reason\":" + JsonQuote(reason) + "}");
    if (!audited) {
        return audited;
    }
    return (*tx)->Commit();
}

}  // namespace

std::string JsonQuote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    constexpr std::string_view kHex = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
                    out += kHex[static_cast<unsigned char>(c) & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

base::Result<SignedIn> SignIn(AppContext& ctx, std::string_view username_input,
                              std::string_view password, const ClientInfo& client) {
    const sys_seconds now = ctx.clock->Now();
    if (const base::Status allowed = ctx.throttle->Check(client.ip, now); !allowed) {
        return allowed.error();
    }
    const std::string username = NormaliseUsername(username_input);
    if (username.empty() || password.empty() || username.size() > 64 || password.size() > 1024) {
        return base::Error{base::ErrorCode::kUnauthenticated, std::string(kBadCredentials)};
    }

    // Read the account, then verify the password outside any transaction (argon2id takes
    // ~0.1 s; the SQLite writer must not wait for it).
    auto found = InReadTransaction<std::optional<domain::User>>(
        *ctx.db, [&](store::Transaction& tx) { return store::users::GetByUsername(tx, username); });
    if (!found) {
        return std::move(found).error();
    }
    const std::optional<domain::User>& user = *found;
    if (!user || !user->active) {
        (void)VerifyPassword(ctx.dummy_password_hash, password);  // same cost as a real check
        ctx.throttle->RecordFailure(client.ip, now);
        const base::Status audited =
            AuditFailure(ctx, client, username, user ? "inactive" : "unknown_user", user);
        if (!audited) {
            return audited.error();
        }
        return base::Error{base::ErrorCode::kUnauthenticated, std::string(kBadCredentials)};
    }
    if (user->locked_until && *user->locked_until > now) {
        const auto minutes =
            std::chrono::duration_cast<std::chrono::minutes>(*user->locked_until - now).count() + 1;
        const base::Status audited = AuditFailure(ctx, client, username, "locked", user);
        if (!audited) {
            return audited.error();
        }
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau " +
                               std::to_string(minutes) + " phút."};
    }
    if (!VerifyPassword(user->password_hash, password)) {
        ctx.throttle->RecordFailure(client.ip, now);
        const bool lock = user->failed_logins + 1 >= ctx.policy.max_failed_logins;
        auto recorded =
            InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                const base::Status failed = store::users::RecordFailedLogin(
                    tx, user->id,
                    lock ? std::optional<sys_seconds>(now + ctx.policy.lockout) : std::nullopt);
                if (!failed) {
                    return failed.error();
                }
                Actor actor = ActorFor(client);
                actor.user = user;
                const base::Status audited = Audit(
                    tx, actor, now, lock ? "user.locked" : "session.sign_in_failed", "user",
                    std::to_string(user->id),
                    "{\"username\":" + JsonQuote(username) + R"(,"reason":"wrong_password"})");
                if (!audited) {
                    return audited.error();
                }
                return true;
            });
        if (!recorded) {
            return std::move(recorded).error();
        }
        return base::Error{base::ErrorCode::kUnauthenticated, std::string(kBadCredentials)};
    }

    SignedIn signed_in;
    signed_in.session_token = RandomToken();
    signed_in.csrf_token = RandomToken();
    signed_in.user = *user;
    signed_in.expires_at = now + ctx.policy.session_idle;
    auto stored =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (user->failed_logins > 0 || user->locked_until) {
                if (const base::Status reset = store::users::ResetFailedLogins(tx, user->id);
                    !reset) {
                    return reset.error();
                }
            }
            domain::Session session;
            session.token_hash = Sha256Hex(signed_in.session_token);
            session.user_id = user->id;
            session.csrf_token = signed_in.csrf_token;
            session.created_at = now;
            session.expires_at = signed_in.expires_at;
            session.last_seen_at = now;
            session.ip = client.ip;
            session.user_agent = client.user_agent.substr(0, 512);
            if (const base::Status inserted = store::sessions::Insert(tx, session); !inserted) {
                return inserted.error();
            }
            Actor actor = ActorFor(client);
            actor.user = user;
            if (const base::Status audited =
                    Audit(tx, actor, now, "session.create", "user", std::to_string(user->id), "{}");
                !audited) {
                return audited.error();
            }
            return true;
        });
    if (!stored) {
        return std::move(stored).error();
    }
    ctx.throttle->Reset(client.ip);
    return signed_in;
}

base::Result<Actor> ActorFromSession(AppContext& ctx, std::string_view token,
                                     const ClientInfo& client) {
    Actor actor = ActorFor(client);
    if (token.empty() || token.size() > 128) {
        return actor;
    }
    const sys_seconds now = ctx.clock->Now();
    const std::string hash = Sha256Hex(token);
    struct Loaded {
        std::optional<domain::Session> session;
        std::optional<domain::User> user;
    };
    auto loaded =
        InReadTransaction<Loaded>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Loaded> {
            Loaded out;
            auto session = store::sessions::Get(tx, hash);
            if (!session) {
                return std::move(session).error();
            }
            out.session = std::move(*session);
            if (out.session) {
                auto user = store::users::Get(tx, out.session->user_id);
                if (!user) {
                    return std::move(user).error();
                }
                out.user = std::move(*user);
            }
            return out;
        });
    if (!loaded) {
        return std::move(loaded).error();
    }
    if (!loaded->session) {
        return actor;
    }
    const domain::Session& session = *loaded->session;
    const bool expired = session.expires_at <= now ||
                         session.created_at + ctx.policy.session_absolute <= now || !loaded->user ||
                         !loaded->user->active;
    if (expired) {
        auto deleted =
            InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                if (const base::Status d = store::sessions::Delete(tx, hash); !d) {
                    return d.error();
                }
                return true;
            });
        if (!deleted) {
            return std::move(deleted).error();
        }
        return actor;
    }
    if (now - session.last_seen_at >= kTouchInterval) {
        const sys_seconds expires = std::min(now + ctx.policy.session_idle,
                                             session.created_at + ctx.policy.session_absolute);
        auto touched =
            InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
                if (const base::Status t = store::sessions::Touch(tx, hash, now, expires); !t) {
                    return t.error();
                }
                return true;
            });
        if (!touched) {
            return std::move(touched).error();
        }
    }
    actor.user = std::move(loaded->user);
    actor.session_token_hash = hash;
    actor.csrf_token = session.csrf_token;
    return actor;
}

base::Result<Actor> ActorFromApiToken(AppContext& ctx, std::string_view token,
                                      const ClientInfo& client) {
    const base::Error invalid{base::ErrorCode::kUnauthenticated,
                              "Mã truy cập (API token) không hợp lệ hoặc đã bị thu hồi."};
    if (token.empty() || token.size() > 128) {
        return invalid;
    }
    const std::string hash = Sha256Hex(token);
    auto found = InReadTransaction<std::optional<domain::User>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::optional<domain::User>> {
            auto api_token = store::api_tokens::GetByHash(tx, hash);
            if (!api_token) {
                return std::move(api_token).error();
            }
            if (!*api_token || (*api_token)->revoked_at) {
                return std::optional<domain::User>{};
            }
            return store::users::Get(tx, (*api_token)->user_id);
        });
    if (!found) {
        return std::move(found).error();
    }
    if (!*found || !(*found)->active) {
        return invalid;
    }
    Actor actor = ActorFor(client);
    actor.user = std::move(*found);
    actor.via_api_token = true;
    return actor;
}

base::Status CheckCsrf(const Actor& actor, std::string_view presented) {
    if (!actor.SignedIn() || actor.via_api_token) {
        return {};
    }
    if (presented.empty() || !ConstantTimeEquals(actor.csrf_token, presented)) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Mã chống giả mạo yêu cầu (CSRF) không hợp lệ. Hãy tải lại trang."};
    }
    return {};
}

base::Status SignOut(AppContext& ctx, const Actor& actor) {
    if (!actor.SignedIn() || actor.session_token_hash.empty()) {
        return {};
    }
    auto done =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status d = store::sessions::Delete(tx, actor.session_token_hash); !d) {
                return d.error();
            }
            if (const base::Status a = Audit(tx, actor, ctx.clock->Now(), "session.delete", "user",
                                             std::to_string(actor.user->id), "{}");
                !a) {
                return a.error();
            }
            return true;
        });
    if (!done) {
        return done.error();
    }
    return {};
}

base::Status ChangePassword(AppContext& ctx, const Actor& actor, std::string_view current,
                            std::string_view next) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (!VerifyPassword(actor.user->password_hash, current)) {
        return base::Error{base::ErrorCode::kInvalidArgument, "Mật khẩu hiện tại không đúng."};
    }
    if (const base::Status policy = CheckPasswordPolicy(next); !policy) {
        return policy;
    }
    if (current == next) {
        return base::InvalidArgument("Mật khẩu mới phải khác mật khẩu hiện tại.");
    }
    auto hash = HashPassword(next);
    if (!hash) {
        return hash.error();
    }
    auto done =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status s = store::users::SetPasswordHash(tx, actor.user->id, *hash);
                !s) {
                return s.error();
            }
            const std::optional<std::string_view> keep =
                actor.session_token_hash.empty()
                    ? std::nullopt
                    : std::optional<std::string_view>(actor.session_token_hash);
            if (const base::Status s = store::sessions::DeleteForUser(tx, actor.user->id, keep);
                !s) {
                return s.error();
            }
            if (const base::Status a = Audit(tx, actor, ctx.clock->Now(), "user.password_change",
                                             "user", std::to_string(actor.user->id), "{}");
                !a) {
                return a.error();
            }
            return true;
        });
    if (!done) {
        return done.error();
    }
    return {};
}

base::Result<IssuedToken> CreateApiToken(AppContext& ctx, const Actor& actor,
                                         std::string_view name) {
    if (name.empty() || name.size() > 100) {
        return base::InvalidArgument("Tên mã truy cập phải có từ 1 đến 100 ký tự.");
    }
    return InWriteTransaction<IssuedToken>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<IssuedToken> {
            if (const base::Status allowed = Authorize(tx, actor, Permission::kStaff); !allowed) {
                return allowed.error();
            }
            IssuedToken issued;
            issued.secret = "mc_" + RandomToken();
            domain::ApiToken token;
            token.user_id = actor.user->id;
            token.name = std::string(name);
            token.token_hash = Sha256Hex(issued.secret);
            token.created_at = ctx.clock->Now();
            auto inserted = store::api_tokens::Insert(tx, token);
            if (!inserted) {
                return std::move(inserted).error();
            }
            issued.token = std::move(*inserted);
            if (const base::Status a =
                    Audit(tx, actor, token.created_at, "api_token.create", "api_token",
                          std::to_string(issued.token.id), "{\"name\":" + JsonQuote(name) + "}");
                !a) {
                return a.error();
            }
            return issued;
        });
}

}  // namespace motcua::app
