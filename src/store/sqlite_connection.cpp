#include "store/sqlite_connection.hpp"

#include <string>
#include <utility>
#include <variant>

namespace motcua::store::internal {

namespace {

// Prepared statements are cached per connection; the cache is cleared when it grows past this
// (dynamic SQL such as search with a variable number of terms).
constexpr size_t kStatementCacheLimit = 256;

// Durability and integrity settings of every connection (issue #3): WAL lets readers run beside
// the writer; synchronous=FULL fsyncs the WAL at each commit, so an acknowledged write survives
// a crash or power loss (NORMAL would only survive a process crash).
constexpr const char* kWriterPragmas =
    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
constexpr const char* kReaderPragmas = "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;";

// Resets a statement (and drops its bindings) when a run ends, however it ends.
class StatementReset final {
public:
    explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
    StatementReset(const StatementReset&) = delete;
    StatementReset& operator=(const StatementReset&) = delete;
    ~StatementReset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

private:
    sqlite3_stmt* stmt_;
};

Value ColumnValue(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
            return std::int64_t{sqlite3_column_int64(stmt, c)};
        case SQLITE_FLOAT:
            return sqlite3_column_double(stmt, c);
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
            return std::string(text != nullptr ? text : "", size);
        }
        case SQLITE_BLOB: {
            const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
            return blob != nullptr ? std::string(blob, size) : std::string();
        }
        default:
            return std::monostate{};
    }
}

}  // namespace

base::Error MapError(sqlite3* db, int rc, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    base::ErrorCode code = base::ErrorCode::kInternal;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        code = base::ErrorCode::kAlreadyExists;
    } else if ((rc & 0xff) == SQLITE_CONSTRAINT) {  // FOREIGNKEY, CHECK, NOTNULL, TRIGGER
        code = base::ErrorCode::kFailedPrecondition;
    } else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        code = base::ErrorCode::kAborted;
    }
    return base::Error{code, std::move(message)};
}

base::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, bool writer) {
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                      (writer ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    DbHandle db(raw);
    if (rc != SQLITE_OK) {
        return MapError(db.get(), rc, "cannot open SQLite database " + path);
    }
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    auto connection = std::make_unique<Connection>(std::move(db));
    if (writer) {
        if (const base::Status wal = connection->EnableWal(); !wal) {
            return wal.error();
        }
    }
    if (const base::Status s = connection->Exec(writer ? kWriterPragmas : kReaderPragmas); !s) {
        return s.error();
    }
    return connection;
}

base::Result<const Connection::Cached*> Connection::Prepare(std::string_view sql) {
    if (const auto it = statements_.find(sql); it != statements_.end()) {
        return &it->second;
    }
    if (statements_.size() >= kStatementCacheLimit) {
        statements_.clear();
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) {
        return MapError(db_.get(), rc, "prepare");
    }
    if (stmt == nullptr) {
        return base::Internal("empty SQL statement");
    }
    // One statement per call (as PostgreSQL's extended protocol); scripts use Exec.
    if (tail != nullptr &&
        std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        return base::Internal("Query/Execute take one SQL statement; use ExecuteScript");
    }
    Cached cached;
    const int count = sqlite3_bind_parameter_count(stmt.get());
    cached.index_of.reserve(static_cast<size_t>(count));
    for (int i = 1; i <= count; ++i) {
        // Appended rather than "$" + …: GCC 12 at -O3 reports a false -Wrestrict on the latter.
        std::string name(1, '$');
        name += std::to_string(i);
        cached.index_of.push_back(sqlite3_bind_parameter_index(stmt.get(), name.c_str()));
    }
    cached.stmt = std::move(stmt);
    auto [it, inserted] = statements_.emplace(std::string(sql), std::move(cached));
    return &it->second;
}

namespace {

// Binds `$1..$n` by name (database.hpp): each must occur, and no other.
base::Status BindParameters(sqlite3* db, sqlite3_stmt* stmt, const std::vector<int>& index_of,
                            std::span<const Value> params) {
    if (static_cast<size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
        return base::Internal("statement takes " +
                              std::to_string(sqlite3_bind_parameter_count(stmt)) +
                              " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const int index = index_of[i];
        if (index == 0) {
            return base::Internal("statement does not use parameter $" + std::to_string(i + 1));
        }
        int rc = SQLITE_OK;
        const Value& v = params[i];
        if (const auto* integer = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt, index, *integer);
        } else if (const auto* real = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt, index, *real);
        } else if (const auto* text = std::get_if<std::string>(&v)) {
            // SQLITE_STATIC: `params` outlives the statement's run.
            rc = sqlite3_bind_text64(stmt, index, text->data(), text->size(), SQLITE_STATIC,
                                     SQLITE_UTF8);
        } else {
            rc = sqlite3_bind_null(stmt, index);
        }
        if (rc != SQLITE_OK) {
            return MapError(db, rc, "bind $" + std::to_string(i + 1));
        }
    }
    return {};
}

// The current row of a stepped statement.
class StatementRowView final : public RowView {
public:
    explicit StatementRowView(sqlite3_stmt* stmt) : stmt_(stmt) {}
    [[nodiscard]] bool IsNull(size_t i) const override {
        return sqlite3_column_type(stmt_, static_cast<int>(i)) == SQLITE_NULL;
    }
    [[nodiscard]] std::int64_t Int(size_t i) const override {
        return sqlite3_column_int64(stmt_, static_cast<int>(i));
    }
    [[nodiscard]] std::string_view Text(size_t i) const override {
        const auto* text =
            reinterpret_cast<const char*>(sqlite3_column_text(stmt_, static_cast<int>(i)));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, static_cast<int>(i)));
        return text != nullptr ? std::string_view(text, size) : std::string_view();
    }

