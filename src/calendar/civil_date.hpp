#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::calendar {

// Civil (local, Asia/Ho_Chi_Minh) dates and the fixed UTC+7 offset. Vietnam has kept UTC+7 with
// no daylight saving since 1975, so people's local time is always UTC + 7 h; instants are stored
// in UTC (ARCHITECTURE.md "Data").
inline constexpr std::chrono::seconds kVietnamOffset{7 * 3600};

// The first and last civil days the calendar covers (the lunar calendar's range).
inline constexpr std::chrono::sys_days kFirstDay{std::chrono::year{1900} / 1 / 1};
inline constexpr std::chrono::sys_days kLastDay{std::chrono::year{2199} / 12 / 31};

// Number of days in the covered range.
inline constexpr int kDayCount = static_cast<int>((kLastDay - kFirstDay).count()) + 1;

[[nodiscard]] inline bool InRange(std::chrono::sys_days day) {
    return day >= kFirstDay && day <= kLastDay;
}

// Index of a civil day in the covered range (0 for 1900-01-01). Precondition: InRange(day).
[[nodiscard]] inline int DayIndex(std::chrono::sys_days day) {
    return static_cast<int>((day - kFirstDay).count());
}

[[nodiscard]] inline bool IsWeekend(std::chrono::sys_days day) {
    const std::chrono::weekday wd{day};
    return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// Parses exactly `YYYY-MM-DD` (a valid Gregorian date); nullopt otherwise.
[[nodiscard]] std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

// Formats as `YYYY-MM-DD`.
[[nodiscard]] std::string FormatIsoDate(std::chrono::year_month_day date);
[[nodiscard]] inline std::string FormatIsoDate(std::chrono::sys_days day) {
    return FormatIsoDate(std::chrono::year_month_day{day});
}

// Formats as `DD/MM/YYYY`, the way Vietnamese documents and pages write a date ("06/01/2025").
[[nodiscard]] std::string FormatVietnameseDate(std::chrono::sys_days day);

}  // namespace motcua::calendar
