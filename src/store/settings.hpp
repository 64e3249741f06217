#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// System settings versioned by effective day (migration 0024_settings.sql; docs/control.md
// "Settings"): an append-only list of changes per key. One SQL text for both dialects.
namespace motcua::store::settings {

struct Change {
    std::int64_t id = 0;
    std::string key{};
    std::string value{};
    std::chrono::sys_days valid_from{};
    std::optional<std::int64_t> changed_by{};
    std::chrono::sys_seconds changed_at{};
};

// Appends a change; returns its id.
[[nodiscard]] base::Result<std::int64_t> Append(Transaction& tx, const Change& change);
// The changes of `key`, by valid_from then id (the history as entered).
[[nodiscard]] base::Result<std::vector<Change>> History(Transaction& tx, std::string_view key);
// The value in force on `day`: the change with the latest valid_from <= day (the latest entered
// on a tie), or nullopt when none.
[[nodiscard]] base::Result<std::optional<std::string>> ValueOn(Transaction& tx,
                                                               std::string_view key,
                                                               std::chrono::sys_days day);

}  // namespace motcua::store::settings
