#include "app/plan_targets.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_util.hpp"
#include "app/dossier_access.hpp"
#include "app/publication.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "domain/indicators.hpp"
#include "store/aggregates.hpp"
#include "store/procedure_stats.hpp"
#include "store/queue.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace pt = domain::plan_targets;
namespace ind = domain::indicators;
namespace r06 = domain::report06;
namespace spt = store::plan_targets;
using domain::Role;

base::Error SignInFirst() {
    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
}

// Leaders, control officers and administrators of any unit.
base::Status MayReadPlans(const Actor& actor) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    for (const domain::RoleGrant& g : actor.user->roles) {
        if (g.role == Role::kLeader || g.role == Role::kControlOfficer || g.role == Role::kAdmin) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị mới xem được chỉ "
                       "tiêu kế hoạch."};
}

base::Status MayWritePlan(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    for (Role role : {Role::kControlOfficer, Role::kAdmin}) {
        auto holds = internal::HoldsRoleOn(tx, actor, role, unit_id);
        if (!holds) {
            return std::move(holds).error();
        }
        if (*holds) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chỉ công chức kiểm soát TTHC hoặc quản trị có phạm vi bao gồm đơn vị ban "
                       "hành mới nhập được chỉ tiêu của kế hoạch."};
}

base::Result<PlanTargetSet> Load(store::Transaction& tx, const std::string& key) {
    auto record = spt::Get(tx, key);
    if (!record) {
        return std::move(record).error();
    }
    if (!*record) {
        return base::NotFound("không có kế hoạch mã " + key);
    }
    auto unit = store::units::Get(tx, (*record)->issuing_unit_id);
    if (!unit) {
        return std::move(unit).error();
    }
    PlanTargetSet set;
    set.plan = std::move((*record)->plan);
    set.issuing_unit_name = *unit ? (*unit)->name : std::string();
    set.version = (*record)->version;
    set.updated_at = (*record)->updated_at;
    return set;
}

// The implementing level of a unit type; `inherited` for agencies and desks.

// The unit's subtree resolved once: per unit, the ids of its own subtree and its level.
struct Tree {
    std::vector<domain::Unit> units;                          // breadth first, the root first
    std::map<std::int64_t, std::vector<std::int64_t>> below;  // unit → itself and descendants
    std::map<std::int64_t, std::string> level;
};

base::Result<Tree> TreeOf(store::Transaction& tx, const domain::Unit& root) {
    auto units = internal::Subtree(tx, root);
    if (!units) {
        return std::move(units).error();
    }
    auto root_level = internal::LevelOfUnit(tx, root);
    if (!root_level) {
        return std::move(root_level).error();
    }
    Tree tree;
    tree.units = std::move(*units);
    std::map<std::int64_t, std::vector<std::int64_t>> children;
    for (const domain::Unit& u : tree.units) {
        const std::string inherited = u.parent_id && tree.level.contains(*u.parent_id)
                                          ? tree.level[*u.parent_id]
                                          : *root_level;
        tree.level[u.id] =
            u.id == root.id ? *root_level : std::string(internal::LevelOf(u.type, inherited));
        if (u.parent_id && u.id != root.id) {
            children[*u.parent_id].push_back(u.id);
        }
    }
    // Breadth-first order: descendants come after their ancestors, so walk backwards.
    for (auto it = tree.units.rbegin(); it != tree.units.rend(); ++it) {
        std::vector<std::int64_t> ids{it->id};
        for (std::int64_t child : children[it->id]) {
            const auto& sub = tree.below[child];
            ids.insert(ids.end(), sub.begin(), sub.end());
        }
        tree.below[it->id] = std::move(ids);
    }
    return tree;
}

struct Window {
    r06::Window window;
    std::string label;
    int days = 0;
    std::chrono::sys_seconds from{};  // Vietnam midnight starting the first day
    std::chrono::sys_seconds to{};    // Vietnam midnight after the last day
};

base::Result<Window> WindowOf(const PlanQuery& q) {
    auto period = r06::ParsePeriod(q.period);
    if (!period) {
        return std::move(period).error();
    }
    Window w;
    w.window = r06::Resolve(*period, q.window);
    w.label = r06::FormatPeriod(*period);
    w.days = static_cast<int>((w.window.to - w.window.from).count()) + 1;
    w.from = std::chrono::sys_seconds{w.window.from} - calendar::kVietnamOffset;
    w.to = std::chrono::sys_seconds{w.window.to + std::chrono::days{1}} - calendar::kVietnamOffset;
    return w;
}

