#include "app/indicators.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "app/control_facts.hpp"
#include "app/indicator_index.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "store/aggregates.hpp"
#include "store/units.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

namespace ind = domain::indicators;
namespace r06 = domain::report06;
namespace agg = store::aggregates;

// Applies `sign` × every item of `c`.
base::Status ApplyAll(store::Transaction& tx, const ind::Contribution& c, std::int64_t sign) {
    for (const ind::Item& i : c.items) {
        if (base::Status s = agg::Add(tx, c.unit_id, c.procedure_code, i.day, i.metric, sign); !s) {
            return s;
        }
    }
    return {};
}

// The implementing level a unit's procedures belong to ("province", "district", "commune").

ind::CatalogueFacts Catalogue(const std::map<std::string, agg::ProcedureFacts>& procedures,
                              const std::set<std::string>& levels,
                              const std::map<std::string, ind::Sums>& by_procedure,
                              const std::vector<std::string>& only) {
    ind::CatalogueFacts c;
    for (const auto& [code, p] : procedures) {
        if (!only.empty() && !std::binary_search(only.begin(), only.end(), code)) {
            continue;
        }
        const bool in_competence =
            std::any_of(p.levels.begin(), p.levels.end(),
                        [&](const std::string& l) { return levels.contains(l); });
        if (!in_competence) {
            continue;
        }
        ++c.procedures;
        c.online += p.online ? 1 : 0;
        if (p.fee) {
            ++c.fee_bearing;
            c.fee_bearing_online += p.online ? 1 : 0;
            auto it = by_procedure.find(code);
            if (it != by_procedure.end() && it->second.In(ind::Metric::kPaidOnline) > 0) {
                ++c.fee_paid_online_any;
            }
        }
    }
    return c;
}

struct Scope {
    std::vector<domain::Unit> units;  // breadth first, the root first
    std::set<std::string> levels;
};

// The scope of `root` from its subtree `units` (breadth first, the root first).
base::Result<Scope> ScopeFrom(store::Transaction& tx, const domain::Unit& root,
                              std::vector<domain::Unit> units) {
    auto root_level = internal::LevelOfUnit(tx, root);
    if (!root_level) {
        return std::move(root_level).error();
    }
    Scope scope;
    std::map<std::int64_t, std::string> level_of{{root.id, *root_level}};
    for (const domain::Unit& u : units) {
        std::string inherited =
            u.parent_id && level_of.contains(*u.parent_id) ? level_of[*u.parent_id] : *root_level;
        const std::string level(internal::LevelOf(u.type, inherited));
        level_of[u.id] = level;
        scope.levels.insert(level);
    }
    scope.units = std::move(units);
    return scope;
}

base::Result<Scope> ScopeOf(store::Transaction& tx, const domain::Unit& root) {
    auto units = internal::Subtree(tx, root);
    if (!units) {
        return std::move(units).error();
    }
    return ScopeFrom(tx, root, std::move(*units));
}

ind::Scorecard ScoreOf(const ind::ScoringRules& rules, const std::vector<domain::Unit>& units,
                       const std::map<std::int64_t, ind::Sums>& by_unit,
                       const ind::CatalogueFacts& catalogue, const ind::ControlFacts& control) {
    ind::Sums sums;
    for (const domain::Unit& u : units) {
        if (auto it = by_unit.find(u.id); it != by_unit.end()) {
            sums.Add(it->second);
        }
    }
    return ind::Score(rules, sums, catalogue, control);
}

