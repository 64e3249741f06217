#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/audit.hpp"
#include "store/database.hpp"

namespace motcua::store::audit {

// Appends one record (append-only: there is no update or delete, and the database rejects both
// with kFailedPrecondition). Returns its id; ids increase and are never reused.
[[nodiscard]] base::Result<std::int64_t> Append(Transaction& tx, const domain::AuditRecord& r);

struct AuditQuery {
    std::optional<std::string> entity;
    std::optional<std::string> entity_id;
    std::optional<std::int64_t> actor_user_id;
    std::optional<std::int64_t> before_id;  // cursor: records with id < before_id
    int limit = 50;
};
// Newest first (by id), at most `limit` (1–1000; < 1 → kInvalidArgument, more is clamped).
[[nodiscard]] base::Result<std::vector<domain::AuditRecord>> List(Transaction& tx,
                                                                  const AuditQuery& query);

}  // namespace motcua::store::audit
