#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.hpp"

namespace motcua::store {

enum class Dialect { kSqlite, kPostgres };

// A parameter or column value. Text and blobs are std::string (UTF-8 for text); booleans are
// integers 0/1; instants are integer Unix seconds; dates are 'YYYY-MM-DD' text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Row {
    std::vector<Value> values;
    [[nodiscard]] bool IsNull(size_t i) const { return values.at(i).index() == 0; }
    // Accessors assert the type (programmer error otherwise); NULL → 0 / "" / nullopt.
    [[nodiscard]] std::int64_t Int(size_t i) const;
    [[nodiscard]] double Real(size_t i) const;
    [[nodiscard]] const std::string& Text(size_t i) const;
    [[nodiscard]] std::optional<std::int64_t> OptInt(size_t i) const;
    [[nodiscard]] std::optional<std::string> OptText(size_t i) const;
};

// A row handed to Transaction::ForEach's callback, valid only during the call (its text points
// into the driver's buffers). Integers as the backend converts them (NULL → 0), text as bytes
// (NULL → ""). No copy of the row is made: for scans too large to hold as Rows.
class RowView {
public:
    [[nodiscard]] virtual bool IsNull(size_t i) const = 0;
    [[nodiscard]] virtual std::int64_t Int(size_t i) const = 0;
    [[nodiscard]] virtual std::string_view Text(size_t i) const = 0;

protected:
    RowView() = default;
    RowView(const RowView&) = default;
    RowView& operator=(const RowView&) = default;
    ~RowView() = default;
};

// What Transaction::ForEach calls for each row; an error stops the scan and is returned.
using RowCallback = std::function<base::Status(const RowView&)>;

// One unit of work on one connection. SQL is written once for both backends with PostgreSQL's
// `$1, $2, …` placeholders (SQLite binds them as named parameters). Every query is
// parameterised; there is no API to splice values into SQL.
//
// Errors: constraint violations of UNIQUE/PRIMARY KEY → kAlreadyExists; FOREIGN KEY/CHECK/NOT
// NULL (and the audit log's append-only triggers) → kFailedPrecondition; serialization failure,
// deadlock, SQLITE_BUSY after the busy timeout → kAborted (the caller may retry the whole
// transaction); anything else → kInternal.
// A failed statement ends the transaction on both backends (PostgreSQL aborts it; SQLite is made
// to behave the same): every later Query/Execute/Commit returns that first error again and
// nothing is written. Destroying an uncommitted transaction rolls it back. Not thread-safe: one
// thread at a time. A transaction must not outlive its Database.
class Transaction {
public:
    virtual ~Transaction() = default;
    [[nodiscard]] virtual base::Result<std::vector<Row>> Query(std::string_view sql,
                                                               std::span<const Value> params) = 0;
    // Runs a query and hands each row to `each` as it is read, in order, without keeping the rows
    // (SQLite steps the statement; the default runs Query and walks its rows). Stops at the first
    // error of `each` and returns it — the transaction stays usable, as no statement failed; a
    // failing statement ends it as for Query.
    [[nodiscard]] virtual base::Status ForEach(std::string_view sql, std::span<const Value> params,
                                               const RowCallback& each);
    // Returns the number of rows changed.
    [[nodiscard]] virtual base::Result<std::int64_t> Execute(std::string_view sql,
                                                             std::span<const Value> params) = 0;
    // Makes the changes durable (SQLite: synchronous=FULL; PostgreSQL: the server's commit). Any
    // error leaves nothing written. Calling it twice is kFailedPrecondition.
    [[nodiscard]] virtual base::Status Commit() = 0;
    // NOLINTNEXTLINE(readability-identifier-naming): accessor spelling, as ok()/value()
    [[nodiscard]] virtual Dialect dialect() const = 0;
    // Runs constant SQL that may hold several statements and takes no parameters (migrations,
    // test setup). Never pass text built from input. Errors as for Execute.
    [[nodiscard]] virtual base::Status ExecuteScript(std::string_view sql) = 0;

    // Convenience: at most one row.
    [[nodiscard]] base::Result<std::optional<Row>> QueryOne(std::string_view sql,
                                                            std::span<const Value> params);
};

enum class TxMode { kRead, kWrite };

