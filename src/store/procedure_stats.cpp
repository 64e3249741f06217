#include "store/procedure_stats.hpp"

#include "store/codec.hpp"
#include "store/dossiers.hpp"

namespace motcua::store::procedure_stats {

namespace {

using internal::Int;
using internal::Seconds;
using internal::Text;

}  // namespace

base::Result<std::vector<SettledClock>> SettledClocks(
    Transaction& tx, const std::string& procedure_code,
    const std::vector<std::int64_t>& settling_units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to) {
    std::vector<SettledClock> out;
    if (settling_units.empty()) {
        return out;
    }
    std::vector<Value> params{Text(procedure_code), Seconds(from), Seconds(to)};
    const std::string units = internal::SettlingUnitFilter(settling_units, params);
    auto rows = tx.Query(
        "SELECT d.id, d.settling_unit_id, d.body_json FROM dossiers d WHERE d.procedure_code = $1 "
        "AND d.received_at IS NOT NULL AND d.received_at >= $2 AND d.received_at < $3 AND "
        "d.finished_at IS NOT NULL" +
            units + " ORDER BY d.id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        auto d = dossiers::DecodeDossier(row.Text(2));
        if (!d) {
            return std::move(d).error();
        }
        if (!d->clock_start || !d->finished_at ||
            (d->result_kind != "issued" && d->result_kind != "refusal")) {
            continue;
        }
        out.push_back(SettledClock{row.Int(0), row.Int(1), *d->clock_start, *d->finished_at,
                                   std::move(d->pauses)});
    }
    return out;
}

base::Result<std::vector<Received>> ReceivedByProcedure(
    Transaction& tx, const std::vector<std::int64_t>& settling_units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to) {
    std::vector<Received> out;
    if (settling_units.empty()) {
        return out;
    }
    std::vector<Value> params{Seconds(from), Seconds(to)};
    const std::string units = internal::SettlingUnitFilter(settling_units, params);
    auto rows = tx.Query(
        "SELECT d.settling_unit_id, d.procedure_code, SUM(CASE WHEN d.channel = 2 THEN 1 ELSE 0 "
        "END), COUNT(*) FROM dossiers d WHERE d.received_at IS NOT NULL AND d.received_at >= $1 "
        "AND d.received_at < $2" +
            units +
            " GROUP BY d.settling_unit_id, d.procedure_code ORDER BY d.settling_unit_id, "
            "d.procedure_code",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(Received{row.Int(0), row.Text(1), row.Int(2), row.Int(3)});
    }
    return out;
}

}  // namespace motcua::store::procedure_stats
