#include "app/inspections.hpp"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/control_util.hpp"
#include "app/correction_letters.hpp"
#include "app/dossier_access.hpp"
#include "app/feedback.hpp"
#include "app/publication_decisions.hpp"
#include "calendar/civil_date.hpp"
#include "render/inspection_report.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace json = boost::json;
namespace ins = domain::inspection;
namespace si = store::inspections;
using control::OptDay;
using control::OptInt;
using control::OptString;
using control::ParseBody;
using domain::Role;
using std::chrono::sys_days;

constexpr std::size_t kMaxText = 20000;

base::Error SignInFirst() {
    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
}

sys_days Today(const AppContext& ctx) {
    return std::chrono::floor<std::chrono::days>(ctx.clock->Now() + calendar::kVietnamOffset);
}

base::Result<const calendar::WorkingCalendar*> Calendar() {
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return cal.error();
    }
    return cal->get();
}

// ---- Input -------------------------------------------------------------------------------------

base::Result<std::int64_t> RequireVersion(const json::object& o, std::string_view key) {
    auto v = OptInt(o, key);
    if (!v) {
        return std::move(v).error();
    }
    if (!*v) {
        return base::InvalidArgument("Thiếu trường '" + std::string(key) +
                                     "' (phiên bản đang sửa).");
    }
    return **v;
}

// ---- Access ------------------------------------------------------------------------------------

base::Result<bool> MayManage(store::Transaction& tx, const Actor& actor, const ins::Plan& plan) {
    return control::HoldsAny(tx, actor, {Role::kControlOfficer}, plan.inspecting_unit_id);
}
base::Result<bool> MayLead(store::Transaction& tx, const Actor& actor, const ins::Plan& plan) {
    return control::HoldsAny(tx, actor, {Role::kLeader}, plan.inspecting_unit_id);
}
base::Result<bool> MayReadPlan(store::Transaction& tx, const Actor& actor, const ins::Plan& plan) {
    return control::HoldsAny(tx, actor, {Role::kControlOfficer, Role::kLeader},
                             plan.inspecting_unit_id);
}
// The inspected unit's own staff: a leader, control officer or specialist whose unit is the
// inspected unit or lies below it (not the inspectors above it, whose scope also covers it).
base::Result<bool> IsInspected(store::Transaction& tx, const Actor& actor,
                               const ins::Inspection& i) {
    if (!actor.SignedIn() || !actor.user->active) {
        return false;
    }
    for (const domain::RoleGrant& g : actor.user->roles) {
        if (!g.unit_id || (g.role != Role::kLeader && g.role != Role::kControlOfficer &&
                           g.role != Role::kSpecialist)) {
            continue;
        }
        auto inside = store::units::IsInSubtree(tx, *g.unit_id, i.inspected_unit_id);
        if (!inside) {
            return inside;
        }
        if (*inside) {
            return true;
        }
    }
    return false;
}

base::Status Refuse(std::string message) {
    return base::Error{base::ErrorCode::kPermissionDenied, std::move(message)};
}

// The inspecting unit's TTHC-control officers only: "Chỉ công chức … mới <what>." otherwise.
base::Status RequireInspector(store::Transaction& tx, const Actor& actor, const ins::Plan& plan,
                              std::string_view what) {
    auto may = MayManage(tx, actor, plan);
    if (!may) {
        return std::move(may).error();
    }
    if (!*may) {
        return Refuse("Chỉ công chức kiểm soát TTHC của đơn vị kiểm tra mới " + std::string(what) +
                      ".");
    }
    return {};
}

base::Result<ins::Plan> LoadPlan(store::Transaction& tx, std::int64_t id) {
    auto p = si::GetPlan(tx, id);
    if (!p) {
        return std::move(p).error();
    }
    if (!*p) {
        return base::NotFound("Không có kế hoạch kiểm tra số " + std::to_string(id) + ".");
    }
    return std::move(**p);
}

base::Result<domain::Unit> LoadUnit(store::Transaction& tx, std::int64_t id) {
    auto u = store::units::Get(tx, id);
    if (!u) {
        return std::move(u).error();
    }
    if (!*u) {
        return base::NotFound("Không có đơn vị số " + std::to_string(id) + ".");
    }
    return std::move(**u);
}

base::Result<domain::Unit> UnitByCode(store::Transaction& tx, const std::string& code,
                                      std::string_view field) {
    auto u = store::units::GetByCode(tx, code);
    if (!u) {
        return std::move(u).error();
    }
    if (!*u) {
        return base::InvalidArgument("Không có đơn vị mã '" + code + "' (" + std::string(field) +
                                     ").");
    }
    return std::move(**u);
}

// ---- Views -------------------------------------------------------------------------------------

base::Result<InspectionView> ViewOf(store::Transaction& tx, const calendar::WorkingCalendar& cal,
                                    ins::Inspection i) {
    auto unit = LoadUnit(tx, i.inspected_unit_id);
    if (!unit) {
        return std::move(unit).error();
    }
    InspectionView v;
    v.notice_by = ins::NoticeDeadline(cal, i);
    v.report_by = ins::ReportDeadline(cal, i);
    v.allowed = ins::Allowed(i);
    v.inspection = std::move(i);
    v.unit = std::move(*unit);
    return v;
}

base::Result<InspectionPlanView> PlanView(store::Transaction& tx, const AppContext& ctx,
                                          ins::Plan plan) {
    auto cal = Calendar();
    if (!cal) {
        return std::move(cal).error();
    }
    auto unit = LoadUnit(tx, plan.inspecting_unit_id);
    if (!unit) {
        return std::move(unit).error();
    }
    auto list = si::PlanInspections(tx, plan.id);
    if (!list) {
        return std::move(list).error();
    }
    auto children = store::units::Children(tx, plan.inspecting_unit_id);
    if (!children) {
        return std::move(children).error();
    }
    ins::PlanContext pc;
    for (const domain::Unit& c : *children) {
        pc.sub_units.push_back(c.id);
    }
    InspectionPlanView out;
    out.warnings = ins::Warnings(**cal, plan, *list, pc, Today(ctx));
    for (ins::Inspection& i : *list) {
        auto v = ViewOf(tx, **cal, std::move(i));
        if (!v) {
            return std::move(v).error();
        }
        out.inspections.push_back(std::move(*v));
    }
    out.plan = std::move(plan);
    out.inspecting_unit = std::move(*unit);
    return out;
}