// Everything the figures of one evaluation read, fetched once for the root's subtree.
struct Facts {
    std::map<std::int64_t, ind::Sums> sums;  // per settling unit, every procedure
    // Per settling unit, per procedure: dossiers received in the window (online, every channel).
    std::map<std::int64_t, std::vector<store::procedure_stats::Received>> received;
    std::vector<spt::Procedure> catalogue;
    std::map<std::int64_t, std::int64_t> desk_received;
    std::map<std::int64_t, std::int64_t> desk_staff;
    // Issue #9 (engineer Q): per desk unit, waiting seconds and tickets called (queue tickets).
    std::map<std::int64_t, store::queue::WaitSum> waits;
};

ind::Sums SumOver(const std::map<std::int64_t, ind::Sums>& by_unit,
                  const std::vector<std::int64_t>& ids) {
    ind::Sums s;
    for (std::int64_t id : ids) {
        if (auto it = by_unit.find(id); it != by_unit.end()) {
            s.Add(it->second);
        }
    }
    return s;
}

std::int64_t CountOver(const std::map<std::int64_t, std::int64_t>& by_unit,
                       const std::vector<std::int64_t>& ids) {
    std::int64_t n = 0;
    for (std::int64_t id : ids) {
        if (auto it = by_unit.find(id); it != by_unit.end()) {
            n += it->second;
        }
    }
    return n;
}

std::int64_t Received(const ind::Sums& s) {
    using M = ind::Metric;
    return s.In(M::kReceivedOnline) + s.In(M::kReceivedDirect) + s.In(M::kReceivedPostal);
}

// The procedures of the competence of the levels in `levels` offered online.
std::vector<const spt::Procedure*> OnlineInCompetence(const std::vector<spt::Procedure>& catalogue,
                                                      const std::set<std::string>& levels) {
    std::vector<const spt::Procedure*> out;
    for (const spt::Procedure& p : catalogue) {
        if (p.online_level == "none") {
            continue;
        }
        if (std::any_of(p.levels.begin(), p.levels.end(),
                        [&](const std::string& l) { return levels.contains(l); })) {
            out.push_back(&p);
        }
    }
    return out;
}

std::set<std::string> LevelsOf(const Tree& tree, const std::vector<std::int64_t>& ids) {
    std::set<std::string> levels;
    for (std::int64_t id : ids) {
        if (auto it = tree.level.find(id); it != tree.level.end()) {
            levels.insert(it->second);
        }
    }
    return levels;
}

// The measurement of `metric` over the units `ids`, with a note.
std::pair<pt::Measurement, std::string> Measure(pt::Metric metric, const Facts& f, const Tree& tree,
                                                const std::vector<std::int64_t>& ids, int days) {
    using M = ind::Metric;
    const ind::Sums s = SumOver(f.sums, ids);
    switch (metric) {
        case pt::Metric::kFullProcessOnlineServices: {
            std::int64_t full = 0;
            const auto online = OnlineInCompetence(f.catalogue, LevelsOf(tree, ids));
            for (const spt::Procedure* p : online) {
                full += p->online_level == "full" ? 1 : 0;
            }
            return {{full, static_cast<std::int64_t>(online.size())},
                    "thủ tục toàn trình / thủ tục có dịch vụ công trực tuyến thuộc thẩm quyền"};
        }
        case pt::Metric::kOnlineDossierShare:  // per service: ResultOf
            return {{0, 0}, ""};
        case pt::Metric::kOnlinePaymentShare:
            return {{s.In(M::kPaidOnline), s.In(M::kFeeBearing)},
                    "hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí tiếp nhận trong kỳ"};
        case pt::Metric::kResultsDigitised:
            return {{s.In(M::kEResult), s.In(M::kIssued)},
                    "kết quả đã số hóa / hồ sơ giải quyết xong có kết quả trong kỳ"};
        case pt::Metric::kComponentsDigitised:
            return {{s.In(M::kComponentDigitised), Received(s)},
                    "hồ sơ có thành phần đã số hóa / hồ sơ tiếp nhận trong kỳ"};
        case pt::Metric::kDataReuse:
            return {{s.In(M::kReused), Received(s)},
                    "hồ sơ có tái sử dụng dữ liệu số hóa / hồ sơ tiếp nhận trong kỳ"};
        case pt::Metric::kSatisfaction:
            return {{s.In(M::kRated) - s.In(M::kDissatisfied), s.In(M::kRated)},
                    "đánh giá hài lòng / hồ sơ được đánh giá"};
        case pt::Metric::kWaitingMinutes: {  // issue #9: queue tickets (wait = first call − issue)
            std::int64_t seconds = 0;
            std::int64_t called = 0;
            for (std::int64_t id : ids) {
                if (auto it = f.waits.find(id); it != f.waits.end()) {
                    seconds += it->second.seconds;
                    called += it->second.called;
                }
            }
            if (called == 0) {
                return {{0, 0}, "chưa có dữ liệu: chưa có phiếu xếp hàng được gọi trong kỳ"};
            }
            return {{seconds, called * 60},
                    std::to_string(called) +
                        " lượt được gọi từ phiếu xếp hàng (chờ từ lúc lấy số đến lần gọi đầu)"};
        }
        case pt::Metric::kDeskProductivity: {
            const std::int64_t received = CountOver(f.desk_received, ids);
            const std::int64_t staff = CountOver(f.desk_staff, ids);
            return {{received * 365, staff * days},
                    staff == 0
                        ? std::string("chưa có nhân sự Bộ phận Một cửa")
                        : std::to_string(received) + " hồ sơ tiếp nhận, " + std::to_string(staff) +
                              " nhân sự, " + std::to_string(days) + " ngày (quy đổi theo năm)"};
        }
    }
    return {{0, 0, false}, ""};
}

