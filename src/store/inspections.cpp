#include "store/inspections.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::inspections {

namespace {

using internal::Bool;
using internal::Day;
using internal::Int;
using internal::OptDay;
using internal::OptInt;
using internal::Seconds;
using internal::Text;
using internal::ToSeconds;

base::Status Exec(Transaction& tx, std::string_view sql, std::span<const Value> params) {
    auto done = tx.Execute(sql, params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

constexpr std::string_view kPlanColumns =
    "id, year, inspecting_unit_id, title, decision_number, decision_date, checklist, version";

base::Result<ins::Plan> PlanFrom(const Row& row) {
    ins::Plan p;
    p.id = row.Int(0);
    p.year = static_cast<int>(row.Int(1));
    p.inspecting_unit_id = row.Int(2);
    p.title = row.Text(3);
    p.decision_number = row.Text(4);
    auto date = internal::ToOptDay(row, 5);
    if (!date) {
        return std::move(date).error();
    }
    p.decision_date = *date;
    p.checklist = row.Text(6);
    p.version = row.Int(7);
    return p;
}

constexpr std::string_view kInspectionColumns =
    "i.id, i.plan_id, i.inspected_unit_id, u.type, u.parent_id, i.kind, i.quarter, i.start_day, "
    "i.end_day, i.follow_up_of, i.state, i.notified_on, i.report_submitted_on, i.minutes_on, "
    "i.concluded_on, i.conclusion_received_on, i.remediation_due, i.remediation_reported_on, "
    "i.version";

base::Result<ins::Inspection> InspectionFrom(const Row& row) {
    ins::Inspection i;
    i.id = row.Int(0);
    i.plan_id = row.Int(1);
    i.inspected_unit_id = row.Int(2);
    i.inspected_unit_type = row.Text(3);
    i.inspected_parent_id = row.OptInt(4);
    auto kind = ins::ParseKind(row.Text(5));
    if (!kind) {
        return internal::CorruptValue("inspections.kind", row.Text(5));
    }
    i.kind = *kind;
    i.quarter = static_cast<int>(row.Int(6));
    i.follow_up_of = row.OptInt(9);
    auto state = ins::ParseState(row.Text(10));
    if (!state) {
        return internal::CorruptValue("inspections.state", row.Text(10));
    }
    i.state = *state;
    const std::array<std::pair<std::size_t, std::optional<std::chrono::sys_days>*>, 9> days{{
        {7, &i.start},
        {8, &i.end},
        {11, &i.notified_on},
        {12, &i.report_submitted_on},
        {13, &i.minutes_on},
        {14, &i.concluded_on},
        {15, &i.conclusion_received_on},
        {16, &i.remediation_due},
        {17, &i.remediation_reported_on},
    }};
    for (const auto& [col, field] : days) {
        auto d = internal::ToOptDay(row, col);
        if (!d) {
            return std::move(d).error();
        }
        *field = *d;
    }
    i.version = row.Int(18);
    return i;
}

base::Status LoadTeam(Transaction& tx, ins::Inspection& i) {
    const std::array params{Int(i.id)};
    auto rows = tx.Query(
        "SELECT name, position, leader FROM inspection_team WHERE inspection_id = $1 ORDER BY "
        "position_no",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        i.team.push_back(ins::TeamMember{row.Text(0), row.Text(1), row.Int(2) != 0});
    }
    return {};
}

base::Result<std::vector<ins::Inspection>> InspectionsWhere(Transaction& tx,
                                                            const std::string& where,
                                                            std::span<const Value> params) {
    auto rows =
        tx.Query("SELECT " + std::string(kInspectionColumns) +
                     " FROM inspections i JOIN units u ON u.id = i.inspected_unit_id " + where,
                 params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ins::Inspection> out;
    for (const Row& row : *rows) {
        auto i = InspectionFrom(row);
        if (!i) {
            return std::move(i).error();
        }
        if (base::Status s = LoadTeam(tx, *i); !s) {
            return s.error();
        }
        out.push_back(std::move(*i));
    }
    return out;
}

}  // namespace

// ---- Plans

base::Result<std::int64_t> CreatePlan(Transaction& tx, const ins::Plan& plan,
                                      std::optional<std::int64_t> by, std::chrono::sys_seconds at) {
    const std::array params{Int(plan.year),
                            Int(plan.inspecting_unit_id),
                            Text(plan.title),
                            Text(plan.decision_number),
                            OptDay(plan.decision_date),
                            Text(plan.checklist),
                            OptInt(by),
                            Seconds(at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO inspection_plans (year, inspecting_unit_id, title, decision_number, "
        "decision_date, checklist, version, created_by, created_at, updated_at) VALUES ($1, $2, "
        "$3, $4, $5, $6, 1, $7, $8, $8) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition, "không có đơn vị kiểm tra");
}

base::Result<std::int64_t> UpdatePlan(Transaction& tx, const ins::Plan& plan,
                                      std::int64_t expected_version, std::chrono::sys_seconds at) {
    auto touched = TouchPlan(tx, plan.id, expected_version, at);
    if (!touched) {
        return touched;
    }
    const std::array params{Int(plan.id),
                            Int(plan.year),
                            Text(plan.title),
                            Text(plan.decision_number),
                            OptDay(plan.decision_date),
                            Text(plan.checklist)};
    if (base::Status s = Exec(tx,
                              "UPDATE inspection_plans SET year = $2, title = $3, "
                              "decision_number = $4, decision_date = $5, checklist = $6 WHERE "
                              "id = $1",
                              params);
        !s) {
        return s.error();
    }
    return touched;
}

base::Result<std::int64_t> TouchPlan(Transaction& tx, std::int64_t plan_id,
                                     std::int64_t expected_version, std::chrono::sys_seconds at) {
    const std::array params{Int(plan_id), Int(expected_version), Seconds(at)};
    auto done = tx.Execute(
        "UPDATE inspection_plans SET version = version + 1, updated_at = $3 WHERE id = $1 AND "
        "version = $2",
        params);
    if (!done) {
        return std::move(done).error();
    }
    if (*done == 0) {
        auto exists = GetPlan(tx, plan_id);
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return base::NotFound("không có kế hoạch kiểm tra số " + std::to_string(plan_id));
        }
        return internal::StaleVersion("Kế hoạch kiểm tra");
    }
    return expected_version + 1;
}

base::Result<std::optional<ins::Plan>> GetPlan(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    auto row = tx.QueryOne(
        "SELECT " + std::string(kPlanColumns) + " FROM inspection_plans WHERE id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<ins::Plan>{};
    }
    auto p = PlanFrom(**row);
    if (!p) {
        return std::move(p).error();
    }
    return std::optional<ins::Plan>{std::move(*p)};
}

base::Result<std::vector<ins::Plan>> ListPlans(Transaction& tx, std::optional<int> year) {
    std::vector<Value> params;
    std::string sql = "SELECT " + std::string(kPlanColumns) + " FROM inspection_plans";
    if (year) {
        sql += " WHERE year = $1";
        params.push_back(Int(*year));
    }
    sql += " ORDER BY year DESC, id";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ins::Plan> out;
    for (const Row& row : *rows) {
        auto p = PlanFrom(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

// ---- Inspections

base::Result<std::int64_t> AddInspection(Transaction& tx, const ins::Inspection& i,
                                         std::chrono::sys_seconds at) {
    const std::array params{Int(i.plan_id),
                            Int(i.inspected_unit_id),
                            Text(ins::KindName(i.kind)),
                            Int(i.quarter),
                            OptDay(i.start),
                            OptDay(i.end),
                            OptInt(i.follow_up_of),
                            Text(ins::StateName(i.state)),
                            Int(i.version > 0 ? i.version : 1),
                            Seconds(at)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO inspections (plan_id, inspected_unit_id, kind, quarter, start_day, end_day, "
        "follow_up_of, state, version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition,
        "không có kế hoạch, đơn vị hoặc cuộc kiểm tra được phúc tra");
    if (!inserted) {
        return std::move(inserted).error();
    }
    const std::int64_t id = *inserted;
    for (std::size_t k = 0; k < i.team.size(); ++k) {
        const ins::TeamMember& m = i.team[k];
        const std::array tp{Int(id), Int(static_cast<std::int64_t>(k)), Text(m.name),
                            Text(m.position), Bool(m.leader)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO inspection_team (inspection_id, position_no, name, "
                                  "position, leader) VALUES ($1, $2, $3, $4, $5)",
                                  tp);
            !s) {
            return s.error();
        }
    }
    return id;
}

base::Result<std::optional<ins::Inspection>> GetInspection(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    auto found = InspectionsWhere(tx, "WHERE i.id = $1", params);
    if (!found) {
        return std::move(found).error();
    }
    if (found->empty()) {
        return std::optional<ins::Inspection>{};
    }
    return std::optional<ins::Inspection>{std::move(found->front())};
}

base::Result<std::vector<ins::Inspection>> PlanInspections(Transaction& tx, std::int64_t plan_id) {
    const std::array params{Int(plan_id)};
    return InspectionsWhere(tx, "WHERE i.plan_id = $1 ORDER BY i.id", params);
}

base::Result<std::vector<ins::Inspection>> UnitInspections(
    Transaction& tx, const std::vector<std::int64_t>& unit_ids) {
    if (unit_ids.empty()) {
        return std::vector<ins::Inspection>{};
    }
    std::vector<Value> params;
    params.reserve(unit_ids.size());
    for (std::int64_t u : unit_ids) {
        params.push_back(Int(u));
    }
    return InspectionsWhere(tx,
                            "WHERE i.inspected_unit_id IN (" +
                                internal::Placeholders(1, unit_ids.size()) + ") ORDER BY i.id DESC",
                            params);
}

base::Result<std::int64_t> SaveCycle(Transaction& tx, const ins::Inspection& i) {
    const std::array params{Int(i.id),
                            Int(i.version),
                            Text(ins::StateName(i.state)),
                            OptDay(i.notified_on),
                            OptDay(i.report_submitted_on),
                            OptDay(i.minutes_on),
                            OptDay(i.concluded_on),
                            OptDay(i.conclusion_received_on),
                            OptDay(i.remediation_due),
                            OptDay(i.remediation_reported_on)};
    auto done = tx.Execute(
        "UPDATE inspections SET state = $3, notified_on = $4, report_submitted_on = $5, "
        "minutes_on = $6, concluded_on = $7, conclusion_received_on = $8, remediation_due = $9, "
        "remediation_reported_on = $10, version = version + 1 WHERE id = $1 AND version = $2",
        params);
    if (!done) {
        return std::move(done).error();
    }
    if (*done == 0) {
        return internal::StaleVersion("Cuộc kiểm tra");
    }
    return i.version + 1;
}

base::Result<std::vector<ins::Inspection>> RemediationDue(Transaction& tx,
                                                          std::chrono::sys_days until) {
    const std::array params{Day(until)};
    return InspectionsWhere(tx,
                            "WHERE i.state = 'remediation_due' AND i.remediation_due <= $1 ORDER "
                            "BY i.remediation_due, i.id",
                            params);
}

// ---- History

base::Result<std::int64_t> AppendEvent(Transaction& tx, std::int64_t inspection_id,
                                       const Event& e) {
    const std::array params{Int(inspection_id)};
    auto last = tx.QueryOne(
        "SELECT COALESCE(MAX(seq), 0) FROM inspection_events WHERE inspection_id = $1", params);
    if (!last) {
        return std::move(last).error();
    }
    const std::int64_t seq = (*last ? (*last)->Int(0) : 0) + 1;
    const std::array ep{Int(inspection_id), Int(seq),      Text(e.action),
                        Day(e.on),          Seconds(e.at), OptInt(e.actor_id),
                        Text(e.actor_name), Text(e.note),  Text(e.documents_json)};
    if (base::Status s = Exec(tx,
                              "INSERT INTO inspection_events (inspection_id, seq, action, on_day, "
                              "at, actor_id, actor_name, note, documents) VALUES ($1, $2, $3, $4, "
                              "$5, $6, $7, $8, $9)",
                              ep);
        !s) {
        return s.error();
    }
    return seq;
}

base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t inspection_id) {
    const std::array params{Int(inspection_id)};
    auto rows = tx.Query(
        "SELECT seq, action, on_day, at, actor_id, actor_name, note, documents FROM "
        "inspection_events WHERE inspection_id = $1 ORDER BY seq",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Event> out;
    for (const Row& row : *rows) {
        auto on = internal::ParseDay(row.Text(2));
        if (!on) {
            return std::move(on).error();
        }
        out.push_back(Event{row.Int(0), row.Text(1), *on, ToSeconds(row.Int(3)), row.OptInt(4),
                            row.Text(5), row.Text(6), row.Text(7)});
    }
    return out;
}

// ---- Checklist

base::Status PutChecklist(Transaction& tx, std::int64_t inspection_id,
                          const std::vector<ChecklistItem>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        const ChecklistItem& c = items[k];
        const std::array params{
            Int(inspection_id),     Text(c.key),    Int(static_cast<std::int64_t>(k)),
            Text(c.number),         Text(c.title),  Text(c.figure),
            Text(c.prefilled_json), Text(c.finding)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO inspection_checklist (inspection_id, item_key, "
                                  "position, number, title, figure, prefilled, finding) VALUES "
                                  "($1, $2, $3, $4, $5, $6, $7, $8)",
                                  params);
            !s) {
            return s;
        }
    }
    return {};
}

base::Result<std::vector<ChecklistItem>> Checklist(Transaction& tx, std::int64_t inspection_id) {
    const std::array params{Int(inspection_id)};
    auto rows = tx.Query(
        "SELECT item_key, number, title, figure, prefilled, finding, updated_by, updated_at FROM "
        "inspection_checklist WHERE inspection_id = $1 ORDER BY position",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ChecklistItem> out;
    for (const Row& row : *rows) {
        out.push_back(ChecklistItem{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                                    row.Text(5), row.OptInt(6), internal::ToOptSeconds(row, 7)});
    }
    return out;
}

base::Status SetFinding(Transaction& tx, std::int64_t inspection_id, const std::string& key,
                        const std::string& finding, std::optional<std::int64_t> by,
                        std::chrono::sys_seconds at) {
    const std::array params{Int(inspection_id), Text(key), Text(finding), OptInt(by), Seconds(at)};
    auto done = tx.Execute(
        "UPDATE inspection_checklist SET finding = $3, updated_by = $4, updated_at = $5 WHERE "
        "inspection_id = $1 AND item_key = $2",
        params);
    if (!done) {
        return std::move(done).error();
    }
    if (*done == 0) {
        return base::NotFound("không có mục kiểm tra " + key);
    }
    return {};
}

base::Status SetPrefilled(Transaction& tx, std::int64_t inspection_id, const std::string& key,
                          const std::string& prefilled_json) {
    const std::array params{Int(inspection_id), Text(key), Text(prefilled_json)};
    return Exec(tx,
                "UPDATE inspection_checklist SET prefilled = $3 WHERE inspection_id = $1 AND "
                "item_key = $2",
                params);
}

// ---- Conclusions and remediation

base::Status PutConclusion(Transaction& tx, std::int64_t inspection_id, const Document& d) {
    const std::array params{Int(inspection_id), Text(d.kind), Text(d.number), Day(d.on),
                            Text(d.body),       OptInt(d.by), Seconds(d.at)};
    return Exec(tx,
                "INSERT INTO inspection_conclusions (inspection_id, kind, number, signed_on, body, "
                "by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (inspection_id, "
                "kind) DO UPDATE SET number = excluded.number, signed_on = excluded.signed_on, "
                "body = excluded.body, by_user = excluded.by_user, at = excluded.at",
                params);
}

base::Result<std::vector<Document>> Conclusions(Transaction& tx, std::int64_t inspection_id) {
    const std::array params{Int(inspection_id)};
    auto rows = tx.Query(
        "SELECT kind, number, signed_on, body, by_user, at FROM inspection_conclusions WHERE "
        "inspection_id = $1 ORDER BY CASE kind WHEN 'draft' THEN 0 ELSE 1 END",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Document> out;
    for (const Row& row : *rows) {
        auto on = internal::ParseDay(row.Text(2));
        if (!on) {
            return std::move(on).error();
        }
        out.push_back(Document{row.Text(0), row.Text(1), *on, row.Text(3), false, row.OptInt(4),
                               ToSeconds(row.Int(5))});
    }
    return out;
}

base::Status PutRemediation(Transaction& tx, std::int64_t inspection_id, const Document& d) {
    const std::array params{Int(inspection_id), Day(d.on),    Text(d.number), Text(d.body),
                            Bool(d.late),       OptInt(d.by), Seconds(d.at)};
    return Exec(tx,
                "INSERT INTO inspection_remediations (inspection_id, reported_on, number, body, "
                "late, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params);
}

base::Result<std::optional<Document>> Remediation(Transaction& tx, std::int64_t inspection_id) {
    const std::array params{Int(inspection_id)};
    auto row = tx.QueryOne(
        "SELECT reported_on, number, body, late, by_user, at FROM inspection_remediations WHERE "
        "inspection_id = $1",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<Document>{};
    }
    const Row& r = **row;
    auto on = internal::ParseDay(r.Text(0));
    if (!on) {
        return std::move(on).error();
    }
    return std::optional<Document>{Document{"remediation", r.Text(1), *on, r.Text(2), r.Int(3) != 0,
                                            r.OptInt(4), ToSeconds(r.Int(5))}};
}

}  // namespace motcua::store::inspections
