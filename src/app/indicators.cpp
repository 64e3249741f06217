#include "app/indicators.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <thread>
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
    auto stored = agg::StoredInputs(tx, dossier_id);
    if (!stored) {
        return stored.error();
    }
    if (*stored && **stored == **inputs) {
        return {};
    }
    // The contribution applied before is the one of the inputs stored with it.
    const ind::Contribution now = ind::Contribute(**inputs);
    const ind::Contribution before = *stored
                                         ? ind::Contribute(**stored)
                                         : ind::Contribution{now.unit_id, now.procedure_code, {}};
    if (before == now) {
        return agg::SaveInputs(tx, **inputs);
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
    return agg::SaveInputs(tx, **inputs);
}

}  // namespace internal

namespace {

// ---- The rebuild (docs/indicators.md "How it computes") ----
// One counter packed in 64 bits so that the tables' key order (unit, day, metric,
// procedure_code) is the order of the numbers: the unit as its rank among the unit ids, the day
// biased to unsigned, the metric, the procedure as its rank among the codes. Each reader gives
// ranks in first-seen order; they are remapped to sorted order once all are known.
constexpr int kProcedureBits = 18;  // 262,144 procedure codes
constexpr int kMetricBits = 6;
constexpr int kDayBits = 24;   // about ±23,000 years around 1970
constexpr int kUnitBits = 16;  // 65,536 settling units
static_assert(kProcedureBits + kMetricBits + kDayBits + kUnitBits == 64);
static_assert(ind::kMetricCount <= (1 << kMetricBits));
constexpr std::uint64_t kProcedureMask = (std::uint64_t{1} << kProcedureBits) - 1;
constexpr int kUnitShift = 64 - kUnitBits;
constexpr std::int64_t kDayBias = std::int64_t{1} << (kDayBits - 1);

std::uint64_t Pack(std::uint64_t unit, ind::Day day, ind::Metric metric, std::uint64_t procedure) {
    const auto biased = static_cast<std::uint64_t>(static_cast<std::int64_t>(day) + kDayBias);
    return (unit << kUnitShift) | (biased << (kMetricBits + kProcedureBits)) |
           (static_cast<std::uint64_t>(metric) << kProcedureBits) | procedure;
}

ind::Day DayOf(std::uint64_t key) {
    const std::uint64_t biased =
        (key >> (kMetricBits + kProcedureBits)) & ((std::uint64_t{1} << kDayBits) - 1);
    return static_cast<ind::Day>(static_cast<std::int64_t>(biased) - kDayBias);
}

ind::Metric MetricOf(std::uint64_t key) {
    return static_cast<ind::Metric>((key >> kProcedureBits) & ((1U << kMetricBits) - 1));
}

bool Packable(ind::Day day, std::int64_t metric) {
    return day >= -kDayBias && day < kDayBias && metric >= 0 && metric < (1 << kMetricBits);
}

// The smallest b with 2^b >= n.
int BitsFor(std::uint64_t n) {
    int b = 0;
    while (b < 64 && (std::uint64_t{1} << b) < n) {
        ++b;
    }
    return b;
}

// The global keys once every reader is done: the same order, packed to the widths actually
// used (unit rank, day since the first day counted, metric, procedure rank) — about 35 bits at
// a province's scale, so the radix sort needs 3 passes instead of 6.
struct KeyLayout {
    int procedure_bits = 0;
    int metric_bits = BitsFor(ind::kMetricCount);
    int day_bits = 0;
    int unit_bits = 0;
    ind::Day first_day = 0;

