#include "calendar/lunar.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

namespace motcua::calendar {
namespace {

// The Vietnamese calendar is computed for local time UTC+7, the 105°E meridian
// (REGULATIONS.md §7.4).
constexpr double kTimeZoneHours = 7.0;

// Mean synodic month in days, as used by Hồ Ngọc Đức to number lunations (amlich.js,
// getLunarMonth11()).
constexpr double kSynodicMonth = 29.530588853;

// Julian day number of 1970-01-01, the epoch of std::chrono::sys_days (Meeus ch. 7).
constexpr int kUnixEpochJdn = 2440588;

constexpr double kPi = std::numbers::pi;
constexpr double kDegree = kPi / 180.0;

// The lunar years the month table holds completely: 1899, whose months 11–12 cover the first
// days of 1900, to 2199, whose month 12 runs into 2200 (lunar.hpp).
constexpr int kFirstLunarYear = kFirstSolarYear - 1;
constexpr int kLastLunarYear = kLastSolarYear;

// Days since 1970-01-01 of a valid solar date (std::chrono civil calendar, proleptic Gregorian).
constexpr int DayCount(std::chrono::year_month_day ymd) {
    return static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

// Solar date of a day count since 1970-01-01 (std::chrono civil calendar).
constexpr std::chrono::year_month_day SolarDate(int day_count) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day_count}}};
}

// The supported solar days, 1900-01-01 .. 2199-12-31, as day counts (lunar.hpp).
constexpr int kFirstDay = DayCount(std::chrono::year{kFirstSolarYear} / std::chrono::January / 1);
constexpr int kLastDay = DayCount(std::chrono::year{kLastSolarYear} / std::chrono::December / 31);

// Julian date of the new moon of lunation k (k = 0: 1900-01-01 13:52 UT), from Meeus,
// "Astronomical Algorithms" 1998, ch. 49, in the truncated form of Hồ Ngọc Đức's NewMoon().
double NewMoonJd(int k) {
    const double t = k / 1236.85;  // Julian centuries since 1900-01-00.5
    const double t2 = t * t;
    const double t3 = t2 * t;
    double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 = jd1 + 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);
    const double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;  // Sun anomaly
    const double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;  // Moon's
    const double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;     // latitude
    double c1 =
        (0.1734 - 0.000393 * t) * std::sin(m * kDegree) + 0.0021 * std::sin(2 * kDegree * m);
    c1 = c1 - 0.4068 * std::sin(mpr * kDegree) + 0.0161 * std::sin(kDegree * 2 * mpr);
    c1 = c1 - 0.0004 * std::sin(kDegree * 3 * mpr);
    c1 = c1 + 0.0104 * std::sin(kDegree * 2 * f) - 0.0051 * std::sin(kDegree * (m + mpr));
    c1 = c1 - 0.0074 * std::sin(kDegree * (m - mpr)) + 0.0004 * std::sin(kDegree * (2 * f + m));
    c1 = c1 - 0.0004 * std::sin(kDegree * (2 * f - m)) - 0.0006 * std::sin(kDegree * (2 * f + mpr));
    c1 = c1 + 0.0010 * std::sin(kDegree * (2 * f - mpr)) +
         0.0005 * std::sin(kDegree * (2 * mpr + m));
    // ΔT polynomial of Hồ Ngọc Đức's NewMoon() for T >= -11 (the year 800 on; all of 1898–2201).
    const double delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - delta_t;
}

// The sun's true longitude in radians, in [0, 2π), at Julian date jd (Meeus ch. 25, low
// accuracy, as in Hồ Ngọc Đức's SunLongitude()).
double SunLongitude(double jd) {
    const double t = (jd - 2451545.0) / 36525;  // Julian centuries since J2000.0
    const double t2 = t * t;
    const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(kDegree * m);
    dl = dl + (0.019993 - 0.000101 * t) * std::sin(kDegree * 2 * m) +
         0.000290 * std::sin(kDegree * 3 * m);
    double l = (l0 + dl) * kDegree;
    l = l - kPi * 2 * std::floor(l / (kPi * 2));
    return l;
}

// Julian day number of the local (UTC+7) day of the new moon of lunation k (Hồ Ngọc Đức,
// getNewMoonDay()).
int NewMoonDay(int k) {
    return static_cast<int>(std::floor(NewMoonJd(k) + 0.5 + kTimeZoneHours / 24));
}

// Index 0..11 of the last major solar term (trung khí, a multiple of 30° of sun longitude) reached
// at local midnight starting the day with Julian day number jdn (Hồ Ngọc Đức, getSunLongitude()).
int MajorTermIndex(int jdn) {
    return static_cast<int>(std::floor(SunLongitude(jdn - 0.5 - kTimeZoneHours / 24) / kPi * 6));
}

// Lunation k of lunar month 11 of solar year `year`: the month containing the winter solstice,
// i.e. the last new moon before 31/12 unless the sun already passed 270° then (Hồ Ngọc Đức,
// getLunarMonth11()).
int Month11Lunation(int year) {
    const int dec31_jdn =
        DayCount(std::chrono::year{year} / std::chrono::December / 31) + kUnixEpochJdn;
    int k = static_cast<int>(std::floor((dec31_jdn - 2415021) / kSynodicMonth));
    if (MajorTermIndex(NewMoonDay(k)) >= 9) {
        --k;
    }
    return k;
}

