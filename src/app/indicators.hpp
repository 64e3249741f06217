#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/settlement_time.hpp"  // indicator 2.2 (H2)
#include "base/result.hpp"
#include "domain/indicators.hpp"
#include "domain/report06.hpp"
#include "domain/unit.hpp"
#include "store/database.hpp"

// Decision 766 indicators from the incremental aggregates (issue #6; docs/indicators.md).
namespace motcua::app {

namespace internal {
// Re-computes the dossier's contribution to the aggregates and applies the difference from the
// one applied before, inside the caller's write transaction. Every change to a dossier or to what
// the indicators read about it (documents, payments, outside facts, rating) calls this.
[[nodiscard]] base::Status RefreshIndicators(store::Transaction& tx, std::int64_t dossier_id);
// The sums of the window per unit: from ctx.indicator_index when there is one and no procedure
// filter, else from the aggregates tables.
[[nodiscard]] base::Result<std::map<std::int64_t, domain::indicators::Sums>> UnitSums(
    AppContext& ctx, store::Transaction& tx, const std::vector<std::int64_t>& units,
    domain::indicators::Day from, domain::indicators::Day to,
    const std::vector<std::string>& procedures);
}  // namespace internal

// Deletes all but the last `keep` entries of the aggregates' change log (the periodic job of the
// server); returns the number deleted. Indexes further behind reload.
[[nodiscard]] base::Result<std::int64_t> PruneIndicatorChanges(AppContext& ctx,
                                                               std::int64_t keep = 1'000'000);

// What a rebuild reads: the dossiers (and their payments, outside facts, documents, ratings),
// reconciling the narrow per-dossier rows of `indicator_inputs` with them as well; or those
// stored rows, which every refresh keeps (docs/indicators.md "How it computes") — the dossiers
// if they were never filled.
enum class RebuildSource { kDossiers, kStoredInputs };
struct RebuildStats {
    std::int64_t dossiers = 0;
    std::int64_t cells = 0;  // counters (rows of `aggregates`) after the rebuild
    RebuildSource source = RebuildSource::kDossiers;  // what was read
    std::int64_t inputs_written = 0;  // indicator_inputs rows inserted, replaced or deleted
    std::int64_t cells_written = 0;   // counter rows (both tables) inserted, replaced or deleted
    bool rewritten = false;           // the counter tables emptied and written whole
    // Wall milliseconds of the phases: reading and packing, sorting and counting, comparing with
    // the stored counters, writing, commit.
    double read_ms = 0, sort_ms = 0, compare_ms = 0, write_ms = 0, commit_ms = 0;
};
// Recomputes every aggregate from `source`, in one write transaction (readers see the old
// figures until it commits), writing only the rows that differ (all of them into emptied tables
// when more than a quarter differ). On SQLite two threads read, each on its own connection.
// From the dossiers by default (what `motcua generate`, which writes dossiers without the
// refresh, needs); `motcua rebuild-aggregates` reads the dossiers; --from-inputs only recounts the
// stored inputs.
[[nodiscard]] base::Result<RebuildStats> RebuildAggregates(
    AppContext& ctx, RebuildSource source = RebuildSource::kDossiers);
// Rebuilds when the aggregates were never built (a database migrated from before 0010) or were
// built by another version of domain::indicators::Contribute (kContributionVersion): from the
// stored inputs when they are complete, else from the dossiers.
[[nodiscard]] base::Status EnsureAggregates(AppContext& ctx);

struct IndicatorQuery {
    std::string unit_code;
    std::string period;  // as for reports: 2026-Q3, 2026-07, 2026-H1, 2026-9M, 2026
    domain::report06::WindowRule window = domain::report06::WindowRule::kCalendar;
    // Any date range instead of a period (both days inclusive, at most kMaxRangeDays).
    std::optional<std::chrono::sys_days> from = std::nullopt;
    std::optional<std::chrono::sys_days> to = std::nullopt;
    // Only one procedure (national code) or one field (lĩnh vực), if set.
    std::string procedure_code = {};
    std::string field = {};
};
inline constexpr int kMaxRangeDays = 3 * 366;

struct UnitScorecard {
    domain::Unit unit;
    domain::indicators::Scorecard card;  // the unit and its subtree
    int rank = 0;                        // 1 = best among the siblings (ties share a rank)
};

struct IndicatorReport {
    domain::Unit unit;
    domain::report06::Window window;
    std::string period_label;    // "2026-Q3", or "2026-01-05..2026-02-10" for a date range
    std::string procedure_code;  // the filter applied ("" = all)
    std::string field;
    std::string rules_title;
    domain::indicators::Scorecard card;   // the unit and its subtree
    std::vector<UnitScorecard> children;  // each direct child with its subtree, ranked
    // Indicator 2.2 (display only), when the filter names one procedure (H2; app/settlement_time).
    std::optional<SettlementTime> settlement_time;
};

// The indicators of a unit and its subtree for a period, with its direct children ranked by
// points. For leaders, TTHC-control officers and administrators whose scope covers the unit.
// Errors: kInvalidArgument (period, window), kNotFound (unit), kUnauthenticated,
// kPermissionDenied.
[[nodiscard]] base::Result<IndicatorReport> Indicators(AppContext& ctx, const Actor& actor,
                                                       const IndicatorQuery& query);
[[nodiscard]] base::Result<IndicatorReport> IndicatorsAsSystem(AppContext& ctx,
                                                               const IndicatorQuery& query);

}  // namespace motcua::app
