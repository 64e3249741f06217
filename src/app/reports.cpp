#include "app/reports.hpp"

#include <deque>
#include <optional>
#include <set>

#include "app/dossier_access.hpp"
#include "app/indicator_index.hpp"
#include "app/indicators.hpp"
#include "app/report_scope.hpp"
#include "calendar/civil_date.hpp"
#include "store/aggregates.hpp"
#include "store/dossiers.hpp"
#include "store/plans.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace internal {

using domain::Role;

base::Result<std::vector<domain::Unit>> Subtree(store::Transaction& tx, const domain::Unit& root) {
    std::vector<domain::Unit> out{root};
    std::set<std::int64_t> seen{root.id};
    std::deque<std::int64_t> queue{root.id};
    while (!queue.empty()) {
        const std::int64_t id = queue.front();
        queue.pop_front();
        auto children = store::units::Children(tx, id);
        if (!children) {
            return std::move(children).error();
        }
        for (domain::Unit& c : *children) {
            if (seen.insert(c.id).second) {
                queue.push_back(c.id);
                out.push_back(std::move(c));
            }
        }
    }
    return out;
}

base::Status MayReport(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    for (Role role : {Role::kLeader, Role::kControlOfficer, Role::kAdmin}) {
        auto holds = internal::HoldsRoleOn(tx, actor, role, unit_id);
        if (!holds) {
            return std::move(holds).error();
        }
        if (*holds) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị có phạm vi bao gồm "
                       "đơn vị này mới xem được báo cáo tình hình giải quyết TTHC."};
}

base::Result<domain::report06::Window> ReportWindow(const SettlementReportQuery& query) {
    auto period = domain::report06::ParsePeriod(query.period);
    if (!period) {
        return std::move(period).error();
    }
    if (query.unit_code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị (unit)");
    }
    return domain::report06::Resolve(*period, query.window);
}

base::Result<ReportScope> ResolveReportScope(store::Transaction& tx, const Actor* actor,
                                             const std::string& unit_code) {
    if (actor != nullptr && !actor->SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    auto unit = store::units::GetByCode(tx, unit_code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit) {
        return base::NotFound("không có đơn vị mã " + unit_code);
    }
    if (actor != nullptr) {
        if (base::Status s = MayReport(tx, *actor, (*unit)->id); !s) {
            return s.error();
        }
    }
    auto units = Subtree(tx, **unit);
    if (!units) {
        return std::move(units).error();
    }
    return ReportScope{std::move(**unit), std::move(*units)};
}

base::Result<std::vector<store::dossiers::ReportFact>> CappedReportFacts(
    store::Transaction& tx, const std::vector<std::int64_t>& ids,
    const domain::report06::Window& window, std::string_view what) {
    auto facts = store::dossiers::ReportFacts(tx, ids, window.Begin(), window.End(), window.to,
                                              kMaxReportDossiers + 1);
    if (!facts) {
        return std::move(facts).error();
    }
    if (static_cast<int>(facts->size()) > kMaxReportDossiers) {
        return base::InvalidArgument(
            std::string(what) + " có quá nhiều hồ sơ; hãy chọn đơn vị nhỏ hơn hoặc kỳ ngắn hơn");
    }
    return facts;
}

std::string_view LevelOf(domain::UnitType type, std::string_view inherited) {
    switch (type) {
        case domain::UnitType::kProvince:
            return "province";
        case domain::UnitType::kDistrict:
            return "district";
        case domain::UnitType::kCommune:
            return "commune";
        default:
            return inherited;
    }
}

base::Result<std::string> LevelOfUnit(store::Transaction& tx, const domain::Unit& unit) {
    domain::Unit u = unit;
    for (int depth = 0; depth < 16; ++depth) {
        std::string_view level = LevelOf(u.type, "");
        if (!level.empty()) {
            return std::string(level);
        }
        if (!u.parent_id) {
            break;
        }
        auto parent = store::units::Get(tx, *u.parent_id);
        if (!parent) {
            return std::move(parent).error();
        }
        if (!*parent) {
            break;
        }
        u = std::move(**parent);
    }
    return std::string("province");
}

}  // namespace internal