    [[nodiscard]] int MetricShift() const { return procedure_bits; }
    [[nodiscard]] int DayShift() const { return procedure_bits + metric_bits; }
    [[nodiscard]] int UnitShift() const { return DayShift() + day_bits; }
    [[nodiscard]] int Bits() const { return UnitShift() + unit_bits; }
    [[nodiscard]] std::uint64_t ProcedureMask() const {
        return (std::uint64_t{1} << procedure_bits) - 1;
    }
    [[nodiscard]] bool Fits(ind::Day day, std::int64_t metric) const {
        return day >= first_day &&
               static_cast<std::uint64_t>(day - first_day) < (std::uint64_t{1} << day_bits) &&
               metric >= 0 && metric < ind::kMetricCount;
    }
    [[nodiscard]] std::uint64_t Pack(std::uint64_t unit, ind::Day day, std::int64_t metric,
                                     std::uint64_t procedure) const {
        return (unit << UnitShift()) | (static_cast<std::uint64_t>(day - first_day) << DayShift()) |
               (static_cast<std::uint64_t>(metric) << MetricShift()) | procedure;
    }
    [[nodiscard]] std::uint64_t UnitStart(std::uint64_t unit) const { return unit << UnitShift(); }
    [[nodiscard]] std::uint64_t Unit(std::uint64_t key) const { return key >> UnitShift(); }
    [[nodiscard]] ind::Day Day(std::uint64_t key) const {
        return static_cast<ind::Day>(
            first_day +
            static_cast<ind::Day>((key >> DayShift()) & ((std::uint64_t{1} << day_bits) - 1)));
    }
    [[nodiscard]] ind::Metric Metric(std::uint64_t key) const {
        return static_cast<ind::Metric>((key >> MetricShift()) &
                                        ((std::uint64_t{1} << metric_bits) - 1));
    }
    [[nodiscard]] std::uint64_t Procedure(std::uint64_t key) const { return key & ProcedureMask(); }
};

// Sorts `keys`, whose values are below 2^bits (LSD radix sort, as few passes of at most 12-bit
// digits as cover the bits; a digit that every key shares is skipped). About 10× faster than
// std::sort on the rebuild's millions of keys. `other` is scratch space, reused by the caller.
void RadixSort(std::vector<std::uint64_t>& keys, int bits, std::vector<std::uint64_t>& other) {
    constexpr int kMaxDigitBits = 12;
    const int passes = std::max(1, (bits + kMaxDigitBits - 1) / kMaxDigitBits);
    const int digit_bits = std::max(1, (bits + passes - 1) / passes);
    const std::size_t buckets = std::size_t{1} << digit_bits;
    const std::uint64_t mask = buckets - 1;
    std::vector<std::size_t> counts(buckets * static_cast<std::size_t>(passes), 0);
    for (std::uint64_t k : keys) {
        for (int p = 0; p < passes; ++p) {
            ++counts[static_cast<std::size_t>(p) * buckets + ((k >> (p * digit_bits)) & mask)];
        }
    }
    other.resize(keys.size());
    for (int p = 0; p < passes; ++p) {
        const auto c = std::span(counts).subspan(static_cast<std::size_t>(p) * buckets, buckets);
        if (std::find(c.begin(), c.end(), keys.size()) != c.end()) {
            continue;  // every key has the same digit here
        }
        std::size_t sum = 0;
        for (std::size_t& n : c) {
            const std::size_t here = n;
            n = sum;
            sum += here;
        }
        for (std::uint64_t k : keys) {
            other[c[(k >> (p * digit_bits)) & mask]++] = k;
        }
        keys.swap(other);
    }
}

// A counter and its value.
struct Counted {
    std::uint64_t key = 0;
    std::int64_t value = 0;
};

// Sorted keys → one Counted per distinct key.
std::vector<Counted> CountRuns(const std::vector<std::uint64_t>& keys) {
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        distinct += i == 0 || keys[i] != keys[i - 1] ? 1 : 0;
    }
    std::vector<Counted> out;
    out.reserve(distinct);
    for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i + 1;
        while (j < keys.size() && keys[j] == keys[i]) {
            ++j;
        }
        out.push_back({keys[i], static_cast<std::int64_t>(j - i)});
        i = j;
    }
    return out;
}

// Two sorted lists → one, values of equal keys summed.
std::vector<Counted> MergeCounts(std::vector<Counted> a, std::vector<Counted> b) {
    if (b.empty()) {
        return a;
    }
    std::vector<Counted> out;
    out.reserve(a.size() + b.size());
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].key < b[j].key)) {
            out.push_back(a[i++]);
        } else if (i == a.size() || b[j].key < a[i].key) {
            out.push_back(b[j++]);
        } else {
            out.push_back({a[i].key, a[i].value + b[j].value});
            ++i;
            ++j;
        }
    }
    return out;
}

