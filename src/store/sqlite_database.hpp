#pragma once

#include <memory>
#include <string_view>

#include "base/result.hpp"
#include "store/database.hpp"

// Internal to the store module: the SQLite backend (sqlite_database.cpp).
namespace motcua::store::internal {

// Opens (creating if missing, parent directory too) the SQLite file at `path`, in WAL mode.
[[nodiscard]] base::Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path);

}  // namespace motcua::store::internal
