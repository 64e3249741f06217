#include "store/audit.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "store/codec.hpp"

namespace motcua::store::audit {

namespace {

// The largest page List returns (a bigger limit is clamped to it).
constexpr int kMaxLimit = 1000;

}  // namespace

base::Result<std::int64_t> Append(Transaction& tx, const domain::AuditRecord& r) {
    const std::array params = {internal::Seconds(r.at),       internal::OptInt(r.actor_user_id),
                               internal::Text(r.actor_name),  internal::Text(r.action),
                               internal::Text(r.entity),      internal::Text(r.entity_id),
                               internal::Text(r.detail_json), internal::Text(r.ip),
                               internal::Text(r.user_agent)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO audit_log (at, actor_user_id, actor_name, action, entity, entity_id, "
        "detail_json, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        params);
}

base::Result<std::vector<domain::AuditRecord>> List(Transaction& tx, const AuditQuery& query) {
    if (query.limit < 1) {
        return base::InvalidArgument("Số bản ghi mỗi trang phải lớn hơn 0.");
    }
    std::string sql =
        "SELECT id, at, actor_user_id, actor_name, action, entity, entity_id, detail_json, ip, "
        "user_agent FROM audit_log WHERE 1 = 1";
    std::vector<Value> params;
    const auto add = [&](std::string_view column_test, Value value) {
        params.push_back(std::move(value));
        sql += " AND ";
        sql += column_test;
        sql += " $";
        sql += std::to_string(params.size());
    };
    if (query.entity) {
        add("entity =", internal::Text(*query.entity));
    }
    if (query.entity_id) {
        add("entity_id =", internal::Text(*query.entity_id));
    }
    if (query.actor_user_id) {
        add("actor_user_id =", internal::Int(*query.actor_user_id));
    }
    if (query.before_id) {
        add("id <", internal::Int(*query.before_id));
    }
    params.push_back(internal::Int(std::min(query.limit, kMaxLimit)));
    sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::AuditRecord> records;
    records.reserve(rows->size());
    for (const Row& row : *rows) {
        domain::AuditRecord r;
        r.id = row.Int(0);
        r.at = internal::ToSeconds(row.Int(1));
        r.actor_user_id = row.OptInt(2);
        r.actor_name = row.Text(3);
        r.action = row.Text(4);
        r.entity = row.Text(5);
        r.entity_id = row.Text(6);
        r.detail_json = row.Text(7);
        r.ip = row.Text(8);
        r.user_agent = row.Text(9);
        records.push_back(std::move(r));
    }
    return records;
}

}  // namespace motcua::store::audit
