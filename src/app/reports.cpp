#include "app/reports.hpp"

#include <deque>
#include <optional>
#include <set>

#include "app/dossier_access.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace r06 = domain::report06;
using domain::Role;

// The unit and its subtree (breadth first).
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

base::Result<SettlementReport> Run(AppContext& ctx, const Actor* actor,
                                   const SettlementReportQuery& query) {
    auto period = r06::ParsePeriod(query.period);
    if (!period) {
        return std::move(period).error();
    }
    if (query.unit_code.empty()) {
        return base::InvalidArgument("thiếu mã đơn vị (unit)");
    }
    const r06::Window window = r06::Resolve(*period, query.window);
    return InReadTransaction<SettlementReport>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<SettlementReport> {
            if (actor != nullptr && !actor->SignedIn()) {
                return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
            }
            auto unit = store::units::GetByCode(tx, query.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("không có đơn vị mã " + query.unit_code);
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
            std::vector<std::int64_t> ids;
            std::vector<r06::UnitLabel> labels;
            for (const domain::Unit& u : *units) {
                ids.push_back(u.id);
                labels.push_back({u.id, u.name});
            }
            auto facts = store::dossiers::ReportFacts(tx, ids, window.Begin(), window.End(),
                                                      window.to, kMaxReportDossiers + 1);
            if (!facts) {
                return std::move(facts).error();
            }
            if (static_cast<int>(facts->size()) > kMaxReportDossiers) {
                return base::InvalidArgument(
                    "báo cáo có quá nhiều hồ sơ; hãy chọn đơn vị nhỏ hơn hoặc kỳ ngắn hơn");
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
            return SettlementReport{**unit, std::move(*report)};
        });
}

}  // namespace

base::Result<SettlementReport> TthcSettlementReport(AppContext& ctx, const Actor& actor,
                                                    const SettlementReportQuery& query) {
    return Run(ctx, &actor, query);
}

base::Result<SettlementReport> TthcSettlementReportAsSystem(AppContext& ctx,
                                                            const SettlementReportQuery& query) {
    return Run(ctx, nullptr, query);
}

}  // namespace motcua::app