private:
    sqlite3_stmt* stmt_;
};

}  // namespace

base::Result<sqlite3_stmt*> Connection::Start(std::string_view sql, std::span<const Value> params) {
    auto prepared = Prepare(sql);
    if (!prepared) {
        return std::move(prepared).error();
    }
    sqlite3_stmt* stmt = (*prepared)->stmt.get();
    if (base::Status bound = BindParameters(db_.get(), stmt, (*prepared)->index_of, params);
        !bound) {
        const StatementReset reset(stmt);
        return std::move(bound).error();
    }
    return stmt;
}

base::Result<StepOutcome> Connection::Step(std::string_view sql, std::span<const Value> params) {
    auto started = Start(sql, params);
    if (!started) {
        return std::move(started).error();
    }
    sqlite3_stmt* stmt = *started;
    const StatementReset reset(stmt);
    StepOutcome outcome;
    const int columns = sqlite3_column_count(stmt);
    while (true) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc != SQLITE_ROW) {
            return MapError(db_.get(), rc, "step");
        }
        Row row;
        row.values.reserve(static_cast<size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            row.values.push_back(ColumnValue(stmt, c));
        }
        outcome.rows.push_back(std::move(row));
    }
    outcome.changes = sqlite3_stmt_readonly(stmt) != 0 ? 0 : sqlite3_changes64(db_.get());
    return outcome;
}

base::Status Connection::ForEach(std::string_view sql, std::span<const Value> params,
                                 const RowCallback& each, bool& callback_failed) {
    callback_failed = false;
    auto started = Start(sql, params);
    if (!started) {
        return std::move(started).error();
    }
    sqlite3_stmt* stmt = *started;
    const StatementReset reset(stmt);
    const StatementRowView view(stmt);
    while (true) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            return {};
        }
        if (rc != SQLITE_ROW) {
            return MapError(db_.get(), rc, "step");
        }
        if (base::Status s = each(view); !s) {
            callback_failed = true;
            return s;
        }
    }
}

base::Status Connection::Run(std::string_view sql) {
    auto outcome = Step(sql, {});
    if (!outcome) {
        return std::move(outcome).error();
    }
    return {};
}

base::Status Connection::Exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);  // the same text is available from sqlite3_errmsg
    if (rc != SQLITE_OK) {
        return MapError(db_.get(), rc, "exec");
    }
    return {};
}

base::Status Connection::EnableWal() {
    auto prepared = Prepare("PRAGMA journal_mode = WAL");
    if (!prepared) {
        return prepared.error();
    }
    sqlite3_stmt* stmt = (*prepared)->stmt.get();
    const int rc = sqlite3_step(stmt);
    std::string mode;
    if (rc == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        mode = text != nullptr ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW) {
        return MapError(db_.get(), rc, "PRAGMA journal_mode");
    }
    if (mode != "wal") {
        return base::Internal("SQLite refused WAL mode (journal_mode=" + mode + ")");
    }
    return {};
}

}  // namespace motcua::store::internal
