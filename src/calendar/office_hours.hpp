#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::calendar {

// A span of the civil day, in seconds after local midnight: [begin, end).
struct DayInterval {
    int begin = 0;
    int end = 0;
    friend bool operator==(const DayInterval&, const DayInterval&) = default;
};

// The office hours of one weekday: ordered, non-overlapping intervals (at most kMaxIntervals).
struct DaySchedule {
    static constexpr int kMaxIntervals = 4;
    std::array<DayInterval, kMaxIntervals> intervals{};
    int count = 0;

    [[nodiscard]] int TotalSeconds() const {
        int total = 0;
        for (int i = 0; i < count; ++i) {
            total += intervals[i].end - intervals[i].begin;
        }
        return total;
    }
    friend bool operator==(const DaySchedule&, const DaySchedule&) = default;
};

// A unit's office hours for each weekday (index = std::chrono::weekday::c_encoding(), 0 = Sunday).
// Default 07:30–11:30 and 13:00–17:00, Monday–Friday (the common provincial rule; a unit may
// set its own, e.g. Saturday mornings at a public-administration service centre).
struct OfficeHours {
    std::array<DaySchedule, 7> weekdays{};

    [[nodiscard]] static OfficeHours Default();

    // The schedule a working day follows when it has none of its own (a swapped Saturday works
    // like a Monday) and whose length is "one working day" in deadlines: Monday's, or the first
    // non-empty weekday's. Empty only if every weekday is closed.
    [[nodiscard]] const DaySchedule& StandardDay() const;

    // Parses "mon-fri 07:30-11:30,13:00-17:00; sat 07:30-11:30". Days: mon tue wed thu fri sat
    // sun, single or a range; weekdays not named are closed. Errors (kInvalidArgument): unknown
    // day, bad time, empty or reversed or overlapping intervals, more than kMaxIntervals.
    [[nodiscard]] static base::Result<OfficeHours> Parse(std::string_view text);

    // The canonical text form accepted by Parse.
    [[nodiscard]] std::string ToString() const;
};

}  // namespace motcua::calendar