base::Result<std::vector<ins::Action>> ActionsFor(store::Transaction& tx, const Actor& actor,
                                                  const ins::Plan& plan, const ins::Inspection& i) {
    std::vector<ins::Action> out;
    for (ins::Action a : ins::Allowed(i)) {
        base::Result<bool> may = false;
        switch (ins::ActionParty(a)) {
            case ins::Party::kInspector:
                may = MayManage(tx, actor, plan);
                break;
            case ins::Party::kLeader:
                may = MayLead(tx, actor, plan);
                break;
            case ins::Party::kInspected:
                may = IsInspected(tx, actor, i);
                break;
        }
        if (!may) {
            return std::move(may).error();
        }
        if (*may) {
            out.push_back(a);
        }
    }
    return out;
}

// The inspection with access checked: readers of the plan and the inspected unit's staff; others
// get kNotFound.
struct Loaded {
    ins::Plan plan;
    ins::Inspection inspection;
};
base::Result<Loaded> LoadInspection(store::Transaction& tx, const Actor& actor, std::int64_t id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    const base::Error not_found =
        base::NotFound("Không có cuộc kiểm tra số " + std::to_string(id) + ".");
    auto i = si::GetInspection(tx, id);
    if (!i) {
        return std::move(i).error();
    }
    if (!*i) {
        return not_found;
    }
    auto plan = LoadPlan(tx, (*i)->plan_id);
    if (!plan) {
        return std::move(plan).error();
    }
    auto reader = MayReadPlan(tx, actor, *plan);
    if (!reader) {
        return std::move(reader).error();
    }
    if (!*reader) {
        auto inspected = IsInspected(tx, actor, **i);
        if (!inspected) {
            return std::move(inspected).error();
        }
        if (!*inspected) {
            return not_found;
        }
    }
    return Loaded{std::move(*plan), std::move(**i)};
}

base::Result<InspectionDetail> Detail(store::Transaction& tx, const AppContext& ctx,
                                      const Actor& actor, const Loaded& l) {
    auto pv = PlanView(tx, ctx, l.plan);
    if (!pv) {
        return std::move(pv).error();
    }
    InspectionDetail d;
    for (InspectionView& v : pv->inspections) {
        if (v.inspection.id == l.inspection.id) {
            d.view = std::move(v);
        }
    }
    for (ins::Warning& w : pv->warnings) {
        if (w.inspection_id == l.inspection.id) {
            d.warnings.push_back(std::move(w));
        }
    }
    d.plan = pv->plan;
    d.inspecting_unit = pv->inspecting_unit;
    auto checklist = si::Checklist(tx, l.inspection.id);
    auto events = si::Events(tx, l.inspection.id);
    auto conclusions = si::Conclusions(tx, l.inspection.id);
    auto remediation = si::Remediation(tx, l.inspection.id);
    auto actions = ActionsFor(tx, actor, l.plan, l.inspection);
    if (!checklist || !events || !conclusions || !remediation || !actions) {
        return !checklist     ? checklist.error()
               : !events      ? events.error()
               : !conclusions ? conclusions.error()
               : !remediation ? remediation.error()
                              : actions.error();
    }
    d.checklist = std::move(*checklist);
    d.events = std::move(*events);
    d.conclusions = std::move(*conclusions);
    d.remediation = std::move(*remediation);
    d.actions = std::move(*actions);
    return d;
}

// ---- Pre-filled figures ------------------------------------------------------------------------

std::string NoData(std::string_view what) {
    return json::serialize(
        json::object{{"status", "no_data"},
                     {"text", "Chưa có dữ liệu"},
                     {"note", std::string(what) + " chưa được quản lý trên hệ thống."}});
}

