#include "calendar/working_time.hpp"

#include <random>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::calendar {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::sys_seconds;

sys_seconds At(std::string_view text) {
    const auto t = ParseInstant(text);
    EXPECT_TRUE(t) << text;
    return t ? *t : sys_seconds{};
}

const WorkingCalendar& National() {
    static const auto calendar = *WorkingCalendar::BuildDefault();
    return *calendar;
}

std::string AddDays(std::string_view start, std::int64_t milli_days,
                    std::span<const TimeInterval> pauses = {}) {
    const auto due = National().AddWorkingDays(At(start), milli_days, pauses);
    return due ? FormatInstant(*due) : "error: " + due.error().message;
}

TEST(WorkingTimeTest, DayLengthIsTheStandardDay) {
    EXPECT_EQ(National().WorkingDayLength(), hours{8});
}

TEST(WorkingTimeTest, ThreeDaysAcrossTet2026) {
    // Received Friday 13/2/2026 16:00; Tết Bính Ngọ closes 14–22/2 (REGULATIONS.md §7.2).
    EXPECT_EQ(AddDays("2026-02-13T16:00", 3000), "2026-02-25T16:00:00+07:00");
}

TEST(WorkingTimeTest, ReceiptInLunchBreakCountsFromTheAfternoon) {
    EXPECT_EQ(AddDays("2026-03-02T11:45", 1000), "2026-03-03T11:30:00+07:00");
    EXPECT_EQ(AddDays("2026-03-02T12:59", 500), "2026-03-02T17:00:00+07:00");
}

TEST(WorkingTimeTest, ReceiptOnSaturdayCountsFromMonday) {
    // 1 working day from the Monday opening ends at Monday's close.
    EXPECT_EQ(AddDays("2026-03-07T10:00", 1000), "2026-03-09T17:00:00+07:00");
    EXPECT_EQ(AddDays("2026-03-07T10:00", 0), "2026-03-09T07:30:00+07:00");
}

TEST(WorkingTimeTest, NextOpening) {
    EXPECT_EQ(FormatInstant(*National().NextOpening(At("2026-03-02T09:15"))),
              "2026-03-02T09:15:00+07:00");
    EXPECT_EQ(FormatInstant(*National().NextOpening(At("2026-03-02T17:00"))),
              "2026-03-03T07:30:00+07:00");
    EXPECT_EQ(FormatInstant(*National().NextOpening(At("2026-02-13T18:00"))),
              "2026-02-23T07:30:00+07:00");
}

TEST(WorkingTimeTest, BetweenCountsOnlyOfficeHours) {
    const auto& c = National();
    EXPECT_EQ(*c.WorkingTimeBetween(At("2026-02-13T16:00"), At("2026-02-25T16:00")), hours{24});
    EXPECT_EQ(*c.WorkingTimeBetween(At("2026-02-25T16:00"), At("2026-02-13T16:00")), hours{-24});
    EXPECT_EQ(*c.WorkingTimeBetween(At("2026-03-02T11:00"), At("2026-03-02T14:00")),
              seconds{30 * 60 + 3600});
    EXPECT_EQ(*c.WorkingTimeBetween(At("2026-03-07T00:00"), At("2026-03-08T23:59")), seconds{0});
}

TEST(WorkingTimeTest, PausesAreExcluded) {
    // Supplement requested Thursday 12/3/2026 10:00, completed Tuesday 17/3 10:00: the 3 working
    // days in between do not count.
    const std::vector<TimeInterval> pauses = {{At("2026-03-12T10:00"), At("2026-03-17T10:00")}};
    EXPECT_EQ(AddDays("2026-03-10T10:00", 5000, pauses), "2026-03-20T10:00:00+07:00");
    EXPECT_EQ(
        *National().WorkingTimeBetween(At("2026-03-10T10:00"), At("2026-03-20T10:00"), pauses),
        hours{40});
    // A deadline reached before the pause starts is not moved.
    EXPECT_EQ(AddDays("2026-03-10T10:00", 1000, pauses), "2026-03-11T10:00:00+07:00");
    // Overlapping and unordered pauses merge.
    const std::vector<TimeInterval> messy = {{At("2026-03-13T10:00"), At("2026-03-17T10:00")},
                                             {At("2026-03-12T10:00"), At("2026-03-16T10:00")}};
    EXPECT_EQ(AddDays("2026-03-10T10:00", 5000, messy), "2026-03-20T10:00:00+07:00");
    const std::vector<TimeInterval> reversed = {{At("2026-03-17T10:00"), At("2026-03-12T10:00")}};
    EXPECT_EQ(AddDays("2026-03-10T10:00", 1000, reversed).substr(0, 6), "error:");
}