// Hash maps keyed by procedure code that are looked up with the string_view of a row as read.
struct CodeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view code) const noexcept {
        return std::hash<std::string_view>{}(code);
    }
};
template <typename V>
using CodeMap = std::unordered_map<std::string, V, CodeHash, std::equal_to<>>;

const base::Error& TooMany() {
    static const base::Error error{base::ErrorCode::kInternal,
                                   "quá nhiều đơn vị, mã thủ tục hoặc ngày ngoài khoảng để tính "
                                   "lại số liệu cộng dồn"};
    return error;
}

// What one reader found over its share of the dossier ids (after, upto].
struct Share {
    std::int64_t after = 0;
    std::int64_t upto = 0;
    // Ids in first-seen order.
    CodeMap<std::uint64_t> procedure_ids;
    std::vector<std::string> procedures;
    std::unordered_map<std::int64_t, std::uint64_t> unit_ids;
    std::vector<std::int64_t> units;
    std::vector<std::uint64_t> keys;  // packed with the ids above, then with global ranks
    std::vector<Counted> counts;      // the keys sorted and counted
    // From the dossiers: the inputs that differ from the stored rows (or have none), and the
    // stored rows of ids without a dossier.
    std::vector<ind::Inputs> put_inputs;
    std::vector<std::int64_t> gone_inputs;
    std::int64_t stored_inputs = 0;
    std::int64_t dossiers = 0;
    std::vector<ind::Item> items;  // reused for every dossier
    // The last code seen and its id (consecutive dossiers often share a procedure).
    std::string last_code;
    std::uint64_t last_procedure = 0;
    // The first and last day counted.
    ind::Day min_day = std::numeric_limits<ind::Day>::max();
    ind::Day max_day = std::numeric_limits<ind::Day>::min();

    // `in`'s counters (its procedure code is `procedure_code`; in.procedure_code is not read).
    base::Status Count(const ind::Inputs& in, std::string_view procedure_code) {
        ind::ContributeItems(in, items);
        if (items.empty()) {
            return {};
        }
        std::uint64_t procedure = last_procedure;
        if (procedures.empty() || procedure_code != last_code) {
            auto found = procedure_ids.find(procedure_code);
            if (found == procedure_ids.end()) {
                found = procedure_ids.emplace(std::string(procedure_code), procedures.size()).first;
                procedures.emplace_back(procedure_code);
            }
            procedure = found->second;
            last_procedure = procedure;
            last_code.assign(procedure_code);
        }
        auto [u, new_unit] = unit_ids.try_emplace(in.settling_unit_id, units.size());
        if (new_unit) {
            units.push_back(in.settling_unit_id);
        }
        if (procedures.size() > kProcedureMask + 1 ||
            units.size() > (std::size_t{1} << kUnitBits)) {
            return TooMany();
        }
        for (const ind::Item& i : items) {
            if (!Packable(i.day, static_cast<std::int64_t>(i.metric))) {
                return TooMany();
            }
            keys.push_back(Pack(u->second, i.day, i.metric, procedure));
            min_day = std::min(min_day, i.day);
            max_day = std::max(max_day, i.day);
        }
        return {};
    }
};

// Reads the share's inputs on `tx` and packs their counters. From the dossiers, also compares
// them with the stored rows of indicator_inputs (Share::put_inputs, gone_inputs). Streams the
// rows: nothing is allocated per dossier unless its stored inputs differ.
base::Status ReadShare(store::Transaction& tx, RebuildSource source, Share& share) {
    if (source == RebuildSource::kStoredInputs) {
        return agg::ForEachStoredInputs(tx, share.after, share.upto,
                                        [&share](const agg::InputsView& v) -> base::Status {
                                            ++share.dossiers;
                                            return share.Count(*v.inputs, v.procedure_code);
                                        });
    }
    base::Status read = agg::ForEachDossierInputs(
        tx, share.after, share.upto, [&share](const agg::DossierInputsView& v) -> base::Status {
            ++share.dossiers;
            if (base::Status s = share.Count(*v.dossier.inputs, v.dossier.procedure_code); !s) {
                return s;
            }
            if (v.stored.inputs != nullptr) {
                ++share.stored_inputs;
                if (*v.stored.inputs == *v.dossier.inputs &&
                    v.stored.procedure_code == v.dossier.procedure_code) {
                    return {};
                }
            }
            ind::Inputs put = *v.dossier.inputs;
            put.procedure_code.assign(v.dossier.procedure_code);
            share.put_inputs.push_back(std::move(put));
            return {};
        });
    if (!read) {
        return read;
    }
    auto gone = agg::StoredInputsWithoutDossier(tx, share.after, share.upto);
    if (!gone) {
        return gone.error();
    }
    share.stored_inputs += static_cast<std::int64_t>(gone->size());
    share.gone_inputs = std::move(*gone);
    return {};
}