// The figures of `unit_code` for `period` from the quarterly correction letter's data
// (app/correction_letters.hpp: overdue dossiers, results not digitised, online and payment
// gaps), one JSON text per figure; feedback from app::FeedbackCounts ("Chưa có dữ liệu" when the
// unit received none). Publication: indicators 1.1–1.2 from the stored publication decisions
// ("Chưa có dữ liệu" when the unit's subtree has none).
base::Result<std::map<ins::Figure, std::string>> Figures(AppContext& ctx,
                                                         const std::string& unit_code,
                                                         const std::string& period) {
    SettlementReportQuery q;
    q.unit_code = unit_code;
    q.period = period;
    q.window = domain::report06::WindowRule::kCalendar;
    auto letter = CorrectionLetterAsSystem(ctx, q);
    if (!letter) {
        return std::move(letter).error();
    }
    const CorrectionLetterData& l = *letter;
    const json::object base{{"status", "ok"},
                            {"period", period},
                            {"from", calendar::FormatIsoDate(l.window.from)},
                            {"to", calendar::FormatIsoDate(l.window.to)},
                            {"source", "Hệ thống motcua (dữ liệu văn bản đôn đốc, chấn chỉnh)"}};
    auto with = [&base](json::object extra) {
        json::object o = base;
        for (auto& kv : extra) {
            o[kv.key()] = kv.value();
        }
        return json::serialize(o);
    };
    json::array overdue_codes;
    for (std::size_t k = 0; k < l.overdue.size() && k < 20; ++k) {
        overdue_codes.emplace_back(l.overdue[k].code);
    }
    const std::int64_t received = l.total.online + l.total.direct_postal;
    std::map<ins::Figure, std::string> out;
    out[ins::Figure::kOverdue] =
        with({{"value", l.overdue_count},
              {"dossiers", overdue_codes},
              {"text", "Hồ sơ quá hạn đến cuối kỳ: " + std::to_string(l.overdue_count)}});
    out[ins::Figure::kBacklog] =
        with({{"value", l.total.InProgress()},
              {"within", l.total.within},
              {"overdue", l.total.overdue},
              {"text", "Hồ sơ tồn đọng cuối kỳ: " + std::to_string(l.total.InProgress()) +
                           " (trong hạn " + std::to_string(l.total.within) + ", quá hạn " +
                           std::to_string(l.total.overdue) + ")"}});
    out[ins::Figure::kDigitisation] =
        with({{"value", l.undigitised_count},
              {"of", l.settled_with_result},
              {"text", "Kết quả chưa số hóa: " + std::to_string(l.undigitised_count) + "/" +
                           std::to_string(l.settled_with_result) + " hồ sơ đã giải quyết"}});
    out[ins::Figure::kOnlineServices] =
        with({{"value", l.total.online},
              {"of", received},
              {"text", "Hồ sơ trực tuyến: " + std::to_string(l.total.online) + "/" +
                           std::to_string(received) + " hồ sơ tiếp nhận"}});
    out[ins::Figure::kOnlinePayments] =
        with({{"value", l.paid_online},
              {"of", l.fee_dossiers},
              {"text", "Thanh toán trực tuyến: " + std::to_string(l.paid_online) + "/" +
                           std::to_string(l.fee_dossiers) + " hồ sơ có phí, lệ phí"}});
    // Publication decisions of the unit's subtree (issue #8; app/publication_decisions.hpp).
    auto publication = PublicationFigureOf(ctx, l.unit, l.window.from, l.window.to);
    if (!publication) {
        return std::move(publication).error();
    }
    out[ins::Figure::kPublication] =
        publication->empty() ? NoData("Công bố, công khai TTHC") : std::move(*publication);
    // Feedback (PAKN) handled by the unit's subtree over the same window (app/feedback.hpp).
    auto fb = FeedbackCounts(ctx, l.unit.id, l.window.from, l.window.to);
    if (!fb) {
        return std::move(fb).error();
    }
    const FeedbackCountRow& t = fb->total;
    if (t.received == 0) {
        out[ins::Figure::kFeedback] = NoData("Tiếp nhận, xử lý phản ánh, kiến nghị");
    } else {
        out[ins::Figure::kFeedback] =
            with({{"value", t.received},
                  {"handled_on_time", t.handled_on_time},
                  {"handled_late", t.handled_late},
                  {"in_progress_on_time", t.in_progress_on_time},
                  {"in_progress_overdue", t.in_progress_overdue},
                  {"withdrawn", t.withdrawn},
                  {"source", "Hệ thống motcua (phản ánh, kiến nghị)"},
                  {"text", "Phản ánh, kiến nghị tiếp nhận: " + std::to_string(t.received) +
                               "; đã xử lý đúng hạn " + std::to_string(t.handled_on_time) +
                               ", quá hạn " + std::to_string(t.handled_late) +
                               "; đang xử lý quá hạn " + std::to_string(t.in_progress_overdue)}});
    }
    return out;
}

std::vector<si::ChecklistItem> ChecklistOf(const ins::Template& t,
                                           const std::map<ins::Figure, std::string>& figures) {
    std::vector<si::ChecklistItem> out;
    for (const ins::TemplateItem& item : t.items) {
        si::ChecklistItem c;
        c.key = item.key;
        c.number = item.number;
        c.title = item.title;
        c.figure = std::string(ins::FigureName(item.figure));
        if (auto it = figures.find(item.figure); it != figures.end()) {
            c.prefilled_json = it->second;
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::string PeriodOf(const ins::Plan& plan, const std::optional<std::string>& period) {
    return period && !period->empty() ? *period : std::to_string(plan.year);
}

// ---- Plan input --------------------------------------------------------------------------------

base::Status ReadPlanFields(const json::object& o, ins::Plan& p) {
    auto year = OptInt(o, "year");
    auto title = OptString(o, "title");
    auto number = OptString(o, "decision_number", 200);
    auto date = OptDay(o, "decision_date");
    auto checklist = OptString(o, "checklist", 20);
    if (!year || !title || !number || !date || !checklist) {
        return !year     ? year.error()
               : !title  ? title.error()
               : !number ? number.error()
               : !date   ? date.error()
                         : checklist.error();
    }
    if (!*year) {
        return base::InvalidArgument("Thiếu năm kế hoạch (year).");
    }
    p.year = static_cast<int>(std::clamp<std::int64_t>(**year, 0, 100000));
    p.title = title->value_or("");
    p.decision_number = number->value_or("");
    p.decision_date = *date;
    p.checklist = checklist->value_or("s3");
    return ins::ValidatePlan(p);
}

std::string PlanDetail(const ins::Plan& p) {
    return "{\"year\":" + std::to_string(p.year) + ",\"title\":" + JsonQuote(p.title) +
           ",\"decision_number\":" + JsonQuote(p.decision_number) +
           ",\"checklist\":" + JsonQuote(p.checklist) + "}";
}

}  // namespace

// ---- Plans -------------------------------------------------------------------------------------

base::Result<InspectionPlanView> CreateInspectionPlan(AppContext& ctx, const Actor& actor,
                                                      std::string_view text) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto body = ParseBody(text);
    if (!body) {
        return std::move(body).error();
    }
    auto unit_code = OptString(*body, "inspecting_unit", 100);
    if (!unit_code) {
        return std::move(unit_code).error();
    }
    if (!*unit_code) {
        return base::InvalidArgument("Thiếu đơn vị kiểm tra (inspecting_unit).");
    }
    ins::Plan plan;
    if (base::Status s = ReadPlanFields(*body, plan); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<InspectionPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionPlanView> {
            auto unit = UnitByCode(tx, **unit_code, "inspecting_unit");
            if (!unit) {
                return std::move(unit).error();
            }
            plan.inspecting_unit_id = unit->id;
            auto may = MayManage(tx, actor, plan);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return Refuse(
                           "Chỉ công chức kiểm soát TTHC có phạm vi bao gồm đơn vị kiểm tra mới "
                           "lập được kế hoạch kiểm tra.")
                    .error();
            }
            auto id = si::CreatePlan(tx, plan, actor.user->id, now);
            if (!id) {
                return std::move(id).error();
            }
            plan.id = *id;
            plan.version = 1;
            if (base::Status s = Audit(tx, actor, now, "inspections.plan.create", "inspection_plan",
                                       std::to_string(*id), PlanDetail(plan));
                !s) {
                return s.error();
            }
            return PlanView(tx, ctx, plan);
        });
}

