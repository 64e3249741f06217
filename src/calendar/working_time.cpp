#include "calendar/working_time.hpp"

#include <algorithm>

#include "calendar/civil_date.hpp"

namespace motcua::calendar {

namespace {

using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::uint8_t kClosed = 0;
constexpr std::uint8_t kStandard = 8;

// Seconds since the start of the covered range in local (UTC+7) time.
std::int64_t LocalSeconds(sys_seconds t) {
    return (t + kVietnamOffset - sys_seconds{kFirstDay}).count();
}

sys_seconds FromLocalSeconds(std::int64_t local) {
    return sys_seconds{kFirstDay} + seconds{local} - kVietnamOffset;
}

base::Error OutOfRange() {
    return base::InvalidArgument("instant outside the calendar's range 1900-01-01 to 2199-12-31");
}

}  // namespace

base::Result<std::shared_ptr<const WorkingCalendar>> WorkingCalendar::Build(
    std::shared_ptr<const HolidayCalendar> holidays, const OfficeHours& hours) {
    auto calendar = std::make_shared<WorkingCalendar>();
    calendar->hours_ = hours;
    for (int wd = 0; wd < 7; ++wd) {
        calendar->schedules_[wd + 1] = hours.weekdays[wd];
    }
    calendar->schedules_[kStandard] = hours.StandardDay();
    calendar->day_length_ = hours.StandardDay().TotalSeconds();
    if (calendar->day_length_ == 0) {
        return base::InvalidArgument("office hours have no working time at all");
    }
    calendar->schedule_of_day_.resize(kDayCount);
    calendar->cumulative_.resize(kDayCount + 1);
    calendar->open_days_.reserve(kDayCount * 5 / 7 + 16);
    calendar->uniform_ = true;
    std::int64_t total = 0;
    for (int i = 0; i < kDayCount; ++i) {
        const sys_days day = kFirstDay + std::chrono::days{i};
        const auto weekday_id =
            static_cast<std::uint8_t>(std::chrono::weekday{day}.c_encoding() + 1);
        std::uint8_t id = kClosed;
        switch (holidays->Kind(day)) {
            case DayKind::kWorking:
            case DayKind::kWeekend:  // open only if the unit keeps office hours that weekday
                id = weekday_id;
                break;
            case DayKind::kSwappedWork:
                id = calendar->schedules_[weekday_id].count > 0 ? weekday_id : kStandard;
                break;
            case DayKind::kHoliday:
            case DayKind::kOff:
            case DayKind::kClosure:
                id = kClosed;
                break;
        }
        const int length = calendar->schedules_[id].TotalSeconds();
        if (length == 0) {
            id = kClosed;
        } else {
            calendar->open_days_.push_back(i);
            if (length != calendar->day_length_) {
                calendar->uniform_ = false;
            }
        }
        calendar->schedule_of_day_[i] = id;
        calendar->cumulative_[i] = total;
        total += length;
    }
    calendar->cumulative_[kDayCount] = total;
    calendar->holidays_ = std::move(holidays);
    return std::shared_ptr<const WorkingCalendar>(std::move(calendar));
}

base::Result<std::shared_ptr<const WorkingCalendar>> WorkingCalendar::BuildDefault() {
    auto holidays = HolidayCalendar::BuildDefault();
    if (!holidays) {
        return std::move(holidays).error();
    }
    return Build(*holidays, OfficeHours::Default());
}

bool WorkingCalendar::IsOpen(sys_days day) const {
    return schedule_of_day_[DayIndex(day)] != kClosed;
}

base::Result<std::int64_t> WorkingCalendar::Position(sys_seconds t) const {
    const std::int64_t local = LocalSeconds(t);
    if (local < 0 || local > static_cast<std::int64_t>(kDayCount) * kSecondsPerDay) {
        return OutOfRange();
    }
    if (local == static_cast<std::int64_t>(kDayCount) * kSecondsPerDay) {
        return cumulative_[kDayCount];
    }
    const auto index = static_cast<int>(local / kSecondsPerDay);
    const auto second = static_cast<int>(local % kSecondsPerDay);
    const DaySchedule& schedule = schedules_[schedule_of_day_[index]];
    std::int64_t offset = 0;
    for (int k = 0; k < schedule.count; ++k) {
        const DayInterval& iv = schedule.intervals[k];
        if (second <= iv.begin) {
            break;
        }
        offset += std::min(second, iv.end) - iv.begin;
    }
    return cumulative_[index] + offset;
}

base::Result<sys_seconds> WorkingCalendar::InstantAt(std::int64_t position) const {
    if (position < 0 || position > cumulative_[kDayCount]) {
        return OutOfRange();
    }
    if (position == 0) {
        return FromLocalSeconds(0);
    }
    int day = 0;
    std::int64_t remainder = 0;
    if (uniform_) {
        // The k-th open day (0-based) starts at position k × day length.
        const std::int64_t k = (position - 1) / day_length_;
        day = open_days_[static_cast<size_t>(k)];
        remainder = position - k * day_length_;
    } else {
        // The last day whose cumulative start is < position: it holds the position's end.
        const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), position);
        day = static_cast<int>(it - cumulative_.begin()) - 1;
        remainder = position - cumulative_[static_cast<size_t>(day)];
    }
    const DaySchedule& schedule = schedules_[schedule_of_day_[static_cast<size_t>(day)]];
    for (int k = 0; k < schedule.count; ++k) {
        const DayInterval& iv = schedule.intervals[k];
        const int length = iv.end - iv.begin;
        if (remainder <= length) {
            return FromLocalSeconds(day * kSecondsPerDay + iv.begin + remainder);
        }
        remainder -= length;
    }
    return base::Internal("working-time tables are inconsistent");
}

