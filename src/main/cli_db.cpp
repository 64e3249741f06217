#include "main/cli_db.hpp"

#include <cstdlib>

namespace motcua::main {

base::Result<std::string> DatabaseUrl(const std::string& given) {
    if (!given.empty()) {
        return given;
    }
    const char* env = std::getenv("MOTCUA_DB");
    if (env == nullptr || *env == '\0') {
        return base::InvalidArgument("thiếu --db (hoặc biến môi trường MOTCUA_DB)");
    }
    return std::string(env);
}

base::Result<std::unique_ptr<store::Database>> OpenMigratedDatabase(const std::string& given) {
    auto url = DatabaseUrl(given);
    if (!url) {
        return std::move(url).error();
    }
    auto db = store::Open(*url);
    if (!db) {
        return std::move(db).error();
    }
    auto applied = store::Migrate(**db);
    if (!applied) {
        return std::move(applied).error();
    }
    return std::move(*db);
}

}  // namespace motcua::main
