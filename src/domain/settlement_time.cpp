#include "domain/settlement_time.hpp"

#include <algorithm>
#include <vector>

#include "calendar/civil_date.hpp"

namespace motcua::domain::settlement {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// value × kMicro / per, rounded half-up (value ≥ 0, per > 0).
std::int64_t ToMicro(std::int64_t value, std::int64_t per) {
    const std::int64_t whole = value / per;
    const std::int64_t rest = value % per;
    return whole * kMicro + (rest * kMicro + per / 2) / per;
}

sys_days LocalDay(sys_seconds t) {
    return std::chrono::floor<days>(t + calendar::kVietnamOffset);
}

sys_seconds LocalMidnight(sys_days day) {
    return sys_seconds{day} - calendar::kVietnamOffset;
}

// `t` + `n` calendar months in Vietnam time, the day clamped to the month's last (31/1 + 1 = 28/2).
sys_seconds AddMonths(sys_seconds t, std::int64_t n) {
    const sys_days day = LocalDay(t);
    const auto time_of_day = t - LocalMidnight(day);
    std::chrono::year_month_day ymd{day};
    ymd += std::chrono::months{n};
    if (!ymd.ok()) {
        ymd =
            std::chrono::year_month_day_last{ymd.year(), std::chrono::month_day_last{ymd.month()}};
    }
    return LocalMidnight(sys_days{ymd}) + time_of_day;
}

}  // namespace

base::Result<std::int64_t> MicroUnits(const calendar::WorkingCalendar& cal, TimeUnit unit,
                                      sys_seconds start, sys_seconds end,
                                      std::span<const calendar::TimeInterval> pauses) {
    if (end <= start) {
        return std::int64_t{0};
    }
    std::vector<calendar::TimeInterval> clipped;
    seconds paused{0};
    for (const calendar::TimeInterval& p : pauses) {
        const sys_seconds b = std::max(p.begin, start);
        const sys_seconds e = std::min(p.end, end);
        if (e > b) {
            clipped.push_back({b, e});
        }
    }
    // Elapsed pause time, overlaps merged.
    std::sort(clipped.begin(), clipped.end(),
              [](const calendar::TimeInterval& a, const calendar::TimeInterval& b) {
                  return a.begin < b.begin;
              });
    sys_seconds covered = start;
    for (const calendar::TimeInterval& p : clipped) {
        const sys_seconds b = std::max(p.begin, covered);
        if (p.end > b) {
            paused += p.end - b;
            covered = p.end;
        }
    }
    switch (unit) {
        case TimeUnit::kWorkingDays:
        case TimeUnit::kHours: {
            auto work = cal.WorkingTimeBetween(start, end, clipped);
            if (!work) {
                return std::move(work).error();
            }
            const std::int64_t per =
                unit == TimeUnit::kHours ? 3600 : cal.WorkingDayLength().count();
            return ToMicro(std::max<std::int64_t>(work->count(), 0), per);
        }
        case TimeUnit::kDays:
            return ToMicro((end - start - paused).count(), 86400);
        case TimeUnit::kMonths: {
            const sys_seconds from = start + paused;
            if (end <= from) {
                return std::int64_t{0};
            }
            // Whole months first (a lower bound from the longest month, then counted up), then the
            // fraction of the month in progress.
            constexpr std::int64_t kLongestMonth = std::int64_t{31} * 86400;
            std::int64_t whole =
                std::max<std::int64_t>((end - from).count() / kLongestMonth - 1, 0);
            while (AddMonths(from, whole + 1) <= end) {
                ++whole;
            }
            const sys_seconds a = AddMonths(from, whole);
            const sys_seconds b = AddMonths(from, whole + 1);
            return whole * kMicro + ToMicro((end - a).count(), (b - a).count());
        }
    }
    return base::Internal("unknown time unit");
}

Average AverageOf(std::span<const std::int64_t> micro_units) {
    Average a;
    a.count = static_cast<std::int64_t>(micro_units.size());
    if (a.count == 0) {
        return a;
    }
    std::int64_t sum = 0;
    for (std::int64_t v : micro_units) {
        sum += v;
    }
    // sum / count micro-units = sum / (count × 10,000) hundredths.
    const std::int64_t per = a.count * (kMicro / 100);
    a.hundredths = (sum + per / 2) / per;
    return a;
}

}  // namespace motcua::domain::settlement
