#include "store/review_plans.hpp"

#include <array>
#include <vector>

#include "store/codec.hpp"

namespace motcua::store::review_plans {

namespace {

using internal::Int;
using internal::OptDay;
using internal::OptInt;
using internal::Seconds;
using internal::Text;
using internal::ToSeconds;

constexpr std::string_view kColumns =
    "id, unit_id, year, title, decision_number, state, approved_by, approval_decision, "
    "approved_on, implemented_on, publication_decision, version, created_by, created_at, "
    "updated_at, publication_decision_id";

base::Result<Plan> FromRow(const Row& r) {
    Plan p;
    p.id = r.Int(0);
    p.unit_id = r.Int(1);
    p.year = static_cast<int>(r.Int(2));
    p.title = r.Text(3);
    p.decision_number = r.Text(4);
    p.state = r.Text(5);
    p.approved_by = r.Text(6);
    p.approval_decision = r.Text(7);
    auto approved = internal::ToOptDay(r, 8);
    if (!approved) {
        return std::move(approved).error();
    }
    p.approved_on = *approved;
    auto implemented = internal::ToOptDay(r, 9);
    if (!implemented) {
        return std::move(implemented).error();
    }
    p.implemented_on = *implemented;
    p.publication_decision = r.Text(10);
    p.version = r.Int(11);
    p.created_by = r.OptInt(12);
    p.created_at = ToSeconds(r.Int(13));
    p.updated_at = ToSeconds(r.Int(14));
    p.publication_decision_id = r.OptInt(15);
    return p;
}

// The plan's own fields, in the order of the INSERT and UPDATE texts below: year, title, decision
// number, state, approval (by, decision, day), implementation day, publication decision (number,
// id).
constexpr std::size_t kFieldCount = 10;
std::vector<Value> FieldParams(const Plan& plan, std::vector<Value> leading) {
    leading.reserve(leading.size() + kFieldCount + 1);
    for (const Value& v : {Int(plan.year), Text(plan.title), Text(plan.decision_number),
                           Text(plan.state), Text(plan.approved_by), Text(plan.approval_decision),
                           OptDay(plan.approved_on), OptDay(plan.implemented_on),
                           Text(plan.publication_decision), OptInt(plan.publication_decision_id)}) {
        leading.push_back(v);
    }
    return leading;
}

base::Status PutItems(Transaction& tx, const Plan& plan, std::int64_t id) {
    const std::array del{Int(id)};
    if (auto done = tx.Execute("DELETE FROM review_plan_items WHERE plan_id = $1", del); !done) {
        return std::move(done).error();
    }
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
        const Item& it = plan.items[i];
        const std::array params{Int(id),
                                Int(static_cast<std::int64_t>(i)),
                                Text(it.procedure_code),
                                Text(it.procedure_name),
                                Text(it.changes_json),
                                Text(it.reason),
                                Text(it.cost_before_json),
                                Text(it.cost_after_json)};
        auto done = tx.Execute(
            "INSERT INTO review_plan_items (plan_id, position, procedure_code, procedure_name, "
            "changes, reason, cost_before, cost_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params);
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

base::Status LoadItems(Transaction& tx, Plan& plan) {
    const std::array params{Int(plan.id)};
    auto rows = tx.Query(
        "SELECT procedure_code, procedure_name, changes, reason, cost_before, cost_after FROM "
        "review_plan_items WHERE plan_id = $1 ORDER BY position",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& r : *rows) {
        plan.items.push_back(
            Item{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
    }
    return {};
}

}  // namespace

base::Result<std::int64_t> Insert(Transaction& tx, const Plan& plan) {
    std::vector<Value> params = FieldParams(plan, {Int(plan.unit_id)});
    params.push_back(OptInt(plan.created_by));
    params.push_back(Seconds(plan.created_at));
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO review_plans (unit_id, year, title, decision_number, state, approved_by, "
        "approval_decision, approved_on, implemented_on, publication_decision, "
        "publication_decision_id, version, created_by, created_at, updated_at) VALUES ($1, $2, "
        "$3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13, $13) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition,
        "không có đơn vị số " + std::to_string(plan.unit_id));
    if (!inserted) {
        return std::move(inserted).error();
    }
    const std::int64_t id = *inserted;
    if (base::Status s = PutItems(tx, plan, id); !s) {
        return s.error();
    }
    return id;
}

base::Result<std::optional<Plan>> Get(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    auto row =
        tx.QueryOne("SELECT " + std::string(kColumns) + " FROM review_plans WHERE id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<Plan>{};
    }
    auto plan = FromRow(**row);
    if (!plan) {
        return std::move(plan).error();
    }
    if (base::Status s = LoadItems(tx, *plan); !s) {
        return s.error();
    }
    return std::optional<Plan>{std::move(*plan)};
}

base::Result<std::vector<Plan>> List(Transaction& tx, const std::vector<std::int64_t>& unit_ids) {
    std::vector<Value> params;
    std::string sql = "SELECT " + std::string(kColumns) + " FROM review_plans";
    if (!unit_ids.empty()) {
        sql += " WHERE unit_id IN (" + internal::Placeholders(1, unit_ids.size()) + ")";
        for (std::int64_t u : unit_ids) {
            params.push_back(Int(u));
        }
    }
    sql += " ORDER BY year DESC, id";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Plan> out;
    for (const Row& r : *rows) {
        auto plan = FromRow(r);
        if (!plan) {
            return std::move(plan).error();
        }
        if (base::Status s = LoadItems(tx, *plan); !s) {
            return s.error();
        }
        out.push_back(std::move(*plan));
    }
    return out;
}

base::Result<std::int64_t> Update(Transaction& tx, const Plan& plan,
                                  std::int64_t expected_version) {
    std::vector<Value> params = FieldParams(plan, {Int(plan.id), Int(expected_version)});
    params.push_back(Seconds(plan.updated_at));
    auto row = tx.QueryOne(
        "UPDATE review_plans SET year = $3, title = $4, decision_number = $5, state = $6, "
        "approved_by = $7, approval_decision = $8, approved_on = $9, implemented_on = $10, "
        "publication_decision = $11, publication_decision_id = $12, updated_at = $13, version = "
        "version + 1 WHERE id = $1 AND version = $2 RETURNING version",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        const std::array id{Int(plan.id)};
        auto exists = tx.QueryOne("SELECT 1 FROM review_plans WHERE id = $1", id);
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return base::NotFound("Không có kế hoạch rà soát số " + std::to_string(plan.id) + ".");
        }
        return internal::StaleVersion("kế hoạch rà soát");
    }
    const std::int64_t version = (*row)->Int(0);
    if (base::Status s = PutItems(tx, plan, plan.id); !s) {
        return s.error();
    }
    return version;
}

}  // namespace motcua::store::review_plans
