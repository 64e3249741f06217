#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/indicators.hpp"
#include "store/database.hpp"

// An in-memory copy of `aggregates_unit` (issue #6; docs/indicators.md "In memory"): per unit
// and metric, the running totals by day, so that the sums of any window for every unit take two
// binary searches per unit and metric instead of a scan. The table stays the truth: the index
// loads it once, then catches up from the change log `aggregate_changes` before every read,
// inside the reader's transaction; a rebuild (a new epoch) or a pruned log reloads it.
//
// Concurrent writers on PostgreSQL may commit their change rows out of seq order, so a seq
// missing below the highest one seen is remembered as a gap and looked for again on later reads
// until it appears or is older than `gap_horizon` (a transaction rolled back leaves a gap for
// ever). On SQLite writes are serial and there are no gaps.
namespace motcua::app {

class IndicatorIndex final {
public:
    explicit IndicatorIndex(const base::Clock* clock,
                            std::chrono::seconds gap_horizon = std::chrono::seconds{120})
        : clock_(clock), gap_horizon_(gap_horizon) {}

    // Brings the index up to what `tx` sees, then sums the window [from, to] for each unit of
    // `units` (every unit that has counters if empty). Thread-safe.
    [[nodiscard]] base::Result<std::map<std::int64_t, domain::indicators::Sums>> Sums(
        store::Transaction& tx, const std::vector<std::int64_t>& units,
        domain::indicators::Day from, domain::indicators::Day to);

    // The same summed over `units` per field (lĩnh vực) of the procedures, for the Form 06 rows by
    // field. The field of a procedure is the one of its version in force when the index loaded
    // (or first met the procedure); "" when the catalogue does not know it.
    [[nodiscard]] base::Result<std::map<std::string, domain::indicators::Sums>> SumsByField(
        store::Transaction& tx, const std::vector<std::int64_t>& units,
        domain::indicators::Day from, domain::indicators::Day to);

    struct Stats {
        std::int64_t units = 0;
        std::int64_t points = 0;   // (unit, metric, day) entries held
        std::int64_t loads = 0;    // full loads so far
        std::int64_t applied = 0;  // changes applied from the log
        std::int64_t bytes = 0;    // approximate memory held
    };
    [[nodiscard]] Stats GetStats() const;

private:
    // Running totals of one metric of one unit: days ascending, cumulative values.
    struct Series {
        std::vector<domain::indicators::Day> days;
        std::vector<std::int64_t> totals;
        void Add(domain::indicators::Day day, std::int64_t delta);
        // The total of every day ≤ `day`.
        [[nodiscard]] std::int64_t UpTo(domain::indicators::Day day) const;
    };
    using UnitSeries = std::array<Series, domain::indicators::kMetricCount>;

    base::Status CatchUp(store::Transaction& tx);  // mutex held
    base::Status Load(store::Transaction& tx);     // mutex held
    void Apply(std::int64_t unit, domain::indicators::Day day, domain::indicators::Metric metric,
               std::int64_t delta, int field);
    // The field id of a procedure (mutex held); reads the catalogue for a code not seen yet.
    base::Result<int> FieldOf(store::Transaction& tx, const std::string& procedure_code);
    int FieldId(const std::string& field);

    const base::Clock* clock_;
    std::chrono::seconds gap_horizon_;
    mutable std::mutex mutex_;
    bool loaded_ = false;
    std::int64_t epoch_ = -1;
    std::int64_t last_seq_ = 0;
    std::map<std::int64_t, std::chrono::sys_seconds> gaps_;  // seq → when first missed
    std::unordered_map<std::int64_t, UnitSeries> units_;
    // Per unit, per field id: the same series restricted to the field's procedures.
    std::unordered_map<std::int64_t, std::unordered_map<int, UnitSeries>> fields_;
    std::unordered_map<std::string, int> field_ids_;
    std::vector<std::string> field_names_;
    std::unordered_map<std::string, int> procedure_field_;
    Stats stats_;
};

}  // namespace motcua::app
