#include "calendar/holiday_data.hpp"

#include <array>
#include <set>

#include "calendar/civil_date.hpp"

namespace motcua::calendar {

namespace {

constexpr std::string_view kPendingPrefix = "pending:";

// True if `text` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
bool IsValidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (size_t k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

base::Error LineError(std::string_view origin, int line, std::string_view what) {
    std::string message(origin);
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += what;
    return base::InvalidArgument(std::move(message));
}

std::optional<std::chrono::sys_days> ParseDay(std::string_view text) {
    const auto ymd = ParseIsoDate(text);
    if (!ymd) {
        return std::nullopt;
    }
    const std::chrono::sys_days day{*ymd};
    if (!InRange(day)) {
        return std::nullopt;
    }
    return day;
}

}  // namespace

base::Result<HolidayData> ParseHolidayData(std::string_view text, std::string_view origin) {
    HolidayData data;
    std::set<int> schedule_years;
    int line_number = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        const std::string_view line = Trim(raw);
        if (line.empty() || line.front() == '#') {
            if (end == text.size()) {
                break;
            }
            continue;
        }
        if (!IsValidUtf8(line)) {
            return LineError(origin, line_number, "not valid UTF-8");
        }
        std::array<std::string_view, 4> fields;
        size_t count = 0;
        size_t start = 0;
        while (true) {
            const size_t tab = line.find('\t', start);
            if (count == fields.size()) {
                return LineError(origin, line_number,
                                 "expected 4 TAB-separated fields: date, kind, name, source");
            }
            fields[count++] = Trim(line.substr(
                start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
            if (tab == std::string_view::npos) {
                break;
            }
            start = tab + 1;
        }
        if (count != fields.size()) {
            return LineError(origin, line_number,
                             "expected 4 TAB-separated fields: date, kind, name, source");
        }
        const auto [date_text, kind_text, name, source] = fields;
        HolidayEntry entry;
        entry.line = line_number;
        if (name.empty()) {
            return LineError(origin, line_number, "empty name");
        }
        if (source.empty()) {
            return LineError(origin, line_number, "empty source: every entry cites its decision");
        }
        entry.name = std::string(name);
        entry.source = std::string(source);

        if (kind_text == "year") {
            entry.kind = HolidayKind::kYear;
        } else if (kind_text == "holiday") {
            entry.kind = HolidayKind::kHoliday;
        } else if (kind_text == "off") {
            entry.kind = HolidayKind::kOff;
        } else if (kind_text == "workday") {
            entry.kind = HolidayKind::kWorkday;
        } else if (kind_text == "closure") {
            entry.kind = HolidayKind::kClosure;
        } else if (kind_text.substr(0, kPendingPrefix.size()) == kPendingPrefix &&
                   kind_text.size() > kPendingPrefix.size()) {
            entry.kind = HolidayKind::kPending;
            entry.flag = std::string(kind_text.substr(kPendingPrefix.size()));
        } else {
            return LineError(origin, line_number,
                             "unknown kind '" + std::string(kind_text) +
                                 "' (year, holiday, off, workday, closure, pending:<flag>)");
        }

        if (entry.kind == HolidayKind::kYear) {
            const auto day = date_text.size() == 4 ? ParseDay(std::string(date_text) + "-01-01")
                                                   : std::optional<std::chrono::sys_days>{};
            if (!day) {
                return LineError(origin, line_number,
                                 "kind 'year' takes a year YYYY in 1900–2199, got '" +
                                     std::string(date_text) + "'");
            }
            const int year = static_cast<int>(std::chrono::year_month_day{*day}.year());
            if (!schedule_years.insert(year).second) {
                return LineError(origin, line_number,
                                 "year " + std::to_string(year) + " is declared twice");
            }
            entry.first = *day;
            entry.last = std::chrono::sys_days{std::chrono::year{year} / 12 / 31};
            data.entries.push_back(std::move(entry));
            continue;
        }

        const size_t dots = date_text.find("..");
        const std::string_view first_text = date_text.substr(0, dots);
        const std::string_view last_text =
            dots == std::string_view::npos ? first_text : date_text.substr(dots + 2);
        const auto first = ParseDay(first_text);
        const auto last = ParseDay(last_text);
        if (!first || !last) {
            return LineError(origin, line_number,
                             "bad date '" + std::string(date_text) +
                                 "': expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD in 1900–2199");
        }
        if (*last < *first) {
            return LineError(origin, line_number, "date range ends before it starts");
        }
        if (std::chrono::year_month_day{*first}.year() !=
            std::chrono::year_month_day{*last}.year()) {
            return LineError(origin, line_number, "date range crosses a year boundary");
        }
        if (entry.kind == HolidayKind::kWorkday) {
            for (auto d = *first; d <= *last; d += std::chrono::days{1}) {
                if (!IsWeekend(d)) {
                    return LineError(
                        origin, line_number,
                        "a swapped working day must be a Saturday or Sunday: " + FormatIsoDate(d));
                }
            }
        }
        entry.first = *first;
        entry.last = *last;
        data.entries.push_back(std::move(entry));
    }
    return data;
}

}  // namespace motcua::calendar
