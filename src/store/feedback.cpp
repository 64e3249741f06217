#include "store/feedback.hpp"

#include <array>

#include <boost/json.hpp>

#include "store/codec.hpp"

namespace motcua::store::feedback {

namespace {

namespace json = boost::json;
using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;
using internal::ToSeconds;

std::string PausesJson(const std::vector<calendar::TimeInterval>& pauses) {
    json::array a;
    for (const calendar::TimeInterval& p : pauses) {
        a.push_back(
            json::array{p.begin.time_since_epoch().count(), p.end.time_since_epoch().count()});
    }
    return json::serialize(a);
}

base::Result<std::vector<calendar::TimeInterval>> ParsePauses(const std::string& text) {
    std::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec || !v.is_array()) {
        return internal::CorruptValue("feedback.supplement_pauses", text);
    }
    std::vector<calendar::TimeInterval> out;
    for (const json::value& item : v.as_array()) {
        if (!item.is_array() || item.as_array().size() != 2 || !item.as_array()[0].is_int64() ||
            !item.as_array()[1].is_int64()) {
            return internal::CorruptValue("feedback.supplement_pauses", text);
        }
        out.push_back(calendar::TimeInterval{ToSeconds(item.as_array()[0].as_int64()),
                                             ToSeconds(item.as_array()[1].as_int64())});
    }
    return out;
}

constexpr std::string_view kColumns =
    "id, code, follow_key, receiving_unit_id, handling_unit_id, channel, subject, state, title, "
    "content, sender_name, sender_address, sender_phone, sender_email, under_complaint, "
    "submitted_at, started_at, supplement_requested_at, supplement_pauses, accepted_at, "
    "answered_at, published_at, refused_at, forwards, supplement_requests, answer, "
    "refusal_reason, idempotency_key, entered_by, version, updated_at, "
    "(SELECT r.satisfied FROM feedback_ratings r WHERE r.feedback_id = feedback.id), "
    "(SELECT r.comment FROM feedback_ratings r WHERE r.feedback_id = feedback.id), "
    "(SELECT r.rated_at FROM feedback_ratings r WHERE r.feedback_id = feedback.id), "
    "(SELECT e.code FROM feedback_reraises x JOIN feedback e ON e.id = x.earlier_id "
    "WHERE x.feedback_id = feedback.id), "
    "(SELECT MIN(x.at) FROM feedback_reraises x WHERE x.earlier_id = feedback.id)";

base::Result<Record> RecordFrom(const Row& row) {
    Record r;
    r.id = row.Int(0);
    r.code = row.Text(1);
    r.follow_key = row.Text(2);
    fb::Feedback& f = r.feedback;
    f.receiving_unit_id = row.Int(3);
    f.handling_unit_id = row.Int(4);
    auto channel = fb::ParseChannel(row.Text(5));
    if (!channel) {
        return internal::CorruptValue("feedback.channel", row.Text(5));
    }
    f.channel = *channel;
    auto subject = fb::ParseSubject(row.Text(6));
    if (!subject) {
        return internal::CorruptValue("feedback.subject", row.Text(6));
    }
    f.subject = *subject;
    auto state = fb::ParseState(row.Text(7));
    if (!state) {
        return internal::CorruptValue("feedback.state", row.Text(7));
    }
    f.state = *state;
    r.submission.title = row.Text(8);
    r.submission.content = row.Text(9);
    r.submission.sender_name = row.Text(10);
    r.submission.sender_address = row.Text(11);
    r.submission.sender_phone = row.Text(12);
    r.submission.sender_email = row.Text(13);
    r.submission.under_complaint_or_court = row.Int(14) != 0;
    f.submitted_at = ToSeconds(row.Int(15));
    f.started_at = ToSeconds(row.Int(16));
    f.supplement_requested_at = internal::ToOptSeconds(row, 17);
    auto pauses = ParsePauses(row.Text(18));
    if (!pauses) {
        return std::move(pauses).error();
    }
    f.supplement_pauses = std::move(*pauses);
    f.accepted_at = internal::ToOptSeconds(row, 19);
    f.answered_at = internal::ToOptSeconds(row, 20);
    f.published_at = internal::ToOptSeconds(row, 21);
    f.refused_at = internal::ToOptSeconds(row, 22);
    f.forwards = static_cast<int>(row.Int(23));
    f.supplement_requests = static_cast<int>(row.Int(24));
    r.answer = row.Text(25);
    r.refusal_reason = row.Text(26);
    r.idempotency_key = row.OptText(27);
    r.entered_by = row.OptInt(28);
    r.version = row.Int(29);
    r.updated_at = ToSeconds(row.Int(30));
    if (auto satisfied = row.OptInt(31)) {
        r.rating = Rating{*satisfied != 0, row.Text(32), ToSeconds(row.Int(33))};
    }
    r.reraises_code = row.OptText(34);
    r.reraised_at = internal::ToOptSeconds(row, 35);
    return r;
}

base::Result<std::vector<Record>> RecordsWhere(Transaction& tx, const std::string& tail,
                                               std::span<const Value> params) {
    auto rows = tx.Query("SELECT " + std::string(kColumns) + " FROM feedback " + tail, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Record> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        auto r = RecordFrom(row);
        if (!r) {
            return std::move(r).error();
        }
        out.push_back(std::move(*r));
    }
    return out;
}

base::Result<std::optional<Record>> OneWhere(Transaction& tx, const std::string& tail,
                                             std::span<const Value> params) {
    auto found = RecordsWhere(tx, tail, params);
    if (!found) {
        return std::move(found).error();
    }
    if (found->empty()) {
        return std::optional<Record>{};
    }
    return std::optional<Record>{std::move(found->front())};
}

Value OptText(const std::optional<std::string>& v) {
    return v ? Text(*v) : Value{};
}

}  // namespace