TEST(WorkingTimeTest, SaturdayMorningDesk) {
    const auto holidays = HolidayCalendar::BuildDefault();
    ASSERT_TRUE(holidays);
    const auto hours_text = OfficeHours::Parse("mon-fri 07:30-11:30,13:00-17:00; sat 07:30-11:30");
    ASSERT_TRUE(hours_text);
    const auto c = WorkingCalendar::Build(*holidays, *hours_text);
    ASSERT_TRUE(c);
    // Friday 6/3/2026 16:00 + 1 day (8 h): 1 h Friday, 4 h Saturday, 3 h Monday → Mon 10:30.
    EXPECT_EQ(FormatInstant(*(*c)->AddWorkingDays(At("2026-03-06T16:00"), 1000)),
              "2026-03-09T10:30:00+07:00");
    EXPECT_TRUE((*c)->IsOpen(std::chrono::sys_days{std::chrono::year{2026} / 3 / 7}));
    // Saturday 14/2/2026 is inside Tết: closed even for this desk.
    EXPECT_FALSE((*c)->IsOpen(std::chrono::sys_days{std::chrono::year{2026} / 2 / 14}));
}

TEST(WorkingTimeTest, RangeLimitsAreErrors) {
    EXPECT_EQ(AddDays("2199-12-30T10:00", 5000).substr(0, 6), "error:");
    EXPECT_EQ(AddDays("2026-01-05T10:00", -1).substr(0, 6), "error:");
    EXPECT_EQ(AddDays("2026-01-05T10:00", 1'000'000'000'000).substr(0, 6), "error:");
    EXPECT_FALSE(National().AddWorkingTime(At("2026-01-05T10:00"), seconds{-1}));
}

// Property: for any start and amount, the working time between the start and the deadline is
// exactly the amount, and the deadline lies within office hours (or at the close).
TEST(WorkingTimeTest, AddAndBetweenAgreeEverywhere) {
    const auto& c = National();
    std::mt19937_64 random(20260213);
    const std::int64_t first = sys_seconds{std::chrono::sys_days{std::chrono::year{1901} / 1 / 1}}
                                   .time_since_epoch()
                                   .count();
    const std::int64_t last = sys_seconds{std::chrono::sys_days{std::chrono::year{2198} / 1 / 1}}
                                  .time_since_epoch()
                                  .count();
    std::uniform_int_distribution<std::int64_t> instant(first, last);
    std::uniform_int_distribution<std::int64_t> work(1, std::int64_t{400} * 3600);
    for (int i = 0; i < 20000; ++i) {
        const sys_seconds start{seconds{instant(random)}};
        const seconds amount{work(random)};
        const auto due = c.AddWorkingTime(start, amount);
        ASSERT_TRUE(due);
        ASSERT_GT(*due, start);
        ASSERT_EQ(*c.WorkingTimeBetween(start, *due), amount) << FormatInstant(start);
        // Earliest instant: one second earlier, the amount has not yet elapsed.
        ASSERT_EQ(*c.WorkingTimeBetween(start, *due - seconds{1}), amount - seconds{1})
            << FormatInstant(start);
        const auto day = std::chrono::floor<std::chrono::days>(*due + kVietnamOffset);
        ASSERT_TRUE(c.IsOpen(day)) << FormatInstant(*due);
    }
}

}  // namespace
}  // namespace motcua::calendar