base::Result<IndicatorReport> Run(AppContext& ctx, const Actor* actor,
                                  const IndicatorQuery& query) {
    if (query.unit_code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị (unit)");
    }
    std::string field;
    if (!query.field.empty()) {
        auto nfc = text::Nfc(query.field);
        if (!nfc) {
            return base::InvalidArgument("lĩnh vực không phải văn bản UTF-8 hợp lệ");
        }
        field = std::move(*nfc);
    }
    r06::Window window;
    std::string period_label;
    if (query.from || query.to) {
        if (!query.from || !query.to) {
            return base::InvalidArgument(
                "khoảng thời gian cần cả ngày bắt đầu (from) và ngày kết "
                "thúc (to)");
        }
        if (*query.to < *query.from) {
            return base::InvalidArgument("ngày kết thúc (to) trước ngày bắt đầu (from)");
        }
        if ((*query.to - *query.from).count() >= kMaxRangeDays) {
            return base::InvalidArgument("khoảng thời gian dài quá 3 năm");
        }
        window.rule = r06::WindowRule::kCalendar;
        window.period =
            r06::Period{r06::PeriodKind::kYear,
                        static_cast<int>(std::chrono::year_month_day{*query.to}.year()), 0};
        window.from = *query.from;
        window.to = *query.to;
        period_label =
            calendar::FormatIsoDate(window.from) + ".." + calendar::FormatIsoDate(window.to);
    } else {
        auto period = r06::ParsePeriod(query.period);
        if (!period) {
            return std::move(period).error();
        }
        window = r06::Resolve(*period, query.window);
        period_label = r06::FormatPeriod(*period);
    }
    auto rules = ind::RuleBook::Embedded()->InForce(window.to);
    if (!rules) {
        return std::move(rules).error();
    }
    const ind::Day from = ind::ToDay(window.from);
    const ind::Day to = ind::ToDay(window.to);
    return InReadTransaction<IndicatorReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<IndicatorReport> {
            auto resolved = internal::ResolveReportScope(tx, actor, query.unit_code);
            if (!resolved) {
                return std::move(resolved).error();
            }
            const domain::Unit* unit = &resolved->unit;
            auto scope = ScopeFrom(tx, *unit, resolved->units);
            if (!scope) {
                return std::move(scope).error();
            }
            std::vector<std::int64_t> ids;
            for (const domain::Unit& u : scope->units) {
                ids.push_back(u.id);
            }
            auto procedures = agg::Catalogue(tx, window.to);
            if (!procedures) {
                return std::move(procedures).error();
            }
            // The procedures of the filter (sorted), or none for all.
            std::vector<std::string> only;
            if (!query.procedure_code.empty()) {
                if (!procedures->contains(query.procedure_code)) {
                    return base::NotFound("không có thủ tục mã " + query.procedure_code);
                }
                only.push_back(query.procedure_code);
            } else if (!query.field.empty()) {
                for (const auto& [code, p] : *procedures) {
                    if (p.field == field) {
                        only.push_back(code);
                    }
                }
                if (only.empty()) {
                    return base::NotFound("không có lĩnh vực \"" + field + "\"");
                }
            }
            auto by_unit = internal::UnitSums(ctx, tx, ids, from, to, only);
            if (!by_unit) {
                return std::move(by_unit).error();
            }
            auto by_procedure = agg::SumsByProcedure(tx, ids, from, to, only);
            if (!by_procedure) {
                return std::move(by_procedure).error();
            }
            IndicatorReport report;
            report.unit = *unit;
            report.window = window;
            report.period_label = period_label;
            report.procedure_code = query.procedure_code;
            report.field = field;
            report.rules_title = (*rules)->title;
            auto control = internal::ControlFactsOf(tx, ids, from, to);
            if (!control) {
                return std::move(control).error();
            }
            report.card =
                ScoreOf(**rules, scope->units, *by_unit,
                        Catalogue(*procedures, scope->levels, *by_procedure, only), *control);
            if (!query.procedure_code.empty()) {  // indicator 2.2 (H2): one procedure only
                auto st = internal::AverageSettlementTime(tx, query.procedure_code, ids,
                                                          window.from, window.to);
                if (!st) {
                    return std::move(st).error();
                }
                report.settlement_time = std::move(*st);
            }
            // Direct children, each with its own subtree.
            for (const domain::Unit& child : scope->units) {
                if (child.parent_id != unit->id) {
                    continue;
                }
                auto sub = ScopeOf(tx, child);
                if (!sub) {
                    return std::move(sub).error();
                }
                std::vector<std::int64_t> sub_ids;
                for (const domain::Unit& u : sub->units) {
                    sub_ids.push_back(u.id);
                }
                auto sub_procedures = agg::SumsByProcedure(tx, sub_ids, from, to, only);
                if (!sub_procedures) {
                    return std::move(sub_procedures).error();
                }
                auto sub_control = internal::ControlFactsOf(tx, sub_ids, from, to);
                if (!sub_control) {
                    return std::move(sub_control).error();
                }
                report.children.push_back(UnitScorecard{
                    child,
                    ScoreOf(**rules, sub->units, *by_unit,
                            Catalogue(*procedures, sub->levels, *sub_procedures, only),
                            *sub_control),
                    0});
            }
            std::stable_sort(report.children.begin(), report.children.end(),
                             [](const UnitScorecard& a, const UnitScorecard& b) {
                                 return a.card.points_hundredths > b.card.points_hundredths;
                             });
            for (std::size_t i = 0; i < report.children.size(); ++i) {
                report.children[i].rank = i > 0 && report.children[i].card.points_hundredths ==
                                                       report.children[i - 1].card.points_hundredths
                                              ? report.children[i - 1].rank
                                              : static_cast<int>(i) + 1;
            }
            return report;
        });
}

}  // namespace

