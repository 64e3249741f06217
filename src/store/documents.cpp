#include "store/documents.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::documents {

using internal::Int;
using internal::OptDay;
using internal::OptInt;
using internal::Seconds;
using internal::Text;

namespace {

constexpr std::string_view kColumns =
    "id, dossier_id, draft_id, owner_user_id, owner_id_number, role, component_name, title, "
    "file_sha256, file_name, media_type, size, digitised, reused_from, valid_until, uploaded_by, "
    "created_at";

base::Result<Document> FromRow(const Row& row) {
    Document d;
    d.id = row.Int(0);
    d.dossier_id = row.OptInt(1);
    d.draft_id = row.OptInt(2);
    d.owner_user_id = row.OptInt(3);
    d.owner_id_number = row.Text(4);
    auto role = ParseRole(row.Text(5));
    if (!role) {
        return internal::CorruptValue("documents.role", row.Text(5));
    }
    d.role = *role;
    d.component_name = row.Text(6);
    d.title = row.Text(7);
    d.file_sha256 = row.Text(8);
    d.file_name = row.Text(9);
    d.media_type = row.Text(10);
    d.size = row.Int(11);
    d.digitised = row.Int(12) != 0;
    d.reused_from = row.OptInt(13);
    auto valid_until = internal::ToOptDay(row, 14);
    if (!valid_until) {
        return std::move(valid_until).error();
    }
    d.valid_until = *valid_until;
    d.uploaded_by = row.OptInt(15);
    d.created_at = internal::ToSeconds(row.Int(16));
    return d;
}

base::Result<std::vector<Document>> Many(Transaction& tx, std::string_view sql,
                                         std::span<const Value> params) {
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Document> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        auto d = FromRow(row);
        if (!d) {
            return std::move(d).error();
        }
        out.push_back(std::move(*d));
    }
    return out;
}

}  // namespace

std::string_view RoleName(Role role) {
    return role == Role::kResult ? "result" : "component";
}

base::Result<Role> ParseRole(std::string_view name) {
    if (name == "component") {
        return Role::kComponent;
    }
    if (name == "result") {
        return Role::kResult;
    }
    return base::InvalidArgument(
        "vai trò tài liệu phải là 'component' (thành phần hồ sơ) hoặc "
        "'result' (kết quả giải quyết)");
}

base::Result<bool> InsertFile(Transaction& tx, std::string_view sha256, std::int64_t size,
                              std::string_view media_type, std::chrono::sys_seconds at) {
    constexpr std::string_view kSql =
        "INSERT INTO files (sha256, size, media_type, created_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (sha256) DO NOTHING";
    const std::array<Value, 4> params{Text(sha256), Int(size), Text(media_type), Seconds(at)};
    auto changed = tx.Execute(kSql, params);
    if (!changed) {
        return std::move(changed).error();
    }
    return *changed > 0;
}

base::Result<std::int64_t> Insert(Transaction& tx, const Document& d) {
    const std::string sql =
        "INSERT INTO documents (dossier_id, draft_id, owner_user_id, owner_id_number, role, "
        "component_name, title, file_sha256, file_name, media_type, size, digitised, reused_from, "
        "valid_until, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $14, $15, $16) RETURNING id";
    const std::array<Value, 16> params{OptInt(d.dossier_id),
                                       OptInt(d.draft_id),
                                       OptInt(d.owner_user_id),
                                       Text(d.owner_id_number),
                                       Text(RoleName(d.role)),
                                       Text(d.component_name),
                                       Text(d.title),
                                       Text(d.file_sha256),
                                       Text(d.file_name),
                                       Text(d.media_type),
                                       Int(d.size),
                                       internal::Bool(d.digitised),
                                       OptInt(d.reused_from),
                                       OptDay(d.valid_until),
                                       OptInt(d.uploaded_by),
                                       Seconds(d.created_at)};
    auto row = tx.QueryOne(sql, params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return base::Error{base::ErrorCode::kInternal, "documents: INSERT returned no id"};
    }
    return (*row)->Int(0);
}

base::Result<std::optional<Document>> Get(Transaction& tx, std::int64_t id) {
    const std::string sql = "SELECT " + std::string(kColumns) + " FROM documents WHERE id = $1";
    const std::array<Value, 1> params{Int(id)};
    auto list = Many(tx, sql, params);
    if (!list) {
        return std::move(list).error();
    }
    if (list->empty()) {
        return std::optional<Document>{};
    }
    return std::optional<Document>{std::move(list->front())};
}