base::Result<std::int64_t> Insert(Transaction& tx, const Record& r) {
    const fb::Feedback& f = r.feedback;
    const fb::Submission& s = r.submission;
    const std::array params{Text(r.code),
                            Text(r.follow_key),
                            Int(f.receiving_unit_id),
                            Int(f.handling_unit_id),
                            Text(fb::ChannelName(f.channel)),
                            Text(fb::SubjectName(f.subject)),
                            Text(fb::StateName(f.state)),
                            Text(s.title),
                            Text(s.content),
                            Text(s.sender_name),
                            Text(s.sender_address),
                            Text(s.sender_phone),
                            Text(s.sender_email),
                            internal::Bool(s.under_complaint_or_court),
                            Seconds(f.submitted_at),
                            Seconds(f.started_at),
                            OptText(r.idempotency_key),
                            OptInt(r.entered_by),
                            Text(PausesJson(f.supplement_pauses))};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO feedback (code, follow_key, receiving_unit_id, handling_unit_id, channel, "
        "subject, state, title, content, sender_name, sender_address, sender_phone, "
        "sender_email, under_complaint, submitted_at, started_at, idempotency_key, entered_by, "
        "supplement_pauses, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, $15) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition,
        "không có đơn vị tiếp nhận phản ánh, kiến nghị này");
}

base::Result<std::optional<Record>> Get(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    return OneWhere(tx, "WHERE id = $1", params);
}

base::Result<std::optional<Record>> GetByCode(Transaction& tx, std::string_view code) {
    const std::array params{Text(code)};
    return OneWhere(tx, "WHERE code = $1", params);
}

base::Result<std::optional<Record>> GetByIdempotencyKey(Transaction& tx, std::string_view key) {
    const std::array params{Text(key)};
    return OneWhere(tx, "WHERE idempotency_key = $1", params);
}

base::Result<std::int64_t> Save(Transaction& tx, const Record& r) {
    const fb::Feedback& f = r.feedback;
    const std::array params{Int(r.id),
                            Int(r.version),
                            Int(f.handling_unit_id),
                            Text(fb::SubjectName(f.subject)),
                            Text(fb::StateName(f.state)),
                            Seconds(f.started_at),
                            OptSeconds(f.supplement_requested_at),
                            Text(PausesJson(f.supplement_pauses)),
                            OptSeconds(f.accepted_at),
                            OptSeconds(f.answered_at),
                            OptSeconds(f.published_at),
                            OptSeconds(f.refused_at),
                            Int(f.forwards),
                            Int(f.supplement_requests),
                            Text(r.answer),
                            Text(r.refusal_reason),
                            Seconds(r.updated_at),
                            Text(r.submission.content)};
    auto done = tx.Execute(
        "UPDATE feedback SET handling_unit_id = $3, subject = $4, state = $5, started_at = $6, "
        "supplement_requested_at = $7, supplement_pauses = $8, accepted_at = $9, "
        "answered_at = $10, published_at = $11, refused_at = $12, forwards = $13, "
        "supplement_requests = $14, answer = $15, refusal_reason = $16, updated_at = $17, "
        "content = $18, version = version + 1 WHERE id = $1 AND version = $2",
        params);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kFailedPrecondition,
                                  "không có đơn vị được chuyển đến");
    }
    if (*done == 0) {
        auto exists = Get(tx, r.id);
        if (!exists) {
            return std::move(exists).error();
        }
        if (!*exists) {
            return base::NotFound("không có phản ánh, kiến nghị số " + std::to_string(r.id));
        }
        return internal::StaleVersion("Phản ánh, kiến nghị");
    }
    return r.version + 1;
}

