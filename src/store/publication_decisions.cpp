#include "store/publication_decisions.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::publication_decisions {

namespace {

using internal::Bool;
using internal::Day;
using internal::Int;
using internal::OptDay;
using internal::OptInt;
using internal::Seconds;
using internal::Text;

Value OptText(const std::optional<std::string>& v) {
    return v ? Text(*v) : Value{};
}

base::Status Exec(Transaction& tx, std::string_view sql, std::span<const Value> params) {
    auto done = tx.Execute(sql, params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

constexpr std::string_view kColumns =
    "id, issuing_unit_id, number, title, issuer, convention, signed_on, signer, signer_position, "
    "state, applied_on, version, convention_from_setting";

base::Result<Decision> DecisionFrom(const Row& row) {
    Decision d;
    d.id = row.Int(0);
    d.issuing_unit_id = row.Int(1);
    d.number = row.Text(2);
    d.title = row.Text(3);
    d.issuer = row.Text(4);
    d.convention = row.Text(5);
    auto signed_on = internal::ToOptDay(row, 6);
    if (!signed_on) {
        return std::move(signed_on).error();
    }
    d.signed_on = *signed_on;
    d.signer = row.Text(7);
    d.signer_position = row.Text(8);
    d.state = row.Text(9);
    auto applied = internal::ToOptDay(row, 10);
    if (!applied) {
        return std::move(applied).error();
    }
    d.applied_on = *applied;
    d.version = row.Int(11);
    d.convention_from_setting = row.Int(12) != 0;
    return d;
}

base::Status LoadParts(Transaction& tx, Decision& d) {
    const std::array params{Int(d.id)};
    auto docs = tx.Query(
        "SELECT number, title, level, adopted_on, effective_on, shortened FROM "
        "publication_legal_documents WHERE decision_id = $1 ORDER BY position",
        params);
    if (!docs) {
        return std::move(docs).error();
    }
    for (const Row& row : *docs) {
        LegalDocument doc;
        doc.number = row.Text(0);
        doc.title = row.Text(1);
        doc.level = row.Text(2);
        auto adopted = internal::ToOptDay(row, 3);
        auto effective = internal::ParseDay(row.Text(4));
        if (!adopted || !effective) {
            return !adopted ? adopted.error() : effective.error();
        }
        doc.adopted = *adopted;
        doc.effective = *effective;
        doc.shortened = row.Int(5) != 0;
        d.documents.push_back(std::move(doc));
    }
    auto items = tx.Query(
        "SELECT procedure_code, change, replaced_code, document_position, procedure_fields, "
        "database_entered_on, catalogue_updated_on FROM publication_items WHERE decision_id = $1 "
        "ORDER BY position",
        params);
    if (!items) {
        return std::move(items).error();
    }
    for (const Row& row : *items) {
        Item item;
        item.procedure_code = row.Text(0);
        item.change = row.Text(1);
        item.replaced_code = row.OptText(2);
        item.document = static_cast<int>(row.Int(3));
        item.procedure_json = row.Text(4);
        auto entered = internal::ToOptDay(row, 5);
        auto updated = internal::ToOptDay(row, 6);
        if (!entered || !updated) {
            return !entered ? entered.error() : updated.error();
        }
        item.database_entered = *entered;
        item.catalogue_updated = *updated;
        d.items.push_back(std::move(item));
    }
    return {};
}

base::Status PutParts(Transaction& tx, const Decision& d, std::int64_t id) {
    const std::array del{Int(id)};
    if (base::Status s =
            Exec(tx, "DELETE FROM publication_legal_documents WHERE decision_id = $1", del);
        !s) {
        return s;
    }
    if (base::Status s = Exec(tx, "DELETE FROM publication_items WHERE decision_id = $1", del);
        !s) {
        return s;
    }
    for (std::size_t k = 0; k < d.documents.size(); ++k) {
        const LegalDocument& doc = d.documents[k];
        const std::array params{Int(id),
                                Int(static_cast<std::int64_t>(k)),
                                Text(doc.number),
                                Text(doc.title),
                                Text(doc.level),
                                OptDay(doc.adopted),
                                Day(doc.effective),
                                Bool(doc.shortened)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO publication_legal_documents (decision_id, position, "
                                  "number, title, level, adopted_on, effective_on, shortened) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                                  params);
            !s) {
            return s;
        }
    }
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const Item& item = d.items[k];
        const std::array params{Int(id),
                                Int(static_cast<std::int64_t>(k)),
                                Text(item.procedure_code),
                                Text(item.change),
                                OptText(item.replaced_code),
                                Int(item.document),
                                Text(item.procedure_json),
                                OptDay(item.database_entered),
                                OptDay(item.catalogue_updated)};
        if (base::Status s = Exec(tx,
                                  "INSERT INTO publication_items (decision_id, position, "
                                  "procedure_code, change, replaced_code, document_position, "
                                  "procedure_fields, database_entered_on, catalogue_updated_on) "
                                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                                  params);
            !s) {
            return s;
        }
    }
    return {};
}

base::Error Duplicate(base::Error e) {
    return internal::Rephrase(std::move(e), base::ErrorCode::kAlreadyExists,
                              "Đơn vị đã có quyết định công bố mang số này.");
}

// Bumps the version when it is `expected`; kAborted / kNotFound otherwise.
base::Result<std::int64_t> Touch(Transaction& tx, std::int64_t id, std::int64_t expected,
                                 std::chrono::sys_seconds at) {
    const std::array params{Int(id), Int(expected), Seconds(at)};
    auto done = tx.Execute(
        "UPDATE publication_decisions SET version = version + 1, updated_at = $3 WHERE id = $1 "
        "AND version = $2",
        params);
    if (!done) {
        return std::move(done).error();
    }
    if (*done == 0) {
        const std::array one{Int(id)};
        auto row = tx.QueryOne("SELECT 1 FROM publication_decisions WHERE id = $1", one);
        if (!row) {
            return std::move(row).error();
        }
        if (!*row) {
            return base::NotFound("Không tìm thấy quyết định công bố.");
        }
        return internal::StaleVersion("Quyết định công bố");
    }
    return expected + 1;
}

}  // namespace

base::Result<std::int64_t> Create(Transaction& tx, const Decision& d,
                                  std::optional<std::int64_t> by, std::chrono::sys_seconds at) {
    const std::array params{Int(d.issuing_unit_id),
                            Text(d.number),
                            Text(d.title),
                            Text(d.issuer),
                            Text(d.convention),
                            OptDay(d.signed_on),
                            Text(d.signer),
                            Text(d.signer_position),
                            Text(d.state),
                            OptDay(d.applied_on),
                            Int(d.version < 1 ? 1 : d.version),
                            OptInt(by),
                            Seconds(at),
                            Int(d.convention_from_setting ? 1 : 0)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO publication_decisions (issuing_unit_id, number, title, issuer, convention, "
        "signed_on, signer, signer_position, state, applied_on, version, created_by, created_at, "
        "updated_at, convention_from_setting) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $13, $14) RETURNING id",
        params);
    if (!inserted) {
        base::Error e = Duplicate(std::move(inserted).error());
        return internal::Rephrase(std::move(e), base::ErrorCode::kFailedPrecondition,
                                  "Không có đơn vị ban hành.");
    }
    const std::int64_t id = *inserted;
    if (base::Status s = PutParts(tx, d, id); !s) {
        return s.error();
    }
    return id;
}

base::Result<std::int64_t> Replace(Transaction& tx, const Decision& d,
                                   std::int64_t expected_version, std::chrono::sys_seconds at) {
    auto touched = Touch(tx, d.id, expected_version, at);
    if (!touched) {
        return touched;
    }
    const std::array params{
        Int(d.id),      Text(d.number),          Text(d.title),
        Text(d.issuer), Text(d.convention),      OptDay(d.signed_on),
        Text(d.signer), Text(d.signer_position), Int(d.convention_from_setting ? 1 : 0)};
    if (base::Status s = Exec(tx,
                              "UPDATE publication_decisions SET number = $2, title = $3, issuer = "
                              "$4, convention = $5, signed_on = $6, signer = $7, signer_position "
                              "= $8, convention_from_setting = $9 WHERE id = $1",
                              params);
        !s) {
        return Duplicate(s.error());
    }
    if (base::Status s = PutParts(tx, d, d.id); !s) {
        return s.error();
    }
    return touched;
}

base::Result<std::int64_t> SaveProgress(Transaction& tx, const Decision& d,
                                        std::int64_t expected_version,
                                        std::chrono::sys_seconds at) {
    auto touched = Touch(tx, d.id, expected_version, at);
    if (!touched) {
        return touched;
    }
    const std::array params{Int(d.id), Text(d.state), OptDay(d.signed_on), OptDay(d.applied_on),
                            Text(d.convention)};
    if (base::Status s = Exec(tx,
                              "UPDATE publication_decisions SET state = $2, signed_on = $3, "
                              "applied_on = $4, convention = $5 WHERE id = $1",
                              params);
        !s) {
        return s.error();
    }
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const std::array item{Int(d.id), Int(static_cast<std::int64_t>(k)),
                              OptDay(d.items[k].database_entered),
                              OptDay(d.items[k].catalogue_updated)};
        if (base::Status s = Exec(tx,
                                  "UPDATE publication_items SET database_entered_on = $3, "
                                  "catalogue_updated_on = $4 WHERE decision_id = $1 AND position "
                                  "= $2",
                                  item);
            !s) {
            return s.error();
        }
    }
    return touched;
}

base::Result<std::optional<Decision>> Get(Transaction& tx, std::int64_t id) {
    const std::array params{Int(id)};
    auto row = tx.QueryOne(
        "SELECT " + std::string(kColumns) + " FROM publication_decisions WHERE id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<Decision>{};
    }
    auto d = DecisionFrom(**row);
    if (!d) {
        return std::move(d).error();
    }
    if (base::Status s = LoadParts(tx, *d); !s) {
        return s.error();
    }
    return std::optional<Decision>{std::move(*d)};
}

base::Result<std::vector<Decision>> List(Transaction& tx, const ListQuery& q) {
    std::vector<Decision> out;
    if (q.unit_ids.empty()) {
        return out;
    }
    std::vector<Value> params;
    for (std::int64_t u : q.unit_ids) {
        params.push_back(Int(u));
    }
    std::string sql = "SELECT " + std::string(kColumns) +
                      " FROM publication_decisions WHERE issuing_unit_id IN (" +
                      internal::Placeholders(1, q.unit_ids.size()) + ")";
    if (q.state) {
        params.push_back(Text(*q.state));
        sql += " AND state = $" + std::to_string(params.size());
    }
    if (q.from) {
        params.push_back(Day(*q.from));
        sql += " AND signed_on >= $" + std::to_string(params.size());
    }
    if (q.to) {
        params.push_back(Day(*q.to));
        sql += " AND signed_on <= $" + std::to_string(params.size());
    }
    sql += " ORDER BY CASE WHEN signed_on IS NULL THEN 0 ELSE 1 END, signed_on DESC, id DESC";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    for (const Row& row : *rows) {
        auto d = DecisionFrom(row);
        if (!d) {
            return std::move(d).error();
        }
        if (base::Status s = LoadParts(tx, *d); !s) {
            return s.error();
        }
        out.push_back(std::move(*d));
    }
    return out;
}

base::Result<bool> AnyOf(Transaction& tx, const std::vector<std::int64_t>& unit_ids) {
    if (unit_ids.empty()) {
        return false;
    }
    std::vector<Value> params;
    params.reserve(unit_ids.size());
    for (std::int64_t u : unit_ids) {
        params.push_back(Int(u));
    }
    auto row = tx.QueryOne("SELECT 1 FROM publication_decisions WHERE issuing_unit_id IN (" +
                               internal::Placeholders(1, unit_ids.size()) + ") LIMIT 1",
                           params);
    if (!row) {
        return std::move(row).error();
    }
    return row->has_value();
}

}  // namespace motcua::store::publication_decisions