base::Result<InspectionPlanView> UpdateInspectionPlan(AppContext& ctx, const Actor& actor,
                                                      std::int64_t plan_id, std::string_view text) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto body = ParseBody(text);
    if (!body) {
        return std::move(body).error();
    }
    auto version = RequireVersion(*body, "version");
    if (!version) {
        return std::move(version).error();
    }
    ins::Plan edited;
    if (base::Status s = ReadPlanFields(*body, edited); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<InspectionPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionPlanView> {
            auto plan = LoadPlan(tx, plan_id);
            if (!plan) {
                return std::move(plan).error();
            }
            if (base::Status s = RequireInspector(tx, actor, *plan, "sửa được kế hoạch"); !s) {
                return s.error();
            }
            edited.id = plan->id;
            edited.inspecting_unit_id = plan->inspecting_unit_id;
            auto inspections = si::PlanInspections(tx, plan_id);
            if (!inspections) {
                return std::move(inspections).error();
            }
            for (const ins::Inspection& i : *inspections) {
                if (base::Status s = ins::ValidateInspection(edited, i); !s) {
                    return s.error();
                }
            }
            auto v = si::UpdatePlan(tx, edited, *version, now);
            if (!v) {
                return std::move(v).error();
            }
            edited.version = *v;
            if (base::Status s = Audit(tx, actor, now, "inspections.plan.update", "inspection_plan",
                                       std::to_string(plan_id), PlanDetail(edited));
                !s) {
                return s.error();
            }
            return PlanView(tx, ctx, edited);
        });
}

base::Result<InspectionPlanView> GetInspectionPlan(AppContext& ctx, const Actor& actor,
                                                   std::int64_t plan_id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    return InReadTransaction<InspectionPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionPlanView> {
            auto plan = LoadPlan(tx, plan_id);
            if (!plan) {
                return std::move(plan).error();
            }
            auto may = MayReadPlan(tx, actor, *plan);
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return Refuse(
                           "Chỉ công chức kiểm soát TTHC và lãnh đạo có phạm vi bao gồm đơn vị "
                           "kiểm tra mới xem được kế hoạch kiểm tra.")
                    .error();
            }
            return PlanView(tx, ctx, std::move(*plan));
        });
}

base::Result<std::vector<InspectionPlanView>> ListInspectionPlans(AppContext& ctx,
                                                                  const Actor& actor,
                                                                  std::optional<int> year) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    return InReadTransaction<std::vector<InspectionPlanView>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<InspectionPlanView>> {
            auto plans = si::ListPlans(tx, year);
            if (!plans) {
                return std::move(plans).error();
            }
            std::vector<InspectionPlanView> out;
            for (ins::Plan& p : *plans) {
                auto may = MayReadPlan(tx, actor, p);
                if (!may) {
                    return std::move(may).error();
                }
                if (!*may) {
                    continue;
                }
                auto v = PlanView(tx, ctx, std::move(p));
                if (!v) {
                    return std::move(v).error();
                }
                out.push_back(std::move(*v));
            }
            return out;
        });
}

// ---- Inspections -------------------------------------------------------------------------------

