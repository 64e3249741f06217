#include "calendar/holiday_data.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"

namespace motcua::calendar {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

std::string ErrorOf(std::string_view text) {
    const auto parsed = ParseHolidayData(text, "f.tsv");
    return parsed ? std::string("ok") : parsed.error().message;
}

TEST(HolidayDataTest, ParsesEveryKind) {
    const auto parsed = ParseHolidayData(
        "# comment\n"
        "\n"
        "2026\tyear\tLịch nghỉ 2026\tTB 1\n"
        "2026-02-16..2026-02-20\tholiday\tTết Nguyên đán\tTB 1\n"
        "2026-08-31\toff\tNghỉ hoán đổi\tTB 1\n"
        "2026-08-22\tworkday\tLàm bù\tTB 1\n"
        "2026-03-05\tclosure\tBão\tQĐ tỉnh\n"
        "2026-11-24\tpending:culture-day\tNgày Văn hóa Việt Nam\tNQ 80\n",
        "f.tsv");
    ASSERT_TRUE(parsed) << parsed.error().message;
    ASSERT_EQ(parsed->entries.size(), 6U);
    const auto& tet = parsed->entries[1];
    EXPECT_EQ(tet.kind, HolidayKind::kHoliday);
    EXPECT_EQ(tet.first, sys_days{year{2026} / 2 / 16});
    EXPECT_EQ(tet.last, sys_days{year{2026} / 2 / 20});
    EXPECT_EQ(tet.name, "Tết Nguyên đán");
    EXPECT_EQ(tet.line, 4);
    EXPECT_EQ(parsed->entries[0].kind, HolidayKind::kYear);
    EXPECT_EQ(parsed->entries[5].kind, HolidayKind::kPending);
    EXPECT_EQ(parsed->entries[5].flag, "culture-day");
}

TEST(HolidayDataTest, AcceptsWindowsLineEndingsAndNoFinalNewline) {
    const auto parsed = ParseHolidayData(
        "2026-01-01\tholiday\tTết Dương lịch\tBLLĐ\r\n"
        "2026-04-30\tholiday\tNgày Chiến thắng\tBLLĐ",
        "f.tsv");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->entries.size(), 2U);
    EXPECT_EQ(parsed->entries[0].source, "BLLĐ");
}

TEST(HolidayDataTest, RejectsMalformedLinesWithTheirNumber) {
    EXPECT_EQ(ErrorOf("# c\n2026-01-01\tholiday\tTết\n"),
              "f.tsv:2: expected 4 TAB-separated fields: date, kind, name, source");
    EXPECT_EQ(ErrorOf("2026-01-01\tholiday\tA\tB\tC\n"),
              "f.tsv:1: expected 4 TAB-separated fields: date, kind, name, source");
    EXPECT_EQ(ErrorOf("\n\n2026-02-30\tholiday\tA\tB\n"),
              "f.tsv:3: bad date '2026-02-30': expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD in "
              "1900–2199");
    EXPECT_EQ(ErrorOf("2200-01-01\tholiday\tA\tB\n").substr(0, 16), "f.tsv:1: bad dat");
    EXPECT_EQ(ErrorOf("2026-01-05..2026-01-01\toff\tA\tB\n"),
              "f.tsv:1: date range ends before it starts");
    EXPECT_EQ(ErrorOf("2026-12-30..2027-01-02\toff\tA\tB\n"),
              "f.tsv:1: date range crosses a year boundary");
    EXPECT_EQ(ErrorOf("2026-01-01\tvacation\tA\tB\n").substr(0, 31),
              "f.tsv:1: unknown kind 'vacation");
    EXPECT_EQ(ErrorOf("2026-01-01\tpending:\tA\tB\n").substr(0, 22), "f.tsv:1: unknown kind ");
    EXPECT_EQ(ErrorOf("2026-01-01\tholiday\t\tB\n"), "f.tsv:1: empty name");
    EXPECT_EQ(ErrorOf("2026-01-01\tholiday\tA\t \n"),
              "f.tsv:1: empty source: every entry cites its decision");
    EXPECT_EQ(ErrorOf("2026-08-24\tworkday\tA\tB\n"),
              "f.tsv:1: a swapped working day must be a Saturday or Sunday: 2026-08-24");
    EXPECT_EQ(ErrorOf("2026\tyear\tA\tB\n2026\tyear\tA\tB\n"),
              "f.tsv:2: year 2026 is declared twice");
    EXPECT_EQ(ErrorOf("26\tyear\tA\tB\n").substr(0, 34), "f.tsv:1: kind 'year' takes a year ");
    EXPECT_EQ(ErrorOf("2026-01-01\tholiday\tT\xE1\xBA\tB\n"), "f.tsv:1: not valid UTF-8");
    EXPECT_EQ(ErrorOf("2026-01-01\tholiday\t\xC0\x80\tB\n"), "f.tsv:1: not valid UTF-8");
}

TEST(HolidayDataTest, EmbeddedDataParsesAndCoversTheOfficialYears) {
    const auto parsed = ParseHolidayData(EmbeddedHolidayData(), "holidays-vn.tsv");
    ASSERT_TRUE(parsed) << parsed.error().message;
    std::set<int> years;
    for (const auto& e : parsed->entries) {
        if (e.kind == HolidayKind::kYear) {
            years.insert(static_cast<int>(std::chrono::year_month_day{e.first}.year()));
        }
    }
    for (int y = 2020; y <= 2026; ++y) {
        EXPECT_EQ(years.count(y), 1U) << "no official schedule for " << y;
    }
}

}  // namespace
}  // namespace motcua::calendar
