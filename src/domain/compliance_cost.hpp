#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"

// The compliance cost of an administrative procedure by the Standard Cost Model (issue #8;
// REGULATIONS.md §5.5; docs/control.md "Compliance cost"). Pure, integer arithmetic in VND.
//
//   cost per compliance event = Σ activities (time × hourly income) + outsourced/consulting costs
//                               + fees and charges + other out-of-pocket costs
//   hourly income             = average income per working day ÷ 8
//   annual cost               = cost per event × compliance subjects × frequency per year
//   saving                    = before − after; saving % = (before − after) ÷ before
//
// Every step is kept as a line of arithmetic (Vietnamese) so the form can show how a figure came
// about. Rounding: each activity's time cost and the annual cost are rounded half up to a whole
// dong; percentages to hundredths of a percent, half up.
namespace motcua::domain::compliance_cost {

struct Activity {
    std::string name;          // "Chuẩn bị hồ sơ", "Đi lại, nộp hồ sơ" …
    std::int64_t minutes = 0;  // time one subject spends on it per compliance event
};

struct Inputs {
    std::vector<Activity> activities;
    std::int64_t hourly_income = 0;  // VND per hour (HourlyIncome() from a daily income)
    std::int64_t outsourced = 0;     // VND: consulting, services bought
    std::int64_t fees = 0;           // VND: fees and charges (phí, lệ phí)
    std::int64_t other = 0;          // VND: copies, travel, postage …
    std::int64_t subjects = 0;       // compliance subjects per year (đối tượng tuân thủ)
    std::int64_t frequency_milli = 1000;  // compliance events per subject per year × 1000
};

struct Cost {
    std::int64_t time_cost = 0;      // Σ activities' time cost, VND
    std::int64_t per_event = 0;      // VND
    std::int64_t annual = 0;         // VND
    std::vector<std::string> steps;  // the arithmetic, one line per step
};

// Average income per working day → VND per hour (÷ 8, half up). Errors: negative.
[[nodiscard]] base::Result<std::int64_t> HourlyIncome(std::int64_t income_per_working_day);

// Errors (Vietnamese, naming the field): a negative amount, time, count or frequency, an
// activity without a name, more than 200 activities, or a total beyond 10^15 VND.
[[nodiscard]] base::Result<Cost> Compute(const Inputs& inputs);

struct Saving {
    std::int64_t per_event = 0;   // before − after, VND (negative: the change costs more)
    std::int64_t annual = 0;      // VND
    std::int64_t hundredths = 0;  // % × 100, of the per-event cost (0 when before is 0)
    std::string text;             // "77,44%"
};
[[nodiscard]] Saving SavingOf(const Cost& before, const Cost& after);

// 1234567 → "1.234.567" (Vietnamese digit grouping).
[[nodiscard]] std::string FormatDong(std::int64_t vnd);

}  // namespace motcua::domain::compliance_cost
