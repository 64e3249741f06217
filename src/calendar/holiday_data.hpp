#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::calendar {

// One line of a holiday data file (format: docs/calendar-data.md).
enum class HolidayKind {
    kYear,     // the year has an official schedule; the default rule is not applied to it
    kHoliday,  // statutory holiday (Labour Code 2019 art. 112)
    kOff,      // compensatory (art. 111.3) or swapped day off
    kWorkday,  // swapped working day (làm bù)
    kClosure,  // a unit's local closure
    kPending,  // a day off that counts only when its flag is switched on
};

struct HolidayEntry {
    HolidayKind kind = HolidayKind::kHoliday;
    std::chrono::sys_days first{};  // for kYear: 1 January of the year
    std::chrono::sys_days last{};   // inclusive; == first for single days
    std::string name;
    std::string source;
    std::string flag;  // for kPending only
    int line = 0;      // 1-based line in the file, for messages
};

struct HolidayData {
    std::vector<HolidayEntry> entries;
};

// Parses a whole data file. `origin` names it in messages (a path, or "holidays-vn.tsv").
// Error kInvalidArgument "<origin>:<line>: <what>" at the first malformed line: wrong number of
// fields, bad or out-of-range date, reversed or cross-year range, unknown kind, empty name or
// source, a `workday` that is not a Saturday/Sunday, a duplicate `year`, invalid UTF-8.
[[nodiscard]] base::Result<HolidayData> ParseHolidayData(std::string_view text,
                                                         std::string_view origin);

// The national default data compiled into the binary (data/calendar/holidays-vn.tsv).
[[nodiscard]] std::string_view EmbeddedHolidayData();

}  // namespace motcua::calendar
