#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "base/result.hpp"
#include "calendar/holidays.hpp"
#include "calendar/office_hours.hpp"

namespace motcua::calendar {

// A span of time [begin, end) in UTC, e.g. a pause of the settlement clock.
struct TimeInterval {
    std::chrono::sys_seconds begin;
    std::chrono::sys_seconds end;
};

// Working-time arithmetic for one unit: its days off (HolidayCalendar) and office hours.
//
// The model (docs/deadlines.md works through the cases): working time is the time inside office
// hours on working days. A deadline of N working days is N × the standard working day (8 h by
// default) of working time — the national portal's practice of converting days to hours
// (REGULATIONS.md §2.6 "Implementation practice") — so a fraction of a day is simply a fraction
// of those hours. Time is counted from the receipt instant; a receipt outside office hours starts
// counting at the next opening (§2.6), which this model gives by itself since no working time
// passes before it. A deadline is the earliest instant at which the required working time has
// elapsed: 1 working day from Monday 07:30 is Monday 17:00, not Tuesday 07:30.
//
// Instants are UTC (sys_seconds) and civil days are Asia/Ho_Chi_Minh (UTC+7). Covered:
// 1900-01-01 00:00 to 2199-12-31 24:00 local; results beyond that are kInvalidArgument errors.
// Immutable and thread-safe after Build; each operation is O(1) (O(log n) for units whose
// working days differ in length, e.g. Saturday mornings).
class WorkingCalendar final {
public:
    [[nodiscard]] static base::Result<std::shared_ptr<const WorkingCalendar>> Build(
        std::shared_ptr<const HolidayCalendar> holidays, const OfficeHours& hours);

    // The national calendar with default office hours.
    [[nodiscard]] static base::Result<std::shared_ptr<const WorkingCalendar>> BuildDefault();

    // The length of one working day in deadlines (the standard day of the office hours).
    [[nodiscard]] std::chrono::seconds WorkingDayLength() const {
        return std::chrono::seconds{day_length_};
    }

    // True if the unit has office hours on that civil day. Precondition: InRange(day).
    [[nodiscard]] bool IsOpen(std::chrono::sys_days day) const;

    [[nodiscard]] const HolidayCalendar& Holidays() const { return *holidays_; }
    [[nodiscard]] const OfficeHours& Hours() const { return hours_; }

    // The instant at which `work` of working time has elapsed since `start`, not counting
    // working time inside `pauses` (any order, may overlap). `work` == 0 gives the next opening.
    // Errors: negative work, a pause ending before it begins, out of range.
    [[nodiscard]] base::Result<std::chrono::sys_seconds> AddWorkingTime(
        std::chrono::sys_seconds start, std::chrono::seconds work,
        std::span<const TimeInterval> pauses = {}) const;

    // AddWorkingTime with `milli_days` / 1000 working days (3 days = 3000), rounded to seconds.
    [[nodiscard]] base::Result<std::chrono::sys_seconds> AddWorkingDays(
        std::chrono::sys_seconds start, std::int64_t milli_days,
        std::span<const TimeInterval> pauses = {}) const;

    // Working time from `from` to `to`, less working time inside `pauses`; negative if `to` is
    // before `from`.
    [[nodiscard]] base::Result<std::chrono::seconds> WorkingTimeBetween(
        std::chrono::sys_seconds from, std::chrono::sys_seconds to,
        std::span<const TimeInterval> pauses = {}) const;

    // The first instant ≥ t inside office hours.
    [[nodiscard]] base::Result<std::chrono::sys_seconds> NextOpening(
        std::chrono::sys_seconds t) const;

    // Constructed only by Build.
    WorkingCalendar() = default;

private:
    // Working seconds from the start of the covered range to t.
    [[nodiscard]] base::Result<std::int64_t> Position(std::chrono::sys_seconds t) const;
    // The earliest instant whose Position is `position`.
    [[nodiscard]] base::Result<std::chrono::sys_seconds> InstantAt(std::int64_t position) const;
    [[nodiscard]] static base::Result<std::vector<TimeInterval>> Merge(
        std::span<const TimeInterval> pauses);

    std::shared_ptr<const HolidayCalendar> holidays_;
    OfficeHours hours_;
    std::array<DaySchedule, 9> schedules_{};  // 0 closed, 1..7 weekday c_encoding + 1, 8 standard
    std::vector<std::uint8_t> schedule_of_day_;  // per day index
    std::vector<std::int64_t> cumulative_;       // working seconds before day index (size n + 1)
    std::vector<std::int32_t> open_days_;        // day indexes with office hours, ascending
    std::int64_t day_length_ = 0;
    bool uniform_ = false;  // every open day lasts day_length_: InstantAt is O(1)
};

}  // namespace motcua::calendar
