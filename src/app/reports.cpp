#include "app/reports.hpp"

#include <deque>
#include <optional>
#include <set>

#include "app/dossier_access.hpp"
#include "app/indicator_index.hpp"
#include "app/indicators.hpp"
#include "app/report_scope.hpp"
#include "store/aggregates.hpp"
#include "store/dossiers.hpp"
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
            if (from_aggregates) {
                auto report = FromAggregates(ctx, tx, window, ids, labels);
                if (!report) {
                    return std::move(report).error();
                }
                return SettlementReport{*unit, std::move(*report)};
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
            return SettlementReport{*unit, std::move(*report)};
        });
}

}  // namespace

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