base::Result<InspectionDetail> AddInspection(AppContext& ctx, const Actor& actor,
                                             std::int64_t plan_id, std::string_view text) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto body = ParseBody(text);
    if (!body) {
        return std::move(body).error();
    }
    auto plan_version = RequireVersion(*body, "plan_version");
    auto unit_code = OptString(*body, "unit", 100);
    auto kind_name = OptString(*body, "kind", 40);
    auto quarter = OptInt(*body, "quarter");
    auto start = OptDay(*body, "start");
    auto end = OptDay(*body, "end");
    auto follow = OptInt(*body, "follow_up_of");
    auto period = OptString(*body, "period", 20);
    if (!plan_version) {
        return std::move(plan_version).error();
    }
    if (!unit_code || !kind_name || !quarter || !start || !end || !follow || !period) {
        return !unit_code   ? unit_code.error()
               : !kind_name ? kind_name.error()
               : !quarter   ? quarter.error()
               : !start     ? start.error()
               : !end       ? end.error()
               : !follow    ? follow.error()
                            : period.error();
    }
    if (!*unit_code) {
        return base::InvalidArgument("Thiếu đơn vị được kiểm tra (unit).");
    }
    ins::Inspection i;
    i.plan_id = plan_id;
    const auto kind = ins::ParseKind(kind_name->value_or("scheduled"));
    if (!kind) {
        return base::InvalidArgument(
            "Hình thức kiểm tra (kind) phải là scheduled, sudden, information_system hoặc "
            "self_inspection.");
    }
    i.kind = *kind;
    i.quarter = static_cast<int>(std::clamp<std::int64_t>(quarter->value_or(0), -1, 5));
    i.start = *start;
    i.end = *end ? *end : *start;
    i.follow_up_of = *follow;
    if (const json::value* team = body->if_contains("team"); team && !team->is_null()) {
        if (!team->is_array()) {
            return base::InvalidArgument("Trường 'team' phải là mảng thành viên.");
        }
        for (const json::value& m : team->as_array()) {
            if (!m.is_object()) {
                return base::InvalidArgument("Thành viên đoàn kiểm tra phải là đối tượng.");
            }
            auto name = OptString(m.as_object(), "name", 300);
            auto position = OptString(m.as_object(), "position", 300);
            if (!name || !position) {
                return !name ? name.error() : position.error();
            }
            const json::value* leader = m.as_object().if_contains("leader");
            if (leader && !leader->is_bool() && !leader->is_null()) {
                return base::InvalidArgument("Trường 'leader' phải là true/false.");
            }
            i.team.push_back({name->value_or(""), position->value_or(""),
                              leader && leader->is_bool() && leader->as_bool()});
        }
    }
    // The plan (for its year and template) and the unit, read first: the figures are read in
    // their own transaction before the write.
    auto head = InReadTransaction<ins::Plan>(
        *ctx.db, [&](store::Transaction& tx) { return LoadPlan(tx, plan_id); });
    if (!head) {
        return std::move(head).error();
    }
    const ins::Template* tmpl = ins::FindTemplate(head->checklist);
    if (!tmpl) {
        return base::Internal("kế hoạch có mẫu nội dung không hợp lệ");
    }
    const std::string fig_period = PeriodOf(*head, *period);
    auto figures = Figures(ctx, **unit_code, fig_period);
    if (!figures) {
        if (figures.error().code == base::ErrorCode::kNotFound) {
            return base::InvalidArgument("Không có đơn vị mã '" + **unit_code + "' (unit).");
        }
        if (figures.error().code != base::ErrorCode::kPermissionDenied) {
            return std::move(figures).error();
        }
    }
    std::vector<si::ChecklistItem> items =
        ChecklistOf(*tmpl, figures ? *figures : std::map<ins::Figure, std::string>{});
    const auto now = ctx.clock->Now();
    return InWriteTransaction<InspectionDetail>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionDetail> {
            auto plan = LoadPlan(tx, plan_id);
            if (!plan) {
                return std::move(plan).error();
            }
            if (base::Status s = RequireInspector(tx, actor, *plan, "thêm được cuộc kiểm tra");
                !s) {
                return s.error();
            }
            auto unit = UnitByCode(tx, **unit_code, "unit");
            if (!unit) {
                return std::move(unit).error();
            }
            auto inside = store::units::IsInSubtree(tx, unit->id, plan->inspecting_unit_id);
            if (!inside) {
                return std::move(inside).error();
            }
            if (!*inside || unit->id == plan->inspecting_unit_id) {
                return base::InvalidArgument("Đơn vị '" + unit->name +
                                             "' không thuộc phạm vi của đơn vị kiểm tra.");
            }
            i.inspected_unit_id = unit->id;
            i.inspected_unit_type = std::string(domain::UnitTypeName(unit->type));
            if (base::Status s = ins::ValidateInspection(*plan, i); !s) {
                return s.error();
            }
            if (i.follow_up_of) {
                auto previous = si::GetInspection(tx, *i.follow_up_of);
                if (!previous) {
                    return std::move(previous).error();
                }
                if (!*previous) {
                    return base::InvalidArgument("Không có cuộc kiểm tra số " +
                                                 std::to_string(*i.follow_up_of) +
                                                 " để phúc tra (follow_up_of).");
                }
                if (base::Status s = ins::ValidateFollowUp(i, **previous); !s) {
                    return s.error();
                }
                auto conclusions = si::Conclusions(tx, *i.follow_up_of);
                if (!conclusions) {
                    return std::move(conclusions).error();
                }
                json::object prev{{"status", "ok"},
                                  {"inspection", *i.follow_up_of},
                                  {"state", ins::StateName((*previous)->state)}};
                for (const si::Document& c : *conclusions) {
                    if (c.kind == "final") {
                        prev["conclusion_number"] = c.number;
                        prev["concluded_on"] = calendar::FormatIsoDate(c.on);
                    }
                }
                if ((*previous)->remediation_due) {
                    prev["remediation_due"] =
                        calendar::FormatIsoDate(*(*previous)->remediation_due);
                }
                prev["remediation_reported"] = (*previous)->remediation_reported_on.has_value();
                prev["text"] =
                    std::string("Phúc tra kết luận kiểm tra lần trước (cuộc kiểm tra số ") +
                    std::to_string(*i.follow_up_of) + ")";
                si::ChecklistItem f;
                f.key = "follow_up";
                f.number = "Phúc tra";
                f.title =
                    "Phúc tra việc thực hiện kết luận kiểm tra của lần kiểm tra trước (S3 §II.1.l)";
                f.figure = "";
                f.prefilled_json = json::serialize(prev);
                items.push_back(std::move(f));
            }
            auto touched = si::TouchPlan(tx, plan_id, *plan_version, now);
            if (!touched) {
                return std::move(touched).error();
            }
            auto id = si::AddInspection(tx, i, now);
            if (!id) {
                return std::move(id).error();
            }
            if (base::Status s = si::PutChecklist(tx, *id, items); !s) {
                return s.error();
            }
            si::Event e;
            e.action = "created";
            e.on = std::chrono::floor<std::chrono::days>(now + calendar::kVietnamOffset);
            e.at = now;
            e.actor_id = actor.user->id;
            e.actor_name = actor.user->username;
            e.note = std::string(ins::KindLabel(i.kind)) + " " + unit->name;
            if (auto s = si::AppendEvent(tx, *id, e); !s) {
                return std::move(s).error();
            }
            if (base::Status s = Audit(tx, actor, now, "inspections.inspection.create",
                                       "inspection", std::to_string(*id),
                                       "{\"plan\":" + std::to_string(plan_id) +
                                           ",\"unit\":" + JsonQuote(unit->code) +
                                           ",\"kind\":" + JsonQuote(ins::KindName(i.kind)) + "}");
                !s) {
                return s.error();
            }
            auto loaded = LoadInspection(tx, actor, *id);
            if (!loaded) {
                return std::move(loaded).error();
            }
            return Detail(tx, ctx, actor, *loaded);
        });
}

base::Result<InspectionDetail> GetInspection(AppContext& ctx, const Actor& actor,
                                             std::int64_t inspection_id) {
    return InReadTransaction<InspectionDetail>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionDetail> {
            auto loaded = LoadInspection(tx, actor, inspection_id);
            if (!loaded) {
                return std::move(loaded).error();
            }
            return Detail(tx, ctx, actor, *loaded);
        });
}

