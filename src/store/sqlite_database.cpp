#include "store/sqlite_database.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sqlite3.h>

namespace motcua::store::internal {

namespace {

// How long a writer waits for the write lock (in-process mutex, then SQLite's busy handler for
// other processes), and a reader for a free connection (database.hpp: busy → kAborted).
constexpr int kBusyTimeoutMs = 5000;
constexpr auto kBusyTimeout = std::chrono::milliseconds(kBusyTimeoutMs);
constexpr size_t kMaxReaders = 4;
// Prepared statements are cached per connection; the cache is cleared when it grows past this
// (dynamic SQL such as search with a variable number of terms).
constexpr size_t kStatementCacheLimit = 256;

// Durability and integrity settings of every connection (issue #3): WAL lets readers run beside
// the writer; synchronous=FULL fsyncs the WAL at each commit, so an acknowledged write survives
// a crash or power loss (NORMAL would only survive a process crash).
constexpr const char* kWriterPragmas =
    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
constexpr const char* kReaderPragmas = "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;";

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Maps an (extended) SQLite result code to the closed ErrorCode list (database.hpp).
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

base::Error Busy() {
    return base::Error{base::ErrorCode::kAborted,
                       "Cơ sở dữ liệu đang bận; vui lòng thử lại sau giây lát."};
}

// One sqlite3 connection with its statement cache. Used by one thread at a time.
class Connection final {
public:
    explicit Connection(DbHandle db) : db_(std::move(db)) {}

    static base::Result<std::unique_ptr<Connection>> Open(const std::string& path, bool writer) {
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

    [[nodiscard]] sqlite3* Handle() const { return db_.get(); }

    // The cached prepared statement for `sql`, reset and unbound.
    [[nodiscard]] base::Result<sqlite3_stmt*> Prepare(std::string_view sql) {
        std::string key(sql);
        if (const auto it = statements_.find(key); it != statements_.end()) {
            return it->second.get();
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
        sqlite3_stmt* result = stmt.get();
        statements_.emplace(std::move(key), std::move(stmt));
        return result;
    }

    // Runs SQL text that may hold several statements, without parameters.
    [[nodiscard]] base::Status Exec(std::string_view sql) {
        const std::string text(sql);
        char* error = nullptr;
        const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error);
        sqlite3_free(error);  // the same text is available from sqlite3_errmsg
        if (rc != SQLITE_OK) {
            return MapError(db_.get(), rc, "exec");
        }
        return {};
    }

    [[nodiscard]] bool InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

private:
    base::Status EnableWal() {
        auto stmt = Prepare("PRAGMA journal_mode = WAL");
        if (!stmt) {
            return stmt.error();
        }
        const int rc = sqlite3_step(*stmt);
        std::string mode;
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(*stmt, 0);
            mode = text != nullptr ? reinterpret_cast<const char*>(text) : "";
        }
        sqlite3_reset(*stmt);
        if (rc != SQLITE_ROW) {
            return MapError(db_.get(), rc, "PRAGMA journal_mode");
        }
        if (mode != "wal") {
            return base::Internal("SQLite refused WAL mode (journal_mode=" + mode + ")");
        }
        return {};
    }

    DbHandle db_;  // declared first: destroyed after the statements
    std::unordered_map<std::string, StmtHandle> statements_;
};

// The in-process write lock: exclusive, with a timeout (a mutex and a condition variable rather
// than std::timed_mutex, whose timed lock ThreadSanitizer cannot follow).
class WriterGate final {
public:
    [[nodiscard]] bool TryAcquireFor(std::chrono::milliseconds timeout) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!released_.wait_for(lock, timeout, [this] { return !held_; })) {
            return false;
        }
        held_ = true;
        return true;
    }
    void Release() {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            held_ = false;
        }
        released_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable released_;
    bool held_ = false;
};

class SqliteDatabase;

class SqliteTransaction final : public Transaction {
public:
    // A write transaction on the writer connection, holding the writer lock.
    SqliteTransaction(Connection& writer, WriterGate& gate) : conn_(&writer), gate_(&gate) {}
    // A read transaction on a pooled reader connection, returned to `db` at the end.
    SqliteTransaction(SqliteDatabase& db, std::unique_ptr<Connection> reader)
        : db_(&db), reader_(std::move(reader)), conn_(reader_.get()) {}
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    ~SqliteTransaction() override;

