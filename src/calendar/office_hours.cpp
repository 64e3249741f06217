#include "calendar/office_hours.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace motcua::calendar {

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};
constexpr int kSecondsPerDay = 86400;

std::string_view Trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    return s;
}

int DayNumber(std::string_view name) {
    for (int i = 0; i < 7; ++i) {
        if (kDayNames[i] == name) {
            return i;
        }
    }
    return -1;
}

// "HH:MM" → seconds after midnight; 24:00 allowed as an end. -1 if malformed.
int ParseClock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return -1;
    }
    for (const size_t i : {0U, 1U, 3U, 4U}) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
    }
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
        return -1;
    }
    return h * 3600 + m * 60;
}

base::Error Bad(std::string_view what, std::string_view part) {
    return base::InvalidArgument("office hours: " + std::string(what) + " in '" +
                                 std::string(part) + "'");
}

}  // namespace

OfficeHours OfficeHours::Default() {
    DaySchedule day;
    day.intervals[0] = {7 * 3600 + 30 * 60, 11 * 3600 + 30 * 60};
    day.intervals[1] = {13 * 3600, 17 * 3600};
    day.count = 2;
    OfficeHours hours;
    for (int wd = 1; wd <= 5; ++wd) {
        hours.weekdays[wd] = day;
    }
    return hours;
}

const DaySchedule& OfficeHours::StandardDay() const {
    for (const int wd : {1, 2, 3, 4, 5, 6, 0}) {
        if (weekdays[wd].count > 0) {
            return weekdays[wd];
        }
    }
    return weekdays[1];
}

base::Result<OfficeHours> OfficeHours::Parse(std::string_view text) {
    OfficeHours hours;
    std::array<bool, 7> seen{};
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t end = std::min(text.find(';', pos), text.size());
        const std::string_view part = Trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (part.empty()) {
            if (end == text.size()) {
                break;
            }
            return Bad("empty part", text);
        }
        const size_t space = part.find(' ');
        if (space == std::string_view::npos) {
            return Bad("expected '<days> <intervals>'", part);
        }
        const std::string_view days = part.substr(0, space);
        const std::string_view spans = Trim(part.substr(space + 1));
        const size_t dash = days.find('-');
        const int first = DayNumber(days.substr(0, dash));
        const int last = dash == std::string_view::npos ? first : DayNumber(days.substr(dash + 1));
        if (first < 0 || last < 0) {
            return Bad("unknown day (mon tue wed thu fri sat sun)", part);
        }
        DaySchedule schedule;
        size_t sp = 0;
        while (sp <= spans.size()) {
            const size_t comma = std::min(spans.find(',', sp), spans.size());
            const std::string_view span = Trim(spans.substr(sp, comma - sp));
            sp = comma + 1;
            const size_t d = span.find('-');
            const int b = d == std::string_view::npos ? -1 : ParseClock(span.substr(0, d));
            const int e = d == std::string_view::npos ? -1 : ParseClock(span.substr(d + 1));
            if (b < 0 || e < 0 || b >= kSecondsPerDay) {
                return Bad("expected HH:MM-HH:MM", span);
            }
            if (e <= b) {
                return Bad("interval ends before it starts", span);
            }
            if (schedule.count > 0 && b < schedule.intervals[schedule.count - 1].end) {
                return Bad("intervals overlap or are out of order", spans);
            }
            if (schedule.count == DaySchedule::kMaxIntervals) {
                return Bad("too many intervals in one day (at most 4)", spans);
            }
            schedule.intervals[schedule.count++] = {b, e};
            if (comma == spans.size()) {
                break;
            }
        }
        // mon-fri walks forward, wrapping past Saturday (sat-sun = 6, 0).
        for (int wd = first;; wd = (wd + 1) % 7) {
            if (seen[wd]) {
                return Bad("day given twice", part);
            }
            seen[wd] = true;
            hours.weekdays[wd] = schedule;
            if (wd == last) {
                break;
            }
        }
        if (end == text.size()) {
            break;
        }
    }
    if (std::none_of(hours.weekdays.begin(), hours.weekdays.end(),
                     [](const DaySchedule& s) { return s.count > 0; })) {
        return Bad("no office hours at all", text);
    }
    return hours;
}

std::string OfficeHours::ToString() const {
    std::string out;
    for (const int wd : {1, 2, 3, 4, 5, 6, 0}) {
        const DaySchedule& s = weekdays[wd];
        if (s.count == 0) {
            continue;
        }
        if (!out.empty()) {
            out += "; ";
        }
        out += kDayNames[wd];
        out += ' ';
        for (int i = 0; i < s.count; ++i) {
            std::array<char, 64> buffer{};
            std::snprintf(buffer.data(), buffer.size(), "%02d:%02d-%02d:%02d",
                          s.intervals[i].begin / 3600, s.intervals[i].begin / 60 % 60,
                          s.intervals[i].end / 3600, s.intervals[i].end / 60 % 60);
            if (i > 0) {
                out += ',';
            }
            out += buffer.data();
        }
    }
    return out;
}

}  // namespace motcua::calendar
