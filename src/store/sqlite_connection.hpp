#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "base/result.hpp"
#include "store/database.hpp"

// Internal to the store module: one SQLite connection (sqlite_connection.cpp), used by the
// SQLite backend (sqlite_database.cpp).
namespace motcua::store::internal {

// How long a writer waits for the write lock (in-process queue, then SQLite's busy handler for
// other processes), and a reader for a free connection (database.hpp: busy → kAborted).
constexpr int kBusyTimeoutMs = 5000;
constexpr auto kBusyTimeout = std::chrono::milliseconds(kBusyTimeoutMs);

// Maps an (extended) SQLite result code to the closed ErrorCode list (database.hpp).
[[nodiscard]] base::Error MapError(sqlite3* db, int rc, std::string_view context);

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// What one statement returned: its rows, and the number of rows it changed.
struct StepOutcome {
    std::vector<Row> rows;
    std::int64_t changes = 0;
};

// One sqlite3 connection with its cache of prepared statements. Not thread-safe: used by one
// thread at a time (the writer's holder, or the reader transaction that took it from the pool).
class Connection final {
public:
    explicit Connection(DbHandle db) : db_(std::move(db)) {}

    // Opens `path` with the durability and integrity settings of docs/storage.md. The writer
    // creates the file if missing and switches the database to WAL; readers are query_only.
    [[nodiscard]] static base::Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                                        bool writer);

    [[nodiscard]] sqlite3* Handle() const { return db_.get(); }

    // Runs one statement with `$1..$n` bound by name (database.hpp) through the statement cache;
    // the statement is reset before returning. Errors as database.hpp; the transaction state is
    // SQLite's (the caller decides what a failure ends).
    [[nodiscard]] base::Result<StepOutcome> Step(std::string_view sql,
                                                 std::span<const Value> params);

    // Runs one query as Step does and hands each row to `each` as it is stepped (RowView over
    // the statement). An error of `each` stops it and is returned with `callback_failed` set; the
    // statement is reset either way.
    [[nodiscard]] base::Status ForEach(std::string_view sql, std::span<const Value> params,
                                       const RowCallback& each, bool& callback_failed);

    // Step for a statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT, …).
    [[nodiscard]] base::Status Run(std::string_view sql);

    // Runs SQL text that may hold several statements, without parameters (not cached).
    [[nodiscard]] base::Status Exec(std::string_view sql);

    // Whether a transaction is open (SQLite rolls one back by itself after some errors).
    [[nodiscard]] bool InTransaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

private:
    // A prepared statement with the SQLite index of each of its parameters $1..$n (looked up
    // once: sqlite3_bind_parameter_index is a linear search, quadratic over wide statements).
    struct Cached {
        StmtHandle stmt;
        std::vector<int> index_of;  // [i] = index of $i+1, 0 if the statement lacks it
    };
    // Lookup by string_view without copying the SQL text.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    // The cached prepared statement for `sql`, reset and unbound.
    [[nodiscard]] base::Result<const Cached*> Prepare(std::string_view sql);
    // The cached statement of `sql` with `params` bound, ready to step (the caller resets it).
    [[nodiscard]] base::Result<sqlite3_stmt*> Start(std::string_view sql,
                                                    std::span<const Value> params);
    [[nodiscard]] base::Status EnableWal();

    DbHandle db_;  // declared first: destroyed after the statements
    std::unordered_map<std::string, Cached, TextHash, std::equal_to<>> statements_;
};

}  // namespace motcua::store::internal