base::Result<std::vector<InspectionView>> MyInspections(AppContext& ctx, const Actor& actor) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    return InReadTransaction<std::vector<InspectionView>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<InspectionView>> {
            auto cal = Calendar();
            if (!cal) {
                return std::move(cal).error();
            }
            std::vector<std::int64_t> units;
            for (const domain::RoleGrant& g : actor.user->roles) {
                if (g.unit_id && g.role != Role::kAdmin && g.role != Role::kCitizen) {
                    units.push_back(*g.unit_id);
                }
            }
            auto list = si::UnitInspections(tx, units);
            if (!list) {
                return std::move(list).error();
            }
            std::vector<InspectionView> out;
            for (ins::Inspection& i : *list) {
                auto v = ViewOf(tx, **cal, std::move(i));
                if (!v) {
                    return std::move(v).error();
                }
                out.push_back(std::move(*v));
            }
            return out;
        });
}

namespace {

// The shape of every step on one inspection: in one write transaction, the inspection loaded
// with access checked (kNotFound for those who may not see it), `step(tx, loaded, now)` —
// which checks who acts and the state, changes the inspection and returns the audit detail —,
// the audit record `audit_action`, and the inspection read again.
template <typename Step>
base::Result<InspectionDetail> StepOnInspection(AppContext& ctx, const Actor& actor,
                                                std::int64_t inspection_id,
                                                std::string_view audit_action, Step step) {
    const auto now = ctx.clock->Now();
    return InWriteTransaction<InspectionDetail>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<InspectionDetail> {
            auto loaded = LoadInspection(tx, actor, inspection_id);
            if (!loaded) {
                return std::move(loaded).error();
            }
            base::Result<std::string> detail = step(tx, *loaded, now);
            if (!detail) {
                return std::move(detail).error();
            }
            if (base::Status s = Audit(tx, actor, now, std::string(audit_action), "inspection",
                                       std::to_string(inspection_id), *detail);
                !s) {
                return s.error();
            }
            auto reloaded = LoadInspection(tx, actor, inspection_id);
            if (!reloaded) {
                return std::move(reloaded).error();
            }
            return Detail(tx, ctx, actor, *reloaded);
        });
}

}  // namespace

base::Result<InspectionDetail> ActOnInspection(AppContext& ctx, const Actor& actor,
                                               std::int64_t inspection_id, std::string_view text) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto body = ParseBody(text);
    if (!body) {
        return std::move(body).error();
    }
    auto action_name = OptString(*body, "action", 40);
    auto on = OptDay(*body, "on");
    auto version = RequireVersion(*body, "version");
    auto note = OptString(*body, "note", kMaxText);
    auto number = OptString(*body, "number", 200);
    auto doc_text = OptString(*body, "text", kMaxText);
    if (!action_name || !on || !version || !note || !number || !doc_text) {
        return !action_name ? action_name.error()
               : !on        ? on.error()
               : !version   ? version.error()
               : !note      ? note.error()
               : !number    ? number.error()
                            : doc_text.error();
    }
    const auto action = ins::ParseAction(action_name->value_or(""));
    if (!action) {
        return base::InvalidArgument("Thao tác (action) không hợp lệ: '" +
                                     action_name->value_or("") + "'.");
    }
    json::array documents;
    if (const json::value* docs = body->if_contains("documents"); docs && !docs->is_null()) {
        if (!docs->is_array() || docs->as_array().size() > 50) {
            return base::InvalidArgument("Trường 'documents' phải là mảng (tối đa 50) chuỗi.");
        }
        for (const json::value& d : docs->as_array()) {
            if (!d.is_string() || d.as_string().size() > 500) {
                return base::InvalidArgument("Mỗi tài liệu (documents) là một chuỗi ngắn.");
            }
            documents.push_back(d);
        }
    }
    auto cal = Calendar();
    if (!cal) {
        return std::move(cal).error();
    }
    const sys_days day = on->value_or(Today(ctx));
    if (day > Today(ctx)) {
        return base::InvalidArgument("Ngày thực hiện (on) không thể sau hôm nay.");
    }
    return StepOnInspection(
        ctx, actor, inspection_id, "inspections.action",
        [&](store::Transaction& tx, const Loaded& loaded,
            std::chrono::sys_seconds now) -> base::Result<std::string> {
            base::Result<bool> may = false;
            std::string who;
            switch (ins::ActionParty(*action)) {
                case ins::Party::kInspector:
                    may = MayManage(tx, actor, loaded.plan);
                    who = "công chức kiểm soát TTHC của đơn vị kiểm tra";
                    break;
                case ins::Party::kLeader:
                    may = MayLead(tx, actor, loaded.plan);
                    who = "lãnh đạo đơn vị kiểm tra";
                    break;
                case ins::Party::kInspected:
                    may = IsInspected(tx, actor, loaded.inspection);
                    who = "đơn vị được kiểm tra";
                    break;
            }
            if (!may) {
                return std::move(may).error();
            }
            if (!*may) {
                return Refuse("Thao tác '" + std::string(ins::ActionLabel(*action)) + "' do " +
                              who + " thực hiện.")
                    .error();
            }
            if (loaded.inspection.version != *version) {
                return base::Error{base::ErrorCode::kAborted,
                                   "Cuộc kiểm tra đã bị thay đổi bởi người khác; vui lòng tải lại "
                                   "và thử lại."};
            }
            auto next = ins::Apply(**cal, loaded.inspection, {*action, day});
            if (!next) {
                return std::move(next).error();
            }
            auto saved = si::SaveCycle(tx, *next);
            if (!saved) {
                return std::move(saved).error();
            }
            const std::string doc_number = number->value_or("");
            const std::string body_text = doc_text->value_or(note->value_or(""));
            if (*action == ins::Action::kDraftConclusion || *action == ins::Action::kConclude) {
                const std::string kind =
                    *action == ins::Action::kDraftConclusion ? "draft" : "final";
                if (kind == "final" && doc_number.empty()) {
                    return base::InvalidArgument("Kết luận kiểm tra cần số văn bản (number).");
                }
                if (base::Status s = si::PutConclusion(
                        tx, inspection_id,
                        {kind, doc_number, day, body_text, false, actor.user->id, now});
                    !s) {
                    return s.error();
                }
            }
            if (*action == ins::Action::kReportRemediation) {
                const bool late = next->remediation_due && day > *next->remediation_due;
                if (base::Status s = si::PutRemediation(
                        tx, inspection_id,
                        {"remediation", doc_number, day, body_text, late, actor.user->id, now});
                    !s) {
                    return s.error();
                }
            }
            si::Event e;
            e.action = std::string(ins::ActionName(*action));
            e.on = day;
            e.at = now;
            e.actor_id = actor.user->id;
            e.actor_name = actor.user->username;
            e.note = note->value_or(doc_text->value_or(""));
            if (!doc_number.empty()) {
                documents.push_back(json::value(doc_number));
            }
            e.documents_json = json::serialize(documents);
            if (auto s = si::AppendEvent(tx, inspection_id, e); !s) {
                return std::move(s).error();
            }
            std::string detail = "{\"action\":" + JsonQuote(e.action) +
                                 ",\"on\":" + JsonQuote(calendar::FormatIsoDate(day)) +
                                 ",\"state\":" + JsonQuote(ins::StateName(next->state));
            if (next->remediation_due) {
                detail += ",\"remediation_due\":" +
                          JsonQuote(calendar::FormatIsoDate(*next->remediation_due));
            }
            detail += "}";
            return detail;
        });
}