// The global dictionaries: unit ids and procedure codes sorted (rank = index).
struct Ranks {
    std::vector<std::int64_t> units;
    std::vector<std::string> procedures;
    CodeMap<std::uint64_t> procedure_rank;
    KeyLayout layout;

    [[nodiscard]] std::optional<std::uint64_t> UnitRank(std::int64_t id) const {
        auto it = std::lower_bound(units.begin(), units.end(), id);
        if (it == units.end() || *it != id) {
            return std::nullopt;
        }
        return static_cast<std::uint64_t>(it - units.begin());
    }
    [[nodiscard]] agg::Cell CellOf(const Counted& c, bool by_procedure) const {
        return agg::Cell{units[layout.Unit(c.key)], layout.Day(c.key), layout.Metric(c.key),
                         by_procedure ? procedures[layout.Procedure(c.key)] : std::string(),
                         c.value};
    }
};

// Remaps the share's keys to global ranks, sorts and counts them.
void RankShare(const Ranks& ranks, Share& share) {
    std::vector<std::uint64_t> unit_rank(share.units.size());
    for (std::size_t i = 0; i < share.units.size(); ++i) {
        unit_rank[i] = *ranks.UnitRank(share.units[i]);
    }
    std::vector<std::uint64_t> procedure_rank(share.procedures.size());
    for (std::size_t i = 0; i < share.procedures.size(); ++i) {
        procedure_rank[i] = ranks.procedure_rank.at(share.procedures[i]);
    }
    for (std::uint64_t& k : share.keys) {
        k = ranks.layout.Pack(unit_rank[k >> kUnitShift], DayOf(k),
                              static_cast<std::int64_t>(MetricOf(k)),
                              procedure_rank[k & kProcedureMask]);
    }
    std::vector<std::uint64_t> other;
    RadixSort(share.keys, ranks.layout.Bits(), other);
    other = {};
    share.counts = CountRuns(share.keys);
    share.keys = {};
}

// The differences between the counts of one table and its stored rows for the units in
// [unit_from, unit_to]: counts to write (indexes into the counts) and rows to delete. Stops
// early (`rewrite`) once more than `max_diffs` differ: then the whole table is rewritten.
struct TableDiff {
    std::vector<std::size_t> put;
    std::vector<agg::Cell> del;
    bool rewrite = false;
};

// Rows per statement of the compare (each streamed; bounds what PostgreSQL's driver holds).
constexpr int kComparePage = 1 << 17;

