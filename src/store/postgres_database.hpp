#pragma once

#include <memory>
#include <string_view>

#include "base/result.hpp"
#include "store/database.hpp"

// Internal to the store module: the PostgreSQL backend (postgres_database.cpp).
namespace motcua::store::internal {

// Connects to `url` (a libpq URI, postgresql://user:password@host:port/db?options); kInternal if
// the first connection fails.
[[nodiscard]] base::Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url);

}  // namespace motcua::store::internal
