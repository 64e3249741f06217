#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "base/result.hpp"
#include "calendar/working_time.hpp"
#include "domain/procedure.hpp"

// Indicator 2.2 of Decision 766 (REGULATIONS.md §1.4; docs/indicators.md "2.2"): the average
// settlement time of one procedure, in the procedure's own deadline unit. Pure.
namespace motcua::domain::settlement {

// One micro-unit = a millionth of the deadline unit (1 working day = 1,000,000).
inline constexpr std::int64_t kMicro = 1'000'000;

// The settlement time from `start` (the dossier's clock start: complete receipt, or the
// competent agency's receipt, or the restart after a supplement following appraisal) to `end` (its
// end of processing), without the time inside `pauses`, in micro-units of `unit`:
// - working days: working time on `cal` (weekends, holidays and hours outside office hours do not
//   count) / the standard working day (8 h by default) — the deadline model of docs/deadlines.md;
// - hours: working time / 1 h (deadlines in hours are working hours);
// - days: elapsed time / 24 h;
// - months: calendar months from start + the paused time (as domain::ComputeDue counts), the last
//   month counted as the fraction elapsed of that month.
// Pauses are clipped to [start, end]; `end` before `start` counts 0. Errors: out of the
// calendar's range.
[[nodiscard]] base::Result<std::int64_t> MicroUnits(const calendar::WorkingCalendar& cal,
                                                    TimeUnit unit, std::chrono::sys_seconds start,
                                                    std::chrono::sys_seconds end,
                                                    std::span<const calendar::TimeInterval> pauses);

struct Average {
    std::int64_t count = 0;                  // completed dossiers
    std::optional<std::int64_t> hundredths;  // the mean in hundredths of the unit; empty if none
};
// The mean of `micro_units`, rounded half-up to a hundredth of the unit.
[[nodiscard]] Average AverageOf(std::span<const std::int64_t> micro_units);

}  // namespace motcua::domain::settlement