base::Status CompareTable(store::Transaction& tx, const Ranks& ranks, bool by_procedure,
                          std::int64_t unit_from, std::int64_t unit_to,
                          const std::vector<Counted>& counts, std::size_t begin, std::size_t end,
                          std::size_t max_diffs, TableDiff& diff) {
    std::optional<agg::Cell> cursor;
    std::size_t b = begin;
    auto over = [&] { return diff.put.size() + diff.del.size() > max_diffs; };
    // Consecutive rows mostly share a unit: its rank is looked up once per run.
    std::int64_t last_unit = 0;
    std::optional<std::uint64_t> last_rank;
    bool any_unit = false;
    auto compare = [&](const agg::CellView& row) -> base::Status {
        if (!any_unit || row.unit_id != last_unit) {
            last_unit = row.unit_id;
            last_rank = ranks.UnitRank(row.unit_id);
            any_unit = true;
        }
        std::optional<std::uint64_t> key;
        if (last_rank && ranks.layout.Fits(row.day, row.metric)) {
            std::uint64_t procedure = 0;
            bool known = true;
            if (by_procedure) {
                auto p = ranks.procedure_rank.find(row.procedure_code);
                known = p != ranks.procedure_rank.end();
                procedure = known ? p->second : 0;
            }
            if (known) {
                key = ranks.layout.Pack(*last_rank, row.day, row.metric, procedure);
            }
        }
        auto cell = [&row] {
            return agg::Cell{row.unit_id, row.day, static_cast<ind::Metric>(row.metric),
                             std::string(row.procedure_code), row.value};
        };
        // A 0 row (left by the refresh) reads as no row: kept, like the refresh keeps it.
        if (!key) {
            if (row.value != 0) {
                diff.del.push_back(cell());  // a unit, procedure or day that counts nothing now
            }
            return {};
        }
        for (; b < end && counts[b].key < *key; ++b) {
            diff.put.push_back(b);
        }
        if (b < end && counts[b].key == *key) {
            if (counts[b].value != row.value) {
                diff.put.push_back(b);
            }
            ++b;
        } else if (row.value != 0) {
            diff.del.push_back(cell());
        }
        return {};
    };
    for (;;) {
        auto seen =
            agg::ScanRange(tx, by_procedure, unit_from, unit_to, cursor, kComparePage, compare);
        if (!seen) {
            return seen.error();
        }
        if (over()) {
            diff.rewrite = true;
            return {};
        }
        if (*seen < kComparePage) {
            break;
        }
    }
    for (; b < end; ++b) {
        diff.put.push_back(b);
    }
    diff.rewrite = over();
    return {};
}

// The counts summed over procedures (the keys of aggregates_unit).
std::vector<Counted> UnitCounts(const std::vector<Counted>& counts, const KeyLayout& layout) {
    std::vector<Counted> out;
    for (const Counted& c : counts) {
        const std::uint64_t key = c.key & ~layout.ProcedureMask();
        if (!out.empty() && out.back().key == key) {
            out.back().value += c.value;
        } else {
            out.push_back({key, c.value});
        }
    }
    return out;
}

// One compare job: both tables for the units in [unit_from, unit_to].
struct CompareJob {
    std::int64_t unit_from = 0;
    std::int64_t unit_to = 0;
    std::size_t cells_begin = 0, cells_end = 0, units_begin = 0, units_end = 0;
    TableDiff cells;
    TableDiff unit_cells;
};

double MsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// Runs `job(tx, i)` for i < n: on SQLite each on its own thread with its own read transaction
// (they see the state committed before the rebuild's write transaction, which nobody else can
// change while it holds SQLite's write lock); on PostgreSQL one after the other on `write_tx`
// (other writers may commit meanwhile, so only the rebuild's own transaction is read).
template <typename Job>
base::Status RunShares(store::Database& db, store::Transaction& write_tx, std::size_t n, Job job) {
    if (write_tx.dialect() != store::Dialect::kSqlite || n == 1) {
        for (std::size_t i = 0; i < n; ++i) {
            if (base::Status s = job(write_tx, i); !s) {
                return s;
            }
        }
        return {};
    }
    std::vector<base::Status> results(n);
    std::vector<std::thread> threads;
    threads.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        threads.emplace_back([&db, &job, &results, i] {
            auto tx = db.Begin(store::TxMode::kRead);
            if (!tx) {
                results[i] = tx.error();
                return;
            }
            results[i] = job(**tx, i);
        });
    }
    for (std::thread& t : threads) {
        t.join();
    }
    for (base::Status& s : results) {
        if (!s) {
            return s;
        }
    }
    return {};
}

constexpr std::size_t kReaders = 2;  // DuckDB's peer uses two threads (bench/indicators)

