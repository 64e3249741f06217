#include "calendar/instant.hpp"

#include <array>
#include <cstdio>

#include "calendar/civil_date.hpp"

namespace motcua::calendar {

namespace {

using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

bool AllDigits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (const char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

int TwoDigits(std::string_view s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

base::Error Bad(std::string_view text, std::string_view why) {
    return base::InvalidArgument("bad instant '" + std::string(text) + "': " + std::string(why));
}

}  // namespace

base::Result<sys_seconds> ParseInstant(std::string_view text) {
    if (text.size() < 10) {
        return Bad(text, "expected YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]");
    }
    const auto date = ParseIsoDate(text.substr(0, 10));
    if (!date) {
        return Bad(text, "not a valid date YYYY-MM-DD");
    }
    const sys_days day{*date};
    if (!InRange(day)) {
        return Bad(text, "year outside 1900–2199");
    }
    std::string_view rest = text.substr(10);
    std::int64_t second_of_day = 0;
    seconds offset = kVietnamOffset;
    if (!rest.empty()) {
        if (rest[0] != 'T' && rest[0] != ' ') {
            return Bad(text, "expected 'T' between date and time");
        }
        rest.remove_prefix(1);
        if (rest.size() < 5 || !AllDigits(rest.substr(0, 2)) || rest[2] != ':' ||
            !AllDigits(rest.substr(3, 2))) {
            return Bad(text, "expected HH:MM after the date");
        }
        const int hour = TwoDigits(rest.substr(0, 2));
        const int minute = TwoDigits(rest.substr(3, 2));
        int second = 0;
        rest.remove_prefix(5);
        if (!rest.empty() && rest[0] == ':') {
            if (rest.size() < 3 || !AllDigits(rest.substr(1, 2))) {
                return Bad(text, "expected SS after HH:MM:");
            }
            second = TwoDigits(rest.substr(1, 2));
            rest.remove_prefix(3);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return Bad(text, "time of day out of range");
        }
        second_of_day = hour * 3600 + minute * 60 + second;
        if (rest == "Z" || rest == "z") {
            offset = seconds{0};
        } else if (!rest.empty()) {
            const char sign = rest[0];
            if (sign != '+' && sign != '-') {
                return Bad(text, "expected Z or an offset ±HH:MM");
            }
            // ±HH:MM or ±HHMM.
            const std::string_view hh = rest.substr(1, 2);
            const std::string_view mm = rest.size() == 6 && rest[3] == ':' ? rest.substr(4, 2)
                                        : rest.size() == 5                 ? rest.substr(3, 2)
                                                                           : std::string_view();
            if (!AllDigits(hh) || hh.size() != 2 || mm.size() != 2 || !AllDigits(mm) ||
                TwoDigits(mm) > 59 || TwoDigits(hh) > 14) {
                return Bad(text, "expected Z or an offset ±HH:MM");
            }
            const seconds magnitude{TwoDigits(hh) * 3600 + TwoDigits(mm) * 60};
            offset = sign == '+' ? magnitude : -magnitude;
        }
    }
    const sys_seconds t = sys_seconds{day} + seconds{second_of_day} - offset;
    // The local (UTC+7) date must stay in range too.
    if (!InRange(std::chrono::floor<std::chrono::days>(t + kVietnamOffset))) {
        return Bad(text, "outside 1900–2199 in Vietnam time");
    }
    return t;
}

std::string FormatInstant(sys_seconds t) {
    const sys_seconds local = t + kVietnamOffset;
    const sys_days day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss<seconds> time{local - day};
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%sT%02d:%02d:%02d+07:00",
                  FormatIsoDate(day).c_str(), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buffer.data();
}

std::chrono::seconds WorkAmount::ToSeconds(seconds day_length) const {
    const std::int64_t unit_seconds = unit == Unit::kDays ? day_length.count() : 3600;
    return seconds{(milli * unit_seconds + 500) / 1000};
}

base::Result<WorkAmount> ParseWorkAmount(std::string_view text) {
    auto bad = [&](std::string_view why) {
        return base::InvalidArgument("bad working time '" + std::string(text) +
                                     "': " + std::string(why) + " (e.g. 3d, 1.5d, 4h)");
    };
    if (text.size() < 2) {
        return bad("too short");
    }
    WorkAmount amount;
    const char unit = text.back();
    if (unit == 'd') {
        amount.unit = WorkAmount::Unit::kDays;
    } else if (unit == 'h') {
        amount.unit = WorkAmount::Unit::kHours;
    } else {
        return bad("expected the unit d or h at the end");
    }
    const std::string_view number = text.substr(0, text.size() - 1);
    const size_t dot = number.find('.');
    const std::string_view whole = number.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    if (!AllDigits(whole) || (dot != std::string_view::npos && !AllDigits(fraction))) {
        return bad("expected a non-negative decimal number");
    }
    if (fraction.size() > 3) {
        return bad("at most three decimals");
    }
    if (whole.size() > 7) {
        return bad("too large");
    }
    std::int64_t milli = 0;
    for (const char c : whole) {
        milli = milli * 10 + (c - '0');
    }
    std::int64_t frac = 0;
    for (size_t i = 0; i < 3; ++i) {
        frac = frac * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
    amount.milli = milli * 1000 + frac;
    return amount;
}

std::string FormatHours(seconds duration) {
    const bool negative = duration.count() < 0;
    // Hours with four decimals, rounded half away from zero: 1 h = 10000 units, 1 unit = 0.36 s.
    const std::int64_t magnitude = negative ? -duration.count() : duration.count();
    const std::int64_t units = (magnitude * 10000 + 1800) / 3600;
    std::string out = negative && units != 0 ? "-" : "";
    out += std::to_string(units / 10000);
    std::int64_t frac = units % 10000;
    if (frac != 0) {
        std::array<char, 8> buffer{};
        std::snprintf(buffer.data(), buffer.size(), "%04lld", static_cast<long long>(frac));
        std::string digits = buffer.data();
        while (!digits.empty() && digits.back() == '0') {
            digits.pop_back();
        }
        out += '.';
        out += digits;
    }
    return out;
}

}  // namespace motcua::calendar
