#include "store/plans.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "store/codec.hpp"

namespace motcua::store::plans {

namespace {

using internal::Int;
using internal::OptInt;
using internal::Placeholders;
using internal::Seconds;
using internal::Text;
using internal::ToOptSeconds;
using internal::ToSeconds;

base::Result<std::int64_t> InsertReturningId(Transaction& tx, std::string_view sql,
                                             std::span<const Value> params) {
    return internal::InsertReturningId(tx, sql, params);
}

base::Status Exec(Transaction& tx, std::string_view sql, std::span<const Value> params) {
    auto done = tx.Execute(sql, params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

std::string JoinLines(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) {
        if (!out.empty()) {
            out += '\n';
        }
        out += n;
    }
    return out;
}

std::vector<std::string> SplitOn(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t end = text.find(sep, start);
        out.push_back(
            text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return out;
}

std::string JoinDays(const std::vector<std::chrono::sys_days>& days) {
    std::string out;
    for (auto d : days) {
        if (!out.empty()) {
            out += ',';
        }
        out += internal::FormatDay(d);
    }
    return out;
}

base::Result<std::vector<std::chrono::sys_days>> ParseDays(const std::string& text) {
    std::vector<std::chrono::sys_days> out;
    for (const std::string& part : SplitOn(text, ',')) {
        auto d = internal::ParseDay(part);
        if (!d) {
            return std::move(d).error();
        }
        out.push_back(*d);
    }
    return out;
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::int64_t id : ids) {
        if (!out.empty()) {
            out += ',';
        }
        out += std::to_string(id);
    }
    return out;
}

std::vector<std::int64_t> ParseIds(const std::string& text) {
    std::vector<std::int64_t> out;
    for (const std::string& part : SplitOn(text, ',')) {
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (ec == std::errc() && end == part.data() + part.size()) {
            out.push_back(v);
        }
    }
    return out;
}

constexpr std::string_view kHeadColumns =
    "id, issuing_unit_id, title, decision_number, decision_date, year, parent_plan_id, plan_key, "
    "format, status, version, created_by, created_at, updated_by, updated_at";

Head HeadFrom(const Row& r) {
    Head h;
    h.id = r.Int(0);
    h.issuing_unit_id = r.Int(1);
    h.title = r.Text(2);
    h.decision_number = r.Text(3);
    h.decision_date = r.Text(4);
    h.year = static_cast<int>(r.Int(5));
    h.parent_plan_id = r.OptInt(6);
    h.plan_key = r.Text(7);
    h.format = r.Text(8);
    h.status = r.Text(9);
    h.version = r.Int(10);
    h.created_by = r.OptInt(11);
    h.created_at = ToSeconds(r.Int(12));
    h.updated_by = r.OptInt(13);
    h.updated_at = ToSeconds(r.Int(14));
    return h;
}

base::Status NotFoundUnlessChanged(const base::Result<std::int64_t>& changed, std::string what) {
    if (!changed) {
        return changed.error();
    }
    if (*changed == 0) {
        return base::NotFound(std::move(what));
    }
    return {};
}

}  // namespace

base::Result<std::int64_t> InsertHead(Transaction& tx, const Head& h) {
    const std::array params{Int(h.issuing_unit_id), Text(h.title),        Text(h.decision_number),
                            Text(h.decision_date),  Int(h.year),          OptInt(h.parent_plan_id),
                            Text(h.plan_key),       Text(h.format),       Text(h.status),
                            Int(h.version),         OptInt(h.created_by), Seconds(h.created_at),
                            OptInt(h.updated_by),   Seconds(h.updated_at)};
    auto id = InsertReturningId(
        tx,
        "INSERT INTO plans (issuing_unit_id, title, decision_number, decision_date, year, "
        "parent_plan_id, plan_key, format, status, version, created_by, created_at, updated_by, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
        "RETURNING id",
        params);
    if (!id) {
        base::Error e =
            internal::Rephrase(std::move(id).error(), base::ErrorCode::kAlreadyExists,
                               "đơn vị đã có kế hoạch theo quyết định số " + h.decision_number);
        return internal::Rephrase(std::move(e), base::ErrorCode::kFailedPrecondition,
                                  "không có đơn vị ban hành hoặc kế hoạch cấp trên đã nêu");
    }
    return id;
}

base::Result<std::int64_t> InsertSection(Transaction& tx, std::int64_t plan_id, int position,
                                         const Section& s) {
    const std::array params{Int(plan_id), Int(position), Text(s.number), Text(s.title),
                            Int(s.line)};
    return InsertReturningId(tx,
                             "INSERT INTO plan_sections (plan_id, position, number, title, line) "
                             "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                             params);
}

base::Result<std::int64_t> InsertTask(Transaction& tx, std::int64_t plan_id,
                                      std::int64_t section_id, int position, const Task& t) {
    const std::array params{Int(plan_id),  Int(section_id), Int(position), Text(t.number),
                            Text(t.group), Text(t.content), Int(t.line)};
    return InsertReturningId(tx,
                             "INSERT INTO plan_tasks (plan_id, section_id, position, number, "
                             "task_group, content, line) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                             "RETURNING id",
                             params);
}

base::Result<std::int64_t> InsertDeliverable(Transaction& tx, std::int64_t plan_id,
                                             std::int64_t task_id, int position,
                                             const Deliverable& d) {
    const std::array params{Int(plan_id),
                            Int(task_id),
                            Int(position),
                            Int(d.line),
                            Text(d.product),
                            Text(d.lead_raw),
                            Text(JoinLines(d.lead_names)),
                            Text(d.cooperating_raw),
                            Text(JoinLines(d.cooperating_names)),
                            Text(d.deadline_phrase),
                            Text(d.deadline_kind),
                            Text(JoinDays(d.due)),
                            Text(d.recurrence),
                            Text(d.deadline_event),
                            Text(d.deadline_note),
                            OptInt(d.parent_deliverable_id)};
    auto id = InsertReturningId(
        tx,
        "INSERT INTO plan_deliverables (plan_id, task_id, position, line, product, lead_raw, "
        "lead_names, cooperating_raw, cooperating_names, deadline_phrase, deadline_kind, "
        "due_dates, recurrence, deadline_event, deadline_note, parent_deliverable_id) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        params);
    if (!id) {
        return id;
    }
    if (base::Status s = AddAssignments(tx, plan_id, *id, d.assignments); !s) {
        return s.error();
    }
    return id;
}

base::Result<std::int64_t> InsertUnmatched(Transaction& tx, std::int64_t plan_id,
                                           std::int64_t deliverable_id, const std::string& role,
                                           const std::string& name) {
    const std::array params{Int(plan_id), Int(deliverable_id), Text(role), Text(name)};
    return InsertReturningId(tx,
                             "INSERT INTO plan_unmatched_names (plan_id, deliverable_id, role, "
                             "name) VALUES ($1, $2, $3, $4) RETURNING id",
                             params);
}

base::Result<std::int64_t> InsertProblem(Transaction& tx, std::int64_t plan_id, std::int64_t line,
                                         const std::string& reason) {
    const std::array params{Int(plan_id), Int(line), Text(reason)};
    return InsertReturningId(
        tx, "INSERT INTO plan_problems (plan_id, line, reason) VALUES ($1, $2, $3) RETURNING id",
        params);
}

base::Result<std::int64_t> Touch(Transaction& tx, std::int64_t plan_id,
                                 std::int64_t expected_version, std::optional<std::int64_t> by,
                                 std::chrono::sys_seconds at) {
    const std::array params{Int(plan_id), Int(expected_version), OptInt(by), Seconds(at)};
    auto changed = tx.Execute(
        "UPDATE plans SET version = version + 1, updated_by = $3, updated_at = $4 WHERE id = $1 "
        "AND version = $2",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        const std::array id{Int(plan_id)};
        auto exists = tx.QueryOne("SELECT version FROM plans WHERE id = $1", id);
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return base::NotFound("không có kế hoạch số " + std::to_string(plan_id));
        }
        return internal::StaleVersion("kế hoạch");
    }
    return expected_version + 1;
}

base::Status SetStatus(Transaction& tx, std::int64_t plan_id, const std::string& status,
                       const std::string& plan_key) {
    const std::array params{Int(plan_id), Text(status), Text(plan_key)};
    return NotFoundUnlessChanged(
        tx.Execute("UPDATE plans SET status = $2, plan_key = $3 WHERE id = $1", params),
        "không có kế hoạch số " + std::to_string(plan_id));
}

base::Status UpdateDeliverable(Transaction& tx, const Deliverable& d) {
    const std::array params{Int(d.id),
                            Text(d.product),
                            Text(d.deadline_phrase),
                            Text(d.deadline_kind),
                            Text(JoinDays(d.due)),
                            Text(d.recurrence),
                            Text(d.deadline_event),
                            Text(d.deadline_note)};
    return NotFoundUnlessChanged(
        tx.Execute("UPDATE plan_deliverables SET product = $2, deadline_phrase = $3, "
                   "deadline_kind = $4, due_dates = $5, recurrence = $6, deadline_event = $7, "
                   "deadline_note = $8 WHERE id = $1",
                   params),
        "không có sản phẩm số " + std::to_string(d.id));
}

base::Status AddAssignments(Transaction& tx, std::int64_t plan_id, std::int64_t deliverable_id,
                            const std::vector<Assignment>& assignments) {
    for (const Assignment& a : assignments) {
        const std::array params{Int(deliverable_id), Int(a.unit_id), Text(a.role), Int(plan_id)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO plan_assignments (deliverable_id, unit_id, role, "
                                  "plan_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                                  params);
            !s) {
            return internal::Rephrase(s.error(), base::ErrorCode::kFailedPrecondition,
                                      "không có đơn vị số " + std::to_string(a.unit_id));
        }
    }
    return {};
}

base::Status ResolveUnmatched(Transaction& tx, std::int64_t plan_id, std::int64_t unmatched_id,
                              std::optional<std::int64_t> by, std::chrono::sys_seconds at) {
    const std::array key{Int(unmatched_id), Int(plan_id)};
    auto row = tx.QueryOne(
        "SELECT resolved FROM plan_unmatched_names WHERE id = $1 AND plan_id = $2", key);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return base::NotFound("kế hoạch không có tên đơn vị chưa khớp số " +
                              std::to_string(unmatched_id));
    }
    const std::array params{Int(unmatched_id), OptInt(by), Seconds(at)};
    return Exec(tx,
                "UPDATE plan_unmatched_names SET resolved = 1, resolved_by = $2, resolved_at = $3 "
                "WHERE id = $1",
                params);
}

base::Status ResolveProblem(Transaction& tx, std::int64_t plan_id, std::int64_t problem_id,
                            const std::string& resolution, std::optional<std::int64_t> by,
                            std::chrono::sys_seconds at) {
    const std::array params{Int(problem_id), Int(plan_id), Text(resolution), OptInt(by),
                            Seconds(at)};
    return NotFoundUnlessChanged(
        tx.Execute("UPDATE plan_problems SET resolved = 1, resolution = $3, resolved_by = $4, "
                   "resolved_at = $5 WHERE id = $1 AND plan_id = $2",
                   params),
        "kế hoạch không có lỗi nhập số " + std::to_string(problem_id));
}

base::Result<std::optional<Plan>> Get(Transaction& tx, std::int64_t plan_id) {
    const std::array id{Int(plan_id)};
    auto head =
        tx.QueryOne("SELECT " + std::string(kHeadColumns) + " FROM plans WHERE id = $1", id);
    if (!head) {
        return std::move(head).error();
    }
    if (!*head) {
        return std::optional<Plan>{};
    }
    Plan plan;
    plan.head = HeadFrom(**head);
    auto sections = tx.Query(
        "SELECT id, line, number, title FROM plan_sections WHERE plan_id = $1 ORDER BY position",
        id);
    if (!sections) {
        return std::move(sections).error();
    }
    std::map<std::int64_t, std::size_t> section_index;
    for (const Row& r : *sections) {
        section_index[r.Int(0)] = plan.sections.size();
        plan.sections.push_back(Section{r.Int(0), r.Int(1), r.Text(2), r.Text(3), {}});
    }
    auto tasks = tx.Query(
        "SELECT id, section_id, line, number, task_group, content FROM plan_tasks WHERE plan_id "
        "= $1 ORDER BY section_id, position",
        id);
    if (!tasks) {
        return std::move(tasks).error();
    }
    std::map<std::int64_t, std::pair<std::size_t, std::size_t>> task_index;
    for (const Row& r : *tasks) {
        auto s = section_index.find(r.Int(1));
        if (s == section_index.end()) {
            return internal::CorruptValue("plan_tasks.section_id", std::to_string(r.Int(1)));
        }
        auto& list = plan.sections[s->second].tasks;
        task_index[r.Int(0)] = {s->second, list.size()};
        list.push_back(Task{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), {}});
    }
    auto assignments = tx.Query(
        "SELECT deliverable_id, unit_id, role FROM plan_assignments WHERE plan_id = $1 ORDER BY "
        "deliverable_id, role DESC, unit_id",
        id);
    if (!assignments) {
        return std::move(assignments).error();
    }
    std::map<std::int64_t, std::vector<Assignment>> by_deliverable;
    for (const Row& r : *assignments) {
        by_deliverable[r.Int(0)].push_back(Assignment{r.Int(1), r.Text(2)});
    }
    auto deliverables = tx.Query(
        "SELECT id, task_id, line, product, lead_raw, lead_names, cooperating_raw, "
        "cooperating_names, deadline_phrase, deadline_kind, due_dates, recurrence, "
        "deadline_event, deadline_note, parent_deliverable_id FROM plan_deliverables WHERE "
        "plan_id = $1 ORDER BY task_id, position",
        id);
    if (!deliverables) {
        return std::move(deliverables).error();
    }
    for (const Row& r : *deliverables) {
        auto t = task_index.find(r.Int(1));
        if (t == task_index.end()) {
            return internal::CorruptValue("plan_deliverables.task_id", std::to_string(r.Int(1)));
        }
        Deliverable d;
        d.id = r.Int(0);
        d.task_id = r.Int(1);
        d.line = r.Int(2);
        d.product = r.Text(3);
        d.lead_raw = r.Text(4);
        d.lead_names = SplitOn(r.Text(5), '\n');
        d.cooperating_raw = r.Text(6);
        d.cooperating_names = SplitOn(r.Text(7), '\n');
        d.deadline_phrase = r.Text(8);
        d.deadline_kind = r.Text(9);
        auto due = ParseDays(r.Text(10));
        if (!due) {
            return std::move(due).error();
        }
        d.due = std::move(*due);
        d.recurrence = r.Text(11);
        d.deadline_event = r.Text(12);
        d.deadline_note = r.Text(13);
        d.parent_deliverable_id = r.OptInt(14);
        if (auto a = by_deliverable.find(d.id); a != by_deliverable.end()) {
            d.assignments = std::move(a->second);
        }
        plan.sections[t->second.first].tasks[t->second.second].deliverables.push_back(std::move(d));
    }
    auto unmatched = tx.Query(
        "SELECT id, deliverable_id, role, name, resolved, resolved_by, resolved_at FROM "
        "plan_unmatched_names WHERE plan_id = $1 ORDER BY id",
        id);
    if (!unmatched) {
        return std::move(unmatched).error();
    }
    for (const Row& r : *unmatched) {
        plan.unmatched.push_back(UnmatchedName{r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                                               r.Int(4) != 0, r.OptInt(5), ToOptSeconds(r, 6)});
    }
    auto problems = tx.Query(
        "SELECT id, line, reason, resolved, resolution, resolved_by, resolved_at FROM "
        "plan_problems WHERE plan_id = $1 ORDER BY line, id",
        id);
    if (!problems) {
        return std::move(problems).error();
    }
    for (const Row& r : *problems) {
        plan.problems.push_back(Problem{r.Int(0), r.Int(1), r.Text(2), r.Int(3) != 0, r.Text(4),
                                        r.OptInt(5), ToOptSeconds(r, 6)});
    }
    return std::optional<Plan>{std::move(plan)};
}

base::Result<std::vector<Head>> List(Transaction& tx, const std::vector<std::int64_t>& unit_ids) {
    std::vector<Value> params;
    std::string sql = "SELECT " + std::string(kHeadColumns) + " FROM plans";
    if (!unit_ids.empty()) {
        sql += " WHERE issuing_unit_id IN (" + Placeholders(1, unit_ids.size()) + ")";
        for (std::int64_t id : unit_ids) {
            params.push_back(Int(id));
        }
    }
    sql += " ORDER BY year DESC, id";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Head> out;
    out.reserve(rows->size());
    for (const Row& r : *rows) {
        out.push_back(HeadFrom(r));
    }
    return out;
}

base::Result<std::optional<std::int64_t>> FindByDecision(Transaction& tx,
                                                         std::int64_t issuing_unit_id,
                                                         const std::string& decision_number) {
    const std::array params{Int(issuing_unit_id), Text(decision_number)};
    return internal::OneRow(
        tx, "SELECT id FROM plans WHERE issuing_unit_id = $1 AND decision_number = $2", params,
        [](const Row& r) { return r.Int(0); });
}

base::Result<std::optional<std::int64_t>> PlanOfDeliverable(Transaction& tx,
                                                            std::int64_t deliverable_id) {
    const std::array params{Int(deliverable_id)};
    return internal::OneRow(tx, "SELECT plan_id FROM plan_deliverables WHERE id = $1", params,
                            [](const Row& r) { return r.Int(0); });
}

base::Result<std::int64_t> AddProgress(Transaction& tx, const Progress& p) {
    const std::array params{Int(p.deliverable_id), Int(p.unit_id),
                            Text(p.status),        Int(p.percent),
                            Text(p.note),          Text(p.evidence_number),
                            Text(p.evidence_date), Text(JoinIds(p.evidence_files)),
                            OptInt(p.reported_by), Seconds(p.reported_at)};
    auto id = InsertReturningId(
        tx,
        "INSERT INTO plan_progress (deliverable_id, unit_id, status, percent, note, "
        "evidence_number, evidence_date, evidence_files, reported_by, reported_at) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        params);
    if (!id) {
        return internal::Rephrase(std::move(id).error(), base::ErrorCode::kFailedPrecondition,
                                  "báo cáo tiến độ không hợp lệ (sản phẩm, đơn vị, trạng thái "
                                  "hoặc phần trăm)");
    }
    return id;
}

namespace {

constexpr std::string_view kEvidenceColumns =
    "e.id, e.deliverable_id, e.unit_id, e.file_sha256, e.file_name, e.media_type, e.size, "
    "e.uploaded_by, e.created_at";

Evidence EvidenceOf(const Row& r) {
    Evidence e;
    e.id = r.Int(0);
    e.deliverable_id = r.Int(1);
    e.unit_id = r.Int(2);
    e.file_sha256 = r.Text(3);
    e.file_name = r.Text(4);
    e.media_type = r.Text(5);
    e.size = r.Int(6);
    e.uploaded_by = r.OptInt(7);
    e.created_at = ToSeconds(r.Int(8));
    return e;
}

}  // namespace

base::Result<std::int64_t> AddEvidence(Transaction& tx, const Evidence& e) {
    const std::array params{Int(e.deliverable_id), Int(e.unit_id),       Text(e.file_sha256),
                            Text(e.file_name),     Text(e.media_type),   Int(e.size),
                            OptInt(e.uploaded_by), Seconds(e.created_at)};
    auto id = InsertReturningId(tx,
                                "INSERT INTO plan_evidence (deliverable_id, unit_id, file_sha256, "
                                "file_name, media_type, size, uploaded_by, created_at) VALUES ($1, "
                                "$2, $3, $4, $5, $6, $7, $8) RETURNING id",
                                params);
    if (!id) {
        return internal::Rephrase(std::move(id).error(), base::ErrorCode::kFailedPrecondition,
                                  "tệp minh chứng không hợp lệ (sản phẩm, đơn vị hoặc tệp)");
    }
    return id;
}

base::Result<std::optional<Evidence>> GetEvidence(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    return internal::OneRow(
        tx, "SELECT " + std::string(kEvidenceColumns) + " FROM plan_evidence e WHERE e.id = $1",
        params, EvidenceOf);
}

base::Result<std::vector<Evidence>> EvidenceOfPlan(Transaction& tx, std::int64_t plan_id) {
    const std::array params{Int(plan_id)};
    auto rows = tx.Query("SELECT " + std::string(kEvidenceColumns) +
                             " FROM plan_evidence e JOIN plan_deliverables d ON d.id = "
                             "e.deliverable_id WHERE d.plan_id = $1 ORDER BY e.id",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Evidence> out;
    for (const Row& r : *rows) {
        out.push_back(EvidenceOf(r));
    }
    return out;
}

base::Result<std::vector<Progress>> ProgressOfPlan(Transaction& tx, std::int64_t plan_id) {
    const std::array params{Int(plan_id)};
    auto rows = tx.Query(
        "SELECT p.id, p.deliverable_id, p.unit_id, p.status, p.percent, p.note, "
        "p.evidence_number, p.evidence_date, p.evidence_files, p.reported_by, p.reported_at FROM "
        "plan_progress p JOIN plan_deliverables d ON d.id = p.deliverable_id WHERE d.plan_id = $1 "
        "ORDER BY p.id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Progress> out;
    for (const Row& r : *rows) {
        Progress p;
        p.id = r.Int(0);
        p.deliverable_id = r.Int(1);
        p.unit_id = r.Int(2);
        p.status = r.Text(3);
        p.percent = static_cast<int>(r.Int(4));
        p.note = r.Text(5);
        p.evidence_number = r.Text(6);
        p.evidence_date = r.Text(7);
        p.evidence_files = ParseIds(r.Text(8));
        p.reported_by = r.OptInt(9);
        p.reported_at = ToSeconds(r.Int(10));
        out.push_back(std::move(p));
    }
    return out;
}

base::Result<std::vector<std::int64_t>> PlansAssigning(Transaction& tx, std::int64_t unit_id) {
    const std::array params{Int(unit_id)};
    auto rows = tx.Query(
        "SELECT DISTINCT plan_id FROM plan_assignments WHERE unit_id = $1 ORDER BY plan_id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::int64_t> out;
    for (const Row& r : *rows) {
        out.push_back(r.Int(0));
    }
    return out;
}

base::Result<bool> MarkReminded(Transaction& tx, std::int64_t deliverable_id,
                                std::chrono::sys_days due, std::chrono::sys_seconds at) {
    const std::array params{Int(deliverable_id), internal::Day(due), Seconds(at)};
    auto changed = tx.Execute(
        "INSERT INTO plan_reminders (deliverable_id, due_date, sent_at) VALUES ($1, $2, $3) ON "
        "CONFLICT DO NOTHING",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    return *changed > 0;
}

base::Result<bool> MarkInspectionReminded(Transaction& tx, std::int64_t inspection_id,
                                          const std::string& kind, std::chrono::sys_days due,
                                          std::chrono::sys_seconds at) {
    const std::array params{Int(inspection_id), Text(kind), internal::Day(due), Seconds(at)};
    auto changed = tx.Execute(
        "INSERT INTO inspection_reminders (inspection_id, kind, due_date, sent_at) VALUES ($1, "
        "$2, $3, $4) ON CONFLICT DO NOTHING",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    return *changed > 0;
}

}  // namespace motcua::store::plans