// The services offered online (catalogue version in force at the window's end, partial or full
// process) with dossiers received by the units `ids` in the window, each judged against `target`;
// worst first (the lowest share for ≥, the highest for ≤), then by code.
std::vector<ServiceShare> ServiceShares(const pt::Target& target, const Facts& f,
                                        const std::vector<std::int64_t>& ids) {
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;  // code → online, all
    for (std::int64_t id : ids) {
        auto at = f.received.find(id);
        if (at == f.received.end()) {
            continue;
        }
        for (const store::procedure_stats::Received& r : at->second) {
            auto& c = counts[r.procedure_code];
            c.first += r.online;
            c.second += r.total;
        }
    }
    std::vector<ServiceShare> out;
    for (const spt::Procedure& p : f.catalogue) {
        auto it = counts.find(p.code);
        if (p.online_level == "none" || it == counts.end() || it->second.second == 0) {
            continue;
        }
        const auto [online, received] = it->second;
        out.push_back(ServiceShare{p.code, p.name, p.online_level, online, received,
                                   pt::Evaluate(target, {online, received})});
    }
    const bool at_least = target.comparator == pt::Comparator::kAtLeast;
    std::stable_sort(out.begin(), out.end(), [&](const ServiceShare& a, const ServiceShare& b) {
        const std::int64_t va = a.outcome.value.value_or(0);
        const std::int64_t vb = b.outcome.value.value_or(0);
        return at_least ? va < vb : va > vb;
    });
    return out;
}

// online_dossier_share: the unit passes when every service with dossiers reaches the target; the
// figure shown is the worst service's (what is shown is what is judged).
TargetResult PerServiceResult(const pt::Target& target, const Facts& f,
                              const std::vector<std::int64_t>& ids) {
    TargetResult r;
    r.target = target;
    r.services = ServiceShares(target, f, ids);
    if (r.services.empty()) {
        r.outcome = pt::Outcome{pt::Verdict::kNoData, std::nullopt};
        r.note =
            "chưa có dữ liệu: không có dịch vụ công trực tuyến nào có hồ sơ tiếp nhận trong kỳ";
        return r;
    }
    bool all_pass = true;
    for (const ServiceShare& s : r.services) {
        if (s.outcome.verdict == pt::Verdict::kPass) {
            ++r.services_passing;
        } else {
            all_pass = false;
        }
    }
    const ServiceShare& worst = r.services.front();
    r.outcome =
        pt::Outcome{all_pass ? pt::Verdict::kPass : pt::Verdict::kFail, worst.outcome.value};
    r.numerator = worst.online;
    r.denominator = worst.received;
    r.note = std::to_string(r.services_passing) + "/" + std::to_string(r.services.size()) +
             " dịch vụ công trực tuyến đạt; thấp nhất: " + worst.code + " (" +
             std::to_string(worst.online) + "/" + std::to_string(worst.received) +
             " hồ sơ trực tuyến, " + FormatHundredths(worst.outcome.value.value_or(0)) + "%)";
    return r;
}

