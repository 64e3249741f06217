#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/user.hpp"

namespace motcua::app {

// Who is acting, as established by the HTTP layer from a session cookie or an API token, and
// from where (for the audit log). Anonymous when `user` is empty.
struct Actor {
    std::optional<domain::User> user;
    std::string session_token_hash;  // empty for API tokens and anonymous callers
    std::string csrf_token;          // the session's synchronizer token
    bool via_api_token = false;
    std::string ip;
    std::string user_agent;

    [[nodiscard]] bool SignedIn() const { return user.has_value(); }
};

}  // namespace motcua::app