// Offset from month 11 (lunation k11) of the leap month of a 13-month year: the first month
// whose start and the next month's start see the same major term, i.e. a month without a major
// term (Hồ Ngọc Đức, getLeapMonthOffset()).
int LeapMonthOffset(int k11) {
    int i = 1;
    int term = MajorTermIndex(NewMoonDay(k11 + i));
    int last = 0;
    do {
        last = term;
        ++i;
        term = MajorTermIndex(NewMoonDay(k11 + i));
    } while (term != last && i < 14);
    return i - 1;
}

struct LunarMonth {
    std::int32_t first_day = 0;  // day count (since 1970-01-01) of day 1 of the month
    std::int16_t year = 0;       // lunar year; 0 in the end sentinel
    std::uint8_t month = 0;      // 1..12; 0 in the end sentinel
    bool leap = false;
};

struct LunarYearInfo {
    std::int32_t month1_index = 0;  // index in MonthTable::months of month 1 (Tết)
    std::int32_t leap_month = 0;    // 1..12, or 0 if the year has no leap month
};

struct MonthTable {
    // Every lunar month from month 11 of lunar year 1898 to month 12 of lunar year 2199, in
    // order, followed by a sentinel holding the start of the next month.
    std::vector<LunarMonth> months;
    std::array<LunarYearInfo, kLastLunarYear - kFirstLunarYear + 1> years{};
};

// Builds the month table: between the month 11 of two consecutive solar years lie 12 or 13
// lunar months; in a 13-month span the leap month repeats the number of the month before it
// (Hồ Ngọc Đức, calrules.html rules 3–5 and convertSolar2Lunar()).
MonthTable BuildMonthTable() {
    MonthTable table;
    table.months.reserve(static_cast<std::size_t>(kLastLunarYear - kFirstLunarYear + 2) * 13);
    int k11 = Month11Lunation(kFirstLunarYear - 1);
    for (int year = kFirstLunarYear - 1; year <= kLastLunarYear; ++year) {
        const int next_k11 = Month11Lunation(year + 1);
        const int month_count = next_k11 - k11;  // 12, or 13 in a leap year
        const int leap_offset = month_count == 13 ? LeapMonthOffset(k11) : month_count;
        for (int i = 0; i < month_count; ++i) {
            // Offset 0 is month 11; from the leap month on, numbers lag one behind the offset.
            const bool leap = i == leap_offset;
            const int month = (i < leap_offset ? i + 10 : i + 9) % 12 + 1;
            LunarMonth entry;
            entry.first_day = NewMoonDay(k11 + i) - kUnixEpochJdn;
            entry.year = static_cast<std::int16_t>(month >= 11 ? year : year + 1);
            entry.month = static_cast<std::uint8_t>(month);
            entry.leap = leap;
            table.months.push_back(entry);
        }
        k11 = next_k11;
    }
    LunarMonth sentinel;
    sentinel.first_day = NewMoonDay(k11) - kUnixEpochJdn;
    table.months.push_back(sentinel);

    for (std::size_t i = 0; i + 1 < table.months.size(); ++i) {
        const LunarMonth& entry = table.months[i];
        if (entry.year < kFirstLunarYear || entry.year > kLastLunarYear) {
            continue;
        }
        LunarYearInfo& info = table.years[static_cast<std::size_t>(entry.year - kFirstLunarYear)];
        if (entry.leap) {
            info.leap_month = entry.month;
        } else if (entry.month == 1) {
            info.month1_index = static_cast<std::int32_t>(i);
        }
    }
    return table;
}

// The month table, built once on first use; C++11 guarantees thread-safe initialisation of a
// function-local static ([stmt.dcl]/4).
const MonthTable& Table() {
    static const MonthTable table = BuildMonthTable();
    return table;
}

// Index of the month containing day_count, which must lie in [kFirstDay, kLastDay]: a guess from
// the mean synodic month, corrected by at most a step or two (lunar.hpp: table look-up).
std::size_t FindMonthIndex(const MonthTable& table, int day_count) {
    constexpr double kMonthsPerDay = 1.0 / kSynodicMonth;
    const std::vector<LunarMonth>& months = table.months;
    auto i = static_cast<std::size_t>((day_count - months.front().first_day) * kMonthsPerDay);
    i = std::min(i, months.size() - 2);
    while (months[i].first_day > day_count) {
        --i;
    }
    while (months[i + 1].first_day <= day_count) {
        ++i;
    }
    return i;
}

// "YYYY-MM-DD" for messages (ISO 8601).
std::string FormatSolar(std::chrono::year_month_day ymd) {
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer.data();
}

// The supported range for messages (lunar.hpp).
std::string RangeText() {
    return FormatSolar(SolarDate(kFirstDay)) + ".." + FormatSolar(SolarDate(kLastDay));
}