TargetResult ResultOf(const pt::Target& target, const Facts& f, const Tree& tree,
                      const std::vector<std::int64_t>& ids, int days) {
    if (target.metric == pt::Metric::kOnlineDossierShare) {
        return PerServiceResult(target, f, ids);
    }
    auto [m, note] = Measure(target.metric, f, tree, ids, days);
    TargetResult r;
    r.target = target;
    r.outcome = pt::Evaluate(target, m);
    r.numerator = m.numerator;
    r.denominator = m.denominator;
    r.note = std::move(note);
    return r;
}

struct Context {
    PlanTargetSet plan;
    domain::Unit unit;
    Window window;
    Tree tree;
};

// Authorises and resolves plan, unit, window and subtree.
base::Result<Context> Resolve(store::Transaction& tx, const Actor& actor, const PlanQuery& q) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    if (q.plan.empty()) {
        return base::InvalidArgument("thiếu mã kế hoạch");
    }
    if (q.unit_code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị (unit)");
    }
    auto window = WindowOf(q);
    if (!window) {
        return std::move(window).error();
    }
    auto unit = store::units::GetByCode(tx, q.unit_code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit) {
        return base::NotFound("không có đơn vị mã " + q.unit_code);
    }
    if (base::Status s = internal::MayReport(tx, actor, (*unit)->id); !s) {
        return s.error();
    }
    auto plan = Load(tx, q.plan);
    if (!plan) {
        return std::move(plan).error();
    }
    auto issuer = store::units::GetByCode(tx, plan->plan.issuing_unit_code);
    if (!issuer) {
        return std::move(issuer).error();
    }
    if (*issuer) {
        auto issuer_tree = internal::Subtree(tx, **issuer);
        if (!issuer_tree) {
            return std::move(issuer_tree).error();
        }
        const bool inside = std::any_of(issuer_tree->begin(), issuer_tree->end(),
                                        [&](const domain::Unit& u) { return u.id == (*unit)->id; });
        if (!inside) {
            return base::InvalidArgument("đơn vị " + q.unit_code +
                                         " không thuộc phạm vi của kế "
                                         "hoạch " +
                                         q.plan + " (do " + plan->issuing_unit_name + " ban hành)");
        }
    }
    auto tree = TreeOf(tx, **unit);
    if (!tree) {
        return std::move(tree).error();
    }
    return Context{std::move(*plan), std::move(**unit), std::move(*window), std::move(*tree)};
}

base::Result<Facts> FactsOf(store::Transaction& tx, const Context& c, bool need_sums) {
    Facts f;
    std::vector<std::int64_t> ids;
    for (const domain::Unit& u : c.tree.units) {
        ids.push_back(u.id);
    }
    auto catalogue = spt::Catalogue(tx, c.window.window.to);
    if (!catalogue) {
        return std::move(catalogue).error();
    }
    f.catalogue = std::move(*catalogue);
    if (!need_sums) {
        return f;
    }
    const ind::Day from = ind::ToDay(c.window.window.from);
    const ind::Day to = ind::ToDay(c.window.window.to);
    auto sums = store::aggregates::SumsByUnit(tx, ids, from, to);
    if (!sums) {
        return std::move(sums).error();
    }
    f.sums = std::move(*sums);
    auto received =
        store::procedure_stats::ReceivedByProcedure(tx, ids, c.window.from, c.window.to);
    if (!received) {
        return std::move(received).error();
    }
    for (store::procedure_stats::Received& r : *received) {
        f.received[r.settling_unit_id].push_back(std::move(r));
    }
    auto desk_received = spt::DeskReceived(tx, ids, c.window.from, c.window.to);
    if (!desk_received) {
        return std::move(desk_received).error();
    }
    f.desk_received = std::move(*desk_received);
    auto staff = spt::DeskStaff(tx, ids);
    if (!staff) {
        return std::move(staff).error();
    }
    f.desk_staff = std::move(*staff);
    auto waits = store::queue::WaitSums(tx, c.window.window.from, c.window.window.to);
    if (!waits) {
        return std::move(waits).error();
    }
    f.waits = std::move(*waits);
    return f;
}

