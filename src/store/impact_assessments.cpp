#include "store/impact_assessments.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::impact_assessments {

namespace {

using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;
using internal::ToSeconds;

constexpr std::string_view kColumns =
    "id, unit_id, draft_name, draft_number, procedure_name, procedure_field, subjects, frequency, "
    "answers, conclusions, cost_inputs, state, reviewer_opinion, reviewed_by, reviewed_at, "
    "version, created_by, created_at, updated_at";

Assessment FromRow(const Row& r) {
    Assessment a;
    a.id = r.Int(0);
    a.unit_id = r.Int(1);
    a.draft_name = r.Text(2);
    a.draft_number = r.Text(3);
    a.procedure_name = r.Text(4);
    a.procedure_field = r.Text(5);
    a.subjects = r.Text(6);
    a.frequency = r.Text(7);
    a.answers_json = r.Text(8);
    a.conclusions_json = r.Text(9);
    a.cost_inputs_json = r.Text(10);
    a.state = r.Text(11);
    a.reviewer_opinion = r.Text(12);
    a.reviewed_by = r.OptInt(13);
    a.reviewed_at = internal::ToOptSeconds(r, 14);
    a.version = r.Int(15);
    a.created_by = r.OptInt(16);
    a.created_at = ToSeconds(r.Int(17));
    a.updated_at = ToSeconds(r.Int(18));
    return a;
}

}  // namespace

base::Result<std::int64_t> Insert(Transaction& tx, const Assessment& a) {
    const std::array params{
        Int(a.unit_id),           Text(a.draft_name),      Text(a.draft_number),
        Text(a.procedure_name),   Text(a.procedure_field), Text(a.subjects),
        Text(a.frequency),        Text(a.answers_json),    Text(a.conclusions_json),
        Text(a.cost_inputs_json), Text(a.state),           Text(a.reviewer_opinion),
        OptInt(a.created_by),     Seconds(a.created_at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO impact_assessments (unit_id, draft_name, draft_number, procedure_name, "
        "procedure_field, subjects, frequency, answers, conclusions, cost_inputs, state, "
        "reviewer_opinion, version, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, "
        "$5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $14) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition,
        "không có đơn vị số " + std::to_string(a.unit_id));
}

base::Result<std::optional<Assessment>> Get(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    return internal::OneRow(
        tx, "SELECT " + std::string(kColumns) + " FROM impact_assessments WHERE id = $1", params,
        FromRow);
}

base::Result<std::vector<Assessment>> List(Transaction& tx,
                                           const std::vector<std::int64_t>& unit_ids) {
    std::vector<Value> params;
    std::string sql = "SELECT " + std::string(kColumns) + " FROM impact_assessments";
    if (!unit_ids.empty()) {
        sql += " WHERE unit_id IN (" + internal::Placeholders(1, unit_ids.size()) + ")";
        for (std::int64_t u : unit_ids) {
            params.push_back(Int(u));
        }
    }
    sql += " ORDER BY id DESC";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Assessment> out;
    out.reserve(rows->size());
    for (const Row& r : *rows) {
        out.push_back(FromRow(r));
    }
    return out;
}

base::Result<std::int64_t> Update(Transaction& tx, const Assessment& a,
                                  std::int64_t expected_version) {
    const std::array params{Int(a.id),
                            Int(expected_version),
                            Text(a.draft_name),
                            Text(a.draft_number),
                            Text(a.procedure_name),
                            Text(a.procedure_field),
                            Text(a.subjects),
                            Text(a.frequency),
                            Text(a.answers_json),
                            Text(a.conclusions_json),
                            Text(a.cost_inputs_json),
                            Text(a.state),
                            Text(a.reviewer_opinion),
                            OptInt(a.reviewed_by),
                            OptSeconds(a.reviewed_at),
                            Seconds(a.updated_at)};
    auto row = tx.QueryOne(
        "UPDATE impact_assessments SET draft_name = $3, draft_number = $4, procedure_name = $5, "
        "procedure_field = $6, subjects = $7, frequency = $8, answers = $9, conclusions = $10, "
        "cost_inputs = $11, state = $12, reviewer_opinion = $13, reviewed_by = $14, reviewed_at = "
        "$15, updated_at = $16, version = version + 1 WHERE id = $1 AND version = $2 RETURNING "
        "version",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (*row) {
        return (*row)->Int(0);
    }
    auto exists = Get(tx, a.id);
    if (!exists) {
        return std::move(exists).error();
    }
    if (!*exists) {
        return base::NotFound("Không có bản đánh giá tác động số " + std::to_string(a.id) + ".");
    }
    return internal::StaleVersion("bản đánh giá tác động");
}

}  // namespace motcua::store::impact_assessments
