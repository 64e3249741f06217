#include "calendar/holidays.hpp"

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"
#include "calendar/holiday_rules.hpp"

namespace motcua::calendar {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

sys_days D(int y, unsigned m, unsigned d) {
    return sys_days{year{y} / m / d};
}

const HolidayCalendar& National() {
    static const auto calendar = *HolidayCalendar::BuildDefault();
    return *calendar;
}

TEST(HolidayRulesTest, LabourCode2019DefaultFor2027) {
    // 2027 has no official schedule yet: Tết = Sat 6/2/2027 (REGULATIONS.md §7.2).
    const auto days = DefaultHolidays(2027);
    ASSERT_TRUE(days);
    std::vector<std::string> listed;
    for (const RuleDay& r : *days) {
        listed.push_back(FormatIsoDate(r.day) + (r.statutory ? " " : " bù ") + r.name);
    }
    const std::vector<std::string> expected = {
        "2027-01-01 Tết Dương lịch",
        "2027-02-05 Tết Nguyên đán",  // last day of Bính Ngọ
        "2027-02-06 Tết Nguyên đán",  // Saturday
        "2027-02-07 Tết Nguyên đán",  // Sunday
        "2027-02-08 Tết Nguyên đán",
        "2027-02-09 Tết Nguyên đán",
        "2027-02-10 bù Nghỉ bù Tết Nguyên đán",
        "2027-02-11 bù Nghỉ bù Tết Nguyên đán",
        "2027-04-16 Giỗ Tổ Hùng Vương",
        "2027-04-30 Ngày Chiến thắng",
        "2027-05-01 Ngày Quốc tế Lao động",  // Saturday
        "2027-05-03 bù Nghỉ bù Ngày Quốc tế Lao động",
        "2027-09-02 Quốc khánh",  // Thursday → adjacent Friday 3/9
        "2027-09-03 Quốc khánh",
    };
    EXPECT_EQ(listed, expected);
}

TEST(HolidayRulesTest, WeekendPairCompensatedOnFollowingWorkingDays) {
    // 2028: 30/4 Sunday... 2033: 30/4 Saturday, 1/5 Sunday → Monday 2/5 and Tuesday 3/5.
    const auto days = DefaultHolidays(2033);
    ASSERT_TRUE(days);
    std::vector<sys_days> comp;
    for (const RuleDay& r : *days) {
        if (!r.statutory) {
            comp.push_back(r.day);
        }
    }
    EXPECT_NE(std::find(comp.begin(), comp.end(), D(2033, 5, 2)), comp.end());
    EXPECT_NE(std::find(comp.begin(), comp.end(), D(2033, 5, 3)), comp.end());
}

TEST(HolidayRulesTest, OlderLabourCodesHaveFewerDays) {
    auto count_statutory = [](int y) {
        int n = 0;
        const auto days = DefaultHolidays(y);
        for (const RuleDay& r : *days) {
            n += r.statutory ? 1 : 0;
        }
        return n;
    };
    EXPECT_EQ(count_statutory(2005), 8);   // Labour Code 1994: Tết 4 days, no Hùng Kings
    EXPECT_EQ(count_statutory(2010), 9);   // + Hùng Kings from 2007
    EXPECT_EQ(count_statutory(2015), 10);  // Labour Code 2012: Tết 5 days
    EXPECT_EQ(count_statutory(2030), 11);  // Labour Code 2019: + a day adjacent to 2/9
    EXPECT_FALSE(DefaultHolidays(1899));
    EXPECT_FALSE(DefaultHolidays(2200));
}

TEST(HolidayCalendarTest, OfficialSchedule2026) {
    const auto& c = National();
    // Tết Bính Ngọ: Saturday 14/2 – Sunday 22/2/2026 (REGULATIONS.md §7.2).
    for (sys_days d = D(2026, 2, 14); d <= D(2026, 2, 22); d += std::chrono::days{1}) {
        EXPECT_FALSE(c.IsWorkingDay(d)) << FormatIsoDate(d);
    }
    EXPECT_TRUE(c.IsWorkingDay(D(2026, 2, 13)));
    EXPECT_TRUE(c.IsWorkingDay(D(2026, 2, 23)));
    // National Day: Saturday 29/8 – Wednesday 2/9, Saturday 22/8 worked instead.
    EXPECT_TRUE(c.IsWorkingDay(D(2026, 8, 22)));
    EXPECT_EQ(c.Kind(D(2026, 8, 22)), DayKind::kSwappedWork);
    EXPECT_EQ(c.Kind(D(2026, 8, 31)), DayKind::kOff);
    EXPECT_EQ(c.Kind(D(2026, 9, 1)), DayKind::kHoliday);
    EXPECT_EQ(c.Kind(D(2026, 9, 2)), DayKind::kHoliday);
    EXPECT_TRUE(c.IsWorkingDay(D(2026, 9, 3)));
    // Culture Day 24/11 is pending: a working day unless switched on.
    EXPECT_TRUE(c.IsWorkingDay(D(2026, 11, 24)));
}

TEST(HolidayCalendarTest, PendingFlagAndLocalClosure) {
    const auto data = ParseHolidayData(EmbeddedHolidayData(), "x");
    ASSERT_TRUE(data);
    HolidayOptions options;
    options.enabled_flags.insert("culture-day");
    options.local = *ParseHolidayData("2026-03-05\tclosure\tNghỉ tránh bão\tQĐ 12/QĐ-UBND\n", "l");
    const auto c = HolidayCalendar::Build(*data, options);
    ASSERT_TRUE(c);
    EXPECT_FALSE((*c)->IsWorkingDay(D(2026, 11, 24)));
    EXPECT_EQ((*c)->Kind(D(2026, 3, 5)), DayKind::kClosure);
    EXPECT_EQ((*c)->Info(D(2026, 3, 5)).name, "Nghỉ tránh bão");
    EXPECT_EQ((*c)->Info(D(2026, 3, 5)).source, "QĐ 12/QĐ-UBND");
}

TEST(HolidayCalendarTest, ListYearShowsWeekdaysOffStatutoryWeekendsAndSwaps) {
    const auto listed = National().ListYear(2026);
    ASSERT_TRUE(listed);
    std::vector<std::string> lines;
    for (const auto& l : *listed) {
        lines.push_back(FormatIsoDate(l.day));
    }
    // Tết: only the five weekdays 16–20/2 (the weekends around it are ordinary weekends).
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                            [](const std::string& s) { return s.substr(0, 7) == "2026-02"; }),
              5);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "2026-08-22"), lines.end());
    EXPECT_NE(std::find(lines.begin(), lines.end(), "2026-08-31"), lines.end());
    EXPECT_EQ(std::find(lines.begin(), lines.end(), "2026-08-29"), lines.end());
    EXPECT_FALSE(National().ListYear(2200));
}

TEST(HolidayCalendarTest, DefaultRuleAppliesToYearsWithoutSchedule) {
    const auto& c = National();
    // 2027: Hùng Kings Friday 16/4; 1/5 Saturday compensated Monday 3/5.
    EXPECT_EQ(c.Kind(D(2027, 4, 16)), DayKind::kHoliday);
    EXPECT_EQ(c.Kind(D(2027, 5, 1)), DayKind::kHoliday);
    EXPECT_EQ(c.Kind(D(2027, 5, 3)), DayKind::kOff);
    EXPECT_TRUE(c.IsWorkingDay(D(2027, 5, 4)));
    // A year far away still has Tết: 2199.
    int off = 0;
    for (sys_days d = D(2199, 1, 1); d <= D(2199, 3, 31); d += std::chrono::days{1}) {
        off += c.Kind(d) == DayKind::kHoliday ? 1 : 0;
    }
    EXPECT_EQ(off, 6);  // 1/1 + five Tết days
}

}  // namespace
}  // namespace motcua::calendar