UnitEvaluation EvaluateUnit(const Context& c, const Facts& f, const domain::Unit& unit) {
    UnitEvaluation e;
    e.unit = unit;
    e.area = pt::AreaOf(c.plan.plan, unit.code);
    const auto& ids = c.tree.below.at(unit.id);
    for (pt::Metric m : pt::AllMetrics()) {
        if (const pt::Target* t = pt::TargetFor(c.plan.plan, m, e.area)) {
            e.results.push_back(ResultOf(*t, f, c.tree, ids, c.window.days));
        }
    }
    return e;
}

}  // namespace

base::Result<PlanTargetSet> PutPlanTargets(AppContext& ctx, const Actor& actor,
                                           std::string_view json, std::string_view path_key,
                                           bool expect_new,
                                           std::optional<std::int64_t> expected_version) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto plan = pt::ParsePlan(json);
    if (!plan) {
        return std::move(plan).error();
    }
    if (!path_key.empty() && plan->key != path_key) {
        return base::InvalidArgument("mã kế hoạch trong nội dung (" + plan->key +
                                     ") khác mã trên đường dẫn (" + std::string(path_key) + ")");
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<PlanTargetSet>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PlanTargetSet> {
            auto unit = store::units::GetByCode(tx, plan->issuing_unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::InvalidArgument("không có đơn vị ban hành mã " +
                                             plan->issuing_unit_code);
            }
            if (base::Status s = MayWritePlan(tx, actor, (*unit)->id); !s) {
                return s.error();
            }
            auto record =
                spt::Put(tx, *plan, (*unit)->id, expect_new, actor.user->id, now, expected_version);
            if (!record) {
                return std::move(record).error();
            }
            if (base::Status s =
                    Audit(tx, actor, now, "plan_targets.put", "plan_targets", plan->key,
                          "{\"version\":" + std::to_string(record->version) +
                              ",\"issuing_unit\":" + JsonQuote(plan->issuing_unit_code) +
                              ",\"targets\":" + std::to_string(plan->targets.size()) + "}");
                !s) {
                return s.error();
            }
            PlanTargetSet set;
            set.plan = std::move(record->plan);
            set.issuing_unit_name = (*unit)->name;
            set.version = record->version;
            set.updated_at = record->updated_at;
            return set;
        });
}

base::Result<PlanTargetSet> GetPlanTargets(AppContext& ctx, const Actor& actor,
                                           const std::string& key) {
    if (base::Status s = MayReadPlans(actor); !s) {
        return s.error();
    }
    return InReadTransaction<PlanTargetSet>(*ctx.db,
                                            [&](store::Transaction& tx) { return Load(tx, key); });
}

base::Result<std::vector<store::plan_targets::Summary>> ListPlanTargets(AppContext& ctx,
                                                                        const Actor& actor) {
    if (base::Status s = MayReadPlans(actor); !s) {
        return s.error();
    }
    return InReadTransaction<std::vector<spt::Summary>>(
        *ctx.db, [](store::Transaction& tx) { return spt::List(tx); });
}

base::Result<PlanEvaluation> EvaluatePlanTargets(AppContext& ctx, const Actor& actor,
                                                 const PlanQuery& query) {
    return InReadTransaction<PlanEvaluation>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PlanEvaluation> {
            auto c = Resolve(tx, actor, query);
            if (!c) {
                return std::move(c).error();
            }
            auto facts = FactsOf(tx, *c, true);
            if (!facts) {
                return std::move(facts).error();
            }
            auto active = spt::ActiveUnits(tx);
            if (!active) {
                return std::move(active).error();
            }
            PlanEvaluation out;
            for (const domain::Unit& u : c->tree.units) {
                if (u.id == c->unit.id ||
                    std::binary_search(active->begin(), active->end(), u.id)) {
                    out.units.push_back(EvaluateUnit(*c, *facts, u));
                }
            }
            out.plan = std::move(c->plan);
            out.unit = std::move(c->unit);
            out.window = c->window.window;
            out.period_label = c->window.label;
            out.days = c->window.days;
            return out;
        });
}

