#pragma once

#include <chrono>
#include <string_view>

#include "app/context.hpp"
#include "base/result.hpp"
#include "store/rate_limits.hpp"

// Request limiters shared by every server process on the database (issue #9; docs/feedback.md
// "Limiters"): fixed windows counted in `rate_limit_hits` (migration 0023), one upsert per hit.
namespace motcua::app::limits {

struct Limit {
    std::string_view purpose;
    int max = 0;  // hits allowed per window
    std::chrono::seconds window{0};
};

// Windows this much older than now are pruned on every hit (longer than any limit's window).
inline constexpr std::chrono::seconds kKeepWindows{3600};

// True when (limit, key) has its `max` hits in the window holding `now`.
[[nodiscard]] inline base::Result<bool> Exhausted(store::Transaction& tx, const Limit& limit,
                                                  std::string_view key,
                                                  std::chrono::sys_seconds now) {
    auto hits = store::rate_limits::Hits(tx, limit.purpose, key,
                                         store::rate_limits::WindowStart(now, limit.window));
    if (!hits) {
        return std::move(hits).error();
    }
    return *hits >= limit.max;
}

// Counts one hit of (limit, key) in the caller's write transaction and prunes ended windows;
// returns the window's hits including this one.
[[nodiscard]] inline base::Result<std::int64_t> Hit(store::Transaction& tx, const Limit& limit,
                                                    std::string_view key,
                                                    std::chrono::sys_seconds now) {
    if (auto pruned = store::rate_limits::Prune(tx, now - kKeepWindows); !pruned) {
        return std::move(pruned).error();
    }
    return store::rate_limits::Hit(tx, limit.purpose, key,
                                   store::rate_limits::WindowStart(now, limit.window));
}

// The same in a write transaction of its own: for failures whose own transaction is rolled back
// (a wrong follow key must count even though nothing else is written).
[[nodiscard]] inline base::Status HitAlone(AppContext& ctx, const Limit& limit,
                                           std::string_view key, std::chrono::sys_seconds now) {
    auto hit = InWriteTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) { return Hit(tx, limit, key, now); });
    if (!hit) {
        return hit.error();
    }
    return {};
}

}  // namespace motcua::app::limits