namespace internal {

base::Result<ind::ControlFacts> ControlFactsOf(store::Transaction& tx,
                                               const std::vector<std::int64_t>& unit_ids,
                                               ind::Day from, ind::Day to) {
    ind::ControlFacts facts;
    if (base::Status s = FillPublicationFacts(tx, unit_ids, from, to, facts); !s) {
        return s.error();
    }
    if (base::Status s = FillPostingFacts(tx, unit_ids, from, to, facts); !s) {
        return s.error();
    }
    if (base::Status s = FillFeedbackFacts(tx, unit_ids, from, to, facts); !s) {
        return s.error();
    }
    return facts;
}

base::Result<std::map<std::int64_t, ind::Sums>> UnitSums(
    AppContext& ctx, store::Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from,
    ind::Day to, const std::vector<std::string>& procedures) {
    if (ctx.indicator_index != nullptr && procedures.empty()) {
        return ctx.indicator_index->Sums(tx, units, from, to);
    }
    return agg::SumsByUnit(tx, units, from, to, procedures);
}

base::Status RefreshIndicators(store::Transaction& tx, std::int64_t dossier_id) {
    auto inputs = agg::InputsOf(tx, dossier_id);
    if (!inputs) {
        return inputs.error();
    }
    if (!*inputs) {
        return {};  // no such dossier: nothing counts
    }
    const ind::Contribution now = ind::Contribute(**inputs);
    auto stored = agg::Stored(tx, dossier_id);
    if (!stored) {
        return stored.error();
    }
    const ind::Contribution before =
        *stored ? std::move(**stored) : ind::Contribution{now.unit_id, now.procedure_code, {}};
    if (*stored && before == now) {
        return {};
    }
    if (before.unit_id != now.unit_id || before.procedure_code != now.procedure_code) {
        if (base::Status s = ApplyAll(tx, before, -1); !s) {
            return s;
        }
        if (base::Status s = ApplyAll(tx, now, +1); !s) {
            return s;
        }
    } else {
        // Both sorted: apply only the difference of the two multisets.
        std::vector<ind::Item> removed;
        std::vector<ind::Item> added;
        std::set_difference(before.items.begin(), before.items.end(), now.items.begin(),
                            now.items.end(), std::back_inserter(removed));
        std::set_difference(now.items.begin(), now.items.end(), before.items.begin(),
                            before.items.end(), std::back_inserter(added));
        for (const ind::Item& i : removed) {
            if (base::Status s = agg::Add(tx, now.unit_id, now.procedure_code, i.day, i.metric, -1);
                !s) {
                return s;
            }
        }
        for (const ind::Item& i : added) {
            if (base::Status s = agg::Add(tx, now.unit_id, now.procedure_code, i.day, i.metric, +1);
                !s) {
                return s;
            }
        }
    }
    return agg::Save(tx, dossier_id, now);
}

}  // namespace internal

