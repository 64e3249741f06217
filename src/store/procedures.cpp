#include "store/procedures.hpp"

#include <array>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "store/codec.hpp"

namespace motcua::store::procedures {

namespace {

using internal::Day;
using internal::Int;
using internal::OptDay;
using internal::Text;

// The largest page Search returns (a bigger limit is clamped to it).
constexpr int kMaxLimit = 500;

constexpr std::string_view kColumns =
    "p.code, p.effective_from, p.effective_to, p.name, p.field, p.levels, p.implementing_units, "
    "p.processing_milli, p.time_unit, p.fees, p.fee_amount, p.online_level, p.documents, "
    "p.legal_basis, p.publication_decision, p.steps, p.conditions, p.result, p.source_url, "
    "p.version";

// The version of each code in force on day $1 (procedures.hpp): the latest effective_from ≤ $1,
// provided it has not ended before $1. A later version supersedes earlier ones even when their
// effective_to was left empty.
constexpr std::string_view kInForce =
    "p.effective_from <= $1 AND (p.effective_to IS NULL OR p.effective_to >= $1) "
    "AND NOT EXISTS (SELECT 1 FROM procedures q WHERE q.code = p.code "
    "AND q.effective_from > p.effective_from AND q.effective_from <= $1)";

// Search terms, per dialect (procedures.hpp: every term a word prefix of the key).
// SQLite: one FTS5 query over procedures_fts (0003_procedures.sql).
constexpr std::string_view kSqliteMatch =
    " AND (p.code, p.effective_from) IN (SELECT code, effective_from FROM procedures_fts "
    "WHERE procedures_fts MATCH ";
// PostgreSQL: one LIKE per term over ' ' || key, the pattern '% w1 w2%' (the key is stored as
// single-space-separated words, so ' w' starts a word).
constexpr std::string_view kPostgresLike = " AND (' ' || p.search_key) LIKE ";

// The words of `text` as both backends see them: maximal runs of ASCII letters and digits and
// non-ASCII bytes (FTS5's unicode61 token characters for folded text), ASCII lower-cased.
std::vector<std::string> Words(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool word_char = byte >= 0x80 || (byte >= '0' && byte <= '9') ||
                               (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
        if (word_char) {
            current += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte + ('a' - 'A')) : c;
        } else if (!current.empty()) {
            words.push_back(std::move(current));
            current.clear();
        }
    }
    if (!current.empty()) {
        words.push_back(std::move(current));
    }
    return words;
}

std::string Join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) {
            out += ' ';
        }
        out += w;
    }
    return out;
}

// The stored form of a search key: its words separated by single spaces.
std::string NormalizeKey(std::string_view search_key) {
    return Join(Words(search_key));
}

std::string LevelsJson(const std::vector<std::string>& levels) {
    boost::json::array array;
    for (const std::string& level : levels) {
        array.emplace_back(boost::json::string_view(level.data(), level.size()));
    }
    return boost::json::serialize(array);
}

std::string DocumentsJson(const std::vector<domain::RequiredDocument>& documents) {
    boost::json::array array;
    for (const domain::RequiredDocument& d : documents) {
        boost::json::object object;
        object["name"] = boost::json::string_view(d.name.data(), d.name.size());
        object["note"] = boost::json::string_view(d.note.data(), d.note.size());
        array.emplace_back(std::move(object));
    }
    return boost::json::serialize(array);
}

base::Result<boost::json::array> ParseArray(std::string_view column, const std::string& text) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec);
    if (ec || !value.is_array()) {
        return internal::CorruptValue(column, text);
    }
    return std::move(value.as_array());
}

base::Result<std::vector<std::string>> ParseLevels(const std::string& text) {
    auto array = ParseArray("procedures.levels", text);
    if (!array) {
        return std::move(array).error();
    }
    std::vector<std::string> levels;
    for (const boost::json::value& v : *array) {
        const boost::json::string* s = v.if_string();
        if (s == nullptr) {
            return internal::CorruptValue("procedures.levels", text);
        }
        levels.emplace_back(s->data(), s->size());
    }
    return levels;
}

