#pragma once

#include <memory>
#include <string_view>

#include "base/result.hpp"
#include "store/database.hpp"
#include "store/group_commit.hpp"

// Internal to the store module: the SQLite backend (sqlite_database.cpp).
namespace motcua::store::internal {

// How Database::Write commits (database.hpp, docs/storage.md "Group commit").
struct SqliteOptions {
    // On: concurrent Writes share one transaction and one COMMIT. Off: one transaction each
    // (`sqlite:PATH?group_commit=off`).
    bool group_commit = true;
    // Bounds on one batch (tests change them to make batches deterministic).
    GroupCommitLimits batch_limits;
};

// Opens (creating if missing, parent directory too) the SQLite file at `path`, in WAL mode.
[[nodiscard]] base::Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path,
                                                                 const SqliteOptions& options);

}  // namespace motcua::store::internal
