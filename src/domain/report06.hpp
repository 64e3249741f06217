#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/dossier.hpp"

// Circular 01/2020/TT-VPCP, form 06 / II.06a "Tình hình, kết quả giải quyết TTHC" (issue #6;
// REGULATIONS.md §3, §3.1; docs/reports.md). Pure: reporting windows and the classification of
// dossiers into columns 3–13.
namespace motcua::domain::report06 {

enum class PeriodKind { kMonth, kQuarter, kSixMonths, kNineMonths, kYear };

// A reporting period: "2026-07" (month), "2026-Q3", "2026-H1" (first six months), "2026-9M",
// "2026" (year). `index` is the month (1..12) or the quarter (1..4); 0 otherwise.
struct Period {
    PeriodKind kind = PeriodKind::kYear;
    int year = 0;
    int index = 0;
    friend bool operator==(const Period&, const Period&) = default;
};
// kInvalidArgument (Vietnamese) for anything else, or a year outside 2000..2199.
[[nodiscard]] base::Result<Period> ParsePeriod(std::string_view text);
[[nodiscard]] std::string FormatPeriod(const Period& period);

// `reporting` (default): Decree 09/2019 pattern, the 15th of the month before the period to the
// 14th of its last month (six months, nine months and year start on 15/12 of the previous year).
// `calendar`: the 1st of its first month to the last day of its last month.
enum class WindowRule { kReporting, kCalendar };
[[nodiscard]] std::string_view WindowRuleName(WindowRule rule);  // reporting, calendar
[[nodiscard]] base::Result<WindowRule> ParseWindowRule(std::string_view name);

// Civil days in Vietnam time (UTC+7), both inclusive.
struct Window {
    Period period;
    WindowRule rule = WindowRule::kReporting;
    std::chrono::sys_days from{};
    std::chrono::sys_days to{};
    // Instants: [Begin, End) = 00:00 of `from` to 00:00 of the day after `to`, Vietnam time.
    [[nodiscard]] std::chrono::sys_seconds Begin() const;
    [[nodiscard]] std::chrono::sys_seconds End() const;
};
[[nodiscard]] Window Resolve(const Period& period, WindowRule rule);

// What the report needs of one dossier.
struct DossierFacts {
    std::optional<std::chrono::sys_seconds> received_at;  // complete receipt; empty: never
    Channel channel = Channel::kDirect;
    std::optional<std::chrono::sys_seconds> finished_at;  // end of processing
    Timing timing = Timing::kPending;
    bool late = false;
    std::optional<std::chrono::sys_seconds> due_at;  // legal deadline (or the appointment)
    std::int64_t settling_unit_id = 0;
    std::string field;  // lĩnh vực of the procedure
};

enum class Received { kNotCounted, kOnline, kDirectPostal, kCarriedOver };
enum class Outcome { kNotCounted, kEarly, kOnTime, kLate, kWithin, kOverdue };
struct Classification {
    Received received = Received::kNotCounted;
    Outcome outcome = Outcome::kNotCounted;
    friend bool operator==(const Classification&, const Classification&) = default;
};

// Classifies a dossier for the window (docs/reports.md):
// - not counted: never received (submitted online and not yet received, awaiting a supplement at
//   receipt, refused at receipt, withdrawn before receipt), received after the window, or finished
//   before it;
// - col 4/5: received within the window, online / in person or by post; col 6: received before it;
// - col 8/9/10: finished within the window, by its timing (late flag ⇒ late; a dossier finished
//   without a timing, e.g. withdrawn or stopped, counts as on time);
// - col 12/13: not finished by the window's end; overdue if its deadline is before the end, or if
//   it is still unfinished and flagged late (e.g. more than one supplement request).
[[nodiscard]] Classification Classify(const DossierFacts& dossier, const Window& window);

// Columns 4–6, 8–10, 12–13; the totals 3, 7 and 11 are derived.
struct Cells {
    std::int64_t online = 0;         // 4
    std::int64_t direct_postal = 0;  // 5
    std::int64_t carried_over = 0;   // 6
    std::int64_t early = 0;          // 8
    std::int64_t on_time = 0;        // 9
    std::int64_t late = 0;           // 10
    std::int64_t within = 0;         // 12
    std::int64_t overdue = 0;        // 13
    [[nodiscard]] std::int64_t Received() const { return online + direct_postal + carried_over; }
    [[nodiscard]] std::int64_t Settled() const { return early + on_time + late; }
    [[nodiscard]] std::int64_t InProgress() const { return within + overdue; }
    void Add(const Classification& c);
    void Add(const Cells& other);
    friend bool operator==(const Cells&, const Cells&) = default;
};

struct Row {
    std::string key;    // the field, or the unit id as text
    std::string label;  // the field, or the unit's name
    Cells cells;
};

// kInternal naming the row unless col 3 = col 7 + col 11.
[[nodiscard]] base::Status CheckInvariant(const Row& row);

struct UnitLabel {
    std::int64_t id = 0;
    std::string label;
};

struct Report {
    Window window;
    std::vector<Row> by_field;  // fields in byte order; an empty field is "Lĩnh vực khác"
    std::vector<Row> by_unit;   // settling units with counted dossiers, in the order of `units`
    Row total;
    std::int64_t dossiers = 0;  // counted dossiers
};

// Builds the report; every row (and the total) is checked with CheckInvariant. A settling unit
// missing from `units` is labelled by its id.
[[nodiscard]] base::Result<Report> Build(const Window& window,
                                         const std::vector<DossierFacts>& dossiers,
                                         const std::vector<UnitLabel>& units);

// The same from cells already classified: per field (an empty field is "Lĩnh vực khác") and per
// settling unit (the incremental aggregates, app/reports.cpp). Rows with no counted dossier are
// left out; `dossiers` is the total of col 3.
[[nodiscard]] base::Result<Report> BuildFromCells(const Window& window,
                                                  const std::map<std::string, Cells>& by_field,
                                                  const std::map<std::int64_t, Cells>& by_unit,
                                                  const std::vector<UnitLabel>& units);

inline constexpr std::string_view kOtherField = "Lĩnh vực khác";
inline constexpr std::string_view kTotalLabel = "Tổng cộng";

}  // namespace motcua::domain::report06