    base::Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params) override {
        auto outcome = Run(sql, params);
        if (!outcome) {
            return std::move(outcome).error();
        }
        return std::move(outcome->rows);
    }

    base::Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const Value> params) override {
        auto outcome = Run(sql, params);
        if (!outcome) {
            return std::move(outcome).error();
        }
        return outcome->changes;
    }

    base::Status ExecuteScript(std::string_view sql) override {
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        if (const base::Status s = conn_->Exec(sql); !s) {
            return Fail(s.error());
        }
        return {};
    }

    base::Status Commit() override {
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        if (const base::Status s = conn_->Exec("COMMIT"); !s) {
            return Fail(s.error());
        }
        state_ = State::kDone;
        Release();
        return {};
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }

private:
    enum class State { kOpen, kFailed, kDone };
    struct Outcome {
        std::vector<Row> rows;
        std::int64_t changes = 0;
    };

    base::Status CheckOpen() const {
        switch (state_) {
            case State::kOpen:
                return {};
            case State::kFailed:
                return first_error_;
            case State::kDone:
                break;
        }
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "the transaction has already been committed"};
    }

    // Ends the transaction after a failed statement (PostgreSQL's behaviour, database.hpp).
    base::Error Fail(base::Error error) {
        if (conn_->InTransaction()) {
            (void)conn_->Exec("ROLLBACK");
        }
        state_ = State::kFailed;
        first_error_ = error;
        Release();
        return error;
    }

    // Gives the connection (and the writer lock) back as soon as the transaction has ended, so
    // the next transaction need not wait for this object's destruction.
    void Release();

    base::Result<Outcome> Run(std::string_view sql, std::span<const Value> params);
    // Binds and steps one statement; resets it before returning.
    base::Result<Outcome> Step(std::string_view sql, std::span<const Value> params);

    SqliteDatabase* db_ = nullptr;
    std::unique_ptr<Connection> reader_;
    Connection* conn_ = nullptr;
    WriterGate* gate_ = nullptr;  // held by a write transaction until it ends
    State state_ = State::kOpen;
    base::Error first_error_;
};

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

base::Result<SqliteTransaction::Outcome> SqliteTransaction::Run(std::string_view sql,
                                                                std::span<const Value> params) {
    if (const base::Status usable = CheckOpen(); !usable) {
        return usable.error();
    }
    auto outcome = Step(sql, params);
    if (!outcome) {
        return Fail(std::move(outcome).error());  // after Step has reset the statement
    }
    return outcome;
}