// Checks that the lunar year is in the table (lunar.hpp: 1900–2199 solar, i.e. lunar 1899–2199).
base::Result<const LunarYearInfo*> FindYear(const MonthTable& table, int lunar_year) {
    if (lunar_year < kFirstLunarYear || lunar_year > kLastLunarYear) {
        return base::InvalidArgument(
            "lunar year " + std::to_string(lunar_year) + " is outside the supported range " +
            std::to_string(kFirstLunarYear) + ".." + std::to_string(kLastLunarYear));
    }
    return &table.years[static_cast<std::size_t>(lunar_year - kFirstLunarYear)];
}

// Index in the month table of lunar month `month` (leap or not) of `lunar_year`, or an error if
// the year has no such month (lunar.hpp: ToSolar validation).
base::Result<std::size_t> FindMonthOf(const MonthTable& table, int lunar_year, int month,
                                      bool leap) {
    base::Result<const LunarYearInfo*> info = FindYear(table, lunar_year);
    if (!info.ok()) {
        return std::move(info).error();
    }
    if (month < 1 || month > 12) {
        return base::InvalidArgument("lunar month " + std::to_string(month) + " is not in 1..12");
    }
    const int leap_month = (*info)->leap_month;
    if (leap && leap_month != month) {
        if (leap_month == 0) {
            return base::InvalidArgument("lunar year " + std::to_string(lunar_year) +
                                         " has no leap month");
        }
        return base::InvalidArgument("lunar year " + std::to_string(lunar_year) +
                                     " has no leap month " + std::to_string(month) +
                                     " (its leap month is " + std::to_string(leap_month) + ")");
    }
    // Months after the leap month (and the leap month itself) sit one place further on.
    const int shift = leap_month != 0 && (month > leap_month || leap) ? 1 : 0;
    return static_cast<std::size_t>((*info)->month1_index + month - 1 + shift);
}

// Length in days of the month at `index`: the distance to the next month's start.
int MonthLength(const MonthTable& table, std::size_t index) {
    return table.months[index + 1].first_day - table.months[index].first_day;
}

}  // namespace

// Solar → lunar by table look-up (lunar.hpp).
base::Result<LunarDate> ToLunar(std::chrono::year_month_day solar) {
    if (!solar.ok()) {
        return base::InvalidArgument("invalid solar date " + FormatSolar(solar));
    }
    const int day_count = DayCount(solar);
    if (day_count < kFirstDay || day_count > kLastDay) {
        return base::InvalidArgument("solar date " + FormatSolar(solar) +
                                     " is outside the supported range " + RangeText());
    }
    const MonthTable& table = Table();
    const LunarMonth& month = table.months[FindMonthIndex(table, day_count)];
    LunarDate lunar;
    lunar.day = day_count - month.first_day + 1;
    lunar.month = month.month;
    lunar.year = month.year;
    lunar.leap = month.leap;
    return lunar;
}

// Lunar → solar: validate the month and day, then offset from the month's first day (lunar.hpp).
base::Result<std::chrono::year_month_day> ToSolar(const LunarDate& lunar) {
    const MonthTable& table = Table();
    base::Result<std::size_t> index = FindMonthOf(table, lunar.year, lunar.month, lunar.leap);
    if (!index.ok()) {
        return std::move(index).error();
    }
    const int length = MonthLength(table, *index);
    if (lunar.day < 1 || lunar.day > length) {
        return base::InvalidArgument("lunar day " + std::to_string(lunar.day) +
                                     " does not exist: " + (lunar.leap ? "leap month " : "month ") +
                                     std::to_string(lunar.month) + " of lunar year " +
                                     std::to_string(lunar.year) + " has " + std::to_string(length) +
                                     " days");
    }
    const int day_count = table.months[*index].first_day + lunar.day - 1;
    if (day_count < kFirstDay || day_count > kLastDay) {
        return base::InvalidArgument(
            "lunar date " + std::to_string(lunar.day) + "/" + std::to_string(lunar.month) +
            (lunar.leap ? " (leap)" : "") + "/" + std::to_string(lunar.year) + " falls on " +
            FormatSolar(SolarDate(day_count)) + ", outside the supported range " + RangeText());
    }
    return SolarDate(day_count);
}

// Leap month of a lunar year from the month table (lunar.hpp).
base::Result<int> LeapMonthOf(int lunar_year) {
    base::Result<const LunarYearInfo*> info = FindYear(Table(), lunar_year);
    if (!info.ok()) {
        return std::move(info).error();
    }
    return static_cast<int>((*info)->leap_month);
}

// Length of a lunar month from the month table (lunar.hpp).
base::Result<int> LunarMonthLength(int lunar_year, int month, bool leap) {
    const MonthTable& table = Table();
    base::Result<std::size_t> index = FindMonthOf(table, lunar_year, month, leap);
    if (!index.ok()) {
        return std::move(index).error();
    }
    return MonthLength(table, *index);
}

// Tết is 1/1 of the lunar year (lunar.hpp).
base::Result<std::chrono::year_month_day> TetOf(int lunar_year) {
    LunarDate tet;
    tet.year = lunar_year;
    return ToSolar(tet);
}

}  // namespace motcua::calendar
