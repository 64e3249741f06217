#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/user.hpp"

namespace motcua::app {

// A new session: the cookie token (shown once, never stored) and the CSRF token.
struct SignedIn {
    std::string session_token;
    std::string csrf_token;
    domain::User user;
    std::chrono::sys_seconds expires_at;
};

struct ClientInfo {
    std::string ip;
    std::string user_agent;
};

// Password sign-in. Throttled per address (LoginThrottle) and per account (lock-out after
// policy.max_failed_logins consecutive failures). Unknown user, wrong password and inactive
// account give the same kUnauthenticated message, with the same argon2id cost, so usernames
// cannot be probed; a locked account gives kResourceExhausted with the time to wait. Every
// attempt is audited.
[[nodiscard]] base::Result<SignedIn> SignIn(AppContext& ctx, std::string_view username,
                                            std::string_view password, const ClientInfo& client);

// Resolves a session cookie token: the actor, with the session touched (idle timeout renewed).
// Expired or unknown → anonymous actor (not an error).
[[nodiscard]] base::Result<Actor> ActorFromSession(AppContext& ctx, std::string_view token,
                                                   const ClientInfo& client);

// Resolves `Authorization: Bearer <token>` for integrations. Unknown or revoked token →
// kUnauthenticated.
[[nodiscard]] base::Result<Actor> ActorFromApiToken(AppContext& ctx, std::string_view token,
                                                    const ClientInfo& client);

// Synchronizer-token check for cookie-authenticated state changes. API-token and anonymous
// actors pass (they carry no ambient cookie authority). kPermissionDenied if missing/wrong.
[[nodiscard]] base::Status CheckCsrf(const Actor& actor, std::string_view presented);

[[nodiscard]] base::Status SignOut(AppContext& ctx, const Actor& actor);

// Changes the actor's own password after verifying the current one; ends the user's other
// sessions. Audited.
[[nodiscard]] base::Status ChangePassword(AppContext& ctx, const Actor& actor,
                                          std::string_view current, std::string_view next);

// Issues an API token for the actor (staff only); the secret is returned once.
struct IssuedToken {
    domain::ApiToken token;
    std::string secret;
};
[[nodiscard]] base::Result<IssuedToken> CreateApiToken(AppContext& ctx, const Actor& actor,
                                                       std::string_view name);

}  // namespace motcua::app