base::Result<std::vector<domain::RequiredDocument>> ParseDocuments(const std::string& text) {
    auto array = ParseArray("procedures.documents", text);
    if (!array) {
        return std::move(array).error();
    }
    std::vector<domain::RequiredDocument> documents;
    for (const boost::json::value& v : *array) {
        const boost::json::object* o = v.if_object();
        if (o == nullptr) {
            return internal::CorruptValue("procedures.documents", text);
        }
        domain::RequiredDocument document;
        for (const auto& [key, out] :
             {std::pair{"name", &document.name}, std::pair{"note", &document.note}}) {
            if (const boost::json::value* field = o->if_contains(key)) {
                const boost::json::string* s = field->if_string();
                if (s == nullptr) {
                    return internal::CorruptValue("procedures.documents", text);
                }
                out->assign(s->data(), s->size());
            }
        }
        documents.push_back(std::move(document));
    }
    return documents;
}

base::Result<domain::Procedure> FromRow(const Row& row) {
    domain::Procedure p;
    p.code = row.Text(0);
    auto from = internal::ParseDay(row.Text(1));
    if (!from) {
        return std::move(from).error();
    }
    p.effective_from = *from;
    auto to = internal::ToOptDay(row, 2);
    if (!to) {
        return std::move(to).error();
    }
    p.effective_to = *to;
    p.name = row.Text(3);
    p.field = row.Text(4);
    auto levels = ParseLevels(row.Text(5));
    if (!levels) {
        return std::move(levels).error();
    }
    p.levels = std::move(*levels);
    p.implementing_units = row.Text(6);
    p.processing_milli = row.Int(7);
    auto time_unit = domain::ParseTimeUnit(row.Text(8));
    if (!time_unit) {
        return internal::CorruptValue("procedures.time_unit", row.Text(8));
    }
    p.time_unit = *time_unit;
    p.fees = row.Text(9);
    p.fee_amount = row.Int(10);
    auto online = domain::ParseOnlineLevel(row.Text(11));
    if (!online) {
        return internal::CorruptValue("procedures.online_level", row.Text(11));
    }
    p.online_level = *online;
    auto documents = ParseDocuments(row.Text(12));
    if (!documents) {
        return std::move(documents).error();
    }
    p.documents = std::move(*documents);
    p.legal_basis = row.Text(13);
    p.publication_decision = row.Text(14);
    p.steps = row.Text(15);
    p.conditions = row.Text(16);
    p.result = row.Text(17);
    p.source_url = row.Text(18);
    p.version = row.Int(19);
    return p;
}