base::Result<PlanFailures> PlanTargetFailures(AppContext& ctx, const Actor& actor,
                                              const PlanQuery& query, std::string_view metric) {
    const auto m = pt::ParseMetric(metric);
    if (!m) {
        return base::InvalidArgument("chỉ tiêu không được hỗ trợ '" + std::string(metric) + "'");
    }
    if (!pt::HasFailureList(*m)) {
        return base::InvalidArgument("chỉ tiêu " + std::string(metric) +
                                     " không có danh sách hồ sơ không đạt");
    }
    return InReadTransaction<PlanFailures>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PlanFailures> {
            auto c = Resolve(tx, actor, query);
            if (!c) {
                return std::move(c).error();
            }
            auto facts = FactsOf(tx, *c, true);
            if (!facts) {
                return std::move(facts).error();
            }
            PlanFailures out;
            out.metric = *m;
            const auto& ids = c->tree.below.at(c->unit.id);
            const std::string area = pt::AreaOf(c->plan.plan, c->unit.code);
            if (const pt::Target* t = pt::TargetFor(c->plan.plan, *m, area)) {
                out.result = ResultOf(*t, *facts, c->tree, ids, c->window.days);
            }
            if (*m == pt::Metric::kFullProcessOnlineServices) {
                for (const spt::Procedure* p :
                     OnlineInCompetence(facts->catalogue, LevelsOf(c->tree, ids))) {
                    if (p->online_level == "full") {
                        continue;
                    }
                    ++out.total;
                    if (out.procedures.size() < static_cast<std::size_t>(kMaxFailures)) {
                        out.procedures.push_back(
                            {p->code, p->name, p->online_level, 0, 0, std::nullopt});
                    }
                }
            } else {
                spt::FailureQuery fq;
                fq.metric = *m;
                fq.settling_units = ids;
                fq.from = c->window.from;
                fq.to = c->window.to;
                fq.limit = kMaxFailures;
                if (*m == pt::Metric::kOnlineDossierShare && out.result) {
                    // The services below the target, and their dossiers not received online.
                    for (const ServiceShare& s : out.result->services) {
                        if (s.outcome.verdict == pt::Verdict::kFail) {
                            fq.procedures.push_back(s.code);
                            out.procedures.push_back({s.code, s.name, s.online_level, s.online,
                                                      s.received, s.outcome.value});
                        }
                    }
                }
                auto page = spt::FailingDossiers(tx, fq);
                if (!page) {
                    return std::move(page).error();
                }
                out.total = page->total;
                out.dossiers = std::move(page->items);
            }
            out.plan = std::move(c->plan);
            out.unit = std::move(c->unit);
            out.window = c->window.window;
            out.period_label = c->window.label;
            return out;
        });
}

// Issue #9 (engineer N): the desk_productivity measurement of Measure, for the dashboard and the
// indicators.
base::Result<DeskProductivity> DeskProductivityOver(store::Transaction& tx,
                                                    std::string_view area_unit_code,
                                                    const std::vector<std::int64_t>& unit_ids,
                                                    std::chrono::sys_days from,
                                                    std::chrono::sys_days to) {
    DeskProductivity out;
    out.days = static_cast<int>((to - from).count()) + 1;
    Facts f;
    if (!unit_ids.empty()) {
        const std::chrono::sys_seconds begin =
            std::chrono::sys_seconds{from} - calendar::kVietnamOffset;
        const std::chrono::sys_seconds end =
            std::chrono::sys_seconds{to + std::chrono::days{1}} - calendar::kVietnamOffset;
        auto received = spt::DeskReceived(tx, unit_ids, begin, end);
        if (!received) {
            return std::move(received).error();
        }
        f.desk_received = std::move(*received);
        auto staff = spt::DeskStaff(tx, unit_ids);
        if (!staff) {
            return std::move(staff).error();
        }
        f.desk_staff = std::move(*staff);
    }
    out.received = CountOver(f.desk_received, unit_ids);
    out.staff = CountOver(f.desk_staff, unit_ids);
    const pt::Measurement m =
        Measure(pt::Metric::kDeskProductivity, f, Tree{}, unit_ids, out.days).first;
    auto s0 = pt::ParsePlan(pt::EmbeddedS0Template());
    if (!s0) {
        return std::move(s0).error();
    }
    out.area = pt::AreaOf(*s0, area_unit_code);
    const pt::Target* target = pt::TargetFor(*s0, pt::Metric::kDeskProductivity, out.area);
    if (target == nullptr) {
        return base::Internal("Mẫu kế hoạch S0 thiếu chỉ tiêu năng suất Bộ phận Một cửa.");
    }
    out.target = target->value;
    const pt::Outcome outcome = pt::Evaluate(*target, m);
    out.per_year = outcome.value;
    if (outcome.verdict != pt::Verdict::kNoData) {
        out.meets = outcome.verdict == pt::Verdict::kPass;
    }
    return out;
}

}  // namespace motcua::app