base::Result<std::vector<Document>> ListForDossier(Transaction& tx, std::int64_t dossier_id) {
    const std::string sql =
        "SELECT " + std::string(kColumns) + " FROM documents WHERE dossier_id = $1 ORDER BY id";
    const std::array<Value, 1> params{Int(dossier_id)};
    return Many(tx, sql, params);
}

base::Result<std::vector<Document>> ListForDraft(Transaction& tx, std::int64_t draft_id) {
    const std::string sql =
        "SELECT " + std::string(kColumns) + " FROM documents WHERE draft_id = $1 ORDER BY id";
    const std::array<Value, 1> params{Int(draft_id)};
    return Many(tx, sql, params);
}

base::Result<std::vector<Document>> Holdings(Transaction& tx, std::optional<std::int64_t> user_id,
                                             std::string_view id_number,
                                             std::chrono::sys_days today) {
    // $1 / $2 may be NULL / '' (no such key): `= NULL` and `'' <> ''` match nothing.
    const std::string sql =
        "SELECT " + std::string(kColumns) +
        " FROM documents WHERE role = 'result' AND digitised = 1 AND reused_from IS NULL "
        "AND (owner_user_id = $1 OR (owner_id_number <> '' AND owner_id_number = $2)) "
        "AND (valid_until IS NULL OR valid_until >= $3) ORDER BY id DESC LIMIT 200";
    const std::array<Value, 3> params{OptInt(user_id), Text(id_number), internal::Day(today)};
    return Many(tx, sql, params);
}

base::Result<bool> MarkDigitised(Transaction& tx, std::int64_t id) {
    const std::array<Value, 1> params{Int(id)};
    auto exists = tx.QueryOne("SELECT digitised FROM documents WHERE id = $1", params);
    if (!exists) {
        return std::move(exists).error();
    }
    if (!*exists) {
        return base::NotFound("không có tài liệu số " + std::to_string(id));
    }
    if ((*exists)->Int(0) != 0) {
        return false;
    }
    auto changed = tx.Execute("UPDATE documents SET digitised = 1 WHERE id = $1", params);
    if (!changed) {
        return std::move(changed).error();
    }
    return true;
}

base::Result<std::int64_t> MoveDraftToDossier(Transaction& tx, std::int64_t draft_id,
                                              std::int64_t dossier_id) {
    const std::array<Value, 2> params{Int(dossier_id), Int(draft_id)};
    return tx.Execute(
        "UPDATE documents SET dossier_id = $1, draft_id = NULL WHERE draft_id = $2 "
        "AND dossier_id IS NULL",
        params);
}

base::Result<DossierStats> StatsFor(Transaction& tx, std::int64_t dossier_id) {
    constexpr std::string_view kSql =
        "SELECT COUNT(CASE WHEN role = 'component' THEN 1 END), "
        "COUNT(CASE WHEN role = 'component' AND digitised = 1 THEN 1 END), "
        "COUNT(CASE WHEN role = 'component' AND reused_from IS NOT NULL THEN 1 END), "
        "COUNT(CASE WHEN role = 'result' THEN 1 END), "
        "COUNT(CASE WHEN role = 'result' AND digitised = 1 THEN 1 END) "
        "FROM documents WHERE dossier_id = $1";
    const std::array<Value, 1> params{Int(dossier_id)};
    auto row = tx.QueryOne(kSql, params);
    if (!row) {
        return std::move(row).error();
    }
    DossierStats stats;
    if (*row) {
        stats.components = (*row)->Int(0);
        stats.digitised_components = (*row)->Int(1);
        stats.reused_components = (*row)->Int(2);
        stats.results = (*row)->Int(3);
        stats.digitised_results = (*row)->Int(4);
    }
    return stats;
}

base::Result<std::optional<DraftInfo>> GetDraftInfo(Transaction& tx, std::int64_t draft_id) {
    const std::array<Value, 1> params{Int(draft_id)};
    auto row =
        tx.QueryOne("SELECT user_id, submitted_dossier_id FROM drafts WHERE id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<DraftInfo>{};
    }
    return std::optional<DraftInfo>{DraftInfo{(*row)->Int(0), !(*row)->IsNull(1)}};
}

base::Result<std::string> VerifiedIdNumber(Transaction& tx, std::int64_t user_id) {
    const std::array<Value, 1> params{Int(user_id)};
    auto row = tx.QueryOne(
        "SELECT id_number FROM citizen_profiles WHERE user_id = $1 AND identity_provider <> 'self' "
        "AND verified_at IS NOT NULL",
        params);
    if (!row) {
        return std::move(row).error();
    }
    return *row ? (*row)->Text(0) : std::string();
}

}  // namespace motcua::store::documents