base::Result<std::vector<domain::Procedure>> FromRows(const std::vector<Row>& rows) {
    std::vector<domain::Procedure> out;
    out.reserve(rows.size());
    for (const Row& row : rows) {
        auto p = FromRow(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

// The values of every column but (code, effective_from) and version, in the order the INSERT
// and UPDATE below expect them ($3 … $20).
std::vector<Value> ColumnValues(const domain::Procedure& p, std::string_view search_key) {
    return {OptDay(p.effective_to),
            Text(p.name),
            Text(p.field),
            Text(LevelsJson(p.levels)),
            Text(p.implementing_units),
            Int(p.processing_milli),
            Text(domain::TimeUnitName(p.time_unit)),
            Text(p.fees),
            Int(p.fee_amount),
            Text(domain::OnlineLevelName(p.online_level)),
            Text(DocumentsJson(p.documents)),
            Text(p.legal_basis),
            Text(p.publication_decision),
            Text(p.steps),
            Text(p.conditions),
            Text(p.result),
            Text(p.source_url),
            Text(NormalizeKey(search_key))};
}

base::Result<std::optional<domain::Procedure>> GetVersion(Transaction& tx, std::string_view code,
                                                          std::chrono::sys_days effective_from) {
    const std::array params = {Text(code), Day(effective_from)};
    auto row = tx.QueryOne("SELECT " + std::string(kColumns) +
                               " FROM procedures p WHERE p.code = $1 AND p.effective_from = $2",
                           params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<domain::Procedure>{};
    }
    auto p = FromRow(**row);
    if (!p) {
        return std::move(p).error();
    }
    return std::optional<domain::Procedure>{std::move(*p)};
}

// LIKE pattern text for a literal (backslash is the ESCAPE character in the SQL below).
std::string LikeLiteral(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace

base::Result<domain::Procedure> Insert(Transaction& tx, const domain::Procedure& procedure,
                                       std::string_view search_key) {
    std::vector<Value> params = {Text(procedure.code), Day(procedure.effective_from)};
    for (Value& v : ColumnValues(procedure, search_key)) {
        params.push_back(std::move(v));
    }
    auto inserted = tx.Execute(
        "INSERT INTO procedures (code, effective_from, effective_to, name, field, levels, "
        "implementing_units, processing_milli, time_unit, fees, fee_amount, online_level, "
        "documents, legal_basis, publication_decision, steps, conditions, result, source_url, "
        "search_key, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17, $18, $19, $20, 1)",
        params);
    if (!inserted) {
        return internal::Rephrase(std::move(inserted).error(), base::ErrorCode::kAlreadyExists,
                                  "Thủ tục " + procedure.code + " đã có phiên bản hiệu lực từ " +
                                      internal::FormatDay(procedure.effective_from) + ".");
    }
    domain::Procedure stored = procedure;
    stored.version = 1;
    return stored;
}

base::Result<domain::Procedure> Update(Transaction& tx, const domain::Procedure& procedure,
                                       std::string_view search_key) {
    std::vector<Value> params = {Text(procedure.code), Day(procedure.effective_from)};
    for (Value& v : ColumnValues(procedure, search_key)) {
        params.push_back(std::move(v));
    }
    params.push_back(Int(procedure.version));
    auto changed = tx.Execute(
        "UPDATE procedures SET effective_to = $3, name = $4, field = $5, levels = $6, "
        "implementing_units = $7, processing_milli = $8, time_unit = $9, fees = $10, "
        "fee_amount = $11, online_level = $12, documents = $13, legal_basis = $14, "
        "publication_decision = $15, steps = $16, conditions = $17, result = $18, "
        "source_url = $19, search_key = $20, version = version + 1 "
        "WHERE code = $1 AND effective_from = $2 AND version = $21",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    auto stored = GetVersion(tx, procedure.code, procedure.effective_from);
    if (!stored) {
        return std::move(stored).error();
    }
    if (!*stored) {
        return base::NotFound("Không tìm thấy phiên bản thủ tục " + procedure.code + ".");
    }
    if (*changed == 0) {
        return internal::StaleVersion("Thủ tục");
    }
    return std::move(**stored);
}

base::Result<std::optional<domain::Procedure>> GetInForce(Transaction& tx, std::string_view code,
                                                          std::chrono::sys_days day) {
    const std::array params = {Day(day), Text(code)};
    auto rows = tx.Query("SELECT " + std::string(kColumns) + " FROM procedures p WHERE " +
                             std::string(kInForce) + " AND p.code = $2",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    if (rows->empty()) {
        return std::optional<domain::Procedure>{};
    }
    auto p = FromRow(rows->front());
    if (!p) {
        return std::move(p).error();
    }
    return std::optional<domain::Procedure>{std::move(*p)};
}

base::Result<std::vector<domain::Procedure>> History(Transaction& tx, std::string_view code) {
    const Value key = Text(code);
    auto rows = tx.Query("SELECT " + std::string(kColumns) +
                             " FROM procedures p WHERE p.code = $1 ORDER BY p.effective_from",
                         std::span<const Value>(&key, 1));
    if (!rows) {
        return std::move(rows).error();
    }
    return FromRows(*rows);
}

base::Result<std::vector<domain::Procedure>> ListAll(Transaction& tx) {
    auto rows = tx.Query(
        "SELECT " + std::string(kColumns) + " FROM procedures p ORDER BY p.code, p.effective_from",
        {});
    if (!rows) {
        return std::move(rows).error();
    }
    return FromRows(*rows);
}

base::Result<SearchPage> Search(Transaction& tx, const SearchQuery& query) {
    if (query.limit < 1) {
        return base::InvalidArgument("Số kết quả mỗi trang phải lớn hơn 0.");
    }
    std::vector<Value> params = {Day(query.day)};
    std::string where(kInForce);
    const auto next = [&](Value value) { return internal::Bind(params, std::move(value)); };
    if (query.field) {
        where += " AND p.field = " + next(Text(*query.field));
    }
    if (query.level) {
        // levels is a JSON array of plain names: match the quoted name.
        where += " AND p.levels LIKE " + next(Text("%\"" + LikeLiteral(*query.level) + "\"%")) +
                 " ESCAPE '\\'";
    }
    // Each whitespace-separated term: its words in order, the last one a prefix.
    std::vector<std::string> terms;
    size_t start = 0;
    const std::string_view text = query.folded_terms;
    while (start < text.size()) {
        size_t end = text.find_first_of(" \t\r\n", start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string term = Join(Words(text.substr(start, end - start)));
        if (!term.empty()) {
            terms.push_back(term);
        }
        start = end + 1;
    }
    if (!terms.empty()) {
        if (tx.dialect() == Dialect::kSqlite) {
            std::string match;
            for (const std::string& term : terms) {
                match += match.empty() ? "\"" : " AND \"";
                match += term;  // letters, digits and spaces only: no quote to escape
                match += "\"*";
            }
            where += std::string(kSqliteMatch) + next(Text(match)) + ")";
        } else {
            for (const std::string& term : terms) {
                where += std::string(kPostgresLike) + next(Text("% " + term + "%"));
            }
        }
    }
    auto count = tx.QueryOne("SELECT COUNT(*) FROM procedures p WHERE " + where, params);
    if (!count) {
        return std::move(count).error();
    }
    SearchPage page;
    page.total = *count ? (*count)->Int(0) : 0;
    if (query.after) {
        where += " AND p.code > " + next(Text(*query.after));
    }
    const int limit = std::min(query.limit, kMaxLimit);
    const std::string limit_param = next(Int(limit + 1));  // one more: is there a next page?
    auto rows = tx.Query("SELECT " + std::string(kColumns) + " FROM procedures p WHERE " + where +
                             " ORDER BY p.code LIMIT " + limit_param,
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    const bool more = rows->size() > static_cast<size_t>(limit);
    if (more) {
        rows->resize(static_cast<size_t>(limit));
    }
    auto items = FromRows(*rows);
    if (!items) {
        return std::move(items).error();
    }
    page.items = std::move(*items);
    if (more && !page.items.empty()) {
        page.next_cursor = page.items.back().code;
    }
    return page;
}

base::Result<std::vector<std::pair<std::string, std::int64_t>>> Fields(Transaction& tx,
                                                                       std::chrono::sys_days day) {
    const Value key = Day(day);
    auto rows = tx.Query("SELECT p.field, COUNT(*) FROM procedures p WHERE " +
                             std::string(kInForce) + " GROUP BY p.field ORDER BY p.field",
                         std::span<const Value>(&key, 1));
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::pair<std::string, std::int64_t>> fields;
    fields.reserve(rows->size());
    for (const Row& row : *rows) {
        fields.emplace_back(row.Text(0), row.Int(1));
    }
    return fields;
}

}  // namespace motcua::store::procedures
