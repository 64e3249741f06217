#pragma once

#include <chrono>

#include "base/result.hpp"

namespace motcua::calendar {

// Vietnamese lunar calendar (âm lịch), computed for the UTC+7 meridian (105°E), which is what
// makes it differ from the Chinese (UTC+8) calendar in some years, e.g. Tết 1985 = 21/1/1985 in
// Vietnam but 20/2/1985 in China. Source: REGULATIONS.md §7.4; astronomical algorithm after
// Hồ Ngọc Đức (new moons and sun longitude from Meeus, "Astronomical Algorithms", ch. 47/25).
//
// Valid for every solar day 1900-01-01 .. 2199-12-31. Conversions are table look-ups (the month
// table is computed once, thread-safely, on first use) so they cost well under a microsecond.

inline constexpr int kFirstSolarYear = 1900;
inline constexpr int kLastSolarYear = 2199;

struct LunarDate {
    int day = 1;        // 1..30
    int month = 1;      // 1..12
    int year = 0;       // the lunar year, numbered as the solar year in which its month 1 starts
    bool leap = false;  // true in a leap (nhuận) month, which repeats `month`

    friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Solar (Gregorian) → lunar. Error kInvalidArgument if the date is not valid or outside
// 1900–2199.
[[nodiscard]] base::Result<LunarDate> ToLunar(std::chrono::year_month_day solar);

// Lunar → solar. Error kInvalidArgument if the month does not exist in that lunar year (e.g. a
// leap month the year does not have), the day exceeds the month's length (29 or 30), or the
// result falls outside 1900–2199.
[[nodiscard]] base::Result<std::chrono::year_month_day> ToSolar(const LunarDate& lunar);

// The leap month of a lunar year (1..12, the month it repeats), or 0 if the year has none.
// Error kInvalidArgument outside the supported range.
[[nodiscard]] base::Result<int> LeapMonthOf(int lunar_year);

// The number of days (29 or 30) of a lunar month. Errors as for ToSolar.
[[nodiscard]] base::Result<int> LunarMonthLength(int lunar_year, int month, bool leap);

// Solar date of Tết (1/1 of the lunar year `lunar_year`).
[[nodiscard]] base::Result<std::chrono::year_month_day> TetOf(int lunar_year);

}  // namespace motcua::calendar