namespace {

// One counter of the rebuild, packed in 16 bytes so that all of them sort fast: the unit, then
// (day, metric, procedure) in one word — the procedure as its rank among the codes, so the
// order is the table's key order (unit, day, metric, procedure_code).
struct PackedItem {
    std::int64_t unit_id = 0;
    std::uint64_t rest = 0;
    friend bool operator<(const PackedItem& a, const PackedItem& b) {
        return a.unit_id != b.unit_id ? a.unit_id < b.unit_id : a.rest < b.rest;
    }
    friend bool operator==(const PackedItem&, const PackedItem&) = default;
};
constexpr int kProcedureBits = 24;
constexpr std::uint64_t kProcedureMask = (std::uint64_t{1} << kProcedureBits) - 1;

std::uint64_t Pack(ind::Day day, ind::Metric metric, std::uint64_t procedure) {
    // The day biased to unsigned keeps the order of negative days too.
    const auto biased = static_cast<std::uint64_t>(static_cast<std::uint32_t>(day) ^ 0x80000000U);
    return (biased << 32) | (static_cast<std::uint64_t>(metric) << kProcedureBits) | procedure;
}

ind::Day DayOf(std::uint64_t rest) {
    return static_cast<ind::Day>(static_cast<std::uint32_t>(rest >> 32) ^ 0x80000000U);
}

ind::Metric MetricOf(std::uint64_t rest) {
    return static_cast<ind::Metric>((rest >> kProcedureBits) & 0xFF);
}

// The rebuild inside `tx`: contributions written page by page as the dossiers are read, counters
// collected packed, sorted, summed and streamed into the emptied tables in key order.
base::Result<RebuildStats> Rebuild(store::Transaction& tx) {
    if (base::Status s = agg::Clear(tx); !s) {
        return s.error();
    }
    std::unordered_map<std::string, std::uint64_t> procedure_ids;
    std::vector<std::string> procedures;
    std::vector<PackedItem> items;
    RebuildStats stats;
    constexpr int kPage = 5000;
    std::int64_t after = 0;
    for (;;) {
        auto page = agg::Inputs(tx, after, kPage);
        if (!page) {
            return std::move(page).error();
        }
        if (page->empty()) {
            break;
        }
        std::vector<std::pair<std::int64_t, ind::Contribution>> rows;
        rows.reserve(page->size());
        for (const ind::Inputs& in : *page) {
            ind::Contribution c = ind::Contribute(in);
            if (!c.items.empty()) {
                auto [it, inserted] =
                    procedure_ids.try_emplace(c.procedure_code, procedures.size());
                if (inserted) {
                    if (procedures.size() > kProcedureMask) {
                        return base::Error{base::ErrorCode::kInternal,
                                           "quá nhiều mã thủ tục để tính lại số liệu cộng dồn"};
                    }
                    procedures.push_back(c.procedure_code);
                }
                for (const ind::Item& i : c.items) {
                    items.push_back({c.unit_id, Pack(i.day, i.metric, it->second)});
                }
            }
            rows.emplace_back(in.dossier_id, std::move(c));
        }
        if (base::Status s = agg::InsertContributions(tx, rows); !s) {
            return s.error();
        }
        stats.dossiers += static_cast<std::int64_t>(page->size());
        after = page->back().dossier_id;
    }
    // Procedure ids (first seen first) → ranks in code order.
    std::vector<std::uint64_t> by_code(procedures.size());
    for (std::size_t i = 0; i < by_code.size(); ++i) {
        by_code[i] = i;
    }
    std::sort(by_code.begin(), by_code.end(),
              [&](std::uint64_t a, std::uint64_t b) { return procedures[a] < procedures[b]; });
    std::vector<std::uint64_t> rank(procedures.size());
    for (std::size_t r = 0; r < by_code.size(); ++r) {
        rank[by_code[r]] = r;
    }
    for (PackedItem& i : items) {
        i.rest = (i.rest & ~kProcedureMask) | rank[i.rest & kProcedureMask];
    }
    std::sort(items.begin(), items.end());
    agg::CellWriter writer(tx);
    for (std::size_t i = 0; i < items.size();) {
        std::size_t j = i + 1;
        while (j < items.size() && items[j] == items[i]) {
            ++j;
        }
        const std::uint64_t rest = items[i].rest;
        if (base::Status s = writer.Add(items[i].unit_id, DayOf(rest), MetricOf(rest),
                                        procedures[by_code[rest & kProcedureMask]],
                                        static_cast<std::int64_t>(j - i));
            !s) {
            return s.error();
        }
        i = j;
    }
    if (base::Status s = writer.Finish(); !s) {
        return s.error();
    }
    if (base::Status s = agg::BumpEpoch(tx); !s) {
        return s.error();
    }
    if (base::Status s = agg::SetBuiltVersion(tx, ind::kContributionVersion); !s) {
        return s.error();
    }
    stats.cells = writer.Written();
    return stats;
}

}  // namespace

base::Result<RebuildStats> RebuildAggregates(AppContext& ctx) {
    // A plain write transaction rather than InWriteTransaction: on SQLite, Database::Write runs
    // its work under a savepoint, and inside one every statement's end walks the in-memory
    // sub-journal of all the pages changed so far — quadratic in the rebuild's size (37% of its
    // CPU at 200,000 dossiers), with a copy of each such page in memory.
    auto tx = ctx.db->Begin(store::TxMode::kWrite);
    if (!tx) {
        return std::move(tx).error();
    }
    auto stats = Rebuild(**tx);
    if (!stats) {
        return stats;
    }
    if (base::Status s = (*tx)->Commit(); !s) {
        return s.error();
    }
    return stats;
}

base::Status EnsureAggregates(AppContext& ctx) {
    auto built = InReadTransaction<int>(
        *ctx.db, [](store::Transaction& tx) { return agg::BuiltVersion(tx); });
    if (!built) {
        return built.error();
    }
    if (*built == ind::kContributionVersion) {
        return {};
    }
    auto rebuilt = RebuildAggregates(ctx);
    if (!rebuilt) {
        return rebuilt.error();
    }
    return {};
}

base::Result<std::int64_t> PruneIndicatorChanges(AppContext& ctx, std::int64_t keep) {
    return InWriteTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) { return agg::PruneChanges(tx, keep); });
}

base::Result<IndicatorReport> Indicators(AppContext& ctx, const Actor& actor,
                                         const IndicatorQuery& query) {
    return Run(ctx, &actor, query);
}

base::Result<IndicatorReport> IndicatorsAsSystem(AppContext& ctx, const IndicatorQuery& query) {
    return Run(ctx, nullptr, query);
}

}  // namespace motcua::app