namespace {

namespace r06 = domain::report06;

// Form 06 from the incremental aggregates (docs/indicators.md "How it computes"): one grouped
// read per unit and per procedure, whatever the number of dossiers.
base::Result<r06::Report> FromAggregates(AppContext& ctx, store::Transaction& tx,
                                         const r06::Window& window,
                                         const std::vector<std::int64_t>& ids,
                                         const std::vector<r06::UnitLabel>& labels) {
    namespace agg = store::aggregates;
    namespace ind = domain::indicators;
    const ind::Day from = ind::ToDay(window.from);
    const ind::Day to = ind::ToDay(window.to);
    auto by_unit = internal::UnitSums(ctx, tx, ids, from, to, {});
    if (!by_unit) {
        return std::move(by_unit).error();
    }
    std::map<std::string, r06::Cells> fields;
    if (ctx.indicator_index != nullptr) {
        auto by_field = ctx.indicator_index->SumsByField(tx, ids, from, to);
        if (!by_field) {
            return std::move(by_field).error();
        }
        for (const auto& [field, sums] : *by_field) {
            fields[field].Add(ind::CellsFrom(sums));
        }
    } else {
        auto by_procedure = agg::SumsByProcedure(tx, ids, from, to);
        if (!by_procedure) {
            return std::move(by_procedure).error();
        }
        auto catalogue = agg::Catalogue(tx, window.to);
        if (!catalogue) {
            return std::move(catalogue).error();
        }
        for (const auto& [code, sums] : *by_procedure) {
            auto it = catalogue->find(code);
            fields[it == catalogue->end() ? std::string() : it->second.field].Add(
                ind::CellsFrom(sums));
        }
    }
    std::map<std::int64_t, r06::Cells> units;
    for (const auto& [id, sums] : *by_unit) {
        units[id] = ind::CellsFrom(sums);
    }
    return r06::BuildFromCells(window, fields, units, labels);
}

// The PAKN form over the scope and window (one query; app::CountFeedbackIn).
base::Result<FeedbackForm> FeedbackFormOf(store::Transaction& tx, const r06::Window& window,
                                          const std::vector<domain::Unit>& units) {
    std::vector<std::int64_t> ids;
    ids.reserve(units.size());
    for (const domain::Unit& u : units) {
        ids.push_back(u.id);
    }
    auto counts = CountFeedbackIn(tx, ids, window.from, window.to);
    if (!counts) {
        return std::move(counts).error();
    }
    FeedbackForm form;
    form.by_subject = {{"Về quy định hành chính", counts->regulation},
                       {"Về hành vi hành chính", counts->conduct},
                       {"Chưa phân loại", counts->unclassified}};
    for (const domain::Unit& u : units) {  // breadth-first order of the tree
        for (const auto& [id, row] : counts->by_unit) {
            if (id == u.id) {
                form.by_unit.push_back({u.name, row});
            }
        }
    }
    form.total = counts->total;
    for (const FeedbackFormRow& row : form.by_subject) {
        if (base::Status ok = CheckFeedbackRow(row.counts, row.label); !ok) {
            return ok.error();
        }
    }
    for (const FeedbackFormRow& row : form.by_unit) {
        if (base::Status ok = CheckFeedbackRow(row.counts, row.label); !ok) {
            return ok.error();
        }
    }
    if (base::Status ok = CheckFeedbackRow(form.total, "Tổng cộng"); !ok) {
        return ok.error();
    }
    return form;
}

// When a deliverable was done, by the reports up to `until`: every lead unit's latest report
// says done (the latest of those reports); with no lead named, any unit's. Empty: not done.
std::optional<std::chrono::sys_seconds> DoneAt(const store::plans::Deliverable& d,
                                               const std::vector<store::plans::Progress>& progress,
                                               std::chrono::sys_seconds until) {
    std::map<std::int64_t, const store::plans::Progress*> latest;  // unit → its latest report
    for (const store::plans::Progress& p : progress) {             // oldest first
        if (p.deliverable_id == d.id && p.reported_at < until) {
            latest[p.unit_id] = &p;
        }
    }
    std::vector<std::int64_t> leads;
    for (const store::plans::Assignment& a : d.assignments) {
        if (a.role == "lead") {
            leads.push_back(a.unit_id);
        }
    }
    if (leads.empty()) {
        for (const auto& [unit, p] : latest) {
            leads.push_back(unit);
        }
    }
    if (leads.empty()) {
        return std::nullopt;
    }
    std::chrono::sys_seconds at{};
    for (const std::int64_t unit : leads) {
        auto it = latest.find(unit);
        if (it == latest.end() || it->second->status != "done") {
            return std::nullopt;
        }
        at = std::max(at, it->second->reported_at);
    }
    return at;
}

base::Result<PlanProgressSection> PlanProgressOf(AppContext& ctx, store::Transaction& tx,
                                                 const r06::Window& window,
                                                 const std::vector<std::int64_t>& ids) {
    PlanProgressSection out;
    out.total.title = "Tổng cộng";
    auto heads = store::plans::List(tx, ids);
    if (!heads) {
        return std::move(heads).error();
    }
    const int year = static_cast<int>(std::chrono::year_month_day{window.to}.year());
    // Judged at the window's end, or now when the window has not ended yet.
    const std::chrono::sys_seconds now =
        ctx.clock != nullptr
            ? ctx.clock->Now()
            : std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::chrono::sys_seconds until = std::min(window.End(), now);
    for (const store::plans::Head& h : *heads) {
        if (h.year != year) {
            continue;
        }
        auto plan = store::plans::Get(tx, h.id);
        if (!plan) {
            return std::move(plan).error();
        }
        if (!*plan) {
            continue;
        }
        auto progress = store::plans::ProgressOfPlan(tx, h.id);
        if (!progress) {
            return std::move(progress).error();
        }
        PlanProgressRow row;
        row.plan_id = h.id;
        row.title = h.title;
        row.status = h.status;
        for (const store::plans::Section& section : (*plan)->sections) {
            for (const store::plans::Task& task : section.tasks) {
                for (const store::plans::Deliverable& d : task.deliverables) {
                    const auto done_at = DoneAt(d, *progress, until);
                    for (const std::chrono::sys_days due : d.due) {
                        if (due < window.from || due > window.to) {
                            continue;
                        }
                        ++row.due;
                        if (done_at) {
                            const std::chrono::sys_days done_day =
                                std::chrono::floor<std::chrono::days>(*done_at +
                                                                      calendar::kVietnamOffset);
                            ++(done_day <= due ? row.done : row.done_late);
                        } else {
                            // Overdue once the due day is over (Vietnam time).
                            const std::chrono::sys_seconds due_end =
                                std::chrono::sys_seconds{due + std::chrono::days{1}} -
                                calendar::kVietnamOffset;
                            ++(due_end <= until ? row.overdue : row.in_progress);
                        }
                    }
                }
            }
        }
        out.total.due += row.due;
        out.total.done += row.done;
        out.total.done_late += row.done_late;
        out.total.in_progress += row.in_progress;
        out.total.overdue += row.overdue;
        out.plans.push_back(std::move(row));
    }
    return out;
}

base::Result<SettlementReport> Run(AppContext& ctx, const Actor* actor,
                                   const SettlementReportQuery& query, bool from_aggregates) {
    return internal::ReadInReportScope<SettlementReport>(
        ctx, actor, query,
        [&](store::Transaction& tx, const r06::Window& window,
            const internal::ReportScope& scope) -> base::Result<SettlementReport> {
            const domain::Unit* unit = &scope.unit;
            const std::vector<domain::Unit>* units = &scope.units;
            std::vector<std::int64_t> ids;
            std::vector<r06::UnitLabel> labels;
            for (const domain::Unit& u : *units) {
                ids.push_back(u.id);
                labels.push_back({u.id, u.name});
            }
            auto feedback = FeedbackFormOf(tx, window, *units);
            if (!feedback) {
                return std::move(feedback).error();
            }
            auto plans = PlanProgressOf(ctx, tx, window, ids);  // issue #7
            if (!plans) {
                return std::move(plans).error();
            }
            if (from_aggregates) {
                auto report = FromAggregates(ctx, tx, window, ids, labels);
                if (!report) {
                    return std::move(report).error();
                }
                return SettlementReport{*unit, std::move(*report), std::move(*feedback),
                                        std::move(*plans)};
            }
            auto facts = internal::CappedReportFacts(tx, ids, window, "báo cáo");
            if (!facts) {
                return std::move(facts).error();
            }
            std::vector<r06::DossierFacts> dossiers;
            dossiers.reserve(facts->size());
            for (store::dossiers::ReportFact& f : *facts) {
                r06::DossierFacts d;
                d.received_at = f.received_at;
                d.channel = f.channel;
                d.finished_at = f.finished_at;
                d.timing = f.timing;
                d.late = f.late;
                d.due_at = f.due_at ? f.due_at : f.appointment_at;
                d.settling_unit_id = f.settling_unit_id;
                d.field = std::move(f.field);
                dossiers.push_back(std::move(d));
            }
            auto report = r06::Build(window, dossiers, labels);
            if (!report) {
                return std::move(report).error();
            }
            return SettlementReport{*unit, std::move(*report), std::move(*feedback),
                                    std::move(*plans)};
        });
}

}  // namespace

base::Status CheckFeedbackRow(const FeedbackCountRow& row, std::string_view label) {
    const int in = row.received + row.carried_over;
    const int out = row.Handled() + row.withdrawn + row.InProgress();
    if (in != out) {
        return base::Internal("biểu PAKN, dòng \"" + std::string(label) + "\": tiếp nhận " +
                              std::to_string(in) + " ≠ đã xử lý + rút + đang xử lý " +
                              std::to_string(out));
    }
    return {};
}

base::Result<SettlementReport> TthcSettlementReport(AppContext& ctx, const Actor& actor,
                                                    const SettlementReportQuery& query) {
    return Run(ctx, &actor, query, true);
}

base::Result<SettlementReport> TthcSettlementReportAsSystem(AppContext& ctx,
                                                            const SettlementReportQuery& query) {
    return Run(ctx, nullptr, query, true);
}

namespace internal {

base::Result<SettlementReport> SettlementReportFromDossiers(AppContext& ctx,
                                                            const SettlementReportQuery& query) {
    return Run(ctx, nullptr, query, false);
}

}  // namespace internal

}  // namespace motcua::app