base::Result<SqliteTransaction::Outcome> SqliteTransaction::Step(std::string_view sql,
                                                                 std::span<const Value> params) {
    auto prepared = conn_->Prepare(sql);
    if (!prepared) {
        return std::move(prepared).error();
    }
    sqlite3_stmt* stmt = *prepared;
    const StatementReset reset(stmt);
    // `$1..$n` are named parameters to SQLite (database.hpp): each must occur, and no other.
    if (static_cast<size_t>(sqlite3_bind_parameter_count(stmt)) != params.size()) {
        return base::Internal("statement takes " +
                              std::to_string(sqlite3_bind_parameter_count(stmt)) +
                              " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const std::string name = "$" + std::to_string(i + 1);
        const int index = sqlite3_bind_parameter_index(stmt, name.c_str());
        if (index == 0) {
            return base::Internal("statement does not use parameter " + name);
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
            return MapError(conn_->Handle(), rc, "bind " + name);
        }
    }
    Outcome outcome;
    const int columns = sqlite3_column_count(stmt);
    while (true) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc != SQLITE_ROW) {
            return MapError(conn_->Handle(), rc, "step");
        }
        Row row;
        row.values.reserve(static_cast<size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_INTEGER:
                    row.values.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
                    break;
                case SQLITE_FLOAT:
                    row.values.emplace_back(sqlite3_column_double(stmt, c));
                    break;
                case SQLITE_TEXT: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
                    row.values.emplace_back(std::string(text != nullptr ? text : "", size));
                    break;
                }
                case SQLITE_BLOB: {
                    const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                    const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
                    row.values.emplace_back(blob != nullptr ? std::string(blob, size)
                                                            : std::string());
                    break;
                }
                default:
                    row.values.emplace_back(std::monostate{});
                    break;
            }
        }
        outcome.rows.push_back(std::move(row));
    }
    outcome.changes = sqlite3_stmt_readonly(stmt) != 0 ? 0 : sqlite3_changes64(conn_->Handle());
    return outcome;
}

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, std::unique_ptr<Connection> writer)
        : path_(std::move(path)), writer_(std::move(writer)) {}

    base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        if (mode == TxMode::kWrite) {
            if (!writer_gate_.TryAcquireFor(kBusyTimeout)) {
                return Busy();
            }
            if (writer_->InTransaction()) {  // a rollback that failed earlier (I/O error)
                (void)writer_->Exec("ROLLBACK");
            }
            // IMMEDIATE takes SQLite's write lock now (waiting up to the busy timeout for other
            // processes), so a write transaction never fails later on a lock upgrade.
            if (const base::Status s = writer_->Exec("BEGIN IMMEDIATE"); !s) {
                writer_gate_.Release();
                return s.error();
            }
            return std::unique_ptr<Transaction>(
                std::make_unique<SqliteTransaction>(*writer_, writer_gate_));
        }
        auto reader = AcquireReader();
        if (!reader) {
            return std::move(reader).error();
        }
        if (const base::Status s = (*reader)->Exec("BEGIN"); !s) {
            ReturnReader(std::move(*reader));
            return s.error();
        }
        return std::unique_ptr<Transaction>(
            std::make_unique<SqliteTransaction>(*this, std::move(*reader)));
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
    [[nodiscard]] std::string Describe() const override { return "sqlite:" + path_; }

    void ReturnReader(std::unique_ptr<Connection> reader) {
        const std::lock_guard<std::mutex> lock(readers_mutex_);
        if (reader != nullptr && !reader->InTransaction()) {
            idle_readers_.push_back(std::move(reader));
        } else {
            --open_readers_;
        }
        readers_cv_.notify_one();
    }

private:
    base::Result<std::unique_ptr<Connection>> AcquireReader() {
        std::unique_lock<std::mutex> lock(readers_mutex_);
        if (!readers_cv_.wait_for(lock, kBusyTimeout, [this] {
                return !idle_readers_.empty() || open_readers_ < kMaxReaders;
            })) {
            return Busy();
        }
        if (!idle_readers_.empty()) {
            auto reader = std::move(idle_readers_.back());
            idle_readers_.pop_back();
            return reader;
        }
        ++open_readers_;
        lock.unlock();
        auto reader = Connection::Open(path_, false);
        if (!reader) {
            lock.lock();
            --open_readers_;
            readers_cv_.notify_one();
        }
        return reader;
    }

    std::string path_;
    WriterGate writer_gate_;
    std::unique_ptr<Connection> writer_;
    std::mutex readers_mutex_;
    std::condition_variable readers_cv_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;
    size_t open_readers_ = 0;
};

void SqliteTransaction::Release() {
    if (gate_ != nullptr) {
        gate_->Release();
        gate_ = nullptr;
    }
    if (db_ != nullptr && reader_ != nullptr) {
        db_->ReturnReader(std::move(reader_));
    }
    conn_ = nullptr;
}

SqliteTransaction::~SqliteTransaction() {
    if (state_ == State::kOpen && conn_->InTransaction()) {
        (void)conn_->Exec("ROLLBACK");
    }
    Release();
}

}  // namespace

base::Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path) {
    if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
        // Each connection of the pool would see its own in-memory database.
        return base::InvalidArgument("sqlite: cần đường dẫn tới một tệp (không hỗ trợ :memory:)");
    }
    const std::filesystem::path file{std::string(path)};
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            return base::Internal("cannot create directory " + file.parent_path().string() + ": " +
                                  ec.message());
        }
    }
    auto writer = Connection::Open(std::string(path), true);
    if (!writer) {
        return std::move(writer).error();
    }
    return std::unique_ptr<Database>(
        std::make_unique<SqliteDatabase>(std::string(path), std::move(*writer)));
}

}  // namespace motcua::store::internal
