#include "app/indicator_index.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "store/aggregates.hpp"

namespace motcua::app {

namespace {

namespace ind = domain::indicators;
namespace agg = store::aggregates;

constexpr int kCatchUpPage = 50000;
// Rows per page of a full load.
constexpr int kLoadPage = 20000;
// Beyond this many pending changes a full load is cheaper than applying them one by one.
constexpr std::int64_t kReloadAbove = 2'000'000;

// Calls `fn` on every cell of a table read a page at a time by `fetch(after)` (key order), but
// the metrics this version does not know.
template <typename Fetch, typename Fn>
base::Status ForEachCell(Fetch fetch, Fn fn) {
    std::optional<agg::Cell> after;
    for (;;) {
        auto page = fetch(after);
        if (!page) {
            return page.error();
        }
        for (const agg::Cell& c : *page) {
            if (static_cast<std::size_t>(c.metric) >= static_cast<std::size_t>(ind::kMetricCount)) {
                continue;
            }
            if (base::Status s = fn(c); !s) {
                return s;
            }
        }
        if (static_cast<int>(page->size()) < kLoadPage) {
            return {};
        }
        after = std::move(page->back());
    }
}

}  // namespace

void IndicatorIndex::Series::Add(ind::Day day, std::int64_t delta) {
    auto it = std::lower_bound(days.begin(), days.end(), day);
    auto i = static_cast<std::size_t>(it - days.begin());
    if (it == days.end() || *it != day) {
        days.insert(it, day);
        totals.insert(totals.begin() + static_cast<std::ptrdiff_t>(i), i == 0 ? 0 : totals[i - 1]);
    }
    for (std::size_t j = i; j < totals.size(); ++j) {
        totals[j] += delta;
    }
}

std::int64_t IndicatorIndex::Series::UpTo(ind::Day day) const {
    auto it = std::upper_bound(days.begin(), days.end(), day);
    if (it == days.begin()) {
        return 0;
    }
    return totals[static_cast<std::size_t>(it - days.begin()) - 1];
}

void IndicatorIndex::Apply(std::int64_t unit, ind::Day day, ind::Metric metric, std::int64_t delta,
                           int field) {
    const auto m = static_cast<std::size_t>(metric);
    if (m >= static_cast<std::size_t>(ind::kMetricCount)) {
        return;  // written by a newer version
    }
    units_[unit][m].Add(day, delta);
    fields_[unit][field][m].Add(day, delta);
}

int IndicatorIndex::FieldId(const std::string& field) {
    auto [it, inserted] = field_ids_.emplace(field, static_cast<int>(field_names_.size()));
    if (inserted) {
        field_names_.push_back(field);
    }
    return it->second;
}

base::Result<int> IndicatorIndex::FieldOf(store::Transaction& tx,
                                          const std::string& procedure_code) {
    if (auto it = procedure_field_.find(procedure_code); it != procedure_field_.end()) {
        return it->second;
    }
    const auto today = std::chrono::floor<std::chrono::days>(
        (clock_ != nullptr ? clock_->Now() : std::chrono::sys_seconds{}) + std::chrono::hours{7});
    auto catalogue = agg::Catalogue(tx, today);
    if (!catalogue) {
        return catalogue.error();
    }
    for (const auto& [code, p] : *catalogue) {
        procedure_field_[code] = FieldId(p.field);
    }
    auto [it, inserted] = procedure_field_.emplace(procedure_code, FieldId(""));
    return it->second;
}

base::Status IndicatorIndex::Load(store::Transaction& tx) {
    auto epoch = agg::Epoch(tx);
    if (!epoch) {
        return epoch.error();
    }
    auto range = agg::ChangeRange(tx);
    if (!range) {
        return range.error();
    }
    loaded_ = false;
    units_.clear();
    fields_.clear();
    procedure_field_.clear();
    gaps_.clear();
    // Both tables are read a page at a time in key order (unit, day, metric[, procedure]), so the
    // memory needed beyond the index itself is one page. Appending keeps every series sorted.
    auto units = ForEachCell(
        [&](const std::optional<agg::Cell>& after) {
            return agg::PageByUnit(tx, after, kLoadPage);
        },
        [&](const agg::Cell& c) -> base::Status {
            Series& s = units_[c.unit_id][static_cast<std::size_t>(c.metric)];
            s.days.push_back(c.day);
            s.totals.push_back((s.totals.empty() ? 0 : s.totals.back()) + c.value);
            return {};
        });
    if (!units) {
        return units;
    }
    // The field series, from the per-procedure table: the cells of one (unit, day) summed per
    // (field, metric), then appended as that day's running totals.
    std::map<std::pair<int, std::size_t>, std::int64_t> day_sums;
    std::int64_t unit = 0;
    ind::Day day = 0;
    auto flush = [&] {
        for (const auto& [field_metric, value] : day_sums) {
            Series& s = fields_[unit][field_metric.first][field_metric.second];
            s.days.push_back(day);
            s.totals.push_back((s.totals.empty() ? 0 : s.totals.back()) + value);
        }
        day_sums.clear();
    };
    auto fields = ForEachCell(
        [&](const std::optional<agg::Cell>& after) { return agg::Page(tx, after, kLoadPage); },
        [&](const agg::Cell& c) -> base::Status {
            if (c.unit_id != unit || c.day != day) {
                flush();
                unit = c.unit_id;
                day = c.day;
            }
            auto field = FieldOf(tx, c.procedure_code);
            if (!field) {
                return field.error();
            }
            day_sums[{*field, static_cast<std::size_t>(c.metric)}] += c.value;
            return {};
        });
    if (!fields) {
        return fields;
    }
    flush();
    epoch_ = *epoch;
    last_seq_ = range->second;
    loaded_ = true;
    ++stats_.loads;
    return {};
}

base::Status IndicatorIndex::CatchUp(store::Transaction& tx) {
    auto epoch = agg::Epoch(tx);
    if (!epoch) {
        return epoch.error();
    }
    if (!loaded_ || *epoch != epoch_) {
        return Load(tx);
    }
    auto range = agg::ChangeRange(tx);
    if (!range) {
        return range.error();
    }
    // Pruned past what we hold, or too far behind: reload.
    if ((range->first > last_seq_ + 1 && range->second > last_seq_) ||
        range->second - last_seq_ > kReloadAbove) {
        return Load(tx);
    }
    const auto now = clock_ != nullptr ? clock_->Now() : std::chrono::sys_seconds{};
    // Gaps first: seqs skipped earlier that may have committed since.
    if (!gaps_.empty()) {
        std::vector<std::int64_t> seqs;
        for (const auto& [seq, since] : gaps_) {
            seqs.push_back(seq);
        }
        auto found = agg::ChangesIn(tx, seqs);
        if (!found) {
            return found.error();
        }
        for (const agg::Change& c : *found) {
            auto field = FieldOf(tx, c.procedure_code);
            if (!field) {
                return field.error();
            }
            Apply(c.unit_id, c.day, c.metric, c.delta, *field);
            gaps_.erase(c.seq);
            ++stats_.applied;
        }
        std::erase_if(gaps_, [&](const auto& g) { return now - g.second > gap_horizon_; });
    }
    for (;;) {
        auto changes = agg::ChangesAfter(tx, last_seq_, kCatchUpPage);
        if (!changes) {
            return changes.error();
        }
        for (const agg::Change& c : *changes) {
            for (std::int64_t missing = last_seq_ + 1; missing < c.seq; ++missing) {
                gaps_.emplace(missing, now);
            }
            auto field = FieldOf(tx, c.procedure_code);
            if (!field) {
                return field.error();
            }
            Apply(c.unit_id, c.day, c.metric, c.delta, *field);
            last_seq_ = c.seq;
            ++stats_.applied;
        }
        if (static_cast<int>(changes->size()) < kCatchUpPage) {
            break;
        }
    }
    return {};
}

base::Result<std::map<std::int64_t, ind::Sums>> IndicatorIndex::Sums(
    store::Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to) {
    std::lock_guard lock(mutex_);
    if (base::Status s = CatchUp(tx); !s) {
        return s.error();
    }
    std::map<std::int64_t, ind::Sums> out;
    auto sum_unit = [&](std::int64_t id, const UnitSeries& series) {
        ind::Sums s;
        bool any = false;
        for (std::size_t m = 0; m < series.size(); ++m) {
            if (series[m].days.empty()) {
                continue;
            }
            const std::int64_t before = series[m].UpTo(from - 1);
            const std::int64_t upto = series[m].UpTo(to);
            s.before[m] = before;
            s.in_window[m] = upto - before;
            any = any || before != 0 || upto != 0;
        }
        if (any) {
            out.emplace(id, s);
        }
    };
    if (units.empty()) {
        for (const auto& [id, series] : units_) {
            sum_unit(id, series);
        }
    } else {
        for (std::int64_t id : units) {
            if (auto it = units_.find(id); it != units_.end()) {
                sum_unit(id, it->second);
            }
        }
    }
    return out;
}

base::Result<std::map<std::string, ind::Sums>> IndicatorIndex::SumsByField(
    store::Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to) {
    std::lock_guard lock(mutex_);
    if (base::Status s = CatchUp(tx); !s) {
        return s.error();
    }
    std::map<std::string, ind::Sums> out;
    auto add_unit = [&](const std::unordered_map<int, UnitSeries>& per_field) {
        for (const auto& [field, series] : per_field) {
            ind::Sums s;
            bool any = false;
            for (std::size_t m = 0; m < series.size(); ++m) {
                if (series[m].days.empty()) {
                    continue;
                }
                const std::int64_t before = series[m].UpTo(from - 1);
                const std::int64_t upto = series[m].UpTo(to);
                s.before[m] = before;
                s.in_window[m] = upto - before;
                any = any || before != 0 || upto != 0;
            }
            if (any) {
                out[field_names_[static_cast<std::size_t>(field)]].Add(s);
            }
        }
    };
    if (units.empty()) {
        for (const auto& [id, per_field] : fields_) {
            add_unit(per_field);
        }
    } else {
        for (std::int64_t id : units) {
            if (auto it = fields_.find(id); it != fields_.end()) {
                add_unit(it->second);
            }
        }
    }
    return out;
}

IndicatorIndex::Stats IndicatorIndex::GetStats() const {
    std::lock_guard lock(mutex_);
    Stats s = stats_;
    s.units = static_cast<std::int64_t>(units_.size());
    s.points = 0;
    for (const auto& [id, series] : units_) {
        for (const Series& m : series) {
            s.points += static_cast<std::int64_t>(m.days.size());
        }
    }
    for (const auto& [id, per_field] : fields_) {
        for (const auto& [field, series] : per_field) {
            for (const Series& m : series) {
                s.points += static_cast<std::int64_t>(m.days.size());
            }
        }
    }
    s.bytes = s.points * static_cast<std::int64_t>(sizeof(ind::Day) + sizeof(std::int64_t)) +
              s.units * static_cast<std::int64_t>(sizeof(UnitSeries) + 64);
    return s;
}

}  // namespace motcua::app
