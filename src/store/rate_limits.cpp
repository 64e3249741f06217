#include "store/rate_limits.hpp"

#include <array>

#include "store/codec.hpp"

namespace motcua::store::rate_limits {

using internal::Seconds;
using internal::Text;

std::chrono::sys_seconds WindowStart(std::chrono::sys_seconds now, std::chrono::seconds window) {
    const std::int64_t length = window.count() > 0 ? window.count() : 1;
    const std::int64_t t = now.time_since_epoch().count();
    const std::int64_t start = t >= 0 ? t - t % length : t - (length + t % length) % length;
    return std::chrono::sys_seconds{std::chrono::seconds{start}};
}

base::Result<std::int64_t> Hit(Transaction& tx, std::string_view purpose, std::string_view key,
                               std::chrono::sys_seconds window_start) {
    const std::array params{Text(purpose), Text(key), Seconds(window_start)};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO rate_limit_hits (purpose, key, window_start, hits) VALUES ($1, $2, $3, 1) "
        "ON CONFLICT (purpose, key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 "
        "RETURNING hits",
        params);
}

base::Result<std::int64_t> Hits(Transaction& tx, std::string_view purpose, std::string_view key,
                                std::chrono::sys_seconds window_start) {
    const std::array params{Text(purpose), Text(key), Seconds(window_start)};
    auto row = tx.QueryOne(
        "SELECT hits FROM rate_limit_hits WHERE purpose = $1 AND key = $2 AND window_start = $3",
        params);
    if (!row) {
        return std::move(row).error();
    }
    return *row ? (*row)->Int(0) : 0;
}

base::Result<std::int64_t> Prune(Transaction& tx, std::chrono::sys_seconds before) {
    const std::array params{Seconds(before)};
    return tx.Execute("DELETE FROM rate_limit_hits WHERE window_start < $1", params);
}

}  // namespace motcua::store::rate_limits
