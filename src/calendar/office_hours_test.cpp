#include "calendar/office_hours.hpp"

#include <gtest/gtest.h>

namespace motcua::calendar {
namespace {

TEST(OfficeHoursTest, DefaultIsEightHoursMondayToFriday) {
    const OfficeHours h = OfficeHours::Default();
    EXPECT_EQ(h.StandardDay().TotalSeconds(), 8 * 3600);
    EXPECT_EQ(h.weekdays[0].count, 0);
    EXPECT_EQ(h.weekdays[6].count, 0);
    EXPECT_EQ(h.ToString(),
              "mon 07:30-11:30,13:00-17:00; tue 07:30-11:30,13:00-17:00; "
              "wed 07:30-11:30,13:00-17:00; thu 07:30-11:30,13:00-17:00; "
              "fri 07:30-11:30,13:00-17:00");
}

TEST(OfficeHoursTest, ParsesRangesAndSaturdayMornings) {
    const auto h = OfficeHours::Parse("mon-fri 07:00-11:30,13:30-17:00; sat 07:30-11:30");
    ASSERT_TRUE(h) << h.error().message;
    EXPECT_EQ(h->weekdays[3].TotalSeconds(), 8 * 3600);
    EXPECT_EQ(h->weekdays[6].TotalSeconds(), 4 * 3600);
    EXPECT_EQ(h->weekdays[0].count, 0);
    const auto again = OfficeHours::Parse(h->ToString());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->weekdays, h->weekdays);
}

TEST(OfficeHoursTest, RejectsBadInput) {
    for (const char* bad :
         {"", "mon", "xyz 07:00-11:00", "mon 7:00-11:00", "mon 11:00-07:00",
          "mon 07:00-12:00,11:00-13:00", "mon 25:00-26:00", "mon 07:00-11:00; mon 13:00-17:00",
          "mon 07:60-08:00", "mon 01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,09:00-10:00",
          "mon-fri 07:00-11:00;;"}) {
        EXPECT_FALSE(OfficeHours::Parse(bad)) << bad;
    }
}

}  // namespace
}  // namespace motcua::calendar
