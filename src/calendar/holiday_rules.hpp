#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace motcua::calendar {

// A day off produced by the default rule for a year with no official schedule.
struct RuleDay {
    std::chrono::sys_days day{};
    bool statutory = true;  // false for a compensatory day (nghỉ bù)
    std::string name;
    std::string source;
};

// The statutory days off of `year` by the Labour Code in force that year, plus compensation for
// those falling on a Saturday or Sunday. Versions (each cites its article in holiday_rules.cpp):
//   ≤2006 Labour Code 1994 art. 73 (8 days: Tết 4); 2007–2012 + Hùng Kings (Law 84/2007/QH11);
//   2013–2020 Labour Code 2012 art. 115 (10 days: Tết 5); 2021– Labour Code 2019 art. 112
//   (11 days: + a day adjacent to 2/9). Tết days default to the last day of the lunar year and the
//   first days of the new one; the day adjacent to 2/9 defaults to the one that joins a weekend.
// Used only for years the data file has no `year` schedule for (REGULATIONS.md §7.1).
// Sorted by day. Error only outside 1900–2199.
[[nodiscard]] base::Result<std::vector<RuleDay>> DefaultHolidays(int year);

}  // namespace motcua::calendar
