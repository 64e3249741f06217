#include "store/aggregates.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <span>
#include <tuple>

#include "store/codec.hpp"

namespace motcua::store::aggregates {

namespace {

using internal::Int;
using internal::Text;

constexpr std::string_view kInputsSql =
    "SELECT d.id, d.settling_unit_id, d.procedure_code, d.channel, d.received_at, "
    "d.finished_at, COALESCE(d.due_at, d.appointment_at), d.timing, d.late, d.result_kind, "
    "d.fee_amount, "
    "CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE p.dossier_id = d.id AND p.status = 'paid' "
    "AND p.method = 'online') THEN 1 ELSE 0 END, "
    "CASE WHEN f.dossier_id IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN f.synced_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN f.population_data_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN f.pushed_to_store_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND x.role = "
    "'component' AND x.reused_from IS NOT NULL) THEN 1 ELSE 0 END, "
    "CASE WHEN EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND x.role = "
    "'component' AND x.digitised = 1) THEN 1 ELSE 0 END, "
    "CASE WHEN EXISTS (SELECT 1 FROM documents x WHERE x.dossier_id = d.id AND x.role = "
    "'result' AND x.digitised = 1) THEN 1 ELSE 0 END, "
    "CASE WHEN r.dossier_id IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN r.satisfaction = 'dissatisfied' OR r.complaint = 1 THEN 1 ELSE 0 END "
    "FROM dossiers d LEFT JOIN dossier_facts f ON f.dossier_id = d.id "
    "LEFT JOIN ratings r ON r.dossier_id = d.id ";

// The dossier's own columns (0–10 of kInputsSql and kInputPageSql).
ind::Inputs FromDossierColumns(const Row& row) {
    ind::Inputs in;
    in.dossier_id = row.Int(0);
    in.settling_unit_id = row.Int(1);
    in.procedure_code = row.Text(2);
    in.channel = static_cast<domain::Channel>(row.Int(3));
    in.received_at = internal::ToOptSeconds(row, 4);
    in.finished_at = internal::ToOptSeconds(row, 5);
    in.due_at = internal::ToOptSeconds(row, 6);
    for (domain::Timing t : {domain::Timing::kPending, domain::Timing::kEarly,
                             domain::Timing::kOnTime, domain::Timing::kLate}) {
        if (domain::TimingName(t) == row.Text(7)) {
            in.timing = t;
        }
    }
    in.late = row.Int(8) != 0;
    in.result_issued = row.Text(9) == "issued";
    in.fee_bearing = row.Int(10) > 0;
    return in;
}

ind::Inputs FromRow(const Row& row) {
    ind::Inputs in = FromDossierColumns(row);
    in.paid_online = row.Int(11) != 0;
    in.facts_known = row.Int(12) != 0;
    in.synced = row.Int(13) != 0;
    in.population_data = row.Int(14) != 0;
    in.pushed_to_store = row.Int(15) != 0;
    in.reused = row.Int(16) != 0;
    in.digitised_component = row.Int(17) != 0;
    in.digitised_result = row.Int(18) != 0;
    in.rated = row.Int(19) != 0;
    in.dissatisfied = row.Int(20) != 0;
    return in;
}

// A page of dossiers for the rebuild: their own columns, then what the other tables hold about
// them, read one table at a time over the page's id range (dossier_id > $1 AND dossier_id <=
// $2, in dossier order, each by its dossier index) and merged by id — instead of kInputsSql's
// joins and correlated EXISTS per dossier.
constexpr std::string_view kInputPageSql =
    "SELECT d.id, d.settling_unit_id, d.procedure_code, d.channel, d.received_at, "
    "d.finished_at, COALESCE(d.due_at, d.appointment_at), d.timing, d.late, d.result_kind, "
    "d.fee_amount FROM dossiers d WHERE d.id > $1 AND d.id <= $3 ORDER BY d.id LIMIT $2";
constexpr std::string_view kPagePaidOnlineSql =
    "SELECT DISTINCT dossier_id FROM payments WHERE dossier_id > $1 AND dossier_id <= $2 AND "
    "status = 'paid' AND method = 'online' ORDER BY dossier_id";
constexpr std::string_view kPageFactsSql =
    "SELECT dossier_id, CASE WHEN synced_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN population_data_at IS NULL THEN 0 ELSE 1 END, "
    "CASE WHEN pushed_to_store_at IS NULL THEN 0 ELSE 1 END FROM dossier_facts "
    "WHERE dossier_id > $1 AND dossier_id <= $2 ORDER BY dossier_id";
constexpr std::string_view kPageDocumentsSql =
    "SELECT dossier_id, "
    "MAX(CASE WHEN role = 'component' AND reused_from IS NOT NULL THEN 1 ELSE 0 END), "
    "MAX(CASE WHEN role = 'component' AND digitised = 1 THEN 1 ELSE 0 END), "
    "MAX(CASE WHEN role = 'result' AND digitised = 1 THEN 1 ELSE 0 END) FROM documents "
    "WHERE dossier_id > $1 AND dossier_id <= $2 GROUP BY dossier_id ORDER BY dossier_id";
constexpr std::string_view kPageRatingsSql =
    "SELECT dossier_id, CASE WHEN satisfaction = 'dissatisfied' OR complaint = 1 THEN 1 ELSE 0 "
    "END FROM ratings WHERE dossier_id > $1 AND dossier_id <= $2 ORDER BY dossier_id";

// Runs `sql` over the ids (after, last] and hands each row to `apply` with the Inputs of its
// dossier (`page` is in id order; rows of ids not in it are skipped).
template <typename Apply>
base::Status MergeByDossier(Transaction& tx, std::string_view sql, std::int64_t after,
                            std::vector<ind::Inputs>& page, Apply apply) {
    const std::array params{Int(after), Int(page.back().dossier_id)};
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    auto it = page.begin();
    for (const Row& row : *rows) {
        const std::int64_t id = row.Int(0);
        while (it != page.end() && it->dossier_id < id) {
            ++it;
        }
        if (it == page.end()) {
            break;
        }
        if (it->dossier_id == id) {
            apply(*it, row);
        }
    }
    return {};
}

// "$n, $n+1, …" for `count` parameters starting after `first` - 1.
std::string Placeholders(std::size_t first, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += (i == 0 ? "$" : ", $") + std::to_string(first + i);
    }
    return out;
}

// The bulk INSERTs of the rebuild (both dialects), completed by MultiRowInsert.
constexpr std::string_view kInsertCell =
    "INSERT INTO aggregates (unit_id, day, metric, procedure_code, value) VALUES ";
constexpr std::string_view kInsertUnitCell =
    "INSERT INTO aggregates_unit (unit_id, day, metric, value) VALUES ";

// Rows per bulk INSERT statement: 100 on SQLite (measured: it writes the rebuild's counters 2.5
// times faster than single-row statements; more rows gain nothing), about 2,000 parameters on
// PostgreSQL (fewer round trips). The full text is the same every time, so it is prepared once
// per connection.
std::size_t RowsPerStatement(const Transaction& tx, std::size_t columns) {
    return tx.dialect() == Dialect::kSqlite ? 100 : std::max<std::size_t>(1, 2000 / columns);
}

// `head` followed by `rows` tuples of `columns` placeholders.
std::string MultiRowInsert(std::string_view head, std::size_t columns, std::size_t rows) {
    std::string sql(head);
    for (std::size_t r = 0; r < rows; ++r) {
        sql += (r == 0 ? "(" : ", (") + Placeholders(r * columns + 1, columns) + ")";
    }
    return sql;
}

// Executes the buffered rows of `params` (`columns` values each): `full_sql` when they fill it,
// else a statement for their number. Empties `params`.
base::Status RunInsert(Transaction& tx, const std::string& full_sql, std::string_view head,
                       std::size_t columns, std::vector<Value>& params) {
    if (params.empty()) {
        return {};
    }
    const std::size_t rows = params.size() / columns;
    const std::size_t full_rows = RowsPerStatement(tx, columns);
    std::string partial;
    if (rows != full_rows) {
        partial = MultiRowInsert(head, columns, rows);
    }
    auto done = tx.Execute(rows == full_rows ? full_sql : partial, params);
    params.clear();
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

// Executes `params` (`columns` values a row) as multi-row statements: `head`, the rows'
// placeholders, `tail` — RowsPerStatement rows each (the full text is the same every time, so it
// is prepared once per connection).
base::Status RunBulk(Transaction& tx, std::string_view head, std::string_view tail,
                     std::size_t columns, const std::vector<Value>& params) {
    const std::size_t per = RowsPerStatement(tx, columns);
    const std::size_t rows = params.size() / columns;
    std::string full;
    for (std::size_t r = 0; r < rows; r += per) {
        const std::size_t n = std::min(per, rows - r);
        std::string partial;
        if (n == per && full.empty()) {
            full = MultiRowInsert(head, columns, per) + std::string(tail);
        } else if (n != per) {
            partial = MultiRowInsert(head, columns, n) + std::string(tail);
        }
        const std::span<const Value> chunk(params.data() + r * columns, n * columns);
        auto done = tx.Execute(n == per ? full : partial, chunk);
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

template <typename Key, typename KeyOf>
base::Result<std::map<Key, ind::Sums>> SumsBy(Transaction& tx, std::string_view table,
                                              std::string_view column,
                                              const std::vector<std::int64_t>& units,
                                              const std::vector<std::string>& procedures,
                                              ind::Day from, ind::Day to, KeyOf key_of) {
    std::vector<Value> params{Int(from), Int(to)};
    std::string sql = "SELECT " + std::string(column) +
                      ", metric, CAST(SUM(CASE WHEN day >= $1 THEN value ELSE 0 END) AS BIGINT), "
                      "CAST(SUM(CASE WHEN day < $1 THEN value ELSE 0 END) AS BIGINT) FROM " +
                      std::string(table) + " WHERE day <= $2";
    if (!units.empty()) {
        sql += " AND unit_id IN (" + Placeholders(3, units.size()) + ")";
        for (std::int64_t id : units) {
            params.push_back(Int(id));
        }
    }
    if (!procedures.empty()) {
        sql +=
            " AND procedure_code IN (" + Placeholders(params.size() + 1, procedures.size()) + ")";
        for (const std::string& code : procedures) {
            params.push_back(Text(code));
        }
    }
    sql += " GROUP BY " + std::string(column) + ", metric";
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::map<Key, ind::Sums> out;
    for (const Row& row : *rows) {
        const std::int64_t metric = row.Int(1);
        if (metric < 0 || metric >= ind::kMetricCount) {
            continue;  // a metric of a newer version; ignored by this one
        }
        ind::Sums& s = out[key_of(row)];
        s.in_window[static_cast<std::size_t>(metric)] += row.Int(2);
        s.before[static_cast<std::size_t>(metric)] += row.Int(3);
    }
    return out;
}

// Rows (unit_id, day, metric[, procedure_code], value) of the two tables as cells.
std::vector<Cell> CellsOf(const std::vector<Row>& rows, bool with_procedure) {
    std::vector<Cell> out;
    out.reserve(rows.size());
    for (const Row& row : rows) {
        out.push_back(Cell{
            row.Int(0), static_cast<ind::Day>(row.Int(1)), static_cast<ind::Metric>(row.Int(2)),
            with_procedure ? row.Text(3) : std::string(), row.Int(with_procedure ? 4 : 3)});
    }
    return out;
}

// ---- The narrow rows of `indicator_inputs` (migration 0021) ----
// The columns dossier_id, unit_id, procedure_code, received_at, finished_at, due_at, flags;
// flags: bits 0-3 the channel, 4-7 the timing, then one bit per fact in kFlagOrder's order.
constexpr std::string_view kInputColumns =
    "dossier_id, unit_id, procedure_code, received_at, finished_at, due_at, flags";
constexpr std::string_view kInsertInputs =
    "INSERT INTO indicator_inputs (dossier_id, unit_id, procedure_code, received_at, "
    "finished_at, due_at, flags) VALUES ";
constexpr std::string_view kInputsUpsert =
    " ON CONFLICT (dossier_id) DO UPDATE SET unit_id = excluded.unit_id, procedure_code = "
    "excluded.procedure_code, received_at = excluded.received_at, finished_at = "
    "excluded.finished_at, due_at = excluded.due_at, flags = excluded.flags";
constexpr std::size_t kInputColumnCount = 7;
constexpr std::array kFlagOrder{&ind::Inputs::late,
                                &ind::Inputs::result_issued,
                                &ind::Inputs::fee_bearing,
                                &ind::Inputs::paid_online,
                                &ind::Inputs::facts_known,
                                &ind::Inputs::synced,
                                &ind::Inputs::population_data,
                                &ind::Inputs::pushed_to_store,
                                &ind::Inputs::reused,
                                &ind::Inputs::digitised_component,
                                &ind::Inputs::digitised_result,
                                &ind::Inputs::rated,
                                &ind::Inputs::dissatisfied};
constexpr int kFirstFlagBit = 8;

std::int64_t FlagsOf(const ind::Inputs& in) {
    std::int64_t flags = (static_cast<std::int64_t>(in.channel) & 0xF) |
                         ((static_cast<std::int64_t>(in.timing) & 0xF) << 4);
    for (std::size_t i = 0; i < kFlagOrder.size(); ++i) {
        if (in.*kFlagOrder[i]) {
            flags |= std::int64_t{1} << (kFirstFlagBit + static_cast<int>(i));
        }
    }
    return flags;
}

void PushInputParams(std::vector<Value>& params, const ind::Inputs& in) {
    params.push_back(Int(in.dossier_id));
    params.push_back(Int(in.settling_unit_id));
    params.push_back(Text(in.procedure_code));
    params.push_back(internal::OptSeconds(in.received_at));
    params.push_back(internal::OptSeconds(in.finished_at));
    params.push_back(internal::OptSeconds(in.due_at));
    params.push_back(Int(FlagsOf(in)));
}

// Sets the channel, timing and facts of `in` from a flags column (FlagsOf's inverse).
void ApplyFlags(ind::Inputs& in, std::int64_t flags) {
    in.channel = static_cast<domain::Channel>(flags & 0xF);
    in.timing = static_cast<domain::Timing>((flags >> 4) & 0xF);
    for (std::size_t i = 0; i < kFlagOrder.size(); ++i) {
        in.*kFlagOrder[i] = ((flags >> (kFirstFlagBit + static_cast<int>(i))) & 1) != 0;
    }
}

// Column i as Unix seconds (NULL: none), for Row and RowView alike.
template <typename R>
std::optional<std::chrono::sys_seconds> SecondsAt(const R& row, std::size_t i) {
    if (row.IsNull(i)) {
        return std::nullopt;
    }
    return std::chrono::sys_seconds{std::chrono::seconds{row.Int(i)}};
}

// The stored row's columns from `first` on (kInputColumns' order), the procedure code aside.
template <typename R>
void StoredInputsAt(const R& row, std::size_t first, ind::Inputs& in) {
    in.dossier_id = row.Int(first);
    in.settling_unit_id = row.Int(first + 1);
    in.received_at = SecondsAt(row, first + 3);
    in.finished_at = SecondsAt(row, first + 4);
    in.due_at = SecondsAt(row, first + 5);
    ApplyFlags(in, row.Int(first + 6));
}

ind::Inputs InputsFromRow(const Row& row) {
    ind::Inputs in;
    StoredInputsAt(row, 0, in);
    in.procedure_code = row.Text(2);
    return in;
}

domain::Timing TimingNamed(std::string_view name) {
    for (domain::Timing t :
         {domain::Timing::kEarly, domain::Timing::kOnTime, domain::Timing::kLate}) {
        if (domain::TimingName(t) == name) {
            return t;
        }
    }
    return domain::Timing::kPending;
}

// ---- The rebuild's streaming read of the dossiers ----
// Ids per span: the side tables are read for a span, then its dossiers streamed.
constexpr std::int64_t kIdSpan = 20000;

// The dossiers' own columns with their stored inputs row (columns 11-17, NULL when none). On
// SQLite through the covering index of migration 0026, so that the 2 KB dossier rows are not
// read; PostgreSQL's planner chooses the index-only scan itself.
constexpr std::string_view kDossierInputsSelect =
    "SELECT d.id, d.settling_unit_id, d.procedure_code, d.channel, d.received_at, "
    "d.finished_at, COALESCE(d.due_at, d.appointment_at), d.timing, d.late, d.result_kind, "
    "d.fee_amount, s.dossier_id, s.unit_id, s.procedure_code, s.received_at, s.finished_at, "
    "s.due_at, s.flags FROM dossiers d ";
constexpr std::string_view kDossierInputsRest =
    "LEFT JOIN indicator_inputs s ON s.dossier_id = d.id WHERE d.id > $1 AND d.id <= $2 "
    "ORDER BY d.id";
constexpr std::string_view kSqliteCoveringIndex = "INDEXED BY dossiers_indicator_inputs ";

// One side table's facts for a span: (dossier id, bits), in id order.
using SideFacts = std::vector<std::pair<std::int64_t, unsigned>>;

template <typename BitsOf>
base::Status ReadSide(Transaction& tx, std::string_view sql, std::span<const Value> params,
                      SideFacts& out, BitsOf bits_of) {
    out.clear();
    return tx.ForEach(sql, params, [&](const RowView& row) -> base::Status {
        out.emplace_back(row.Int(0), bits_of(row));
        return {};
    });
}

// The bits of `side` for `id` (0 if none); `at` moves forward only (ids come in order).
unsigned SideBits(const SideFacts& side, std::size_t& at, std::int64_t id) {
    while (at < side.size() && side[at].first < id) {
        ++at;
    }
    return at < side.size() && side[at].first == id ? side[at].second : 0U;
}

unsigned Bit(const RowView& row, std::size_t i, unsigned bit) {
    return row.Int(i) != 0 ? bit : 0U;
}

// Calls `read(lo, hi)` for the spans (lo, hi] of kIdSpan ids that cover (after_id, upto_id],
// up to the highest id among the dossiers and the stored inputs; stops at its first error.
template <typename Read>
base::Status ForEachIdSpan(Transaction& tx, std::int64_t after_id, std::int64_t upto_id,
                           Read read) {
    auto max_id = MaxInputId(tx);
    if (!max_id) {
        return max_id.error();
    }
    const std::int64_t last = std::min(upto_id, *max_id);
    for (std::int64_t lo = after_id; lo < last;) {
        const std::int64_t hi = last - lo > kIdSpan ? lo + kIdSpan : last;
        if (base::Status s = read(lo, hi); !s) {
            return s;
        }
        lo = hi;
    }
    return {};
}

}  // namespace

base::Status ForEachDossierInputs(Transaction& tx, std::int64_t after_id, std::int64_t upto_id,
                                  const DossierInputsCallback& each) {
    std::string dossier_sql(kDossierInputsSelect);
    if (tx.dialect() == Dialect::kSqlite) {
        dossier_sql += kSqliteCoveringIndex;
    }
    dossier_sql += kDossierInputsRest;
    SideFacts paid;
    SideFacts facts;
    SideFacts documents;
    SideFacts ratings;
    ind::Inputs dossier;
    ind::Inputs stored;
    return ForEachIdSpan(tx, after_id, upto_id, [&](std::int64_t lo, std::int64_t hi) {
        const std::array params{Int(lo), Int(hi)};
        base::Status s =
            ReadSide(tx, kPagePaidOnlineSql, params, paid, [](const RowView&) { return 1U; });
        if (s) {
            s = ReadSide(tx, kPageFactsSql, params, facts, [](const RowView& row) {
                return 1U | Bit(row, 1, 2U) | Bit(row, 2, 4U) | Bit(row, 3, 8U);
            });
        }
        if (s) {
            s = ReadSide(tx, kPageDocumentsSql, params, documents, [](const RowView& row) {
                return Bit(row, 1, 1U) | Bit(row, 2, 2U) | Bit(row, 3, 4U);
            });
        }
        if (s) {
            s = ReadSide(tx, kPageRatingsSql, params, ratings,
                         [](const RowView& row) { return 1U | Bit(row, 1, 2U); });
        }
        if (!s) {
            return s;
        }
        std::size_t at_paid = 0;
        std::size_t at_facts = 0;
        std::size_t at_documents = 0;
        std::size_t at_ratings = 0;
        return tx.ForEach(dossier_sql, params, [&](const RowView& row) -> base::Status {
            dossier.dossier_id = row.Int(0);
            dossier.settling_unit_id = row.Int(1);
            dossier.channel = static_cast<domain::Channel>(row.Int(3));
            dossier.received_at = SecondsAt(row, 4);
            dossier.finished_at = SecondsAt(row, 5);
            dossier.due_at = SecondsAt(row, 6);
            dossier.timing = TimingNamed(row.Text(7));
            dossier.late = row.Int(8) != 0;
            dossier.result_issued = row.Text(9) == "issued";
            dossier.fee_bearing = row.Int(10) > 0;
            const std::int64_t id = dossier.dossier_id;
            dossier.paid_online = SideBits(paid, at_paid, id) != 0;
            const unsigned f = SideBits(facts, at_facts, id);
            dossier.facts_known = (f & 1U) != 0;
            dossier.synced = (f & 2U) != 0;
            dossier.population_data = (f & 4U) != 0;
            dossier.pushed_to_store = (f & 8U) != 0;
            const unsigned d = SideBits(documents, at_documents, id);
            dossier.reused = (d & 1U) != 0;
            dossier.digitised_component = (d & 2U) != 0;
            dossier.digitised_result = (d & 4U) != 0;
            const unsigned r = SideBits(ratings, at_ratings, id);
            dossier.rated = (r & 1U) != 0;
            dossier.dissatisfied = (r & 2U) != 0;
            DossierInputsView view{{&dossier, row.Text(2)}, {}};
            if (!row.IsNull(11)) {
                StoredInputsAt(row, 11, stored);
                view.stored = {&stored, row.Text(13)};
            }
            return each(view);
        });
    });
}

base::Status ForEachStoredInputs(Transaction& tx, std::int64_t after_id, std::int64_t upto_id,
                                 const InputsCallback& each) {
    const std::string sql = "SELECT " + std::string(kInputColumns) +
                            " FROM indicator_inputs WHERE dossier_id > $1 AND dossier_id <= $2 "
                            "ORDER BY dossier_id";
    ind::Inputs in;
    return ForEachIdSpan(tx, after_id, upto_id, [&](std::int64_t lo, std::int64_t hi) {
        const std::array params{Int(lo), Int(hi)};
        return tx.ForEach(sql, params, [&](const RowView& row) -> base::Status {
            StoredInputsAt(row, 0, in);
            return each(InputsView{&in, row.Text(2)});
        });
    });
}

base::Result<std::vector<std::int64_t>> StoredInputsWithoutDossier(Transaction& tx,
                                                                   std::int64_t after_id,
                                                                   std::int64_t upto_id) {
    // The dossier looked up in the covering index on SQLite (not in the 2 KB rows).
    std::string sql =
        "SELECT s.dossier_id FROM indicator_inputs s WHERE s.dossier_id > $1 AND s.dossier_id <= "
        "$2 AND NOT EXISTS (SELECT 1 FROM dossiers d ";
    if (tx.dialect() == Dialect::kSqlite) {
        sql += kSqliteCoveringIndex;
    }
    sql += "WHERE d.id = s.dossier_id) ORDER BY s.dossier_id";
    const std::array params{Int(after_id), Int(upto_id)};
    std::vector<std::int64_t> out;
    base::Status s = tx.ForEach(sql, params, [&](const RowView& row) -> base::Status {
        out.push_back(row.Int(0));
        return {};
    });
    if (!s) {
        return std::move(s).error();
    }
    return out;
}

base::Result<std::vector<ind::Inputs>> Inputs(Transaction& tx, std::int64_t after_id, int limit) {
    return Inputs(tx, after_id, std::numeric_limits<std::int64_t>::max(), limit);
}

base::Result<std::vector<ind::Inputs>> Inputs(Transaction& tx, std::int64_t after_id,
                                              std::int64_t upto_id, int limit) {
    const std::array params{Int(after_id), Int(std::max(limit, 1)), Int(upto_id)};
    auto rows = tx.Query(kInputPageSql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ind::Inputs> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(FromDossierColumns(row));
    }
    rows->clear();
    if (out.empty()) {
        return out;
    }
    base::Status merged =
        MergeByDossier(tx, kPagePaidOnlineSql, after_id, out,
                       [](ind::Inputs& in, const Row&) { in.paid_online = true; });
    if (merged) {
        merged =
            MergeByDossier(tx, kPageFactsSql, after_id, out, [](ind::Inputs& in, const Row& row) {
                in.facts_known = true;
                in.synced = row.Int(1) != 0;
                in.population_data = row.Int(2) != 0;
                in.pushed_to_store = row.Int(3) != 0;
            });
    }
    if (merged) {
        merged = MergeByDossier(tx, kPageDocumentsSql, after_id, out,
                                [](ind::Inputs& in, const Row& row) {
                                    in.reused = row.Int(1) != 0;
                                    in.digitised_component = row.Int(2) != 0;
                                    in.digitised_result = row.Int(3) != 0;
                                });
    }
    if (merged) {
        merged =
            MergeByDossier(tx, kPageRatingsSql, after_id, out, [](ind::Inputs& in, const Row& row) {
                in.rated = true;
                in.dissatisfied = row.Int(1) != 0;
            });
    }
    if (!merged) {
        return merged.error();
    }
    return out;
}

base::Result<std::optional<ind::Inputs>> InputsOf(Transaction& tx, std::int64_t dossier_id) {
    const std::array params{Int(dossier_id)};
    auto row = tx.QueryOne(std::string(kInputsSql) + "WHERE d.id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<ind::Inputs>{};
    }
    return std::optional<ind::Inputs>{FromRow(**row)};
}

base::Result<std::optional<ind::Inputs>> StoredInputs(Transaction& tx, std::int64_t dossier_id) {
    const std::array params{Int(dossier_id)};
    auto row = tx.QueryOne(
        "SELECT " + std::string(kInputColumns) + " FROM indicator_inputs WHERE dossier_id = $1",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::optional<ind::Inputs>{};
    }
    return std::optional<ind::Inputs>{InputsFromRow(**row)};
}

base::Status SaveInputs(Transaction& tx, const ind::Inputs& inputs) {
    return PutInputs(tx, {inputs});
}

base::Result<std::vector<ind::Inputs>> StoredInputsPage(Transaction& tx, std::int64_t after_id,
                                                        std::int64_t upto_id, int limit) {
    const std::array params{Int(after_id), Int(upto_id), Int(std::max(limit, 1))};
    auto rows = tx.Query("SELECT " + std::string(kInputColumns) +
                             " FROM indicator_inputs WHERE dossier_id > $1 AND dossier_id <= $2 "
                             "ORDER BY dossier_id LIMIT $3",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<ind::Inputs> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(InputsFromRow(row));
    }
    return out;
}

namespace {
std::vector<Value> InputParams(const std::vector<ind::Inputs>& rows) {
    std::vector<Value> params;
    params.reserve(rows.size() * kInputColumnCount);
    for (const ind::Inputs& in : rows) {
        PushInputParams(params, in);
    }
    return params;
}
}  // namespace

base::Status InsertInputs(Transaction& tx, const std::vector<ind::Inputs>& rows) {
    return RunBulk(tx, kInsertInputs, "", kInputColumnCount, InputParams(rows));
}

base::Status PutInputs(Transaction& tx, const std::vector<ind::Inputs>& rows) {
    return RunBulk(tx, kInsertInputs, kInputsUpsert, kInputColumnCount, InputParams(rows));
}

base::Status DeleteInputs(Transaction& tx, const std::vector<std::int64_t>& ids) {
    for (std::int64_t id : ids) {
        const std::array params{Int(id)};
        auto done = tx.Execute("DELETE FROM indicator_inputs WHERE dossier_id = $1", params);
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

base::Status ClearInputs(Transaction& tx) {
    for (std::string_view sql :
         {"DELETE FROM indicator_inputs", "DELETE FROM aggregate_meta WHERE key = 'inputs'"}) {
        auto done = tx.Execute(sql, {});
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

base::Result<bool> InputsComplete(Transaction& tx) {
    auto row = tx.QueryOne("SELECT value FROM aggregate_meta WHERE key = 'inputs'", {});
    if (!row) {
        return std::move(row).error();
    }
    return *row && (*row)->Text(0) == "1";
}

base::Status SetInputsComplete(Transaction& tx) {
    auto done = tx.Execute(
        "INSERT INTO aggregate_meta (key, value) VALUES ('inputs', '1') ON CONFLICT (key) DO "
        "UPDATE SET value = excluded.value",
        {});
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<std::int64_t> MaxInputId(Transaction& tx) {
    auto row = tx.QueryOne(
        "SELECT COALESCE((SELECT MAX(id) FROM dossiers), 0), COALESCE((SELECT MAX(dossier_id) "
        "FROM indicator_inputs), 0)",
        {});
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::int64_t{0};
    }
    return std::max((*row)->Int(0), (*row)->Int(1));
}

namespace {

// The SELECT of RangePage / ScanRange and its parameters.
std::string RangeSql(bool by_procedure, std::int64_t unit_from, std::int64_t unit_to,
                     const std::optional<Cell>& after, int limit, std::vector<Value>& params) {
    params = {Int(unit_to)};
    std::string sql = by_procedure
                          ? "SELECT unit_id, day, metric, procedure_code, value FROM aggregates "
                          : "SELECT unit_id, day, metric, value FROM aggregates_unit ";
    sql += "WHERE unit_id <= $1 AND ";
    if (after) {
        // A row-value comparison alone as the lower bound: both dialects seek the primary key to
        // it (with `unit_id >= $n` beside it SQLite would seek to the unit and filter the rest,
        // rereading the range for every page).
        sql += by_procedure ? "(unit_id, day, metric, procedure_code) > ($2, $3, $4, $5)"
                            : "(unit_id, day, metric) > ($2, $3, $4)";
        params.push_back(Int(after->unit_id));
        params.push_back(Int(after->day));
        params.push_back(Int(static_cast<std::int64_t>(after->metric)));
        if (by_procedure) {
            params.push_back(Text(after->procedure_code));
        }
    } else {
        sql += "unit_id >= $2";
        params.push_back(Int(unit_from));
    }
    sql += by_procedure ? " ORDER BY unit_id, day, metric, procedure_code LIMIT $"
                        : " ORDER BY unit_id, day, metric LIMIT $";
    sql += std::to_string(params.size() + 1);
    params.push_back(Int(std::max(limit, 1)));
    return sql;
}

}  // namespace

base::Result<std::vector<Cell>> RangePage(Transaction& tx, bool by_procedure,
                                          std::int64_t unit_from, std::int64_t unit_to,
                                          const std::optional<Cell>& after, int limit) {
    std::vector<Value> params;
    const std::string sql = RangeSql(by_procedure, unit_from, unit_to, after, limit, params);
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    return CellsOf(*rows, by_procedure);
}

base::Result<std::int64_t> ScanRange(Transaction& tx, bool by_procedure, std::int64_t unit_from,
                                     std::int64_t unit_to, std::optional<Cell>& cursor, int limit,
                                     const CellCallback& each) {
    std::vector<Value> params;
    const std::string sql = RangeSql(by_procedure, unit_from, unit_to, cursor, limit, params);
    std::int64_t seen = 0;
    CellView last;
    base::Status s = tx.ForEach(sql, params, [&](const RowView& row) -> base::Status {
        last.unit_id = row.Int(0);
        last.day = static_cast<ind::Day>(row.Int(1));
        last.metric = row.Int(2);
        last.procedure_code = by_procedure ? row.Text(3) : std::string_view();
        last.value = row.Int(by_procedure ? 4 : 3);
        ++seen;
        if (base::Status e = each(last); !e) {
            return e;
        }
        if (!cursor) {
            cursor.emplace();
        }
        cursor->unit_id = last.unit_id;
        cursor->day = last.day;
        cursor->metric = static_cast<ind::Metric>(last.metric);
        cursor->procedure_code.assign(last.procedure_code);  // reuses its buffer
        cursor->value = last.value;
        return {};
    });
    if (!s) {
        return std::move(s).error();
    }
    return seen;
}

base::Status PutCells(Transaction& tx, bool by_procedure, const std::vector<Cell>& cells) {
    const std::size_t columns = by_procedure ? 5 : 4;
    std::vector<Value> params;
    params.reserve(cells.size() * columns);
    for (const Cell& c : cells) {
        params.push_back(Int(c.unit_id));
        params.push_back(Int(c.day));
        params.push_back(Int(static_cast<std::int64_t>(c.metric)));
        if (by_procedure) {
            params.push_back(Text(c.procedure_code));
        }
        params.push_back(Int(c.value));
    }
    return by_procedure
               ? RunBulk(tx, kInsertCell,
                         " ON CONFLICT (unit_id, day, metric, procedure_code) DO UPDATE SET "
                         "value = excluded.value",
                         columns, params)
               : RunBulk(tx, kInsertUnitCell,
                         " ON CONFLICT (unit_id, day, metric) DO UPDATE SET value = excluded.value",
                         columns, params);
}

base::Status DeleteCells(Transaction& tx, bool by_procedure, const std::vector<Cell>& cells) {
    for (const Cell& c : cells) {
        std::vector<Value> params{Int(c.unit_id), Int(c.day),
                                  Int(static_cast<std::int64_t>(c.metric))};
        if (by_procedure) {
            params.push_back(Text(c.procedure_code));
        }
        auto done =
            tx.Execute(by_procedure ? "DELETE FROM aggregates WHERE unit_id = $1 AND day = $2 AND "
                                      "metric = $3 AND procedure_code = $4"
                                    : "DELETE FROM aggregates_unit WHERE unit_id = $1 AND day = $2 "
                                      "AND metric = $3",
                       params);
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

base::Status ClearChanges(Transaction& tx) {
    auto done = tx.Execute("DELETE FROM aggregate_changes", {});
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Status Add(Transaction& tx, std::int64_t unit_id, const std::string& procedure_code,
                 ind::Day day, ind::Metric metric, std::int64_t delta) {
    const std::array params{Int(unit_id), Int(day), Int(static_cast<std::int64_t>(metric)),
                            Text(procedure_code), Int(delta)};
    auto done = tx.Execute(
        "INSERT INTO aggregates (unit_id, day, metric, procedure_code, value) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (unit_id, day, metric, procedure_code) DO UPDATE SET value = "
        "aggregates.value + excluded.value",
        params);
    if (!done) {
        return std::move(done).error();
    }
    const std::array unit_params{params[0], params[1], params[2], params[4]};
    done = tx.Execute(
        "INSERT INTO aggregates_unit (unit_id, day, metric, value) VALUES ($1, $2, $3, $4) ON "
        "CONFLICT (unit_id, day, metric) DO UPDATE SET value = aggregates_unit.value + "
        "excluded.value",
        unit_params);
    if (!done) {
        return std::move(done).error();
    }
    done = tx.Execute(
        "INSERT INTO aggregate_changes (unit_id, day, metric, procedure_code, delta) VALUES ($1, "
        "$2, $3, $4, $5)",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Status Clear(Transaction& tx) {
    // DELETE without WHERE: SQLite drops the tables' pages at once (its truncate optimisation:
    // no triggers, no foreign keys point at these tables). PostgreSQL's TRUNCATE would be faster
    // but is not MVCC-safe (a reader whose snapshot predates it would see the tables empty), so
    // both dialects DELETE.
    for (std::string_view sql : {"DELETE FROM aggregates", "DELETE FROM aggregates_unit",
                                 "DELETE FROM aggregate_changes"}) {
        auto done = tx.Execute(sql, {});
        if (!done) {
            return std::move(done).error();
        }
    }
    return {};
}

CellWriter::CellWriter(Transaction& tx)
    : tx_(tx),
      cells_per_statement_(RowsPerStatement(tx, 5)),
      units_per_statement_(RowsPerStatement(tx, 4)),
      cell_sql_(MultiRowInsert(kInsertCell, 5, cells_per_statement_)),
      unit_sql_(MultiRowInsert(kInsertUnitCell, 4, units_per_statement_)) {
    cell_params_.reserve(cells_per_statement_ * 5);
    unit_params_.reserve(units_per_statement_ * 4);
}

base::Status CellWriter::Add(std::int64_t unit_id, ind::Day day, ind::Metric metric,
                             std::string_view procedure_code, std::int64_t value) {
    const bool same_unit_cell = any_ && unit_id == unit_id_ && day == day_ && metric == metric_;
    if (any_ && (std::tie(unit_id, day, metric) < std::tie(unit_id_, day_, metric_) ||
                 (same_unit_cell && procedure_code <= procedure_code_))) {
        return base::InvalidArgument("aggregate cells out of order");
    }
    if (!same_unit_cell) {
        if (base::Status s = FlushUnit(); !s) {
            return s;
        }
        unit_id_ = unit_id;
        day_ = day;
        metric_ = metric;
        unit_value_ = 0;
    }
    any_ = true;
    procedure_code_.assign(procedure_code);
    unit_value_ += value;
    cell_params_.push_back(Int(unit_id));
    cell_params_.push_back(Int(day));
    cell_params_.push_back(Int(static_cast<std::int64_t>(metric)));
    cell_params_.push_back(Text(procedure_code));
    cell_params_.push_back(Int(value));
    ++written_;
    if (cell_params_.size() == cells_per_statement_ * 5) {
        return RunInsert(tx_, cell_sql_, kInsertCell, 5, cell_params_);
    }
    return {};
}

base::Status CellWriter::FlushUnit() {
    if (!any_) {
        return {};
    }
    unit_params_.push_back(Int(unit_id_));
    unit_params_.push_back(Int(day_));
    unit_params_.push_back(Int(static_cast<std::int64_t>(metric_)));
    unit_params_.push_back(Int(unit_value_));
    if (unit_params_.size() == units_per_statement_ * 4) {
        return RunInsert(tx_, unit_sql_, kInsertUnitCell, 4, unit_params_);
    }
    return {};
}

base::Status CellWriter::Finish() {
    if (base::Status s = FlushUnit(); !s) {
        return s;
    }
    any_ = false;
    if (base::Status s = RunInsert(tx_, cell_sql_, kInsertCell, 5, cell_params_); !s) {
        return s;
    }
    return RunInsert(tx_, unit_sql_, kInsertUnitCell, 4, unit_params_);
}

base::Status InsertCells(Transaction& tx, const std::vector<Cell>& cells) {
    auto key = [](const Cell& c) { return std::tie(c.unit_id, c.day, c.metric, c.procedure_code); };
    std::vector<const Cell*> order;
    order.reserve(cells.size());
    for (const Cell& c : cells) {
        order.push_back(&c);
    }
    std::sort(order.begin(), order.end(),
              [&](const Cell* a, const Cell* b) { return key(*a) < key(*b); });
    CellWriter writer(tx);
    for (const Cell* c : order) {
        if (base::Status s = writer.Add(c->unit_id, c->day, c->metric, c->procedure_code, c->value);
            !s) {
            return s;
        }
    }
    return writer.Finish();
}

base::Result<std::vector<Cell>> All(Transaction& tx) {
    auto rows = tx.Query(
        "SELECT unit_id, day, metric, procedure_code, value FROM aggregates WHERE value <> 0 "
        "ORDER BY unit_id, day, metric, procedure_code",
        {});
    if (!rows) {
        return std::move(rows).error();
    }
    return CellsOf(*rows, true);
}

base::Result<std::vector<Cell>> AllByUnit(Transaction& tx) {
    auto rows = tx.Query(
        "SELECT unit_id, day, metric, value FROM aggregates_unit WHERE value <> 0 ORDER BY "
        "unit_id, day, metric",
        {});
    if (!rows) {
        return std::move(rows).error();
    }
    return CellsOf(*rows, false);
}

base::Result<std::vector<Cell>> Page(Transaction& tx, const std::optional<Cell>& after, int limit) {
    std::vector<Value> params;
    std::string sql = "SELECT unit_id, day, metric, procedure_code, value FROM aggregates WHERE ";
    if (after) {
        // A row-value comparison: both dialects seek the primary key to it.
        sql += "(unit_id, day, metric, procedure_code) > ($1, $2, $3, $4) AND ";
        params = {Int(after->unit_id), Int(after->day),
                  Int(static_cast<std::int64_t>(after->metric)), Text(after->procedure_code)};
    }
    sql += "value <> 0 ORDER BY unit_id, day, metric, procedure_code LIMIT $" +
           std::to_string(params.size() + 1);
    params.push_back(Int(std::max(limit, 1)));
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    return CellsOf(*rows, true);
}

base::Result<std::vector<Cell>> PageByUnit(Transaction& tx, const std::optional<Cell>& after,
                                           int limit) {
    std::vector<Value> params;
    std::string sql = "SELECT unit_id, day, metric, value FROM aggregates_unit WHERE ";
    if (after) {
        sql += "(unit_id, day, metric) > ($1, $2, $3) AND ";
        params = {Int(after->unit_id), Int(after->day),
                  Int(static_cast<std::int64_t>(after->metric))};
    }
    sql += "value <> 0 ORDER BY unit_id, day, metric LIMIT $" + std::to_string(params.size() + 1);
    params.push_back(Int(std::max(limit, 1)));
    auto rows = tx.Query(sql, params);
    if (!rows) {
        return std::move(rows).error();
    }
    return CellsOf(*rows, false);
}

base::Result<std::vector<Change>> ChangesAfter(Transaction& tx, std::int64_t after, int limit) {
    const std::array params{Int(after), Int(std::max(limit, 1))};
    auto rows = tx.Query(
        "SELECT seq, unit_id, day, metric, delta, procedure_code FROM aggregate_changes WHERE seq "
        "> "
        "$1 ORDER BY "
        "seq LIMIT $2",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Change> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        out.push_back(Change{row.Int(0), row.Int(1), static_cast<ind::Day>(row.Int(2)),
                             static_cast<ind::Metric>(row.Int(3)), row.Int(4), row.Text(5)});
    }
    return out;
}

base::Result<std::vector<Change>> ChangesIn(Transaction& tx,
                                            const std::vector<std::int64_t>& seqs) {
    if (seqs.empty()) {
        return std::vector<Change>{};
    }
    std::vector<Value> params;
    params.reserve(seqs.size());
    for (std::int64_t s : seqs) {
        params.push_back(Int(s));
    }
    auto rows = tx.Query(
        "SELECT seq, unit_id, day, metric, delta, procedure_code FROM aggregate_changes WHERE seq "
        "IN (" +
            Placeholders(1, seqs.size()) + ") ORDER BY seq",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Change> out;
    for (const Row& row : *rows) {
        out.push_back(Change{row.Int(0), row.Int(1), static_cast<ind::Day>(row.Int(2)),
                             static_cast<ind::Metric>(row.Int(3)), row.Int(4), row.Text(5)});
    }
    return out;
}

base::Result<std::pair<std::int64_t, std::int64_t>> ChangeRange(Transaction& tx) {
    auto row = tx.QueryOne(
        "SELECT COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM aggregate_changes", {});
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return std::pair<std::int64_t, std::int64_t>{0, 0};
    }
    return std::pair{(*row)->Int(0), (*row)->Int(1)};
}

base::Result<std::int64_t> PruneChanges(Transaction& tx, std::int64_t keep) {
    auto range = ChangeRange(tx);
    if (!range) {
        return std::move(range).error();
    }
    const std::array params{Int(range->second - keep)};
    return tx.Execute("DELETE FROM aggregate_changes WHERE seq <= $1", params);
}

base::Result<std::int64_t> Epoch(Transaction& tx) {
    auto row = tx.QueryOne("SELECT value FROM aggregate_meta WHERE key = 'epoch'", {});
    if (!row) {
        return std::move(row).error();
    }
    std::int64_t epoch = 0;
    if (*row) {
        const std::string& text = (*row)->Text(0);
        std::from_chars(text.data(), text.data() + text.size(), epoch);
    }
    return epoch;
}

base::Status BumpEpoch(Transaction& tx) {
    auto epoch = Epoch(tx);
    if (!epoch) {
        return epoch.error();
    }
    const std::array params{Text(std::to_string(*epoch + 1))};
    auto done = tx.Execute(
        "INSERT INTO aggregate_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO "
        "UPDATE SET value = excluded.value",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<int> BuiltVersion(Transaction& tx) {
    auto row = tx.QueryOne("SELECT value FROM aggregate_meta WHERE key = 'built'", {});
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return 0;
    }
    int version = 0;
    const std::string& text = (*row)->Text(0);
    std::from_chars(text.data(), text.data() + text.size(), version);
    return version;
}

base::Status SetBuiltVersion(Transaction& tx, int version) {
    const std::array params{Text(std::to_string(version))};
    auto done = tx.Execute(
        "INSERT INTO aggregate_meta (key, value) VALUES ('built', $1) ON CONFLICT (key) DO "
        "UPDATE SET value = excluded.value",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

base::Result<std::map<std::int64_t, ind::Sums>> SumsByUnit(
    Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to,
    const std::vector<std::string>& procedures) {
    // Without a procedure filter the unit-level table holds the same sums in fewer rows.
    return SumsBy<std::int64_t>(tx, procedures.empty() ? "aggregates_unit" : "aggregates",
                                "unit_id", units, procedures, from, to,
                                [](const Row& row) { return row.Int(0); });
}

base::Result<std::map<std::string, ind::Sums>> SumsByProcedure(
    Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to,
    const std::vector<std::string>& procedures) {
    return SumsBy<std::string>(tx, "aggregates", "procedure_code", units, procedures, from, to,
                               [](const Row& row) { return row.Text(0); });
}

base::Result<std::map<std::string, ProcedureFacts>> Catalogue(Transaction& tx,
                                                              std::chrono::sys_days day) {
    // Versions in code order, those in force by `day` last so that the latest of them wins;
    // a code with no version in force yet keeps its latest version.
    const std::array params{internal::Day(day)};
    auto rows = tx.Query(
        "SELECT code, field, levels, online_level, fee_amount FROM procedures ORDER BY code, "
        "CASE WHEN effective_from <= $1 THEN 1 ELSE 0 END, effective_from",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::map<std::string, ProcedureFacts> out;
    for (const Row& row : *rows) {
        ProcedureFacts p;
        p.field = row.Text(1);
        const std::string& levels = row.Text(2);
        for (std::string_view level : {"province", "district", "commune", "ministry"}) {
            if (levels.find("\"" + std::string(level) + "\"") != std::string::npos) {
                p.levels.emplace_back(level);
            }
        }
        p.online = row.Text(3) != "none";
        p.fee = row.Int(4) > 0;
        out[row.Text(0)] = std::move(p);
    }
    return out;
}

}  // namespace motcua::store::aggregates