base::Result<std::vector<Record>> List(Transaction& tx, const Filter& filter) {
    std::vector<Value> params;
    std::string where = "WHERE 1 = 1";
    if (!filter.unit_ids.empty()) {
        const std::string a = internal::Placeholders(params.size() + 1, filter.unit_ids.size());
        for (std::int64_t id : filter.unit_ids) {
            params.push_back(Int(id));
        }
        const std::string b = internal::Placeholders(params.size() + 1, filter.unit_ids.size());
        for (std::int64_t id : filter.unit_ids) {
            params.push_back(Int(id));
        }
        where += " AND (handling_unit_id IN (" + a + ") OR receiving_unit_id IN (" + b + "))";
    }
    if (!filter.states.empty()) {
        const std::string p = internal::Placeholders(params.size() + 1, filter.states.size());
        for (fb::State s : filter.states) {
            params.push_back(Text(fb::StateName(s)));
        }
        where += " AND state IN (" + p + ")";
    }
    if (filter.open_only) {
        where += " AND state NOT IN ('refused', 'published', 'withdrawn')";
    }
    if (filter.submitted_from) {
        params.push_back(Seconds(*filter.submitted_from));
        where += " AND submitted_at >= $" + std::to_string(params.size());
    }
    if (filter.submitted_to) {
        params.push_back(Seconds(*filter.submitted_to));
        where += " AND submitted_at < $" + std::to_string(params.size());
    }
    params.push_back(Int(filter.limit));
    where += " ORDER BY submitted_at DESC, id DESC LIMIT $" + std::to_string(params.size());
    return RecordsWhere(tx, where, params);
}

base::Status Rate(Transaction& tx, std::int64_t feedback_id, const Rating& rating) {
    const std::array params{Int(feedback_id), internal::Bool(rating.satisfied),
                            Text(rating.comment), Seconds(rating.at)};
    auto done = tx.Execute(
        "INSERT INTO feedback_ratings (feedback_id, satisfied, comment, rated_at) VALUES ($1, $2, "
        "$3, $4)",
        params);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kAlreadyExists,
                                  "Câu trả lời này đã được đánh giá.");
    }
    return {};
}

