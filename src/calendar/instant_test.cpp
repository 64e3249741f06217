#include "calendar/instant.hpp"

#include <gtest/gtest.h>

namespace motcua::calendar {
namespace {

std::string Roundtrip(std::string_view text) {
    const auto t = ParseInstant(text);
    return t ? FormatInstant(*t) : "error: " + t.error().message;
}

TEST(InstantTest, ParsesOffsetsAndLocalTime) {
    EXPECT_EQ(Roundtrip("2026-02-13T16:00:00+07:00"), "2026-02-13T16:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13T16:00"), "2026-02-13T16:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13 16:00"), "2026-02-13T16:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13T09:00:00Z"), "2026-02-13T16:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13T09:00+0000"), "2026-02-13T16:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13T20:00-05:00"), "2026-02-14T08:00:00+07:00");
    EXPECT_EQ(Roundtrip("2026-02-13"), "2026-02-13T00:00:00+07:00");
    EXPECT_EQ(Roundtrip("1900-01-01T00:00"), "1900-01-01T00:00:00+07:00");
}

TEST(InstantTest, RejectsBadInstants) {
    for (const char* bad : {"", "2026", "2026-13-01", "2026-02-29T10:00", "2026-02-13T24:00",
                            "2026-02-13T10:60", "2026-02-13T10", "2026-02-13X10:00",
                            "2026-02-13T10:00+7", "2026-02-13T10:00+07:", "2026-02-13T10:00:00.5",
                            "2026-02-13T10:00 +07:00", "1899-12-31T23:00", "2200-01-01T00:00",
                            "1900-01-01T00:00+08:00", "2026-02-13T10:00+15:00", "２０２６-01-01"}) {
        EXPECT_FALSE(ParseInstant(bad)) << bad;
    }
}

TEST(InstantTest, WorkAmounts) {
    const std::chrono::seconds day{8 * 3600};
    EXPECT_EQ(ParseWorkAmount("3d")->ToSeconds(day).count(), 3 * 8 * 3600);
    EXPECT_EQ(ParseWorkAmount("0.5d")->ToSeconds(day).count(), 4 * 3600);
    EXPECT_EQ(ParseWorkAmount("1.25d")->ToSeconds(day).count(), 10 * 3600);
    EXPECT_EQ(ParseWorkAmount("4h")->ToSeconds(day).count(), 4 * 3600);
    EXPECT_EQ(ParseWorkAmount("2.5h")->ToSeconds(day).count(), 9000);
    EXPECT_EQ(ParseWorkAmount("0d")->ToSeconds(day).count(), 0);
    for (const char* bad :
         {"", "d", "3", "-1d", "1.2345d", "3w", "1..5d", ".d", "1e3d", "12345678d", " 3d"}) {
        EXPECT_FALSE(ParseWorkAmount(bad)) << bad;
    }
}

TEST(InstantTest, FormatsHoursAsShortDecimals) {
    EXPECT_EQ(FormatHours(std::chrono::seconds{24 * 3600}), "24");
    EXPECT_EQ(FormatHours(std::chrono::seconds{7 * 3600 + 1800}), "7.5");
    EXPECT_EQ(FormatHours(std::chrono::seconds{-(3 * 3600 + 900)}), "-3.25");
    EXPECT_EQ(FormatHours(std::chrono::seconds{1200}), "0.3333");
    EXPECT_EQ(FormatHours(std::chrono::seconds{0}), "0");
}

}  // namespace
}  // namespace motcua::calendar
