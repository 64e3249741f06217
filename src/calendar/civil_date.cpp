#include "calendar/civil_date.hpp"

#include <array>
#include <cstdio>

namespace motcua::calendar {

namespace {

std::optional<int> ParseDigits(std::string_view text) {
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return text.empty() ? std::nullopt : std::optional<int>(value);
}

}  // namespace

std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto y = ParseDigits(text.substr(0, 4));
    const auto m = ParseDigits(text.substr(5, 2));
    const auto d = ParseDigits(text.substr(8, 2));
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                          std::chrono::month{static_cast<unsigned>(*m)},
                                          std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return ymd;
}

std::string FormatIsoDate(std::chrono::year_month_day date) {
    std::array<char, 16> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer.data();
}

std::string FormatVietnameseDate(std::chrono::sys_days day) {
    const std::chrono::year_month_day date{day};
    std::array<char, 16> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                  static_cast<unsigned>(date.month()), static_cast<int>(date.year()));
    return buffer.data();
}

}  // namespace motcua::calendar