// The rebuild inside `tx` (docs/indicators.md "How it computes").
base::Result<RebuildStats> Rebuild(store::Database& db, store::Transaction& tx,
                                   RebuildSource source) {
    using SteadyClock = std::chrono::steady_clock;
    RebuildStats stats;
    stats.source = source;
    auto start = SteadyClock::now();
    auto max_id = agg::MaxInputId(tx);
    if (!max_id) {
        return std::move(max_id).error();
    }
    // 1. Read the inputs in two halves of the id range, packing their counters.
    const std::size_t n = tx.dialect() == store::Dialect::kSqlite ? kReaders : 1;
    std::vector<Share> shares(n);
    for (std::size_t i = 0; i < n; ++i) {
        shares[i].after = i == 0 ? 0 : shares[i - 1].upto;
        shares[i].upto =
            i + 1 == n ? std::numeric_limits<std::int64_t>::max()
                       : *max_id / static_cast<std::int64_t>(n) * static_cast<std::int64_t>(i + 1);
    }
    for (Share& share : shares) {
        // Room for the keys at once (a dossier counts about 8; untouched room costs nothing).
        const std::int64_t ids = std::min(share.upto, *max_id) - share.after;
        share.keys.reserve(static_cast<std::size_t>(std::max<std::int64_t>(ids, 0)) * 12);
    }
    if (base::Status s = RunShares(db, tx, n,
                                   [&](store::Transaction& rtx, std::size_t i) {
                                       return ReadShare(rtx, source, shares[i]);
                                   });
        !s) {
        return s.error();
    }
    stats.read_ms = MsSince(start);
    start = SteadyClock::now();
    // 2. Global ranks; each share sorted and counted (in parallel), then merged.
    Ranks ranks;
    for (const Share& s : shares) {
        ranks.units.insert(ranks.units.end(), s.units.begin(), s.units.end());
        ranks.procedures.insert(ranks.procedures.end(), s.procedures.begin(), s.procedures.end());
        stats.dossiers += s.dossiers;
    }
    std::sort(ranks.units.begin(), ranks.units.end());
    ranks.units.erase(std::unique(ranks.units.begin(), ranks.units.end()), ranks.units.end());
    std::sort(ranks.procedures.begin(), ranks.procedures.end());
    ranks.procedures.erase(std::unique(ranks.procedures.begin(), ranks.procedures.end()),
                           ranks.procedures.end());
    if (ranks.units.size() > (std::size_t{1} << kUnitBits) ||
        ranks.procedures.size() > kProcedureMask + 1) {
        return TooMany();
    }
    for (std::size_t i = 0; i < ranks.procedures.size(); ++i) {
        ranks.procedure_rank.emplace(ranks.procedures[i], i);
    }
    ind::Day min_day = std::numeric_limits<ind::Day>::max();
    ind::Day max_day = std::numeric_limits<ind::Day>::min();
    for (const Share& s : shares) {
        min_day = std::min(min_day, s.min_day);
        max_day = std::max(max_day, s.max_day);
    }
    ranks.layout.procedure_bits = BitsFor(ranks.procedures.size());
    ranks.layout.unit_bits = BitsFor(ranks.units.size());
    if (min_day <= max_day) {
        ranks.layout.first_day = min_day;
        ranks.layout.day_bits = BitsFor(static_cast<std::uint64_t>(
            static_cast<std::int64_t>(max_day) - static_cast<std::int64_t>(min_day) + 1));
    }
    if (ranks.layout.Bits() > 64) {
        return TooMany();
    }
    if (n > 1) {
        std::vector<std::thread> threads;
        threads.reserve(shares.size());
        for (Share& s : shares) {
            threads.emplace_back([&ranks, &s] { RankShare(ranks, s); });
        }
        for (std::thread& t : threads) {
            t.join();
        }
    } else {
        RankShare(ranks, shares[0]);
    }
    std::vector<Counted> counts = std::move(shares[0].counts);
    for (std::size_t i = 1; i < n; ++i) {
        counts = MergeCounts(std::move(counts), std::move(shares[i].counts));
    }
    const std::vector<Counted> unit_counts = UnitCounts(counts, ranks.layout);
    stats.sort_ms = MsSince(start);
    start = SteadyClock::now();
    // 3. Compare with the stored counters, units split where the counts are halved.
    std::vector<CompareJob> jobs(counts.empty() ? 1 : n);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        CompareJob& job = jobs[i];
        const std::size_t cut = counts.size() * (i + 1) / jobs.size();
        const std::int64_t last_unit =
            i + 1 == jobs.size()
                ? std::numeric_limits<std::int64_t>::max()
                : ranks.units[ranks.layout.Unit(counts[cut - (cut > 0 ? 1 : 0)].key)];
        job.unit_from = i == 0 ? std::numeric_limits<std::int64_t>::min() : jobs[i - 1].unit_to + 1;
        job.unit_to = last_unit;
        auto first_rank = [&](std::int64_t unit_id) {
            return static_cast<std::uint64_t>(
                std::lower_bound(ranks.units.begin(), ranks.units.end(), unit_id) -
                ranks.units.begin());
        };
        auto bound = [&](const std::vector<Counted>& v, std::int64_t unit_id) {
            if (unit_id == std::numeric_limits<std::int64_t>::min()) {
                return std::size_t{0};
            }
            const std::uint64_t rank = first_rank(unit_id);
            if (rank >= ranks.units.size()) {
                return v.size();
            }
            return static_cast<std::size_t>(
                std::lower_bound(v.begin(), v.end(), ranks.layout.UnitStart(rank),
                                 [](const Counted& c, std::uint64_t k) { return c.key < k; }) -
                v.begin());
        };
        job.cells_begin = bound(counts, job.unit_from);
        job.units_begin = bound(unit_counts, job.unit_from);
        job.cells_end = i + 1 == jobs.size() ? counts.size() : bound(counts, job.unit_to + 1);
        job.units_end =
            i + 1 == jobs.size() ? unit_counts.size() : bound(unit_counts, job.unit_to + 1);
    }
    // More differences than a quarter of the rows: rewriting the tables is cheaper.
    const std::size_t max_cell_diffs = counts.size() / 4 / jobs.size();
    const std::size_t max_unit_diffs = unit_counts.size() / 4 / jobs.size();
    if (base::Status s = RunShares(
            db, tx, jobs.size(),
            [&](store::Transaction& rtx, std::size_t i) -> base::Status {
                CompareJob& job = jobs[i];
                if (base::Status c =
                        CompareTable(rtx, ranks, true, job.unit_from, job.unit_to, counts,
                                     job.cells_begin, job.cells_end, max_cell_diffs, job.cells);
                    !c || job.cells.rewrite) {
                    return c;
                }
                return CompareTable(rtx, ranks, false, job.unit_from, job.unit_to, unit_counts,
                                    job.units_begin, job.units_end, max_unit_diffs, job.unit_cells);
            });
        !s) {
        return s.error();
    }
    stats.compare_ms = MsSince(start);
    start = SteadyClock::now();
    // 4. Write: the inputs that changed (from the dossiers), then the counters — all of them
    // into emptied tables in key order, or only the differences.
    if (source == RebuildSource::kDossiers) {
        std::int64_t stored_inputs = 0;
        for (const Share& s : shares) {
            stored_inputs += s.stored_inputs;
        }
        for (Share& s : shares) {
            if (base::Status w = stored_inputs == 0 ? agg::InsertInputs(tx, s.put_inputs)
                                                    : agg::PutInputs(tx, s.put_inputs);
                !w) {
                return w.error();
            }
            if (base::Status w = agg::DeleteInputs(tx, s.gone_inputs); !w) {
                return w.error();
            }
            stats.inputs_written +=
                static_cast<std::int64_t>(s.put_inputs.size() + s.gone_inputs.size());
            s.put_inputs = {};
        }
        if (base::Status w = agg::SetInputsComplete(tx); !w) {
            return w.error();
        }
    }
    const bool rewrite = std::any_of(jobs.begin(), jobs.end(), [](const CompareJob& j) {
        return j.cells.rewrite || j.unit_cells.rewrite;
    });
    stats.cells = static_cast<std::int64_t>(counts.size());
    if (rewrite) {
        if (base::Status s = agg::Clear(tx); !s) {
            return s.error();
        }
        agg::CellWriter writer(tx);
        for (const Counted& c : counts) {
            if (base::Status s =
                    writer.Add(ranks.units[ranks.layout.Unit(c.key)], ranks.layout.Day(c.key),
                               ranks.layout.Metric(c.key),
                               ranks.procedures[ranks.layout.Procedure(c.key)], c.value);
                !s) {
                return s.error();
            }
        }
        if (base::Status s = writer.Finish(); !s) {
            return s.error();
        }
        stats.cells_written = static_cast<std::int64_t>(counts.size() + unit_counts.size());
        stats.rewritten = true;
    } else {
        auto apply = [&](const TableDiff& diff, bool by_procedure,
                         const std::vector<Counted>& list) -> base::Status {
            std::vector<agg::Cell> put;
            put.reserve(diff.put.size());
            for (std::size_t i : diff.put) {
                put.push_back(ranks.CellOf(list[i], by_procedure));
            }
            if (base::Status s = agg::PutCells(tx, by_procedure, put); !s) {
                return s;
            }
            stats.cells_written += static_cast<std::int64_t>(put.size() + diff.del.size());
            return agg::DeleteCells(tx, by_procedure, diff.del);
        };
        for (const CompareJob& job : jobs) {
            if (base::Status s = apply(job.cells, true, counts); !s) {
                return s.error();
            }
            if (base::Status s = apply(job.unit_cells, false, unit_counts); !s) {
                return s.error();
            }
        }
        if (stats.cells_written > 0) {
            if (base::Status s = agg::ClearChanges(tx); !s) {
                return s.error();
            }
        }
    }
    // Indexes reload when the counters changed; the change log already matches them otherwise.
    if (stats.cells_written > 0) {
        if (base::Status s = agg::BumpEpoch(tx); !s) {
            return s.error();
        }
    }
    if (base::Status s = agg::SetBuiltVersion(tx, ind::kContributionVersion); !s) {
        return s.error();
    }
    stats.write_ms = MsSince(start);
    return stats;
}

}  // namespace

