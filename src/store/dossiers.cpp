#include "store/dossiers.hpp"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "store/codec.hpp"
#include "text/unicode.hpp"

namespace motcua::store::dossiers {

namespace json = boost::json;
using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;

namespace {

constexpr std::string_view kSummaryColumns =
    "id, code, state, procedure_code, applicant_name, receiving_unit_id, settling_unit_id, "
    "current_unit_id, channel, received_at, due_at, appointment_at, finished_at, late, timing, "
    "assignee_id, version, body_json";

std::vector<Value> StateColumns(const domain::Dossier& d) {
    return {Text(d.code),
            Text(domain::DossierStateName(d.state)),
            Text(d.rule_set_id),
            Text(d.procedure_code),
            Int(d.receiving_unit_id),
            Int(d.settling_unit_id),
            Int(d.current_unit_id),
            Int(static_cast<std::int64_t>(d.channel)),
            Text(d.applicant.name),
            Text(d.applicant.id_number),
            OptInt(d.citizen_user_id),
            OptInt(d.assignee_id),
            OptSeconds(d.received_at),
            OptSeconds(d.due_at),
            OptSeconds(d.appointment_at),
            OptSeconds(d.finished_at),
            OptSeconds(d.warned_at),
            internal::Bool(d.late),
            Text(domain::TimingName(d.timing)),
            d.idempotency_key.empty() ? Value{} : Text(d.idempotency_key),
            Text(EncodeDossier(d)),
            Seconds(d.created_at),
            Seconds(d.updated_at),
            Int(d.version),
            Text(d.step_kind),
            Text(text::SearchKey(d.code + " " + d.applicant.name + " " + d.applicant.id_number)),
            Int(d.fee_amount),
            Text(d.result_kind)};
}

base::Result<domain::Dossier> FromRow(const Row& row) {
    // id, body_json, version, idempotency_key, created_at, updated_at
    auto d = DecodeDossier(row.Text(1));
    if (!d) {
        return d;
    }
    d->id = row.Int(0);
    d->version = row.Int(2);
    d->idempotency_key = row.OptText(3).value_or("");
    d->created_at = internal::ToSeconds(row.Int(4));
    d->updated_at = internal::ToSeconds(row.Int(5));
    return d;
}

// At most one row of `sql`, decoded by `decode`.
template <typename T, typename Decode>
base::Result<std::optional<T>> One(Transaction& tx, std::string_view sql,
                                   std::span<const Value> params, Decode decode) {
    auto row = tx.QueryOne(sql, params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<T>{};
    }
    base::Result<T> value = decode(**row);
    if (!value) {
        return std::move(value).error();
    }
    return std::optional<T>{std::move(*value)};
}

base::Result<std::optional<domain::Dossier>> GetWhere(Transaction& tx, std::string_view where,
                                                      Value key) {
    const std::string sql =
        "SELECT id, body_json, version, idempotency_key, created_at, updated_at FROM dossiers "
        "WHERE " +
        std::string(where);
    const std::array<Value, 1> params{std::move(key)};
    return One<domain::Dossier>(tx, sql, params, FromRow);
}

std::string DetailsJson(const domain::DossierEvent& e) {
    json::object o;
    for (const auto& [k, v] : e.details) {
        o[k] = v;
    }
    return json::serialize(o);
}

std::string AttachmentsJson(const std::vector<std::string>& list) {
    json::array a;
    for (const std::string& s : list) {
        a.emplace_back(s);
    }
    return json::serialize(a);
}

base::Result<domain::Process> ProcessFromRow(const Row& row) {
    // id, procedure_code, scope_unit_id, version, note, steps_json
    domain::Process p;
    p.id = row.Int(0);
    p.procedure_code = row.Text(1);
    if (row.Int(2) != 0) {
        p.unit_id = row.Int(2);
    }
    p.version = row.Int(3);
    p.note = row.Text(4);
    auto steps = DecodeSteps(row.Text(5));
    if (!steps) {
        return internal::CorruptValue("processes.steps_json", row.Text(5));
    }
    p.steps = std::move(*steps);
    return p;
}

constexpr std::string_view kProcessColumns =
    "id, procedure_code, scope_unit_id, version, note, steps_json";

}  // namespace

base::Result<std::int64_t> Insert(Transaction& tx, const domain::Dossier& dossier) {
    std::vector<Value> params = StateColumns(dossier);
    return internal::InsertReturningId(
        tx,
        "INSERT INTO dossiers (code, state, rule_set_id, procedure_code, receiving_unit_id, "
        "settling_unit_id, current_unit_id, channel, applicant_name, applicant_id, "
        "citizen_user_id, assignee_id, received_at, due_at, appointment_at, finished_at, "
        "warned_at, late, timing, idempotency_key, body_json, created_at, updated_at, version, "
        "step_kind, search_key, fee_amount, result_kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
        "$27, $28) RETURNING id",
        params, base::ErrorCode::kAlreadyExists,
        "hồ sơ đã tồn tại (trùng mã hồ sơ hoặc khóa chống nộp trùng)");
}

PreparedUpdate PrepareUpdate(const domain::Dossier& d, std::int64_t expected_version) {
    PreparedUpdate u;
    u.id = d.id;
    u.code = d.code;
    // Only what actions change: the indexes on fixed columns (code, units received and settled
    // at, applicant) are not touched by an action's UPDATE.
    u.params = {Text(domain::DossierStateName(d.state)),
                Int(d.current_unit_id),
                OptInt(d.assignee_id),
                OptSeconds(d.received_at),
                OptSeconds(d.due_at),
                OptSeconds(d.appointment_at),
                OptSeconds(d.finished_at),
                OptSeconds(d.warned_at),
                internal::Bool(d.late),
                Text(domain::TimingName(d.timing)),
                Text(EncodeDossier(d)),
                Seconds(d.updated_at),
                Int(d.version),
                Text(d.step_kind),
                Int(d.id),
                Int(expected_version),
                Int(d.fee_amount),
                Text(d.result_kind)};
    return u;
}

base::Status Update(Transaction& tx, const PreparedUpdate& u) {
    auto changed = tx.Execute(
        "UPDATE dossiers SET state = $1, current_unit_id = $2, assignee_id = $3, "
        "received_at = $4, due_at = $5, appointment_at = $6, finished_at = $7, warned_at = $8, "
        "late = $9, timing = $10, body_json = $11, updated_at = $12, version = $13, "
        "step_kind = $14, fee_amount = $17, result_kind = $18 WHERE id = $15 AND version = $16",
        u.params);
    if (!changed) {
        return changed.error();
    }
    if (*changed == 0) {
        const std::array<Value, 1> id{Int(u.id)};
        auto exists = tx.QueryOne("SELECT 1 FROM dossiers WHERE id = $1", id);
        if (!exists) {
            return exists.error();
        }
        if (!*exists) {
            return base::NotFound("không có hồ sơ " + u.code);
        }
        return internal::StaleVersion("hồ sơ " + u.code);
    }
    return {};
}

base::Status Update(Transaction& tx, const domain::Dossier& dossier,
                    std::int64_t expected_version) {
    return Update(tx, PrepareUpdate(dossier, expected_version));
}

base::Result<std::optional<domain::Dossier>> Get(Transaction& tx, std::int64_t id) {
    return GetWhere(tx, "id = $1", Int(id));
}

base::Result<std::optional<domain::Dossier>> GetByCode(Transaction& tx, std::string_view code) {
    return GetWhere(tx, "code = $1", Text(code));
}

base::Result<std::optional<domain::Dossier>> GetByIdempotencyKey(Transaction& tx,
                                                                 std::string_view key) {
    return GetWhere(tx, "idempotency_key = $1", Text(key));
}

PreparedEvent PrepareEvent(const domain::DossierEvent& e) {
    return PreparedEvent{
        {Int(e.dossier_id), Int(e.seq), Seconds(e.at), OptInt(e.actor_id), Text(e.actor_name),
         Text(domain::ActionKindName(e.action)), Text(domain::DossierStateName(e.from)),
         Text(domain::DossierStateName(e.to)), Text(e.reason), Int(e.unit_id), Text(e.step_key),
         Text(DetailsJson(e)), Text(AttachmentsJson(e.attachments))}};
}

base::Status AppendEvent(Transaction& tx, const PreparedEvent& e) {
    auto done = tx.Execute(
        "INSERT INTO dossier_events (dossier_id, seq, at, actor_user_id, actor_name, action, "
        "from_state, to_state, reason, unit_id, step_key, details_json, attachments_json) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        e.params);
    if (!done) {
        return done.error();
    }
    return {};
}

base::Status AppendEvent(Transaction& tx, const domain::DossierEvent& e) {
    return AppendEvent(tx, PrepareEvent(e));
}

base::Result<std::vector<ExportedEvent>> ExportEvents(Transaction& tx, std::int64_t after_dossier,
                                                      std::int64_t after_seq, int limit) {
    const std::array<Value, 3> params{Int(after_dossier), Int(after_seq),
                                      Int(std::clamp(limit, 1, 100'000))};
    auto rows = tx.Query(
        "SELECT e.dossier_id, d.code, d.procedure_code, ru.code, su.code, d.channel, e.seq, e.at, "
        "e.action, e.from_state, e.to_state, COALESCE(eu.code, ''), e.actor_user_id, e.step_key, "
        "e.reason, e.details_json FROM dossier_events e "
        "JOIN dossiers d ON d.id = e.dossier_id "
        "JOIN units ru ON ru.id = d.receiving_unit_id "
        "JOIN units su ON su.id = d.settling_unit_id "
        "LEFT JOIN units eu ON eu.id = e.unit_id "
        "WHERE e.dossier_id > $1 OR (e.dossier_id = $1 AND e.seq > $2) "
        "ORDER BY e.dossier_id, e.seq LIMIT $3",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ExportedEvent> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        ExportedEvent e;
        e.dossier_id = row.Int(0);
        e.dossier_code = row.Text(1);
        e.procedure_code = row.Text(2);
        e.receiving_unit = row.Text(3);
        e.settling_unit = row.Text(4);
        e.channel = static_cast<domain::Channel>(row.Int(5));
        e.seq = row.Int(6);
        e.at = internal::ToSeconds(row.Int(7));
        e.action = row.Text(8);
        e.from_state = row.Text(9);
        e.to_state = row.Text(10);
        e.unit = row.Text(11);
        e.actor_user_id = row.OptInt(12);
        e.step_key = row.Text(13);
        e.reason = row.Text(14);
        e.details_json = row.Text(15);
        out.push_back(std::move(e));
    }
    return out;
}

base::Result<std::vector<domain::DossierEvent>> Events(Transaction& tx, std::int64_t dossier_id) {
    const std::array<Value, 1> params{Int(dossier_id)};
    auto rows = tx.Query(
        "SELECT dossier_id, seq, at, actor_user_id, actor_name, action, from_state, to_state, "
        "reason, unit_id, step_key, details_json, attachments_json FROM dossier_events "
        "WHERE dossier_id = $1 ORDER BY seq",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::DossierEvent> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        domain::DossierEvent e;
        e.dossier_id = row.Int(0);
        e.seq = row.Int(1);
        e.at = internal::ToSeconds(row.Int(2));
        e.actor_id = row.OptInt(3);
        e.actor_name = row.Text(4);
        auto action = domain::ParseActionKind(row.Text(5));
        auto from = domain::ParseDossierState(row.Text(6));
        auto to = domain::ParseDossierState(row.Text(7));
        if (!action || !from || !to) {
            return internal::CorruptValue("dossier_events.action", row.Text(5));
        }
        e.action = *action;
        e.from = *from;
        e.to = *to;
        e.reason = row.Text(8);
        e.unit_id = row.Int(9);
        e.step_key = row.Text(10);
        boost::system::error_code ec;
        const json::value details = json::parse(row.Text(11), ec);
        if (!ec && details.is_object()) {
            for (const auto& kv : details.as_object()) {
                if (kv.value().is_string()) {
                    e.details.emplace_back(std::string(kv.key()),
                                           std::string(kv.value().as_string()));
                }
            }
        }
        const json::value attachments = json::parse(row.Text(12), ec);
        if (!ec && attachments.is_array()) {
            for (const json::value& a : attachments.as_array()) {
                if (a.is_string()) {
                    e.attachments.emplace_back(a.as_string());
                }
            }
        }
        out.push_back(std::move(e));
    }
    return out;
}

base::Result<std::int64_t> NextCodeNumber(Transaction& tx, std::string_view prefix,
                                          std::chrono::sys_days day) {
    const std::array<Value, 2> params{Text(prefix), internal::Day(day)};
    auto rows = tx.Query(
        "INSERT INTO dossier_code_counters (prefix, day, last) VALUES ($1, $2, 1) "
        "ON CONFLICT (prefix, day) DO UPDATE SET last = dossier_code_counters.last + 1 "
        "RETURNING last",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    if (rows->empty()) {
        return base::Internal("dossier code counter returned no row");
    }
    return rows->front().Int(0);
}

base::Result<std::vector<Summary>> List(Transaction& tx, const Filter& f) {
    std::string sql = "SELECT " + std::string(kSummaryColumns) + " FROM dossiers WHERE 1 = 1";
    std::vector<Value> params;
    const auto next = [&params](Value v) {
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    };
    const auto in_list = [&](const char* column, const std::vector<std::int64_t>& ids) {
        std::string s = std::string(column) + " IN (";
        for (size_t i = 0; i < ids.size(); ++i) {
            s += (i == 0 ? "" : ", ") + next(Int(ids[i]));
        }
        return s + ")";
    };
    if (!f.current_units.empty()) {
        sql += " AND " + in_list("current_unit_id", f.current_units);
    }
    if (!f.involved_units.empty()) {
        sql += " AND (" + in_list("current_unit_id", f.involved_units) + " OR " +
               in_list("receiving_unit_id", f.involved_units) + " OR " +
               in_list("settling_unit_id", f.involved_units) + ")";
    }
    if (!f.states.empty()) {
        sql += " AND state IN (";
        for (size_t i = 0; i < f.states.size(); ++i) {
            sql += (i == 0 ? "" : ", ") + next(Text(domain::DossierStateName(f.states[i])));
        }
        sql += ")";
    }
    if (f.assignee_id) {
        sql += " AND assignee_id = " + next(Int(*f.assignee_id));
    }
    if (f.citizen_user_id) {
        sql += " AND citizen_user_id = " + next(Int(*f.citizen_user_id));
    }
    if (f.due_before) {
        sql += " AND finished_at IS NULL AND due_at IS NOT NULL AND due_at < " +
               next(Seconds(*f.due_before));
    }
    if (f.late) {
        sql += " AND late = " + next(internal::Bool(*f.late));
    }
    if (f.open_only) {
        sql += " AND finished_at IS NULL";
    }
    if (!f.text.empty()) {
        // Diacritic- and case-insensitive: "nguyen van" finds "Nguyễn Văn".
        const std::string key = text::SearchKey(f.text);
        if (!key.empty()) {
            sql += " AND instr(search_key, " + next(Text(key)) + ") > 0";
        }
    }
    if (!f.step_kind.empty()) {
        sql += " AND step_kind = " + next(Text(f.step_kind));
    }
    if (f.before_id) {
        sql += " AND id < " + next(Int(*f.before_id));
    }
    sql += " ORDER BY id DESC LIMIT " + next(Int(std::clamp(f.limit, 1, 200)));
    if (tx.dialect() == Dialect::kPostgres) {
        // PostgreSQL spells instr as strpos.
        for (size_t pos = sql.find("instr("); pos != std::string::npos;
             pos = sql.find("instr(", pos)) {
            sql.replace(pos, 6, "strpos(");
        }
    }
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Summary> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        Summary s;
        s.id = row.Int(0);
        s.code = row.Text(1);
        auto state = domain::ParseDossierState(row.Text(2));
        if (!state) {
            return internal::CorruptValue("dossiers.state", row.Text(2));
        }
        s.state = *state;
        s.procedure_code = row.Text(3);
        s.applicant_name = row.Text(4);
        s.receiving_unit_id = row.Int(5);
        s.settling_unit_id = row.Int(6);
        s.current_unit_id = row.Int(7);
        s.channel = static_cast<domain::Channel>(row.Int(8));
        s.received_at = internal::ToOptSeconds(row, 9);
        s.due_at = internal::ToOptSeconds(row, 10);
        s.appointment_at = internal::ToOptSeconds(row, 11);
        s.finished_at = internal::ToOptSeconds(row, 12);
        s.late = row.Int(13) != 0;
        for (domain::Timing t : {domain::Timing::kPending, domain::Timing::kEarly,
                                 domain::Timing::kOnTime, domain::Timing::kLate}) {
            if (domain::TimingName(t) == row.Text(14)) {
                s.timing = t;
            }
        }
        s.assignee_id = row.OptInt(15);
        s.version = row.Int(16);
        auto body = DecodeDossier(row.Text(17));
        if (body) {
            s.procedure_name = body->procedure_name;
        }
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

base::Result<std::vector<std::int64_t>> Ids(Transaction& tx, std::string_view sql,
                                            std::span<const Value> params) {
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::int64_t> ids;
    for (const Row& row : *rows) {
        ids.push_back(row.Int(0));
    }
    return ids;
}

}  // namespace

base::Result<std::vector<std::int64_t>> ReceivedAt(Transaction& tx, std::int64_t unit_id,
                                                   std::chrono::sys_seconds from,
                                                   std::chrono::sys_seconds to, int limit) {
    const std::array<Value, 4> params{Int(unit_id), Seconds(from), Seconds(to), Int(limit)};
    return Ids(tx,
               "SELECT id FROM dossiers WHERE receiving_unit_id = $1 AND created_at >= $2 AND "
               "created_at < $3 ORDER BY id LIMIT $4",
               params);
}

base::Result<std::vector<std::int64_t>> DueForWarning(Transaction& tx,
                                                      std::chrono::sys_seconds before, int limit) {
    const std::array<Value, 2> params{Seconds(before), Int(limit)};
    return Ids(tx,
               "SELECT id FROM dossiers WHERE finished_at IS NULL AND due_at IS NOT NULL "
               "AND due_at < $1 AND warned_at IS NULL AND state IN ('received', 'processing', "
               "'approved') ORDER BY due_at LIMIT $2",
               params);
}

base::Result<std::vector<std::int64_t>> PastDue(Transaction& tx, std::chrono::sys_seconds now,
                                                int limit) {
    const std::array<Value, 2> params{Seconds(now), Int(limit)};
    return Ids(tx,
               "SELECT id FROM dossiers WHERE finished_at IS NULL AND due_at IS NOT NULL "
               "AND due_at < $1 AND late = 0 AND state NOT IN ('returned_for_supplement', "
               "'awaiting_supplement') ORDER BY due_at LIMIT $2",
               params);
}

base::Result<domain::Process> InsertProcess(Transaction& tx, domain::Process process,
                                            std::optional<std::int64_t> created_by,
                                            std::chrono::sys_seconds at) {
    const std::array<Value, 2> key{Text(process.procedure_code), Int(process.unit_id.value_or(0))};
    auto last = tx.QueryOne(
        "SELECT COALESCE(MAX(version), 0) FROM processes WHERE procedure_code = $1 AND "
        "scope_unit_id = $2",
        key);
    if (!last) {
        return std::move(last).error();
    }
    const std::int64_t current = *last ? (*last)->Int(0) : 0;
    if (process.version != current) {
        return internal::StaleVersion("quy trình của thủ tục " + process.procedure_code);
    }
    process.version = current + 1;
    const std::array<Value, 7> params{Text(process.procedure_code),
                                      Int(process.unit_id.value_or(0)),
                                      Int(process.version),
                                      Text(process.note),
                                      Text(EncodeSteps(process.steps)),
                                      Seconds(at),
                                      OptInt(created_by)};
    auto rows = tx.Query(
        "INSERT INTO processes (procedure_code, scope_unit_id, version, note, steps_json, "
        "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        params);
    if (!rows) {
        return internal::Rephrase(std::move(rows).error(), base::ErrorCode::kAlreadyExists,
                                  "quy trình vừa được người khác thay đổi; hãy tải lại");
    }
    process.id = rows->front().Int(0);
    return process;
}

base::Result<std::optional<domain::Process>> LatestProcess(Transaction& tx,
                                                           std::string_view procedure_code,
                                                           std::optional<std::int64_t> unit_id) {
    const std::array<Value, 2> params{Text(procedure_code), Int(unit_id.value_or(0))};
    return One<domain::Process>(tx,
                                "SELECT " + std::string(kProcessColumns) +
                                    " FROM processes WHERE procedure_code = $1 AND scope_unit_id "
                                    "IN ($2, 0) ORDER BY scope_unit_id DESC, version DESC LIMIT 1",
                                params, ProcessFromRow);
}

base::Result<std::optional<domain::Process>> GetProcess(Transaction& tx, std::int64_t id) {
    const std::array<Value, 1> params{Int(id)};
    return One<domain::Process>(
        tx, "SELECT " + std::string(kProcessColumns) + " FROM processes WHERE id = $1", params,
        ProcessFromRow);
}

base::Result<std::vector<domain::Process>> ProcessHistory(Transaction& tx,
                                                          std::string_view procedure_code) {
    const std::array<Value, 1> params{Text(procedure_code)};
    auto rows = tx.Query("SELECT " + std::string(kProcessColumns) +
                             " FROM processes WHERE procedure_code = $1 ORDER BY scope_unit_id, "
                             "version DESC",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<domain::Process> out;
    for (const Row& row : *rows) {
        auto p = ProcessFromRow(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

base::Status Notify(Transaction& tx, const Notification& n) {
    const std::array<Value, 6> params{OptInt(n.recipient_user_id),
                                      OptInt(n.recipient_unit_id),
                                      OptInt(n.dossier_id),
                                      Text(n.kind),
                                      Text(n.message),
                                      Seconds(n.created_at)};
    auto done = tx.Execute(
        "INSERT INTO notifications (recipient_user_id, recipient_unit_id, dossier_id, kind, "
        "message, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        params);
    if (!done) {
        return done.error();
    }
    return {};
}

base::Result<std::vector<Notification>> NotificationsFor(Transaction& tx,
                                                         std::optional<std::int64_t> user_id,
                                                         const std::vector<std::int64_t>& unit_ids,
                                                         int limit) {
    std::vector<Value> params{OptInt(user_id)};
    std::string units = "-1";
    for (std::int64_t id : unit_ids) {
        params.push_back(Int(id));
        units += ", $" + std::to_string(params.size());
    }
    params.push_back(Int(std::clamp(limit, 1, 200)));
    auto rows = tx.Query(
        "SELECT id, recipient_user_id, recipient_unit_id, dossier_id, kind, message, created_at, "
        "sent_at FROM notifications WHERE recipient_user_id = $1 OR recipient_unit_id IN (" +
            units + ") ORDER BY id DESC LIMIT $" + std::to_string(params.size()),
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Notification> out;
    for (const Row& row : *rows) {
        Notification n;
        n.id = row.Int(0);
        n.recipient_user_id = row.OptInt(1);
        n.recipient_unit_id = row.OptInt(2);
        n.dossier_id = row.OptInt(3);
        n.kind = row.Text(4);
        n.message = row.Text(5);
        n.created_at = internal::ToSeconds(row.Int(6));
        n.sent_at = internal::ToOptSeconds(row, 7);
        out.push_back(std::move(n));
    }
    return out;
}

// Issue #6 (form 06, engineer G).
base::Result<std::vector<ReportFact>> ReportFacts(Transaction& tx,
                                                  const std::vector<std::int64_t>& settling_units,
                                                  std::chrono::sys_seconds after,
                                                  std::chrono::sys_seconds before,
                                                  std::chrono::sys_days field_day, int limit) {
    if (settling_units.empty()) {
        return std::vector<ReportFact>{};
    }
    std::vector<Value> params{Seconds(after), Seconds(before), internal::Day(field_day)};
    std::string units;
    for (std::int64_t id : settling_units) {
        params.push_back(Int(id));
        units += (units.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    params.push_back(Int(std::max(limit, 1)));
    auto rows = tx.Query(
        "SELECT d.id, d.settling_unit_id, d.channel, d.received_at, d.due_at, d.appointment_at, "
        "d.finished_at, d.late, d.timing, COALESCE((SELECT p.field FROM procedures p WHERE "
        "p.code = d.procedure_code ORDER BY CASE WHEN p.effective_from <= $3 THEN 0 ELSE 1 END, "
        "p.effective_from DESC LIMIT 1), '') FROM dossiers d WHERE d.received_at IS NOT NULL "
        "AND d.received_at < $2 AND (d.finished_at IS NULL OR d.finished_at >= $1) AND "
        "d.settling_unit_id IN (" +
            units + ") ORDER BY d.id LIMIT $" + std::to_string(params.size()),
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ReportFact> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        ReportFact f;
        f.id = row.Int(0);
        f.settling_unit_id = row.Int(1);
        f.channel = static_cast<domain::Channel>(row.Int(2));
        f.received_at = internal::ToOptSeconds(row, 3);
        f.due_at = internal::ToOptSeconds(row, 4);
        f.appointment_at = internal::ToOptSeconds(row, 5);
        f.finished_at = internal::ToOptSeconds(row, 6);
        f.late = row.Int(7) != 0;
        for (domain::Timing t : {domain::Timing::kPending, domain::Timing::kEarly,
                                 domain::Timing::kOnTime, domain::Timing::kLate}) {
            if (domain::TimingName(t) == row.Text(8)) {
                f.timing = t;
            }
        }
        f.field = row.Text(9);
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace motcua::store::dossiers
