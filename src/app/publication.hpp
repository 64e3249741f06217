#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/indicators.hpp"
#include "base/result.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"

// The indicator dashboard (/bang-dieu-khien) and the monthly publication of the Decision 766
// results with the units and officers that let dossiers run late (/cong-khai/chi-so-766; S1 task
// III.5). Issue #6; docs/indicators.md "Pages".
namespace motcua::app {

// ---- Dashboard ---------------------------------------------------------------------------------

// One calendar month of the trend.
struct MonthPoint {
    int year = 0;
    int month = 0;  // 1..12
    // Indicator 2.1: (early + on time + in progress within time) / (received + carried over).
    std::int64_t on_time = 0;
    std::int64_t handled = 0;
    std::optional<std::int64_t> on_time_rate;  // hundredths of a percent; empty: nothing handled
    // Online share (3.3 without the sync factor): online dossiers received whose issued result (if
    // any) is electronic / dossiers received in the month.
    std::int64_t online = 0;
    std::int64_t received = 0;
    std::optional<std::int64_t> online_rate;
};

struct IndicatorTrend {
    domain::Unit unit;
    std::vector<MonthPoint> months;  // oldest first; the last is the selected month
};

// The 12 calendar months ending with `month` ("2026-10") for the unit's subtree, read from the
// aggregates. Same audience as app::Indicators. Errors: kInvalidArgument (month), kNotFound
// (unit), kUnauthenticated, kPermissionDenied.
[[nodiscard]] base::Result<IndicatorTrend> MonthlyTrend(AppContext& ctx, const Actor& actor,
                                                        const std::string& unit_code,
                                                        const std::string& month);

// The open dossiers (received complete, unfinished) of a subtree by working days to or past their
// deadline, now.
struct BacklogReport {
    domain::Unit unit;
    std::int64_t not_due = 0;       // chưa đến hạn (or no deadline)
    std::int64_t overdue_1_5 = 0;   // quá hạn 1–5 ngày làm việc
    std::int64_t overdue_6_10 = 0;  // 6–10
    std::int64_t overdue_more = 0;  // > 10
    [[nodiscard]] std::int64_t Total() const {
        return not_due + overdue_1_5 + overdue_6_10 + overdue_more;
    }
};
// Same audience as app::Indicators. A dossier past its deadline by part of a working day counts
// as 1 day; one flagged late without a passed deadline counts in 1–5.
[[nodiscard]] base::Result<BacklogReport> Backlog(AppContext& ctx, const Actor& actor,
                                                  const std::string& unit_code);

// ---- Monthly publication -----------------------------------------------------------------------

struct LateUnit {
    domain::Unit unit;
    std::vector<std::string> codes;  // dossier codes, sorted
};
struct LateOfficer {
    std::int64_t user_id = 0;
    std::string name;
    std::string unit_name;  // the unit of the officer's staff grant ("" if none)
    std::int64_t count = 0;
};

struct Publication {
    std::string month;  // "2026-10"
    domain::report06::Window window;
    IndicatorReport indicators;  // calendar month: the unit's subtree and each direct child
    std::int64_t late_dossiers = 0;
    std::vector<LateUnit> late_units;        // most late dossiers first
    std::vector<LateOfficer> late_officers;  // most late dossiers first
};

// The published results of `month` for the unit's subtree: the Decision 766 scorecards, and the
// dossiers that were late in the month — finished late inside it, or open and overdue at its end —
// by settling unit (codes) and by responsible officer (the dossier's assignee, else every officer
// who acted on it after its deadline). Public (no sign-in): it holds no applicant data. Only
// closed months. Errors: kInvalidArgument (month malformed or not yet ended), kNotFound (unit).
[[nodiscard]] base::Result<Publication> MonthlyPublication(AppContext& ctx,
                                                           const std::string& unit_code,
                                                           const std::string& month);

// 8534 → "85,34" (Vietnamese decimal comma; rates and points are kept in hundredths).
[[nodiscard]] std::string FormatHundredths(std::int64_t value);

// The publication as CSV (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting): the scorecards,
// then the late units, then the late officers, each block with its own header line.
[[nodiscard]] std::string PublicationCsv(const Publication& publication);

}  // namespace motcua::app
