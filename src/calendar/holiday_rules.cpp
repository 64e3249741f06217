#include "calendar/holiday_rules.hpp"

#include <algorithm>

#include "calendar/civil_date.hpp"
#include "calendar/lunar.hpp"

namespace motcua::calendar {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year;

constexpr int kHungKingsFromYear = 2007;       // Law 84/2007/QH11 amending Labour Code 1994 art. 73
constexpr int kTetFiveDaysFromYear = 2013;     // Labour Code 2012 (Law 10/2012/QH13) art. 115
constexpr int kLabourCode2019FromYear = 2021;  // Law 45/2019/QH14, in force 1/1/2021

std::string SourceFor(int y) {
    if (y >= kLabourCode2019FromYear) {
        return "Bộ luật Lao động 2019, Điều 112 (quy tắc mặc định)";
    }
    if (y >= kTetFiveDaysFromYear) {
        return "Bộ luật Lao động 2012, Điều 115 (quy tắc mặc định)";
    }
    if (y >= kHungKingsFromYear) {
        return "Bộ luật Lao động 1994 sửa đổi 2007, Điều 73 (quy tắc mặc định)";
    }
    return "Bộ luật Lao động 1994, Điều 73 (quy tắc mặc định)";
}

// The day adjacent to 2/9 (Labour Code 2019 art. 112.1.đ: "01 ngày liền kề trước hoặc sau"),
// chosen by the PM each year; by default the one that joins the holiday to a weekend, as in
// 2021–2026 (Thu→Fri 3/9, Fri→Thu 1/9, Tue→Mon 1/9, Mon→Tue 3/9, Wed→Tue 1/9 as in 2026).
sys_days NationalDayAdjacent(sys_days national_day) {
    const std::chrono::weekday wd{national_day};
    const unsigned n = wd.c_encoding();  // 0 = Sunday
    // Mon (1) → after; Thu (4) → after; Sun (0) → after (1/9 is a Saturday); others → before.
    const bool after = n == 1 || n == 4 || n == 0;
    return after ? national_day + days{1} : national_day - days{1};
}

}  // namespace

base::Result<std::vector<RuleDay>> DefaultHolidays(int y) {
    if (y < kFirstSolarYear || y > kLastSolarYear) {
        return base::InvalidArgument("year " + std::to_string(y) + " is outside 1900–2199");
    }
    const std::string source = SourceFor(y);
    std::vector<RuleDay> statutory;
    auto add = [&](sys_days day, std::string name) {
        statutory.push_back(RuleDay{day, true, std::move(name), source});
    };
    add(sys_days{year{y} / 1 / 1}, "Tết Dương lịch");

    // Tết: the last day of the old lunar year and the first days of the new (4 days before 2013,
    // 5 from 2013). Its exact days are chosen yearly by the PM (art. 112.3); this is the default.
    const auto tet = TetOf(y);
    if (!tet) {
        return tet.error();
    }
    const sys_days tet_day{*tet};
    const int tet_days = y >= kTetFiveDaysFromYear ? 5 : 4;
    for (int i = -1; i < tet_days - 1; ++i) {
        add(tet_day + days{i}, "Tết Nguyên đán");
    }
    if (y >= kHungKingsFromYear) {
        const auto hung = ToSolar(LunarDate{10, 3, y, false});
        if (!hung) {
            return hung.error();
        }
        add(sys_days{*hung}, "Giỗ Tổ Hùng Vương");
    }
    add(sys_days{year{y} / 4 / 30}, "Ngày Chiến thắng");
    add(sys_days{year{y} / 5 / 1}, "Ngày Quốc tế Lao động");
    const sys_days national_day{year{y} / 9 / 2};
    add(national_day, "Quốc khánh");
    if (y >= kLabourCode2019FromYear) {
        add(NationalDayAdjacent(national_day), "Quốc khánh");
    }
    std::sort(statutory.begin(), statutory.end(),
              [](const RuleDay& a, const RuleDay& b) { return a.day < b.day; });

    // Compensation (Labour Code 2019 art. 111.3; 2012 art. 115.3; 1994 art. 73): a holiday on a
    // weekly rest day is taken on the next working day (not a weekend, holiday or earlier
    // compensatory day).
    std::vector<RuleDay> result = statutory;
    auto taken = [&](sys_days day) {
        return std::any_of(result.begin(), result.end(),
                           [&](const RuleDay& r) { return r.day == day; });
    };
    for (const RuleDay& h : statutory) {
        if (!IsWeekend(h.day)) {
            continue;
        }
        sys_days day = h.day + days{1};
        while (IsWeekend(day) || taken(day)) {
            day += days{1};
        }
        if (InRange(day)) {
            result.push_back(RuleDay{day, false, "Nghỉ bù " + h.name, source});
        }
    }
    std::sort(result.begin(), result.end(),
              [](const RuleDay& a, const RuleDay& b) { return a.day < b.day; });
    return result;
}

}  // namespace motcua::calendar
