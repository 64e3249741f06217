#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace motcua::calendar {

// Parses an ISO-8601 instant: `YYYY-MM-DDTHH:MM[:SS]` with `Z`, `±HH:MM` or `±HHMM`, or with no
// offset, which means Asia/Ho_Chi_Minh (+07:00) local time as people write it; a bare
// `YYYY-MM-DD` is local midnight. A space may stand for `T`. Years 1900–2199 only.
// Error kInvalidArgument naming what is wrong.
[[nodiscard]] base::Result<std::chrono::sys_seconds> ParseInstant(std::string_view text);

// `YYYY-MM-DDTHH:MM:SS+07:00`, the local form shown to people and printed by the CLI.
[[nodiscard]] std::string FormatInstant(std::chrono::sys_seconds t);

// An amount of working time as written in procedures and on the CLI: `3d`, `1.5d`, `0.25d`,
// `4h`, `2.5h` (at most three decimals). Days are converted with the unit's working-day length.
struct WorkAmount {
    enum class Unit { kDays, kHours };
    Unit unit = Unit::kDays;
    std::int64_t milli = 0;  // thousandths of the unit

    // Seconds of working time, given the length of one working day.
    [[nodiscard]] std::chrono::seconds ToSeconds(std::chrono::seconds day_length) const;
};

// Error kInvalidArgument for anything else (negative, no unit, more than three decimals, huge).
[[nodiscard]] base::Result<WorkAmount> ParseWorkAmount(std::string_view text);

// Hours as a plain decimal with up to four decimals and no trailing zeros: 24, 7.5, -3.25.
[[nodiscard]] std::string FormatHours(std::chrono::seconds duration);

}  // namespace motcua::calendar
