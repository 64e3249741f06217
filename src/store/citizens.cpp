#include "store/citizens.hpp"

#include <algorithm>
#include <array>

#include "store/codec.hpp"

namespace motcua::store::citizens {

using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;
using internal::ToOptSeconds;
using internal::ToSeconds;

namespace {

Profile ProfileOf(const Row& row) {
    Profile p;
    p.user_id = row.Int(0);
    p.kind = row.Text(1);
    p.id_number = row.Text(2);
    p.address = row.Text(3);
    p.identity_provider = row.Text(4);
    p.verified_at = ToOptSeconds(row, 5);
    p.created_at = ToSeconds(row.Int(6));
    return p;
}

Code CodeOf(const Row& row) {
    Code c;
    c.id = row.Int(0);
    c.user_id = row.Int(1);
    c.channel = row.Text(2);
    c.destination = row.Text(3);
    c.code_hash = row.Text(4);
    c.created_at = ToSeconds(row.Int(5));
    c.expires_at = ToSeconds(row.Int(6));
    c.attempts = static_cast<int>(row.Int(7));
    c.used_at = ToOptSeconds(row, 8);
    return c;
}

constexpr std::string_view kDraftColumns =
    "id, user_id, procedure_code, settling_unit_id, body, created_at, updated_at, version, "
    "submitted_dossier_id";

Draft DraftOf(const Row& row) {
    Draft d;
    d.id = row.Int(0);
    d.user_id = row.Int(1);
    d.procedure_code = row.Text(2);
    d.settling_unit_id = row.Int(3);
    d.body = row.Text(4);
    d.created_at = ToSeconds(row.Int(5));
    d.updated_at = ToSeconds(row.Int(6));
    d.version = row.Int(7);
    d.submitted_dossier_id = row.OptInt(8);
    return d;
}

base::Status Exec(Transaction& tx, std::string_view sql, std::span<const Value> params) {
    auto done = tx.Execute(sql, params);
    if (!done) {
        return done.error();
    }
    return {};
}

}  // namespace

base::Status InsertProfile(Transaction& tx, const Profile& p) {
    const std::array params{Int(p.user_id),
                            Text(p.kind),
                            Text(p.id_number),
                            Text(p.address),
                            Text(p.identity_provider),
                            OptSeconds(p.verified_at),
                            Seconds(p.created_at)};
    auto done = tx.Execute(
        "INSERT INTO citizen_profiles (user_id, kind, id_number, address, identity_provider, "
        "verified_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params);
    if (!done) {
        return internal::Rephrase(std::move(done).error(), base::ErrorCode::kAlreadyExists,
                                  "Tài khoản đã có hồ sơ công dân.");
    }
    return {};
}

base::Result<std::optional<Profile>> GetProfile(Transaction& tx, std::int64_t user_id) {
    const std::array params{Int(user_id)};
    return internal::OneRow(
        tx,
        "SELECT user_id, kind, id_number, address, identity_provider, verified_at, created_at "
        "FROM citizen_profiles WHERE user_id = $1",
        params, ProfileOf);
}

base::Result<std::optional<std::int64_t>> UserWithIdNumber(Transaction& tx,
                                                           std::string_view id_number) {
    const std::array params{Text(id_number)};
    return internal::OneRow(
        tx, "SELECT user_id FROM citizen_profiles WHERE id_number = $1 ORDER BY user_id LIMIT 1",
        params, [](const Row& row) { return row.Int(0); });
}

base::Status SetVerified(Transaction& tx, std::int64_t user_id, std::chrono::sys_seconds at) {
    const std::array params{Int(user_id), Seconds(at)};
    return Exec(tx,
                "UPDATE citizen_profiles SET verified_at = $2 WHERE user_id = $1 AND "
                "verified_at IS NULL",
                params);
}

base::Result<std::int64_t> InsertCode(Transaction& tx, const Code& c) {
    const std::array params{Int(c.user_id),    Text(c.channel),       Text(c.destination),
                            Text(c.code_hash), Seconds(c.created_at), Seconds(c.expires_at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO verification_codes (user_id, channel, destination, code_hash, created_at, "
        "expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        params);
}

base::Result<std::optional<Code>> LatestCode(Transaction& tx, std::int64_t user_id) {
    const std::array params{Int(user_id)};
    return internal::OneRow(
        tx,
        "SELECT id, user_id, channel, destination, code_hash, created_at, expires_at, attempts, "
        "used_at FROM verification_codes WHERE user_id = $1 ORDER BY id DESC LIMIT 1",
        params, CodeOf);
}

base::Status CountAttempt(Transaction& tx, std::int64_t code_id) {
    const std::array params{Int(code_id)};
    return Exec(tx, "UPDATE verification_codes SET attempts = attempts + 1 WHERE id = $1", params);
}

base::Status MarkCodeUsed(Transaction& tx, std::int64_t code_id, std::chrono::sys_seconds at) {
    const std::array params{Int(code_id), Seconds(at)};
    return Exec(tx, "UPDATE verification_codes SET used_at = $2 WHERE id = $1", params);
}

base::Result<std::int64_t> InsertDraft(Transaction& tx, const Draft& d) {
    const std::array params{Int(d.user_id), Text(d.procedure_code), Int(d.settling_unit_id),
                            Text(d.body),   Seconds(d.created_at),  Seconds(d.updated_at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO drafts (user_id, procedure_code, settling_unit_id, body, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        params, base::ErrorCode::kFailedPrecondition, "Đơn vị giải quyết không tồn tại.");
}

base::Result<std::int64_t> UpdateDraft(Transaction& tx, const Draft& d) {
    const std::array params{Int(d.id),    Text(d.procedure_code), Int(d.settling_unit_id),
                            Text(d.body), Seconds(d.updated_at),  Int(d.version)};
    auto changed = tx.Execute(
        "UPDATE drafts SET procedure_code = $2, settling_unit_id = $3, body = $4, "
        "updated_at = $5, version = version + 1 WHERE id = $1 AND version = $6 AND "
        "submitted_dossier_id IS NULL",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        auto existing = GetDraft(tx, d.id);
        if (!existing) {
            return std::move(existing).error();
        }
        if (!*existing) {
            return base::NotFound("không có bản nháp " + std::to_string(d.id));
        }
        if ((*existing)->submitted_dossier_id) {
            return base::Error{base::ErrorCode::kFailedPrecondition,
                               "bản nháp đã được nộp thành hồ sơ"};
        }
        return internal::StaleVersion("bản nháp");
    }
    return d.version + 1;
}

base::Result<std::optional<Draft>> GetDraft(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    return internal::OneRow(
        tx, "SELECT " + std::string(kDraftColumns) + " FROM drafts WHERE id = $1", params, DraftOf);
}

base::Result<std::vector<Draft>> ListDrafts(Transaction& tx, std::int64_t user_id) {
    const std::array params{Int(user_id)};
    auto rows = tx.Query("SELECT " + std::string(kDraftColumns) +
                             " FROM drafts WHERE user_id = $1 AND submitted_dossier_id IS NULL "
                             "ORDER BY id DESC LIMIT 100",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Draft> out;
    for (const Row& row : *rows) {
        out.push_back(DraftOf(row));
    }
    return out;
}

base::Status MarkDraftSubmitted(Transaction& tx, std::int64_t id, std::int64_t dossier_id,
                                std::chrono::sys_seconds at) {
    const std::array params{Int(id), Int(dossier_id), Seconds(at)};
    auto changed = tx.Execute(
        "UPDATE drafts SET submitted_dossier_id = $2, updated_at = $3, version = version + 1 "
        "WHERE id = $1 AND submitted_dossier_id IS NULL",
        params);
    if (!changed) {
        return changed.error();
    }
    if (*changed == 0) {
        return base::Error{base::ErrorCode::kFailedPrecondition, "bản nháp đã được nộp"};
    }
    return {};
}

base::Status DeleteDraft(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    auto changed =
        tx.Execute("DELETE FROM drafts WHERE id = $1 AND submitted_dossier_id IS NULL", params);
    if (!changed) {
        return internal::Rephrase(std::move(changed).error(), base::ErrorCode::kFailedPrecondition,
                                  "Bản nháp còn giấy tờ đính kèm; hãy xóa giấy tờ trước.");
    }
    if (*changed == 0) {
        return base::NotFound("không có bản nháp " + std::to_string(id));
    }
    return {};
}

}  // namespace motcua::store::citizens

namespace motcua::store::outbox {

using internal::Int;
using internal::OptInt;
using internal::Seconds;
using internal::Text;
using internal::ToSeconds;

namespace {

constexpr std::string_view kColumns =
    "id, recipient_user_id, dossier_id, kind, channel, destination, subject, message, "
    "created_at, attempts";

Message MessageOf(const Row& row) {
    Message m;
    m.id = row.Int(0);
    m.recipient_user_id = row.OptInt(1);
    m.dossier_id = row.OptInt(2);
    m.kind = row.Text(3);
    m.channel = row.Text(4);
    m.destination = row.Text(5);
    m.subject = row.Text(6);
    m.message = row.Text(7);
    m.created_at = ToSeconds(row.Int(8));
    m.attempts = static_cast<int>(row.Int(9));
    return m;
}

base::Result<std::vector<Message>> Messages(Transaction& tx, const std::string& sql,
                                            std::span<const Value> params) {
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Message> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(MessageOf(row));
    }
    return out;
}

}  // namespace

base::Result<std::int64_t> Enqueue(Transaction& tx, const Message& m) {
    const std::array params{
        OptInt(m.recipient_user_id), OptInt(m.dossier_id), Text(m.kind),    Text(m.channel),
        Text(m.destination),         Text(m.subject),      Text(m.message), Seconds(m.created_at)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO notifications (recipient_user_id, dossier_id, kind, channel, destination, "
        "subject, message, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$8) RETURNING id",
        params);
}

base::Result<std::vector<Message>> Due(Transaction& tx, std::chrono::sys_seconds now, int limit) {
    const std::array params{Seconds(now), Int(std::clamp(limit, 1, 1000))};
    return Messages(tx,
                    "SELECT " + std::string(kColumns) +
                        " FROM notifications WHERE sent_at IS NULL AND channel <> 'inbox' AND "
                        "next_attempt_at <= $1 ORDER BY id LIMIT $2",
                    params);
}

base::Status MarkSent(Transaction& tx, std::int64_t id, std::chrono::sys_seconds at) {
    const std::array params{Int(id), Seconds(at)};
    auto done = tx.Execute(
        "UPDATE notifications SET sent_at = $2, attempts = attempts + 1, last_error = '' "
        "WHERE id = $1",
        params);
    if (!done) {
        return done.error();
    }
    return {};
}

base::Status MarkFailed(Transaction& tx, std::int64_t id, std::chrono::sys_seconds retry_at,
                        std::string_view error) {
    const std::array params{Int(id), Seconds(retry_at), Text(error.substr(0, 500))};
    auto done = tx.Execute(
        "UPDATE notifications SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 "
        "WHERE id = $1",
        params);
    if (!done) {
        return done.error();
    }
    return {};
}

base::Result<std::vector<Message>> ForUser(Transaction& tx, std::int64_t user_id, int limit) {
    const std::array params{Int(user_id), Int(std::clamp(limit, 1, 200))};
    return Messages(tx,
                    "SELECT " + std::string(kColumns) +
                        " FROM notifications WHERE recipient_user_id = $1 AND kind <> "
                        "'verification' ORDER BY id DESC LIMIT $2",
                    params);
}

}  // namespace motcua::store::outbox
