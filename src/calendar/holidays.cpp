#include "calendar/holidays.hpp"

#include <map>

#include "calendar/civil_date.hpp"
#include "calendar/holiday_rules.hpp"
#include "calendar/lunar.hpp"

namespace motcua::calendar {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

int YearOf(sys_days day) {
    return static_cast<int>(std::chrono::year_month_day{day}.year());
}

}  // namespace

base::Result<std::shared_ptr<const HolidayCalendar>> HolidayCalendar::Build(
    const HolidayData& national, const HolidayOptions& options) {
    auto calendar = std::make_shared<HolidayCalendar>();
    calendar->kinds_.assign(kDayCount, static_cast<std::uint8_t>(DayKind::kWorking));
    calendar->names_.assign(kDayCount, 0);
    calendar->labels_.emplace_back();  // index 0: no label

    std::map<std::pair<std::string, std::string>, std::uint16_t> label_index;
    auto label = [&](const std::string& name, const std::string& source) -> std::uint16_t {
        auto [it, inserted] = label_index.try_emplace({name, source}, 0);
        if (inserted) {
            it->second = static_cast<std::uint16_t>(calendar->labels_.size());
            calendar->labels_.emplace_back(name, source);
        }
        return it->second;
    };
    auto set = [&](sys_days day, DayKind kind, std::uint16_t name) {
        const int i = DayIndex(day);
        calendar->kinds_[i] = static_cast<std::uint8_t>(kind);
        calendar->names_[i] = name;
    };

    for (sys_days d = kFirstDay; d <= kLastDay; d += days{1}) {
        if (IsWeekend(d)) {
            set(d, DayKind::kWeekend, 0);
        }
    }

    std::set<int> scheduled;
    for (const HolidayEntry& e : national.entries) {
        if (e.kind == HolidayKind::kYear) {
            scheduled.insert(YearOf(e.first));
        }
    }
    for (int y = kFirstSolarYear; y <= kLastSolarYear; ++y) {
        if (scheduled.count(y) != 0) {
            continue;
        }
        auto rule = DefaultHolidays(y);
        if (!rule) {
            return std::move(rule).error();
        }
        for (const RuleDay& r : *rule) {
            set(r.day, r.statutory ? DayKind::kHoliday : DayKind::kOff, label(r.name, r.source));
        }
    }

    // Data lines: national first, then the unit's own, so a unit can add to (not remove) them.
    for (const HolidayData* data : {&national, &options.local}) {
        for (const HolidayEntry& e : data->entries) {
            DayKind kind = DayKind::kOff;
            switch (e.kind) {
                case HolidayKind::kYear:
                    continue;
                case HolidayKind::kHoliday:
                    kind = DayKind::kHoliday;
                    break;
                case HolidayKind::kOff:
                    kind = DayKind::kOff;
                    break;
                case HolidayKind::kWorkday:
                    kind = DayKind::kSwappedWork;
                    break;
                case HolidayKind::kClosure:
                    kind = DayKind::kClosure;
                    break;
                case HolidayKind::kPending:
                    if (options.enabled_flags.count(e.flag) == 0) {
                        continue;
                    }
                    kind = DayKind::kClosure;
                    break;
            }
            const std::uint16_t name = label(e.name, e.source);
            for (sys_days d = e.first; d <= e.last; d += days{1}) {
                // An `off` range may span a weekend: those days become part of the official
                // break (closed even for desks that open on Saturdays) but are not listed.
                // A statutory holiday is never downgraded by a later, weaker line.
                if (calendar->Kind(d) == DayKind::kHoliday && kind != DayKind::kSwappedWork) {
                    continue;
                }
                set(d, kind, name);
            }
        }
    }
    return std::shared_ptr<const HolidayCalendar>(std::move(calendar));
}

base::Result<std::shared_ptr<const HolidayCalendar>> HolidayCalendar::BuildDefault() {
    auto data = ParseHolidayData(EmbeddedHolidayData(), "holidays-vn.tsv");
    if (!data) {
        return std::move(data).error();
    }
    return Build(*data, HolidayOptions{});
}

DayKind HolidayCalendar::Kind(sys_days day) const {
    return static_cast<DayKind>(kinds_[DayIndex(day)]);
}

DayInfo HolidayCalendar::Info(sys_days day) const {
    const int i = DayIndex(day);
    const auto& [name, source] = labels_[names_[i]];
    return DayInfo{static_cast<DayKind>(kinds_[i]), name, source};
}

base::Result<std::vector<HolidayCalendar::Listed>> HolidayCalendar::ListYear(int y) const {
    if (y < kFirstSolarYear || y > kLastSolarYear) {
        return base::InvalidArgument("year " + std::to_string(y) + " is outside 1900–2199");
    }
    std::vector<Listed> listed;
    const sys_days first{std::chrono::year{y} / 1 / 1};
    const sys_days last{std::chrono::year{y} / 12 / 31};
    for (sys_days d = first; d <= last; d += days{1}) {
        const DayInfo info = Info(d);
        const bool off = info.kind == DayKind::kHoliday || info.kind == DayKind::kOff ||
                         info.kind == DayKind::kClosure;
        if ((off && (!IsWeekend(d) || info.kind == DayKind::kHoliday)) ||
            info.kind == DayKind::kSwappedWork) {
            listed.push_back(Listed{d, info});
        }
    }
    return listed;
}

}  // namespace motcua::calendar
