#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motcua::domain {

// One change made by a person (issue #3: who, when, what, from where). Written in the same
// transaction as the change.
struct AuditRecord {
    std::int64_t id = 0;
    std::chrono::sys_seconds at{};
    std::optional<std::int64_t> actor_user_id;  // empty for anonymous actions (failed sign-in)
    std::string actor_name;
    std::string action;       // e.g. "unit.create", "user.password_change", "session.create"
    std::string entity;       // e.g. "unit", "user", "procedure"
    std::string entity_id;    // the changed thing's id or code
    std::string detail_json;  // what changed (JSON object)
    std::string ip;
    std::string user_agent;
};

}  // namespace motcua::domain