base::Result<InspectionDetail> SetChecklistFinding(AppContext& ctx, const Actor& actor,
                                                   std::int64_t inspection_id,
                                                   const std::string& key, std::string_view text) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto body = ParseBody(text);
    if (!body) {
        return std::move(body).error();
    }
    auto finding = OptString(*body, "finding", kMaxText);
    if (!finding) {
        return std::move(finding).error();
    }
    if (!*finding) {
        return base::InvalidArgument("Thiếu nhận xét (finding).");
    }
    return StepOnInspection(
        ctx, actor, inspection_id, "inspections.checklist",
        [&](store::Transaction& tx, const Loaded& loaded,
            std::chrono::sys_seconds now) -> base::Result<std::string> {
            if (base::Status s = RequireInspector(tx, actor, loaded.plan, "ghi được nhận xét");
                !s) {
                return s.error();
            }
            if (loaded.inspection.state >= ins::State::kConcluded) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Đã ban hành kết luận: không sửa nhận xét được nữa."};
            }
            if (base::Status s =
                    si::SetFinding(tx, inspection_id, key, **finding, actor.user->id, now);
                !s) {
                return s.error();
            }
            return "{\"item\":" + JsonQuote(key) + "}";
        });
}

base::Result<InspectionDetail> RefreshChecklist(AppContext& ctx, const Actor& actor,
                                                std::int64_t inspection_id) {
    auto current = GetInspection(ctx, actor, inspection_id);
    if (!current) {
        return current;
    }
    auto figures = Figures(ctx, current->view.unit.code, std::to_string(current->plan.year));
    if (!figures) {
        return std::move(figures).error();
    }
    return StepOnInspection(
        ctx, actor, inspection_id, "inspections.prefill",
        [&](store::Transaction& tx, const Loaded& loaded,
            std::chrono::sys_seconds) -> base::Result<std::string> {
            if (base::Status s = RequireInspector(tx, actor, loaded.plan, "cập nhật được số liệu");
                !s) {
                return s.error();
            }
            auto items = si::Checklist(tx, inspection_id);
            if (!items) {
                return std::move(items).error();
            }
            for (const si::ChecklistItem& c : *items) {
                const auto fig = ins::ParseFigure(c.figure);
                if (!fig || *fig == ins::Figure::kNone) {
                    continue;
                }
                if (auto it = figures->find(*fig); it != figures->end()) {
                    if (base::Status s = si::SetPrefilled(tx, inspection_id, c.key, it->second);
                        !s) {
                        return s.error();
                    }
                }
            }
            return std::string("{}");
        });
}

base::Result<std::vector<RemediationReminder>> RemediationReminders(AppContext& ctx,
                                                                    const Actor& actor,
                                                                    int within) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    if (within < 0 || within > 60) {
        return base::InvalidArgument("Tham số 'within' phải từ 0 đến 60 ngày làm việc.");
    }
    auto cal = Calendar();
    if (!cal) {
        return std::move(cal).error();
    }
    const sys_days today = Today(ctx);
    sys_days until = today;
    if (within > 0) {
        auto u = ins::WorkingDaysAfter(**cal, today, within);
        if (!u) {
            return std::move(u).error();
        }
        until = *u;
    }
    return InReadTransaction<std::vector<RemediationReminder>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<RemediationReminder>> {
            auto due = si::RemediationDue(tx, until);
            if (!due) {
                return std::move(due).error();
            }
            std::vector<RemediationReminder> out;
            for (ins::Inspection& i : *due) {
                auto plan = LoadPlan(tx, i.plan_id);
                if (!plan) {
                    return std::move(plan).error();
                }
                auto reader = MayReadPlan(tx, actor, *plan);
                if (!reader) {
                    return std::move(reader).error();
                }
                auto inspected = IsInspected(tx, actor, i);
                if (!inspected) {
                    return std::move(inspected).error();
                }
                if (!*reader && !*inspected) {
                    continue;
                }
                auto unit = LoadUnit(tx, plan->inspecting_unit_id);
                if (!unit) {
                    return std::move(unit).error();
                }
                RemediationReminder r;
                const sys_days due_day = *i.remediation_due;
                r.overdue = today > due_day;
                r.working_days_left =
                    r.overdue ? -ins::WorkingDaysIn(**cal, due_day + std::chrono::days{1}, today)
                              : ins::WorkingDaysIn(**cal, today + std::chrono::days{1}, due_day);
                auto v = ViewOf(tx, **cal, std::move(i));
                if (!v) {
                    return std::move(v).error();
                }
                r.view = std::move(*v);
                r.inspecting_unit = std::move(*unit);
                out.push_back(std::move(r));
            }
            return out;
        });
}

}  // namespace motcua::app

