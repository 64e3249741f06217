#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/holiday_data.hpp"

namespace motcua::calendar {

// What a civil day is for a unit's staff.
enum class DayKind : std::uint8_t {
    kWorking,      // an ordinary working day (Mon–Fri)
    kWeekend,      // Saturday or Sunday (Decision 188/1999/QĐ-TTg: 40-hour, Mon–Fri week)
    kHoliday,      // statutory holiday (Labour Code art. 112)
    kOff,          // compensatory (art. 111.3) or swapped day off
    kClosure,      // a unit's local closure, or a switched-on pending holiday
    kSwappedWork,  // a Saturday/Sunday worked instead (làm bù)
};

struct DayInfo {
    DayKind kind = DayKind::kWorking;
    std::string_view name;    // empty for kWorking and kWeekend
    std::string_view source;  // the decision the day comes from, or the default rule
};

// Options that adapt the national calendar to a unit.
struct HolidayOptions {
    std::set<std::string> enabled_flags;  // switches on `pending:<flag>` entries
    HolidayData local;                    // the unit's own `closure` (and other) lines
};

// The days off of every civil day 1900–2199 for one unit: the official schedules of the data
// file for the years it declares (`year`), the default statutory rule (holiday_rules.hpp) for
// the others, then switched-on pending days and the unit's local lines. Immutable and
// thread-safe after Build; queries are O(1).
class HolidayCalendar final {
public:
    [[nodiscard]] static base::Result<std::shared_ptr<const HolidayCalendar>> Build(
        const HolidayData& national, const HolidayOptions& options);

    // The national calendar from the data compiled into the binary, no flags, no closures.
    [[nodiscard]] static base::Result<std::shared_ptr<const HolidayCalendar>> BuildDefault();

    // Precondition: InRange(day).
    [[nodiscard]] DayKind Kind(std::chrono::sys_days day) const;
    [[nodiscard]] DayInfo Info(std::chrono::sys_days day) const;
    [[nodiscard]] bool IsWorkingDay(std::chrono::sys_days day) const {
        const DayKind k = Kind(day);
        return k == DayKind::kWorking || k == DayKind::kSwappedWork;
    }

    // The year's listing for people and for `motcua calendar holidays`: each day off that is not
    // a Saturday/Sunday, or is a statutory holiday, and each swapped working day; by date.
    struct Listed {
        std::chrono::sys_days day;
        DayInfo info;
    };
    [[nodiscard]] base::Result<std::vector<Listed>> ListYear(int year) const;

    // Constructed only by Build.
    HolidayCalendar() = default;

private:
    std::vector<std::uint8_t> kinds_;   // per day index: DayKind
    std::vector<std::uint16_t> names_;  // per day index: index into labels_ (0 = none)
    std::vector<std::pair<std::string, std::string>> labels_;  // (name, source)
};

}  // namespace motcua::calendar
