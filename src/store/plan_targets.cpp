#include "store/plan_targets.hpp"

#include <algorithm>
#include <array>

#include "store/codec.hpp"

namespace motcua::store::plan_targets {

namespace {

using internal::Int;
using internal::OptInt;
using internal::Placeholders;
using internal::Seconds;
using internal::Text;
using internal::ToOptSeconds;
using internal::ToSeconds;

base::Status Exec(Transaction& tx, std::string_view sql, std::span<const Value> params) {
    auto done = tx.Execute(sql, params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<pt::Target> TargetFrom(const Row& row) {
    auto metric = pt::ParseMetric(row.Text(0));
    auto comparator = pt::ParseComparator(row.Text(2));
    if (!metric) {
        return internal::CorruptValue("plan_targets.metric", row.Text(0));
    }
    if (!comparator) {
        return internal::CorruptValue("plan_targets.comparator", row.Text(2));
    }
    return pt::Target{
        *metric, row.Text(1), *comparator, row.Int(3), {row.Text(4), row.Text(5), row.Text(6)}};
}

}  // namespace

base::Result<Record> Put(Transaction& tx, const pt::Plan& plan, std::int64_t issuing_unit_id,
                         bool expect_new, std::optional<std::int64_t> by,
                         std::chrono::sys_seconds at,
                         std::optional<std::int64_t> expected_version) {
    const std::array key{Text(plan.key)};
    auto existing = tx.QueryOne("SELECT version FROM plan_target_sets WHERE plan_key = $1", key);
    if (!existing) {
        return std::move(existing).error();
    }
    if (*existing && expect_new) {
        return base::Error{base::ErrorCode::kAlreadyExists,
                           "kế hoạch mã " + plan.key + " đã có; dùng PUT để thay thế"};
    }
    const std::int64_t stored = *existing ? (*existing)->Int(0) : 0;
    if (expected_version && *expected_version != stored) {
        return internal::StaleVersion("kế hoạch " + plan.key);
    }
    Record r;
    r.plan = plan;
    r.issuing_unit_id = issuing_unit_id;
    r.version = *existing ? (*existing)->Int(0) + 1 : 1;
    r.updated_by = by;
    r.updated_at = at;
    const std::array set{Text(plan.key), Text(plan.title), Int(plan.year), Int(issuing_unit_id),
                         Int(r.version), OptInt(by),       Seconds(at)};
    auto done = tx.Execute(
        "INSERT INTO plan_target_sets (plan_key, title, year, issuing_unit_id, version, "
        "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (plan_key) DO "
        "UPDATE SET title = excluded.title, year = excluded.year, issuing_unit_id = "
        "excluded.issuing_unit_id, version = excluded.version, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        set);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kFailedPrecondition,
                                  "không có đơn vị ban hành " + plan.issuing_unit_code);
    }
    for (std::string_view sql : {"DELETE FROM plan_targets WHERE plan_key = $1",
                                 "DELETE FROM plan_unit_areas WHERE plan_key = $1"}) {
        if (base::Status s = Exec(tx, sql, key); !s) {
            return s.error();
        }
    }
    for (std::size_t i = 0; i < plan.targets.size(); ++i) {
        const pt::Target& t = plan.targets[i];
        const std::array params{Text(plan.key),
                                Int(static_cast<std::int64_t>(i)),
                                Text(pt::MetricName(t.metric)),
                                Text(t.area),
                                Text(pt::ComparatorName(t.comparator)),
                                Int(t.value),
                                Text(t.source.document),
                                Text(t.source.section),
                                Text(t.source.wording)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO plan_targets (plan_key, position, metric, area, "
                                  "comparator, value, source_document, source_section, "
                                  "source_wording) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                                  params);
            !s) {
            return s.error();
        }
    }
    for (const pt::UnitArea& a : plan.areas) {
        const std::array params{Text(plan.key), Text(a.unit_code), Text(a.area)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO plan_unit_areas (plan_key, unit_code, area) VALUES "
                                  "($1, $2, $3)",
                                  params);
            !s) {
            return s.error();
        }
    }
    return r;
}

base::Result<std::optional<Record>> Get(Transaction& tx, const std::string& key) {
    const std::array params{Text(key)};
    auto head = tx.QueryOne(
        "SELECT s.plan_key, s.title, s.year, s.issuing_unit_id, u.code, s.version, s.updated_by, "
        "s.updated_at FROM plan_target_sets s JOIN units u ON u.id = s.issuing_unit_id WHERE "
        "s.plan_key = $1",
        params);
    if (!head) {
        return std::move(head).error();
    }
    if (!*head) {
        return std::optional<Record>{};
    }
    const Row& h = **head;
    Record r;
    r.plan.key = h.Text(0);
    r.plan.title = h.Text(1);
    r.plan.year = static_cast<int>(h.Int(2));
    r.issuing_unit_id = h.Int(3);
    r.plan.issuing_unit_code = h.Text(4);
    r.version = h.Int(5);
    r.updated_by = h.OptInt(6);
    r.updated_at = ToSeconds(h.Int(7));
    auto targets = tx.Query(
        "SELECT metric, area, comparator, value, source_document, source_section, source_wording "
        "FROM plan_targets WHERE plan_key = $1 ORDER BY position",
        params);
    if (!targets) {
        return std::move(targets).error();
    }
    for (const Row& row : *targets) {
        auto t = TargetFrom(row);
        if (!t) {
            return std::move(t).error();
        }
        r.plan.targets.push_back(std::move(*t));
    }
    auto areas = tx.Query(
        "SELECT unit_code, area FROM plan_unit_areas WHERE plan_key = $1 ORDER BY unit_code",
        params);
    if (!areas) {
        return std::move(areas).error();
    }
    for (const Row& row : *areas) {
        r.plan.areas.push_back(pt::UnitArea{row.Text(0), row.Text(1)});
    }
    return std::optional<Record>{std::move(r)};
}

base::Result<std::vector<Summary>> List(Transaction& tx) {
    auto rows = tx.Query(
        "SELECT s.plan_key, s.title, s.year, s.issuing_unit_id, s.version, (SELECT COUNT(*) FROM "
        "plan_targets t WHERE t.plan_key = s.plan_key) FROM plan_target_sets s ORDER BY s.year "
        "DESC, s.plan_key",
        {});
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Summary> out;
    for (const Row& row : *rows) {
        out.push_back(Summary{row.Text(0), row.Text(1), static_cast<int>(row.Int(2)), row.Int(3),
                              row.Int(5), row.Int(4)});
    }
    return out;
}

base::Result<std::vector<Procedure>> Catalogue(Transaction& tx, std::chrono::sys_days day) {
    // As store::aggregates::Catalogue: versions in force by `day` last, so the latest wins.
    const std::array params{internal::Day(day)};
    auto rows = tx.Query(
        "SELECT code, name, levels, online_level FROM procedures ORDER BY code, CASE WHEN "
        "effective_from <= $1 THEN 1 ELSE 0 END, effective_from",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Procedure> out;
    for (const Row& row : *rows) {
        Procedure p;
        p.code = row.Text(0);
        p.name = row.Text(1);
        const std::string& levels = row.Text(2);
        for (std::string_view level : {"province", "district", "commune", "ministry"}) {
            if (levels.find("\"" + std::string(level) + "\"") != std::string::npos) {
                p.levels.emplace_back(level);
            }
        }
        p.online_level = row.Text(3);
        if (!out.empty() && out.back().code == p.code) {
            out.back() = std::move(p);
        } else {
            out.push_back(std::move(p));
        }
    }
    return out;
}

base::Result<std::vector<std::int64_t>> ActiveUnits(Transaction& tx) {
    auto rows = tx.Query(
        "SELECT settling_unit_id FROM dossiers UNION SELECT receiving_unit_id FROM dossiers", {});
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::int64_t> out;
    for (const Row& row : *rows) {
        if (auto id = row.OptInt(0)) {
            out.push_back(*id);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

base::Result<std::map<std::int64_t, std::int64_t>> DeskReceived(
    Transaction& tx, const std::vector<std::int64_t>& units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to) {
    std::map<std::int64_t, std::int64_t> out;
    if (units.empty()) {
        return out;
    }
    std::vector<Value> params{Seconds(from), Seconds(to)};
    std::string sql =
        "SELECT receiving_unit_id, COUNT(*) FROM dossiers WHERE received_at >= $1 AND "
        "received_at < $2 AND receiving_unit_id IN (" +
        Placeholders(3, units.size()) + ") GROUP BY receiving_unit_id";
    for (std::int64_t id : units) {
        params.push_back(Int(id));
    }
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        out[row.Int(0)] = row.Int(1);
    }
    return out;
}

base::Result<std::map<std::int64_t, std::int64_t>> DeskStaff(
    Transaction& tx, const std::vector<std::int64_t>& units) {
    std::map<std::int64_t, std::int64_t> out;
    if (units.empty()) {
        return out;
    }
    // users.active is INTEGER on SQLite and BOOLEAN on PostgreSQL: compared with a parameter.
    std::vector<Value> params{internal::Bool(true)};
    std::string sql =
        "SELECT r.unit_id, COUNT(DISTINCT r.user_id) FROM user_roles r JOIN users u ON u.id = "
        "r.user_id WHERE r.role = 'desk_officer' AND u.active = $1 AND r.unit_id IN (" +
        Placeholders(2, units.size()) + ") GROUP BY r.unit_id";
    for (std::int64_t id : units) {
        params.push_back(Int(id));
    }
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        out[row.Int(0)] = row.Int(1);
    }
    return out;
}

base::Result<FailurePage> FailingDossiers(Transaction& tx, const FailureQuery& q) {
    FailurePage page;
    if (q.settling_units.empty()) {
        return page;
    }
    using M = pt::Metric;
    std::vector<Value> params{Seconds(q.from), Seconds(q.to)};
    std::string where = " WHERE d.received_at IS NOT NULL";
    std::string order = "d.received_at";
    const std::string received = " AND d.received_at >= $1 AND d.received_at < $2";
    switch (q.metric) {
        case M::kResultsDigitised:
            where +=
                " AND d.finished_at >= $1 AND d.finished_at < $2 AND d.result_kind = 'issued' "
                "AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND "
                "x.role = 'result' AND x.digitised = 1)";
            order = "d.finished_at";
            break;
        case M::kComponentsDigitised:
            where += received +
                     " AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND "
                     "x.role = 'component' AND x.digitised = 1)";
            break;
        case M::kDataReuse:
            where += received +
                     " AND NOT EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND "
                     "x.role = 'component' AND x.reused_from IS NOT NULL)";
            break;
        case M::kOnlinePaymentShare:
            where += received +
                     " AND d.fee_amount > 0 AND NOT EXISTS (SELECT 1 FROM payments p WHERE "
                     "p.dossier_id = d.id AND p.status = 'paid' AND p.method = 'online')";
            break;
        case M::kOnlineDossierShare:
            if (q.procedures.empty()) {
                return page;
            }
            where += received + " AND d.channel <> 2 AND d.procedure_code IN (" +
                     Placeholders(params.size() + 1, q.procedures.size()) + ")";
            for (const std::string& code : q.procedures) {
                params.push_back(Text(code));
            }
            break;
        case M::kSatisfaction:
            where += received +
                     " AND EXISTS (SELECT 1 FROM ratings r WHERE r.dossier_id = d.id AND "
                     "(r.satisfaction = 'dissatisfied' OR r.complaint = 1))";
            break;
        default:
            return base::InvalidArgument("chỉ tiêu " + std::string(pt::MetricName(q.metric)) +
                                         " không có danh sách hồ sơ");
    }
    where += internal::SettlingUnitFilter(q.settling_units, params);
    auto count = tx.QueryOne("SELECT COUNT(*) FROM dossiers d" + where, params);
    if (!count) {
        return std::move(count).error();
    }
    page.total = *count ? (*count)->Int(0) : 0;
    params.push_back(Int(std::max(q.limit, 0)));
    auto rows = tx.Query(
        "SELECT d.code, d.procedure_code, u.code, d.channel, d.state, d.received_at, "
        "COALESCE(d.due_at, d.appointment_at), d.finished_at FROM dossiers d JOIN units u ON "
        "u.id = d.settling_unit_id" +
            where + " ORDER BY " + order + ", d.code LIMIT $" + std::to_string(params.size()),
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        FailingDossier f;
        f.code = row.Text(0);
        f.procedure_code = row.Text(1);
        f.settling_unit_code = row.Text(2);
        f.channel = static_cast<int>(row.Int(3));
        f.state = row.Text(4);
        f.received_at = ToOptSeconds(row, 5);
        f.due_at = ToOptSeconds(row, 6);
        f.finished_at = ToOptSeconds(row, 7);
        page.items.push_back(std::move(f));
    }
    return page;
}

}  // namespace motcua::store::plan_targets
