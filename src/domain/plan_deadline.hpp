#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/working_time.hpp"

// Deadline phrases of TTHC-control plans (issue #7; docs/plans.md "Deadline phrases"). Pure.
//
// A plan's task table gives each task a deadline in words: "Quý II/2024", "Trước ngày 30/9/2024",
// "Thường xuyên trong năm 2024", "Hàng Quý", "6 tháng đầu năm và cuối năm 2024", "Khi có yêu cầu
// của Sở Thông tin và Truyền thông"… Resolve() reads one such phrase into due dates (civil days,
// Asia/Ho_Chi_Minh) on the unit's working-time calendar, a recurrence, or an event, and says how
// it read it. The rules, in short (docs/plans.md works through them):
//   - a month, quarter, half-year or year is due on the last working day on or before its end;
//   - "trước [ngày] D" is due on the last working day strictly before D; "chậm nhất [ngày] D",
//     "đến ngày D", "ngày D" on the last working day on or before D;
//   - a recurrence ("hàng tháng", "hàng quý", "định kỳ 6 tháng", "hàng năm", "trước ngày 15 của
//     tháng cuối quý") expands to its due dates in its year; "thường xuyên" is continuous with the
//     year's last working day as its one due date;
//   - combinations (",", ";", "và", line breaks) give the union of their dates;
//   - a period without a year takes the next year written in the same clause, else the previous
//     one, else the plan year;
//   - event-triggered clauses ("Ngay sau khi…", "Khi có yêu cầu…", "Theo Kế hoạch số…", "05 ngày
//     làm việc kể từ ngày…") have no date: their words are kept as the event;
//   - anything else, or any invalid part ("Quý V", "31/2/2024"), is unresolved with the reason.
namespace motcua::domain::plan_deadline {

enum class Kind : std::uint8_t {
    kDate,        // one or more fixed due dates
    kRecurring,   // a recurrence (possibly with fixed dates too)
    kEvent,       // triggered by an event: no due date
    kUnresolved,  // not understood; `note` says why
};
// "date", "recurring", "event", "unresolved" (the import JSON's `kind`).
[[nodiscard]] std::string_view KindName(Kind kind);

enum class Recurrence : std::uint8_t {
    kNone,
    kMonthly,
    kQuarterly,
    kHalfYearly,
    kYearly,
    kContinuous,  // "thường xuyên": all year; due at the year's last working day
};
// "none", "monthly", "quarterly", "half_yearly", "yearly", "continuous".
[[nodiscard]] std::string_view RecurrenceName(Recurrence recurrence);

struct Deadline {
    std::string phrase;  // as given, in NFC (as given when it is not valid UTF-8)
    Kind kind = Kind::kUnresolved;
    std::vector<std::chrono::sys_days> due;  // sorted, no duplicates; empty for event/unresolved
    // The most frequent recurrence in the phrase (continuous > monthly > quarterly > half-yearly
    // > yearly); kNone for fixed dates, events and unresolved phrases.
    Recurrence recurrence = Recurrence::kNone;
    std::string event;  // the event-triggered clauses as written, "; "-joined; may accompany dates
    std::string note;   // how the phrase was read (English), or why it is unresolved
};

// Phrases longer than this are unresolved (a table cell is a few hundred bytes).
inline constexpr std::size_t kMaxPhraseBytes = 4000;

// Reads `phrase` (Vietnamese, any case, composed or decomposed, any white space) for a plan of
// `plan_year` on `calendar`. Never fails: what it cannot read is Kind::kUnresolved with the reason
// in `note`. Years outside the calendar's range (1900–2199) are unresolved. Thread-safe.
[[nodiscard]] Deadline Resolve(std::string_view phrase, int plan_year,
                               const calendar::WorkingCalendar& calendar);

// The last working day on or before `day` on `calendar` (looking back at most 60 days), or
// nullopt when there is none in range.
[[nodiscard]] std::optional<std::chrono::sys_days> LastWorkingDayOnOrBefore(
    std::chrono::sys_days day, const calendar::WorkingCalendar& calendar);

// Lower-case ASCII reading of Vietnamese text, for matching: letters lose their diacritics
// (đ → d), combining marks are dropped, ASCII is lower-cased; other code points are kept as
// they are. ICU-free. Ill-formed UTF-8 bytes become '?'.
[[nodiscard]] std::string FoldForMatching(std::string_view text);

}  // namespace motcua::domain::plan_deadline
