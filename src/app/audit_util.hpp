#pragma once

#include <string>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "domain/audit.hpp"
#include "store/audit.hpp"

namespace motcua::app {

// Appends an audit record for `actor` inside `tx` (the same transaction as the change).
[[nodiscard]] inline base::Status Audit(store::Transaction& tx, const Actor& actor,
                                        std::chrono::sys_seconds at, std::string action,
                                        std::string entity, std::string entity_id,
                                        std::string detail_json) {
    domain::AuditRecord record;
    record.at = at;
    if (actor.user) {
        record.actor_user_id = actor.user->id;
        record.actor_name = actor.user->username;
    }
    record.action = std::move(action);
    record.entity = std::move(entity);
    record.entity_id = std::move(entity_id);
    record.detail_json = std::move(detail_json);
    record.ip = actor.ip;
    record.user_agent = actor.user_agent;
    const auto appended = store::audit::Append(tx, record);
    if (!appended) {
        return appended.error();
    }
    return {};
}

// Minimal JSON string escaping for audit details built by hand.
[[nodiscard]] std::string JsonQuote(std::string_view text);

}  // namespace motcua::app
