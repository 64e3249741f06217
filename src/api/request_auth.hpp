#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/auth.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "http/message.hpp"

namespace motcua::api {

// The one place that turns an HTTP request into an actor, shared by /api/v1 and the pages.

inline constexpr std::string_view kSessionCookie = "motcua_session";

[[nodiscard]] app::ClientInfo ClientOf(const http::Request& req);

// `Authorization: Bearer <token>` for integrations, else the session cookie; anonymous when
// neither is present (not an error). A malformed Authorization header or an unknown token is
// kUnauthenticated.
[[nodiscard]] base::Result<app::Actor> ResolveActor(app::AppContext& ctx, const http::Request& req);

// The Set-Cookie value for the session: HttpOnly, SameSite=Lax, Path=/, Secure over TLS.
// `max_age` 0 deletes it.
[[nodiscard]] std::string SessionCookie(const http::Request& req, std::string_view token,
                                        std::int64_t max_age);

// Login CSRF: a cross-site form must not sign the victim in. Browsers send Origin on POST; when
// present it must be this host (kPermissionDenied otherwise).
[[nodiscard]] base::Status CheckSameOrigin(const http::Request& req);

}  // namespace motcua::api
