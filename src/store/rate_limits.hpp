#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "base/result.hpp"
#include "store/database.hpp"

// Fixed-window request counters shared by every server process on the database (issue #9,
// migration 0023; docs/feedback.md "Limiters"): the public feedback intake, the follow-by-code
// wrong-key limiter and the ticket kiosk.
namespace motcua::store::rate_limits {

// The start of the window of length `window` holding `now` (a multiple of it since the epoch).
[[nodiscard]] std::chrono::sys_seconds WindowStart(std::chrono::sys_seconds now,
                                                   std::chrono::seconds window);

// Counts one hit of (purpose, key) in the window starting at `window_start` (one upsert) and
// returns the window's hits including this one.
[[nodiscard]] base::Result<std::int64_t> Hit(Transaction& tx, std::string_view purpose,
                                             std::string_view key,
                                             std::chrono::sys_seconds window_start);

// The hits of (purpose, key) in the window starting at `window_start` (0 when none).
[[nodiscard]] base::Result<std::int64_t> Hits(Transaction& tx, std::string_view purpose,
                                              std::string_view key,
                                              std::chrono::sys_seconds window_start);

// Deletes the windows that started before `before`; returns how many rows went.
[[nodiscard]] base::Result<std::int64_t> Prune(Transaction& tx, std::chrono::sys_seconds before);

}  // namespace motcua::store::rate_limits