// What Database::Write has done since the Database was opened (tests, benchmarks, metrics).
struct WriteStats {
    // Works of Write made durable.
    std::uint64_t writes = 0;
    // Transactions committed to make them durable: equal to `writes` without group commit, far
    // fewer with it under concurrency (SQLite).
    std::uint64_t commits = 0;
    // Threads waiting now for SQLite's writer (Write and Begin(kWrite) alike); 0 on PostgreSQL.
    std::uint64_t waiting = 0;
};

// A database: a pool of connections. Thread-safe. SQLite: WAL mode, synchronous=FULL (an
// acknowledged commit survives a crash), one writer connection (write transactions are
// serialised in-process and start with BEGIN IMMEDIATE; Write groups the commits of concurrent
// callers), up to 16 reader connections (query_only), foreign keys on, busy timeout 5 s.
// PostgreSQL: a pool of libpq connections (grows to 8, a broken connection is replaced); reads
// are REPEATABLE READ READ ONLY (one snapshot, as SQLite's), writes READ COMMITTED with
// optimistic version checks and row locks. Waiting for a connection or the writer too long
// (SQLite 5 s, PostgreSQL 10 s) → kAborted. docs/storage.md.
class Database {
public:
    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    virtual ~Database() = default;

    [[nodiscard]] virtual base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;

    // Runs `work` in a write transaction and returns once its changes are durable: ok means they
    // are committed (and visible to every later transaction); an error means nothing of `work`
    // is written. The error is `work`'s own if it returned one, else the first failed
    // statement's inside it (even if `work` ignored it), else the commit's.
    //
    // The Transaction handed to `work` is valid only during the call; its Commit() is refused
    // (kFailedPrecondition) and changes nothing. `work` must not run transaction control statements
    // (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE), nor wait for another write of the same
    // Database (Begin(kWrite) or Write: on SQLite the writer is held while `work` runs). It may be
    // run while other callers' works wait, so keep it short. An exception from `work` propagates
    // after its changes are undone.
    //
    // Default (PostgreSQL, where the server groups the commits of concurrent connections
    // itself): Begin(kWrite), `work`, Commit. SQLite: group commit (docs/storage.md) — `work` runs
    // inside a shared transaction under its own savepoint, on the caller's thread or, while the
    // caller sleeps, on the thread holding the writer (flat combining: `work` must not rely on
    // thread-local state), and one COMMIT
    // (one fsync) makes the works of all concurrent callers durable; a failing work is rolled
    // back to its savepoint without affecting the others, and if that COMMIT fails every work of
    // it gets the error. With `sqlite:PATH?group_commit=off`, the default. Thread-safe.
    [[nodiscard]] virtual base::Status Write(const std::function<base::Status(Transaction&)>& work);

    // Counters of Write (WriteStats). Thread-safe.
    [[nodiscard]] virtual WriteStats GetWriteStats() const;

    // NOLINTNEXTLINE(readability-identifier-naming): accessor spelling, as ok()/value()
    [[nodiscard]] virtual Dialect dialect() const = 0;
    // A description without secrets, for logs: "sqlite:var/motcua.db", "postgresql://host/db".
    [[nodiscard]] virtual std::string Describe() const = 0;

private:
    std::atomic<std::uint64_t> writes_{0};  // by the default Write (one commit each)
};

// Opens `url`: `sqlite:PATH` (created if missing, parent directory too; group commit on) or
// `sqlite:PATH?group_commit=off` (one transaction per Write, for benchmarks and tests), or
// `postgresql://...` / `postgres://...` (libpq URI). kInvalidArgument for another scheme or an
// unknown SQLite parameter, kInternal if it cannot connect.
[[nodiscard]] base::Result<std::unique_ptr<Database>> Open(std::string_view url);

// Applies the versioned migrations (src/store/migrations/<dialect>/NNNN_name.sql, compiled in)
// not yet applied, each in its own transaction, recording them in schema_migrations. Safe to run
// concurrently and repeatedly. Returns the number applied.
[[nodiscard]] base::Result<int> Migrate(Database& db);

// The highest migration version compiled into the binary.
[[nodiscard]] int LatestSchemaVersion();

}  // namespace motcua::store