base::Status AddReraise(Transaction& tx, std::int64_t feedback_id, std::int64_t earlier_id,
                        std::chrono::sys_seconds at) {
    const std::array params{Int(feedback_id), Int(earlier_id), Seconds(at)};
    auto done = tx.Execute(
        "INSERT INTO feedback_reraises (feedback_id, earlier_id, at) VALUES ($1, $2, $3)", params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<bool> MarkEscalated(Transaction& tx, std::int64_t feedback_id, std::string_view step,
                                 std::chrono::sys_seconds due, std::int64_t unit_id,
                                 std::chrono::sys_seconds now) {
    const std::array params{Int(feedback_id), Text(step), Seconds(due), Int(unit_id), Seconds(now)};
    auto done = tx.Execute(
        "INSERT INTO feedback_escalations (feedback_id, step, due_at, unit_id, sent_at) VALUES "
        "($1, $2, $3, $4, $5) ON CONFLICT (feedback_id, step, due_at) DO NOTHING",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return *done > 0;
}

// ---- History

base::Result<std::int64_t> AppendEvent(Transaction& tx, std::int64_t feedback_id, const Event& e) {
    const std::array key{Int(feedback_id)};
    auto last = tx.QueryOne(
        "SELECT COALESCE(MAX(seq), 0) FROM feedback_events WHERE feedback_id = $1", key);
    if (!last) {
        return std::move(last).error();
    }
    const std::int64_t seq = (*last ? (*last)->Int(0) : 0) + 1;
    const std::array params{Int(feedback_id),    Int(seq),         Seconds(e.at),
                            OptInt(e.actor_id),  Int(e.unit_id),   Text(e.action),
                            Text(e.from_state),  Text(e.to_state), Text(e.text),
                            OptInt(e.to_unit_id)};
    auto done = tx.Execute(
        "INSERT INTO feedback_events (feedback_id, seq, at, actor_id, unit_id, action, "
        "from_state, to_state, text, to_unit_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10)",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return seq;
}

base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t feedback_id) {
    const std::array params{Int(feedback_id)};
    auto rows = tx.Query(
        "SELECT e.seq, e.at, e.actor_id, COALESCE(u.display_name, ''), e.unit_id, e.action, "
        "e.from_state, e.to_state, e.text, e.to_unit_id FROM feedback_events e LEFT JOIN users u "
        "ON u.id = e.actor_id WHERE e.feedback_id = $1 ORDER BY e.seq",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Event> out;
    for (const Row& row : *rows) {
        out.push_back(Event{row.Int(0), ToSeconds(row.Int(1)), row.OptInt(2), row.Text(3),
                            row.Int(4), row.Text(5), row.Text(6), row.Text(7), row.Text(8),
                            row.OptInt(9)});
    }
    return out;
}

// ---- Attachments

base::Status AddAttachment(Transaction& tx, std::int64_t feedback_id, const Attachment& a) {
    const std::array params{Int(feedback_id),     Int(a.position),    Text(a.sha256),
                            Text(a.file_name),    Text(a.media_type), Int(a.size),
                            Seconds(a.created_at)};
    auto done = tx.Execute(
        "INSERT INTO feedback_attachments (feedback_id, position, file_sha256, file_name, "
        "media_type, size, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<std::vector<Attachment>> Attachments(Transaction& tx, std::int64_t feedback_id) {
    const std::array params{Int(feedback_id)};
    auto rows = tx.Query(
        "SELECT position, file_sha256, file_name, media_type, size, created_at FROM "
        "feedback_attachments WHERE feedback_id = $1 ORDER BY position",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Attachment> out;
    for (const Row& row : *rows) {
        out.push_back(Attachment{static_cast<int>(row.Int(0)), row.Text(1), row.Text(2),
                                 row.Text(3), row.Int(4), ToSeconds(row.Int(5))});
    }
    return out;
}

// ---- Publications

namespace {

constexpr std::string_view kPublicationColumns =
    "p.feedback_id, p.code, p.title, p.question, p.answer, p.subject, p.handling_unit_id, "
    "COALESCE(u.name, ''), p.published_at";

base::Result<Publication> PublicationFrom(const Row& row) {
    Publication p;
    p.feedback_id = row.Int(0);
    p.code = row.Text(1);
    p.title = row.Text(2);
    p.question = row.Text(3);
    p.answer = row.Text(4);
    auto subject = fb::ParseSubject(row.Text(5));
    if (!subject) {
        return internal::CorruptValue("feedback_publications.subject", row.Text(5));
    }
    p.subject = *subject;
    p.handling_unit_id = row.Int(6);
    p.handling_unit_name = row.Text(7);
    p.published_at = ToSeconds(row.Int(8));
    return p;
}

}  // namespace

base::Status Publish(Transaction& tx, const Publication& p) {
    const std::array params{Int(p.feedback_id),      Text(p.code),
                            Text(p.title),           Text(p.question),
                            Text(p.answer),          Text(fb::SubjectName(p.subject)),
                            Int(p.handling_unit_id), Seconds(p.published_at)};
    auto done = tx.Execute(
        "INSERT INTO feedback_publications (feedback_id, code, title, question, answer, subject, "
        "handling_unit_id, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kAlreadyExists,
                                  "Phản ánh, kiến nghị này đã được công khai.");
    }
    return {};
}

base::Result<std::optional<Publication>> GetPublication(Transaction& tx, std::int64_t feedback_id) {
    const std::array params{Int(feedback_id)};
    auto row = tx.QueryOne("SELECT " + std::string(kPublicationColumns) +
                               " FROM feedback_publications p LEFT JOIN units u ON u.id = "
                               "p.handling_unit_id WHERE p.feedback_id = $1",
                           params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<Publication>{};
    }
    auto p = PublicationFrom(**row);
    if (!p) {
        return std::move(p).error();
    }
    return std::optional<Publication>{std::move(*p)};
}

base::Result<std::vector<Publication>> Publications(Transaction& tx,
                                                    std::optional<std::int64_t> unit_id, int limit,
                                                    int offset) {
    std::vector<Value> params;
    std::string sql = "SELECT " + std::string(kPublicationColumns) +
                      " FROM feedback_publications p LEFT JOIN units u ON u.id = "
                      "p.handling_unit_id";
    if (unit_id) {
        params.push_back(Int(*unit_id));
        sql += " WHERE p.handling_unit_id = $1";
    }
    params.push_back(Int(limit));
    sql +=
        " ORDER BY p.published_at DESC, p.feedback_id DESC LIMIT $" + std::to_string(params.size());
    params.push_back(Int(offset));
    sql += " OFFSET $" + std::to_string(params.size());
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Publication> out;
    for (const Row& row : *rows) {
        auto p = PublicationFrom(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

}  // namespace motcua::store::feedback