base::Result<RebuildStats> RebuildAggregates(AppContext& ctx, RebuildSource source) {
    // A plain write transaction rather than InWriteTransaction: on SQLite, Database::Write runs
    // its work under a savepoint, and inside one every statement's end walks the in-memory
    // sub-journal of all the pages changed so far — quadratic in the rebuild's size (37% of its
    // CPU at 200,000 dossiers), with a copy of each such page in memory. It also holds SQLite's
    // write lock (BEGIN IMMEDIATE), so the readers of the rebuild see exactly what it sees.
    auto tx = ctx.db->Begin(store::TxMode::kWrite);
    if (!tx) {
        return std::move(tx).error();
    }
    if (source == RebuildSource::kStoredInputs) {
        auto complete = agg::InputsComplete(**tx);
        if (!complete) {
            return std::move(complete).error();
        }
        if (!*complete) {
            source = RebuildSource::kDossiers;  // never filled: read the dossiers
        }
    }
    if ((*tx)->dialect() == store::Dialect::kSqlite) {
        // Room for the pages the rebuild changes (about 200 MB at 1 M dossiers when it rewrites
        // the tables), so that they are not spilled to the WAL before the commit. This
        // connection's setting; the default is restored below.
        if (base::Status s = (*tx)->ExecuteScript("PRAGMA cache_size = -262144"); !s) {
            return s.error();
        }
    }
    auto stats = Rebuild(*ctx.db, **tx, source);
    if (!stats) {
        return stats;
    }
    const auto start = std::chrono::steady_clock::now();
    if (base::Status s = (*tx)->Commit(); !s) {
        return s.error();
    }
    stats->commit_ms = MsSince(start);
    if (ctx.db->dialect() == store::Dialect::kSqlite) {
        (void)InWriteTransaction<bool>(*ctx.db, [](store::Transaction& t) -> base::Result<bool> {
            if (base::Status s = t.ExecuteScript("PRAGMA cache_size = -2000"); !s) {
                return s.error();
            }
            return true;
        });
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
    // Another Contribute() over the same stored inputs: the counters alone are recounted (from
    // the dossiers if the inputs were never filled).
    auto rebuilt = RebuildAggregates(ctx, RebuildSource::kStoredInputs);
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
