#include "store/publication.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::publication {

namespace {

using internal::Int;
using internal::Seconds;

}  // namespace

base::Result<std::vector<OpenDossier>> OpenDossiers(Transaction& tx,
                                                    const std::vector<std::int64_t>& units) {
    std::vector<OpenDossier> out;
    if (units.empty()) {
        return out;
    }
    std::vector<Value> params;
    const std::string sql =
        "SELECT id, settling_unit_id, due_at, late FROM dossiers "
        "WHERE received_at IS NOT NULL AND finished_at IS NULL AND settling_unit_id IN (" +
        internal::BindIds(params, units) + ") ORDER BY id";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(
            OpenDossier{row.Int(0), row.Int(1), internal::ToOptSeconds(row, 2), row.Int(3) != 0});
    }
    return out;
}

base::Result<std::vector<LateCandidate>> LateCandidates(Transaction& tx,
                                                        const std::vector<std::int64_t>& units,
                                                        std::chrono::sys_seconds begin,
                                                        std::chrono::sys_seconds end) {
    std::vector<LateCandidate> out;
    if (units.empty()) {
        return out;
    }
    std::vector<Value> params;
    const std::string in_units = internal::BindIds(params, units);
    const std::string pb = internal::Bind(params, Seconds(begin));
    const std::string pe = internal::Bind(params, Seconds(end));
    const std::string sql =
        "SELECT id, code, settling_unit_id, assignee_id, due_at, finished_at, late, timing "
        "FROM dossiers WHERE settling_unit_id IN (" +
        in_units + ") AND received_at IS NOT NULL AND received_at < " + pe +
        " AND ((finished_at >= " + pb + " AND finished_at < " + pe +
        ") OR ((finished_at IS NULL OR finished_at >= " + pe + ") AND (due_at < " + pe +
        " OR late = 1))) ORDER BY code";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(LateCandidate{row.Int(0), row.Text(1), row.Int(2), row.OptInt(3),
                                    internal::ToOptSeconds(row, 4), internal::ToOptSeconds(row, 5),
                                    row.Int(6) != 0, row.Text(7)});
    }
    return out;
}

base::Result<std::vector<std::int64_t>> StaffActingAfter(Transaction& tx, std::int64_t dossier_id,
                                                         std::chrono::sys_seconds after) {
    const std::array params{Int(dossier_id), Seconds(after)};
    auto rows = tx.Query(
        "SELECT DISTINCT e.actor_user_id FROM dossier_events e WHERE e.dossier_id = $1 "
        "AND e.at > $2 AND e.actor_user_id IS NOT NULL AND EXISTS (SELECT 1 FROM user_roles r "
        "WHERE r.user_id = e.actor_user_id AND r.role <> 'citizen') ORDER BY e.actor_user_id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::int64_t> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(row.Int(0));
    }
    return out;
}

base::Result<std::optional<Officer>> OfficerOf(Transaction& tx, std::int64_t user_id) {
    const std::array params{Int(user_id)};
    return internal::OneRow(
        tx,
        "SELECT u.id, u.display_name, (SELECT MIN(r.unit_id) FROM user_roles r WHERE r.user_id = "
        "u.id AND r.role <> 'citizen') FROM users u WHERE u.id = $1",
        params, [](const Row& row) {
            return Officer{row.Int(0), row.Text(1), row.OptInt(2)};
        });
}

}  // namespace motcua::store::publication
