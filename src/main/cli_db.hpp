#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "store/database.hpp"

// The database of the one-shot commands (report, letter, indicators, rebuild-aggregates,
// generate): --db, else the environment variable MOTCUA_DB.
namespace motcua::main {

// `given` or MOTCUA_DB; kInvalidArgument (Vietnamese) when neither is set.
[[nodiscard]] base::Result<std::string> DatabaseUrl(const std::string& given);
// Opens that database and applies the pending migrations.
[[nodiscard]] base::Result<std::unique_ptr<store::Database>> OpenMigratedDatabase(
    const std::string& given);

}  // namespace motcua::main
