#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "base/result.hpp"
#include "store/database.hpp"

// Facts about a dossier from outside systems (issue #6; migration 0009, docs/indicators.md).
namespace motcua::store::dossier_facts {

struct Facts {
    std::int64_t dossier_id = 0;
    std::optional<std::chrono::sys_seconds> synced_at;           // on the National Portal
    std::optional<std::chrono::sys_seconds> population_data_at;  // population database / VNeID
    std::optional<std::chrono::sys_seconds> pushed_to_store_at;  // e-result in citizen's store
    std::optional<std::int64_t> updated_by;
    std::chrono::sys_seconds updated_at{};
};

// Inserts or replaces the dossier's facts. kFailedPrecondition for an unknown dossier.
[[nodiscard]] base::Status Put(Transaction& tx, const Facts& facts);
// The stored facts; empty when none was ever recorded.
[[nodiscard]] base::Result<std::optional<Facts>> Get(Transaction& tx, std::int64_t dossier_id);

}  // namespace motcua::store::dossier_facts
