#include "store/dossier_facts.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::dossier_facts {

using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::ToOptSeconds;
using internal::ToSeconds;

base::Status Put(Transaction& tx, const Facts& f) {
    const std::array params{Int(f.dossier_id),
                            OptSeconds(f.synced_at),
                            OptSeconds(f.population_data_at),
                            OptSeconds(f.pushed_to_store_at),
                            OptInt(f.updated_by),
                            Seconds(f.updated_at)};
    auto done = tx.Execute(
        "INSERT INTO dossier_facts (dossier_id, synced_at, population_data_at, "
        "pushed_to_store_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (dossier_id) DO UPDATE SET synced_at = excluded.synced_at, "
        "population_data_at = excluded.population_data_at, "
        "pushed_to_store_at = excluded.pushed_to_store_at, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        params);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kFailedPrecondition,
                                  "không có hồ sơ " + std::to_string(f.dossier_id));
    }
    return {};
}

base::Result<std::optional<Facts>> Get(Transaction& tx, std::int64_t dossier_id) {
    const std::array params{Int(dossier_id)};
    return internal::OneRow(
        tx,
        "SELECT dossier_id, synced_at, population_data_at, pushed_to_store_at, updated_by, "
        "updated_at FROM dossier_facts WHERE dossier_id = $1",
        params, [](const Row& row) {
            Facts f;
            f.dossier_id = row.Int(0);
            f.synced_at = ToOptSeconds(row, 1);
            f.population_data_at = ToOptSeconds(row, 2);
            f.pushed_to_store_at = ToOptSeconds(row, 3);
            f.updated_by = row.OptInt(4);
            f.updated_at = ToSeconds(row.Int(5));
            return f;
        });
}

}  // namespace motcua::store::dossier_facts
