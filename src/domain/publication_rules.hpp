#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"

// Deadlines of procedure publication (issue #8; REGULATIONS.md §5.1–5.2, §1.4 indicators 1.1 and
// 1.2; docs/control.md). Pure: every function takes the working-time calendar it counts with.
//
// - The publication decision (quyết định công bố) of a province is due at least 5 days before
//   the legal document it implements takes effect, a ministry's at least 20 (Decree 63/2010 Art.
//   15); a document made by the shortened procedure and effective on adoption or signing needs its
//   decision within 3 days after it is published or signed. The decree says "ngày" (days); the
//   National Portal's indicator 1.1 counts working days. Which one applies is a setting
//   (`DayConvention`), never hidden.
// - Entry into the national TTHC database is due within 5 working days after the decision is
//   signed (province), 10 (ministry), 2 (shortened procedure) (Art. 24.2 as amended by 92/2017).
namespace motcua::domain::publication {

enum class Issuer : std::uint8_t { kProvince, kMinistry };
enum class DayConvention : std::uint8_t {
    kWorkingDays,   // the National Portal's reading (default)
    kCalendarDays,  // the decree's literal "ngày"
};

[[nodiscard]] std::string_view IssuerName(Issuer issuer);                 // "province", "ministry"
[[nodiscard]] std::optional<Issuer> ParseIssuer(std::string_view);        // the same words
[[nodiscard]] std::string_view ConventionName(DayConvention convention);  // "working_days", …
[[nodiscard]] std::optional<DayConvention> ParseConvention(std::string_view);

struct Rules {
    int province_days_before = 5;   // Art. 15: province decisions, days before taking effect
    int ministry_days_before = 20;  // Art. 15: ministry decisions
    int shortened_days_after = 3;   // Art. 15: shortened procedure, days after publication/signing
    int database_province_working_days = 5;   // Art. 24.2
    int database_ministry_working_days = 10;  // Art. 24.2
    int database_shortened_working_days = 2;  // Art. 24.2
    DayConvention convention = DayConvention::kWorkingDays;
};

// What a decision implements: the legal document's effective date, or — for a document made by
// the shortened procedure — the day it was published or signed.
struct LegalBasis {
    std::chrono::sys_days effective;  // the day the legal document takes effect
    bool shortened = false;           // made by the shortened procedure, effective on adoption
    std::chrono::sys_days adopted{};  // shortened only: the day it was published or signed
};

// The latest day the decision may carry. Province/ministry: `days_before` days (or working days,
// counted back over the days the calendar is open) before `effective`; shortened: `days_after`
// days (or working days) after `adopted`. Errors: outside the calendar's years.
[[nodiscard]] base::Result<std::chrono::sys_days> LatestDecisionDay(
    const calendar::WorkingCalendar& cal, const Rules& rules, Issuer issuer,
    const LegalBasis& basis);

// The last day on which the procedure may be entered into the national database: the decision
// day + N working days (the count starts the next open day).
[[nodiscard]] base::Result<std::chrono::sys_days> LatestDatabaseDay(
    const calendar::WorkingCalendar& cal, const Rules& rules, Issuer issuer, bool shortened,
    std::chrono::sys_days decision_day);

// A decision against its legal bases: on time when its day is on or before the latest day of
// every basis (indicator 1.1 uses the latest effective date; a decision implementing several
// documents is judged against the strictest one here, and `binding` names which). `explanation`
// says in Vietnamese how the day was reached, for the warning list.
struct DecisionCheck {
    bool on_time = true;
    std::chrono::sys_days latest{};  // the latest allowed decision day
    std::size_t binding = 0;         // index of the basis that sets `latest`
    std::int64_t days_late = 0;      // calendar days after `latest` (0 when on time)
    std::string explanation;
};
[[nodiscard]] base::Result<DecisionCheck> CheckDecision(const calendar::WorkingCalendar& cal,
                                                        const Rules& rules, Issuer issuer,
                                                        std::span<const LegalBasis> bases,
                                                        std::chrono::sys_days decision_day);

// Indicators 1.1 and 1.2 over a period (REGULATIONS.md §1.4), one row per (procedure, decision)
// publication; a procedure counts once per indicator even if several decisions name it.
// - 1.1: procedures with a decision dated in [from, to]; on time when every such decision was on
//   time.
// - 1.2: procedures entered into the national database in [from, to], plus those whose entry
//   deadline fell in the period (deadline ≤ to) and had passed by `today` without entry (the
//   portal's "still awaiting publication"); on time when every such row was entered by its
//   deadline. A row whose deadline has not passed and is not entered is not counted yet.
struct Publication {
    std::string procedure_code;
    std::chrono::sys_days decision_day;
    bool decision_on_time = true;                       // CheckDecision(...).on_time
    std::chrono::sys_days database_deadline;            // LatestDatabaseDay(...)
    std::optional<std::chrono::sys_days> database_day;  // entered on; nullopt: not yet
};
struct Rate {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
};
struct PublicationIndicators {
    Rate on_time_decisions;                   // 1.1
    Rate on_time_database;                    // 1.2
    std::vector<std::string> late_decisions;  // procedure codes, sorted, unique (1.1 failures)
    std::vector<std::string> late_database;   // 1.2 failures (late or overdue and not entered)
};
// Publications whose decision day lies in [from, to] count; `today` judges the ones not entered
// yet (overdue when today > their deadline).
[[nodiscard]] PublicationIndicators Indicators(std::span<const Publication> publications,
                                               std::chrono::sys_days from, std::chrono::sys_days to,
                                               std::chrono::sys_days today);

}  // namespace motcua::domain::publication