namespace motcua::app {

base::Result<ReportFile> InspectionReportOutline(AppContext& ctx, const Actor& actor,
                                                 const std::string& unit_code,
                                                 const std::string& period,
                                                 std::string_view format) {
    if (format != "docx" && format != "pdf") {
        return base::InvalidArgument("Định dạng (format) phải là docx hoặc pdf.");
    }
    SettlementReportQuery q;
    q.unit_code = unit_code;
    q.period = period;
    q.window = domain::report06::WindowRule::kCalendar;
    auto letter = CorrectionLetter(ctx, actor, q);
    if (!letter) {
        return std::move(letter).error();
    }
    auto figures = Figures(ctx, unit_code, period);
    if (!figures) {
        return std::move(figures).error();
    }
    struct Context {
        std::string parent;
        std::vector<std::string> inspections;
    };
    auto extra =
        InReadTransaction<Context>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Context> {
            Context c;
            if (letter->unit.parent_id) {
                auto parent = LoadUnit(tx, *letter->unit.parent_id);
                if (!parent) {
                    return std::move(parent).error();
                }
                c.parent = parent->name;
            }
            auto list = si::UnitInspections(tx, {letter->unit.id});
            if (!list) {
                return std::move(list).error();
            }
            for (const ins::Inspection& i : *list) {
                auto conclusions = si::Conclusions(tx, i.id);
                if (!conclusions) {
                    return std::move(conclusions).error();
                }
                std::string line = std::string(ins::KindLabel(i.kind)) +
                                   (i.start ? " ngày " + calendar::FormatIsoDate(*i.start) : "") +
                                   ": " + std::string(ins::StateLabel(i.state));
                for (const si::Document& d : *conclusions) {
                    if (d.kind == "final") {
                        line +=
                            "; kết luận số " + d.number + " ngày " + calendar::FormatIsoDate(d.on);
                    }
                }
                if (i.remediation_reported_on) {
                    line += "; đã báo cáo khắc phục ngày " +
                            calendar::FormatIsoDate(*i.remediation_reported_on);
                } else if (i.remediation_due) {
                    line +=
                        "; hạn báo cáo khắc phục " + calendar::FormatIsoDate(*i.remediation_due);
                }
                c.inspections.push_back(std::move(line));
            }
            return c;
        });
    if (!extra) {
        return std::move(extra).error();
    }
    const ins::Template* outline = ins::FindTemplate(ins::kReportOutline);
    if (!outline) {
        return base::Internal("thiếu đề cương báo cáo trong checklists.json");
    }
    const CorrectionLetterData& l = *letter;
    render::InspectionReport r;
    r.parent_unit = extra->parent.empty() ? std::string() : extra->parent;
    r.unit = l.unit.name;
    r.recipient = extra->parent.empty() ? "Cơ quan kiểm tra" : "Đoàn kiểm tra của " + extra->parent;
    r.period_line = PeriodLine(l.window);
    const std::chrono::year_month_day today{Today(ctx)};
    r.place_date = "……, ngày " + std::to_string(static_cast<unsigned>(today.day())) + " tháng " +
                   std::to_string(static_cast<unsigned>(today.month())) + " năm " +
                   std::to_string(static_cast<int>(today.year()));
    r.source = "Đề cương báo cáo kèm Kế hoạch kiểm tra hoạt động kiểm soát thủ tục hành chính (S3)";
    for (const ins::TemplateItem& item : outline->items) {
        render::InspectionReportItem ri;
        ri.number = item.number;
        ri.title = item.title;
        ri.points = item.points;
        if (item.figure == ins::Figure::kSettlement) {
            const auto& t = l.total;
            ri.figures.push_back("Tổng số hồ sơ: " + std::to_string(t.Received()) +
                                 " (trực tuyến " + std::to_string(t.online) +
                                 ", trực tiếp và bưu chính " + std::to_string(t.direct_postal) +
                                 ", từ kỳ trước chuyển qua " + std::to_string(t.carried_over) +
                                 ")");
            ri.table_header = {"Đã giải quyết trước hạn", "Đúng hạn", "Quá hạn",
                               "Đang giải quyết trong hạn", "Đang giải quyết quá hạn"};
            ri.rows = {{std::to_string(t.early), std::to_string(t.on_time), std::to_string(t.late),
                        std::to_string(t.within), std::to_string(t.overdue)}};
        } else if (item.figure == ins::Figure::kInspections) {
            ri.figures = extra->inspections;
        } else if (auto it = figures->find(item.figure); it != figures->end()) {
            std::error_code ec;
            const json::value v = json::parse(it->second, ec);
            if (!ec && v.is_object() && v.as_object().contains("status") &&
                v.at("status") == "ok") {
                ri.figures.emplace_back(v.at("text").as_string());
                if (item.figure == ins::Figure::kOverdue) {
                    for (const LetterDossier& d : l.overdue) {
                        ri.figures.push_back("Hồ sơ " + d.code + " (" + d.procedure_name + ")");
                        if (ri.figures.size() > 20) {
                            break;
                        }
                    }
                }
            }
        }
        r.items.push_back(std::move(ri));
    }
    auto bytes = format == "docx" ? render::RenderInspectionReportDocx(r)
                                  : render::RenderInspectionReportPdf(r);
    if (!bytes) {
        return std::move(bytes).error();
    }
    ReportFile f;
    f.bytes = std::move(*bytes);
    f.content_type = format == "docx"
                         ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                         : "application/pdf";
    f.filename = "de-cuong-bao-cao-" + l.unit.code + "-" + period + "." + std::string(format);
    return f;
}

}  // namespace motcua::app