base::Result<std::vector<TimeInterval>> WorkingCalendar::Merge(
    std::span<const TimeInterval> pauses) {
    std::vector<TimeInterval> merged(pauses.begin(), pauses.end());
    for (const TimeInterval& p : merged) {
        if (p.end < p.begin) {
            return base::InvalidArgument("a pause ends before it begins");
        }
    }
    std::sort(merged.begin(), merged.end(),
              [](const TimeInterval& a, const TimeInterval& b) { return a.begin < b.begin; });
    std::vector<TimeInterval> out;
    for (const TimeInterval& p : merged) {
        if (!out.empty() && p.begin <= out.back().end) {
            out.back().end = std::max(out.back().end, p.end);
        } else {
            out.push_back(p);
        }
    }
    return out;
}

base::Result<sys_seconds> WorkingCalendar::AddWorkingTime(
    sys_seconds start, seconds work, std::span<const TimeInterval> pauses) const {
    if (work < seconds{0}) {
        return base::InvalidArgument("working time to add must not be negative");
    }
    if (work == seconds{0}) {
        return NextOpening(start);
    }
    const auto from = Position(start);
    if (!from) {
        return from.error();
    }
    std::int64_t target = *from + work.count();
    if (!pauses.empty()) {
        auto merged = Merge(pauses);
        if (!merged) {
            return std::move(merged).error();
        }
        // Each pause that begins before the deadline is reached pushes it back by the working
        // time the pause covers (REGULATIONS.md §2.6: supplement time is excluded).
        for (const TimeInterval& p : *merged) {
            if (p.end <= start) {
                continue;
            }
            const auto pause_from = Position(std::max(p.begin, start));
            const auto pause_to = Position(p.end);
            if (!pause_from || !pause_to) {
                return OutOfRange();
            }
            if (*pause_from >= target) {
                break;
            }
            target += *pause_to - *pause_from;
        }
    }
    return InstantAt(target);
}

base::Result<sys_seconds> WorkingCalendar::AddWorkingDays(
    sys_seconds start, std::int64_t milli_days, std::span<const TimeInterval> pauses) const {
    if (milli_days < 0) {
        return base::InvalidArgument("working days to add must not be negative");
    }
    // Bound before multiplying: 300 years hold fewer than 10^8 milli-days of working time.
    constexpr std::int64_t kMaxMilliDays = 100'000'000;
    if (milli_days > kMaxMilliDays) {
        return OutOfRange();
    }
    const std::int64_t work = (milli_days * day_length_ + 500) / 1000;
    return AddWorkingTime(start, seconds{work}, pauses);
}

base::Result<seconds> WorkingCalendar::WorkingTimeBetween(
    sys_seconds from, sys_seconds to, std::span<const TimeInterval> pauses) const {
    if (to < from) {
        auto forward = WorkingTimeBetween(to, from, pauses);
        if (!forward) {
            return forward;
        }
        return -*forward;
    }
    const auto a = Position(from);
    const auto b = Position(to);
    if (!a || !b) {
        return OutOfRange();
    }
    std::int64_t total = *b - *a;
    if (!pauses.empty()) {
        auto merged = Merge(pauses);
        if (!merged) {
            return std::move(merged).error();
        }
        for (const TimeInterval& p : *merged) {
            const sys_seconds lo = std::max(p.begin, from);
            const sys_seconds hi = std::min(p.end, to);
            if (lo >= hi) {
                continue;
            }
            const auto plo = Position(lo);
            const auto phi = Position(hi);
            if (!plo || !phi) {
                return OutOfRange();
            }
            total -= *phi - *plo;
        }
    }
    return seconds{total};
}

base::Result<sys_seconds> WorkingCalendar::NextOpening(sys_seconds t) const {
    const auto p = Position(t);
    if (!p) {
        return p.error();
    }
    // The earliest instant whose position is p + 1 lies one second into the next open stretch.
    auto next = InstantAt(*p + 1);
    if (!next) {
        return next;
    }
    const sys_seconds opening = *next - seconds{1};
    return std::max(opening, t);
}

}  // namespace motcua::calendar
