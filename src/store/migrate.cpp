#include <algorithm>
#include <array>
#include <string>

#include "store/database.hpp"
#include "store/migrations.hpp"

namespace motcua::store {

namespace {

// The bookkeeping table; created by Migrate itself, before the first migration.
constexpr std::string_view kSqliteCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
constexpr std::string_view kPostgresCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
// PostgreSQL: one migrator at a time per schema; the lock ends with the transaction. (SQLite
// needs nothing more: a write transaction starts with BEGIN IMMEDIATE, which excludes other
// writers, in this process and in others.)
constexpr std::string_view kPostgresLock =
    "SELECT pg_advisory_xact_lock(1836020853, hashtext(current_schema()))";
// applied_at is the database's clock: the store never reads the wall clock itself.
constexpr std::string_view kSqliteRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES ($1, $2, CAST(strftime('%s', 'now') AS INTEGER))";
constexpr std::string_view kPostgresRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES ($1, $2, CAST(EXTRACT(EPOCH FROM now()) AS BIGINT))";

std::string MigrationLabel(const internal::Migration& m) {
    std::string number = std::to_string(m.version);
    number.insert(0, number.size() < 4 ? 4 - number.size() : 0, '0');
    return number + "_" + std::string(m.name);
}

base::Error WithContext(base::Error error, std::string_view context) {
    error.message = std::string(context) + ": " + error.message;
    return error;
}

// Applies `m` in its own transaction unless it is recorded already. Returns true if applied.
base::Result<bool> ApplyOne(Database& db, const internal::Migration& m, bool check_newer) {
    const bool postgres = db.dialect() == Dialect::kPostgres;
    auto begun = db.Begin(TxMode::kWrite);
    if (!begun) {
        return std::move(begun).error();
    }
    Transaction& tx = **begun;
    if (postgres) {
        if (auto locked = tx.Query(kPostgresLock, {}); !locked) {
            return std::move(locked).error();
        }
    }
    if (const base::Status s =
            tx.ExecuteScript(postgres ? kPostgresCreateTable : kSqliteCreateTable);
        !s) {
        return s.error();
    }
    if (check_newer) {
        auto newest = tx.QueryOne("SELECT MAX(version) FROM schema_migrations", {});
        if (!newest) {
            return std::move(newest).error();
        }
        if ((*newest)->OptInt(0).value_or(0) > LatestSchemaVersion()) {
            return base::Error{
                base::ErrorCode::kFailedPrecondition,
                "the database schema (version " + std::to_string(*(*newest)->OptInt(0)) +
                    ") is newer than this program (" + std::to_string(LatestSchemaVersion()) + ")"};
        }
    }
    const Value version{std::int64_t{m.version}};
    auto applied = tx.QueryOne("SELECT version FROM schema_migrations WHERE version = $1",
                               std::span<const Value>(&version, 1));
    if (!applied) {
        return std::move(applied).error();
    }
    if (applied->has_value()) {
        return false;  // rolled back: nothing was changed
    }
    const std::string label = MigrationLabel(m);
    if (const base::Status s = tx.ExecuteScript(m.sql); !s) {
        return WithContext(s.error(), "migration " + label);
    }
    const std::array record = {version, Value{std::string(m.name)}};
    if (auto recorded = tx.Execute(postgres ? kPostgresRecord : kSqliteRecord, record); !recorded) {
        return std::move(recorded).error();
    }
    if (const base::Status s = tx.Commit(); !s) {
        return WithContext(s.error(), "migration " + label);
    }
    return true;
}

}  // namespace

base::Result<int> Migrate(Database& db) {
    int applied = 0;
    bool first = true;
    for (const internal::Migration& m : internal::EmbeddedMigrations(db.dialect())) {
        auto done = ApplyOne(db, m, first);
        if (!done) {
            return std::move(done).error();
        }
        first = false;
        applied += *done ? 1 : 0;
    }
    return applied;
}

int LatestSchemaVersion() {
    int latest = 0;
    for (const Dialect dialect : {Dialect::kSqlite, Dialect::kPostgres}) {
        for (const internal::Migration& m : internal::EmbeddedMigrations(dialect)) {
            latest = std::max(latest, m.version);
        }
    }
    return latest;
}

}  // namespace motcua::store
