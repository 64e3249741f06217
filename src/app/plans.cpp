#include "app/plans.hpp"

#include <algorithm>
#include <set>

#include "app/audit_util.hpp"
#include "app/documents.hpp"
#include "app/dossier_access.hpp"
#include "app/notify.hpp"
#include "calendar/civil_date.hpp"
#include "domain/plan_deadline.hpp"
#include "domain/plan_units.hpp"
#include "store/documents.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace {

namespace sp = store::plans;
namespace pi = domain::plan_import;
namespace pd = domain::plan_deadline;
using domain::Role;

base::Error SignInFirst() {
    return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
}

std::chrono::sys_days Today(const AppContext& ctx) {
    return std::chrono::floor<std::chrono::days>(ctx.clock->Now() + calendar::kVietnamOffset);
}

base::Result<bool> HoldsAny(store::Transaction& tx, const Actor& actor,
                            std::initializer_list<Role> roles, std::int64_t unit_id) {
    for (Role role : roles) {
        auto holds = internal::HoldsRoleOn(tx, actor, role, unit_id);
        if (!holds || *holds) {
            return holds;
        }
    }
    return false;
}

base::Result<bool> MayManage(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    return HoldsAny(tx, actor, {Role::kControlOfficer, Role::kAdmin}, unit_id);
}

base::Status RequireManage(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto may = MayManage(tx, actor, unit_id);
    if (!may) {
        return may.error();
    }
    if (!*may) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ công chức kiểm soát TTHC hoặc quản trị có phạm vi bao gồm đơn vị "
                           "ban hành mới quản lý được kế hoạch này."};
    }
    return {};
}

// Staff of the unit (or above it): may report its progress and see its plans.
base::Result<bool> IsStaffOf(store::Transaction& tx, const Actor& actor, std::int64_t unit_id) {
    return HoldsAny(tx, actor,
                    {Role::kDeskOfficer, Role::kSpecialist, Role::kLeader, Role::kControlOfficer},
                    unit_id);
}

std::set<std::int64_t> AssignedUnits(const sp::Plan& plan) {
    std::set<std::int64_t> out;
    for (const auto& s : plan.sections) {
        for (const auto& t : s.tasks) {
            for (const auto& d : t.deliverables) {
                for (const auto& a : d.assignments) {
                    out.insert(a.unit_id);
                }
            }
        }
    }
    return out;
}

// Readers: leaders, control officers, administrators covering the issuing unit; the staff of an
// assigned unit.
base::Status RequireRead(store::Transaction& tx, const Actor& actor, const sp::Plan& plan) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto reader = HoldsAny(tx, actor, {Role::kLeader, Role::kControlOfficer, Role::kAdmin},
                           plan.head.issuing_unit_id);
    if (!reader) {
        return reader.error();
    }
    if (*reader) {
        return {};
    }
    for (std::int64_t unit : AssignedUnits(plan)) {
        auto staff = HoldsAny(tx, actor,
                              {Role::kDeskOfficer, Role::kSpecialist, Role::kLeader,
                               Role::kControlOfficer, Role::kAdmin},
                              unit);
        if (!staff) {
            return staff.error();
        }
        if (*staff) {
            return {};
        }
    }
    return base::Error{base::ErrorCode::kPermissionDenied,
                       "Bạn không có quyền xem kế hoạch này (dành cho lãnh đạo, công chức kiểm "
                       "soát TTHC, quản trị của đơn vị ban hành và đơn vị được giao nhiệm vụ)."};
}

base::Result<std::vector<domain::Unit>> CurrentUnits(store::Transaction& tx,
                                                     std::chrono::sys_days today) {
    auto all = store::units::List(tx);
    if (!all) {
        return std::move(all).error();
    }
    std::vector<domain::Unit> out;
    for (domain::Unit& u : *all) {
        if (!u.merged_into && (!u.valid_to || *u.valid_to >= today)) {
            out.push_back(std::move(u));
        }
    }
    return out;
}

base::Result<domain::Unit> UnitByCode(store::Transaction& tx, const std::string& code) {
    if (code.empty()) {
        return base::InvalidArgument("Thiếu mã đơn vị (unit).");
    }
    auto unit = store::units::GetByCode(tx, code);
    if (!unit) {
        return std::move(unit).error();
    }
    if (!*unit) {
        return base::NotFound("Không có đơn vị mã " + code + ".");
    }
    return std::move(**unit);
}

// Due dates passed while not done: the day after each is today or earlier.
std::vector<std::chrono::sys_days> Overdue(const sp::Deliverable& d, std::chrono::sys_days today) {
    std::vector<std::chrono::sys_days> out;
    for (auto due : d.due) {
        if (due < today) {
            out.push_back(due);
        }
    }
    return out;
}

int Rank(const std::string& status) {
    if (status == "late") {
        return 3;
    }
    if (status == "not_started") {
        return 2;
    }
    if (status == "in_progress") {
        return 1;
    }
    return 0;  // done
}

void ComputeStatus(PlanView& v) {
    std::map<std::pair<std::int64_t, std::int64_t>, const sp::Progress*> latest;
    for (const sp::Progress& p : v.progress) {
        latest[{p.deliverable_id, p.unit_id}] = &p;  // oldest first: the last one wins
    }
    for (const auto& s : v.plan.sections) {
        for (const auto& t : s.tasks) {
            for (const auto& d : t.deliverables) {
                DeliverableStatus ds;
                for (auto due : d.due) {
                    if (due >= v.today) {
                        ds.next_due = due;
                        break;
                    }
                }
                const bool overdue = !Overdue(d, v.today).empty();
                for (const auto& a : d.assignments) {
                    UnitStatus us;
                    us.unit_id = a.unit_id;
                    us.role = a.role;
                    us.status = "not_started";
                    if (auto it = latest.find({d.id, a.unit_id}); it != latest.end()) {
                        us.latest = *it->second;
                        us.status = it->second->status;
                        us.percent = it->second->percent;
                    }
                    if (us.status != "done" && overdue) {
                        us.status = "late";
                    }
                    ds.units.push_back(std::move(us));
                }
                // The leads decide; without leads, every assigned unit.
                const bool has_lead =
                    std::any_of(ds.units.begin(), ds.units.end(),
                                [](const UnitStatus& u) { return u.role == "lead"; });
                std::string worst;
                bool any_started = false;
                for (const UnitStatus& u : ds.units) {
                    if (has_lead && u.role != "lead") {
                        continue;
                    }
                    any_started = any_started || u.status == "in_progress" || u.status == "done";
                    if (worst.empty() || Rank(u.status) > Rank(worst)) {
                        worst = u.status;
                    }
                }
                if (worst.empty()) {
                    worst = overdue ? "late" : "not_started";
                } else if (worst == "not_started" && any_started) {
                    worst = "in_progress";
                }
                ds.status = worst;
                v.status[d.id] = std::move(ds);
            }
        }
    }
}

base::Result<PlanView> LoadView(store::Transaction& tx, AppContext& ctx, const Actor* actor,
                                std::int64_t plan_id, bool need_manage) {
    auto plan = sp::Get(tx, plan_id);
    if (!plan) {
        return std::move(plan).error();
    }
    if (!*plan) {
        return base::NotFound("Không có kế hoạch số " + std::to_string(plan_id) + ".");
    }
    PlanView v;
    v.plan = std::move(**plan);
    v.today = Today(ctx);
    if (actor != nullptr) {
        if (need_manage) {
            if (base::Status s = RequireManage(tx, *actor, v.plan.head.issuing_unit_id); !s) {
                return s.error();
            }
            v.may_manage = true;
        } else {
            if (base::Status s = RequireRead(tx, *actor, v.plan); !s) {
                return s.error();
            }
            auto manage = MayManage(tx, *actor, v.plan.head.issuing_unit_id);
            if (!manage) {
                return std::move(manage).error();
            }
            v.may_manage = *manage;
        }
    }
    std::set<std::int64_t> ids = AssignedUnits(v.plan);
    ids.insert(v.plan.head.issuing_unit_id);
    for (std::int64_t id : ids) {
        auto u = store::units::Get(tx, id);
        if (!u) {
            return std::move(u).error();
        }
        if (*u) {
            v.units[id] = **u;
        }
    }
    v.issuing_unit = v.units[v.plan.head.issuing_unit_id];
    auto progress = sp::ProgressOfPlan(tx, plan_id);
    if (!progress) {
        return std::move(progress).error();
    }
    v.progress = std::move(*progress);
    auto evidence = sp::EvidenceOfPlan(tx, plan_id);
    if (!evidence) {
        return std::move(evidence).error();
    }
    for (sp::Evidence& e : *evidence) {
        const std::int64_t id = e.id;
        v.evidence.emplace(id, std::move(e));
    }
    ComputeStatus(v);
    return v;
}

void FillDeadline(sp::Deliverable& d, const std::optional<pd::Deadline>& deadline) {
    if (!deadline) {
        d.deadline_kind = "";
        d.recurrence = "none";
        return;
    }
    d.deadline_phrase = deadline->phrase;
    d.deadline_kind = std::string(pd::KindName(deadline->kind));
    d.due = deadline->due;
    d.recurrence = std::string(pd::RecurrenceName(deadline->recurrence));
    d.deadline_event = deadline->event;
    d.deadline_note = deadline->note;
}

struct Matched {
    std::vector<sp::Assignment> assignments;
    std::vector<std::pair<std::string, std::string>> unmatched;  // role, name
};

Matched MatchUnits(const std::string& lead, const std::string& cooperating,
                   const std::vector<domain::Unit>& tree, std::int64_t issuer) {
    Matched m;
    std::set<std::int64_t> leads;
    for (const auto& [role, cell] :
         {std::pair<std::string, const std::string*>{"lead", &lead},
          std::pair<std::string, const std::string*>{"cooperating", &cooperating}}) {
        const auto cm = domain::plan_units::MatchCell(*cell, tree, issuer);
        for (std::int64_t id : cm.UnitIds()) {
            if (role == "lead") {
                leads.insert(id);
            } else if (leads.contains(id)) {
                continue;  // a lead also named as cooperating stays lead
            }
            m.assignments.push_back(sp::Assignment{id, role});
        }
        for (const std::string& name : cm.unmatched) {
            m.unmatched.emplace_back(role, name);
        }
    }
    return m;
}

base::Status AuditPlan(store::Transaction& tx, const Actor& actor, std::chrono::sys_seconds at,
                       std::string action, std::int64_t plan_id, std::string detail) {
    return Audit(tx, actor, at, std::move(action), "plan", std::to_string(plan_id),
                 std::move(detail));
}

// Stores one deliverable read from a text with its matched units and unmatched names.
base::Status StoreDeliverable(store::Transaction& tx, std::int64_t plan_id, std::int64_t task_id,
                              int position, const pi::Deliverable& d,
                              const std::vector<domain::Unit>& tree, std::int64_t issuer) {
    sp::Deliverable row;
    row.line = static_cast<std::int64_t>(d.line);
    row.product = d.product;
    row.lead_raw = d.lead_raw;
    row.lead_names = d.lead_units;
    row.cooperating_raw = d.cooperating_raw;
    row.cooperating_names = d.cooperating_units;
    FillDeadline(row, d.deadline);
    Matched m = MatchUnits(d.lead_raw, d.cooperating_raw, tree, issuer);
    row.assignments = std::move(m.assignments);
    auto id = sp::InsertDeliverable(tx, plan_id, task_id, position, row);
    if (!id) {
        return id.error();
    }
    for (const auto& [role, name] : m.unmatched) {
        auto u = sp::InsertUnmatched(tx, plan_id, *id, role, name);
        if (!u) {
            return u.error();
        }
    }
    return {};
}

base::Status CheckVersion(std::int64_t expected) {
    if (expected <= 0) {
        return base::InvalidArgument(
            "Thiếu phiên bản của kế hoạch (version trong nội dung hoặc If-Match).");
    }
    return {};
}

// Runs a fix: the plan managed by the actor, at the expected version; bumps it and audits.
template <typename Fix>
base::Result<PlanView> Change(AppContext& ctx, const Actor& actor, std::int64_t plan_id,
                              std::int64_t expected_version, const std::string& action, Fix fix) {
    if (base::Status s = CheckVersion(expected_version); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<PlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PlanView> {
            auto view = LoadView(tx, ctx, &actor, plan_id, true);
            if (!view) {
                return std::move(view).error();
            }
            auto detail = fix(tx, *view);
            if (!detail) {
                return std::move(detail).error();
            }
            auto v = sp::Touch(tx, plan_id, expected_version, actor.user->id, now);
            if (!v) {
                return std::move(v).error();
            }
            if (base::Status s = AuditPlan(tx, actor, now, action, plan_id, *detail); !s) {
                return s.error();
            }
            return LoadView(tx, ctx, &actor, plan_id, true);
        });
}

const sp::Deliverable* FindDeliverable(const sp::Plan& plan, std::int64_t id) {
    for (const auto& s : plan.sections) {
        for (const auto& t : s.tasks) {
            for (const auto& d : t.deliverables) {
                if (d.id == id) {
                    return &d;
                }
            }
        }
    }
    return nullptr;
}

// An issued plan's structure (tasks, products, deadlines) is read-only.
base::Status RequireDraft(const sp::Head& head) {
    if (head.status == "issued") {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Kế hoạch đã ban hành: không sửa, thêm nhiệm vụ hay sản phẩm được nữa "
                           "(vẫn báo cáo tiến độ, xác định tên đơn vị và xử lý lỗi nhập được)."};
    }
    return {};
}

base::Status ValidDate(const std::string& text, std::string_view field) {
    if (text.empty()) {
        return {};
    }
    if (!calendar::ParseIsoDate(text)) {
        return base::InvalidArgument(std::string(field) + " phải là ngày dạng YYYY-MM-DD.");
    }
    return {};
}

}  // namespace

namespace {

// The import's text read into the dry-run shape; kInvalidArgument when it holds no plan.
base::Result<pi::Plan> ParseImport(const PlanImportInput& input) {
    if (input.text.size() > kMaxPlanTextBytes) {
        return base::InvalidArgument("Nội dung kế hoạch quá lớn (tối đa 2 MB).");
    }
    if (input.year != 0 && (input.year < 1900 || input.year > 2199)) {
        return base::InvalidArgument("Năm kế hoạch (year) phải trong khoảng 1900–2199.");
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    pi::Plan parsed = pi::Read(input.text, input.year, **cal);
    if (parsed.format == pi::Format::kNone || parsed.sections.empty()) {
        std::string why = parsed.problems.empty() ? std::string("không tìm thấy bảng nhiệm vụ")
                                                  : parsed.problems.front().reason;
        return base::InvalidArgument("Không đọc được kế hoạch: " + why + ".");
    }
    if (parsed.year == 0) {
        return base::InvalidArgument("Không xác định được năm của kế hoạch; hãy nêu năm (year).");
    }
    if (!input.format.empty() && input.format != "auto" &&
        pi::FormatName(parsed.format) != input.format) {
        return base::InvalidArgument("Kế hoạch không ở định dạng " + input.format +
                                     ": bảng nhiệm vụ được đọc là " +
                                     std::string(pi::FormatName(parsed.format)) + ".");
    }
    return parsed;
}

void CountName(std::vector<UnmatchedCount>& out, const std::string& name) {
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const UnmatchedCount& c) { return c.name == name; });
    if (it == out.end()) {
        out.push_back(UnmatchedCount{name, 1});
    } else {
        ++it->count;
    }
}

// `system`: the operator's command line; no role check, audited without a user.
base::Result<PlanImportResult> ImportPlanImpl(AppContext& ctx, const Actor& actor, bool system,
                                              const PlanImportInput& input) {
    if (!system && !actor.SignedIn()) {
        return SignInFirst();
    }
    const std::optional<std::int64_t> by =
        actor.SignedIn() ? std::optional<std::int64_t>(actor.user->id) : std::nullopt;
    PlanImportResult result;
    auto read = ParseImport(input);
    if (!read) {
        return std::move(read).error();
    }
    result.parsed = std::move(*read);
    const pi::Plan& parsed = result.parsed;
    const auto now = ctx.clock->Now();
    auto stored = InWriteTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto unit = UnitByCode(tx, input.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!system) {
                if (base::Status s = RequireManage(tx, actor, unit->id); !s) {
                    return s.error();
                }
            }
            if (input.parent_plan_id) {
                auto parent = sp::Get(tx, *input.parent_plan_id);
                if (!parent) {
                    return std::move(parent).error();
                }
                if (!*parent) {
                    return base::NotFound("Không có kế hoạch cấp trên số " +
                                          std::to_string(*input.parent_plan_id) + ".");
                }
            }
            if (!parsed.decision_number.empty()) {
                auto dup = sp::FindByDecision(tx, unit->id, parsed.decision_number);
                if (!dup) {
                    return std::move(dup).error();
                }
                if (*dup) {
                    return base::Error{base::ErrorCode::kAlreadyExists,
                                       "Đơn vị đã có kế hoạch theo Quyết định số " +
                                           parsed.decision_number + " (kế hoạch số " +
                                           std::to_string(**dup) + ")."};
                }
            }
            auto tree = CurrentUnits(tx, Today(ctx));
            if (!tree) {
                return std::move(tree).error();
            }
            sp::Head head;
            head.issuing_unit_id = unit->id;
            head.title = input.title.empty()
                             ? "Kế hoạch kiểm soát TTHC năm " + std::to_string(parsed.year)
                             : input.title;
            head.decision_number = parsed.decision_number;
            head.decision_date = parsed.decision_date;
            head.year = parsed.year;
            head.parent_plan_id = input.parent_plan_id;
            head.plan_key = input.plan_key;
            head.format = std::string(pi::FormatName(parsed.format));
            head.created_by = by;
            head.created_at = now;
            head.updated_by = by;
            head.updated_at = now;
            auto plan_id = sp::InsertHead(tx, head);
            if (!plan_id) {
                return plan_id;
            }
            int sp_pos = 0;
            for (const pi::Section& s : parsed.sections) {
                sp::Section row{0, static_cast<std::int64_t>(s.line), s.number, s.title, {}};
                auto section_id = sp::InsertSection(tx, *plan_id, sp_pos++, row);
                if (!section_id) {
                    return section_id;
                }
                int t_pos = 0;
                for (const pi::Task& t : s.tasks) {
                    sp::Task trow{0,        *section_id, static_cast<std::int64_t>(t.line),
                                  t.number, t.group,     t.content,
                                  {}};
                    auto task_id = sp::InsertTask(tx, *plan_id, *section_id, t_pos++, trow);
                    if (!task_id) {
                        return task_id;
                    }
                    int d_pos = 0;
                    for (const pi::Deliverable& d : t.deliverables) {
                        if (base::Status st = StoreDeliverable(tx, *plan_id, *task_id, d_pos++, d,
                                                               *tree, unit->id);
                            !st) {
                            return st.error();
                        }
                    }
                }
            }
            for (const pi::Problem& p : parsed.problems) {
                auto id =
                    sp::InsertProblem(tx, *plan_id, static_cast<std::int64_t>(p.line), p.reason);
                if (!id) {
                    return id;
                }
            }
            if (base::Status s =
                    AuditPlan(tx, actor, now, "plan.import", *plan_id,
                              "{\"unit\":" + JsonQuote(unit->code) +
                                  ",\"decision\":" + JsonQuote(parsed.decision_number) +
                                  ",\"tasks\":" + std::to_string(parsed.TaskCount()) +
                                  ",\"problems\":" + std::to_string(parsed.problems.size()) + "}");
                !s) {
                return s.error();
            }
            return plan_id;
        });
    if (!stored) {
        return std::move(stored).error();
    }
    auto view = InReadTransaction<PlanView>(*ctx.db, [&](store::Transaction& tx) {
        return LoadView(tx, ctx, system ? nullptr : &actor, *stored, false);
    });
    if (!view) {
        return std::move(view).error();
    }
    result.view = std::move(*view);
    return result;
}

}  // namespace

base::Result<PlanImportResult> ImportPlan(AppContext& ctx, const Actor& actor,
                                          const PlanImportInput& input) {
    return ImportPlanImpl(ctx, actor, false, input);
}

base::Result<PlanImportResult> ImportPlanAsSystem(AppContext& ctx, const PlanImportInput& input) {
    return ImportPlanImpl(ctx, Actor{}, true, input);
}

base::Result<PlanPreview> PreviewPlanImport(AppContext& ctx, const Actor& actor,
                                            const PlanImportInput& input) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto read = ParseImport(input);
    if (!read) {
        return std::move(read).error();
    }
    return InReadTransaction<PlanPreview>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PlanPreview> {
            auto unit = UnitByCode(tx, input.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (base::Status s = RequireManage(tx, actor, unit->id); !s) {
                return s.error();
            }
            PlanPreview out;
            out.parsed = *read;
            out.issuing_unit = *unit;
            if (!read->decision_number.empty()) {
                auto dup = sp::FindByDecision(tx, unit->id, read->decision_number);
                if (!dup) {
                    return std::move(dup).error();
                }
                out.duplicate_of = *dup;
            }
            auto tree = CurrentUnits(tx, Today(ctx));
            if (!tree) {
                return std::move(tree).error();
            }
            for (const pi::Section& s : read->sections) {
                for (const pi::Task& t : s.tasks) {
                    for (const pi::Deliverable& d : t.deliverables) {
                        for (const auto& [role, name] :
                             MatchUnits(d.lead_raw, d.cooperating_raw, *tree, unit->id).unmatched) {
                            CountName(out.unmatched, name);
                        }
                    }
                }
            }
            return out;
        });
}

std::vector<UnmatchedCount> CountUnmatched(const sp::Plan& plan) {
    std::vector<UnmatchedCount> out;
    for (const sp::UnmatchedName& n : plan.unmatched) {
        CountName(out, n.name);
    }
    return out;
}

base::Result<PlanView> IssuePlan(AppContext& ctx, const Actor& actor, std::int64_t plan_id,
                                 std::int64_t expected_version) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    if (base::Status s = CheckVersion(expected_version); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<
        PlanView>(*ctx.db, [&](store::Transaction& tx) -> base::Result<PlanView> {
        auto view = LoadView(tx, ctx, &actor, plan_id, false);
        if (!view) {
            return std::move(view).error();
        }
        const sp::Head& h = view->plan.head;
        auto may = HoldsAny(tx, actor, {Role::kControlOfficer, Role::kLeader}, h.issuing_unit_id);
        if (!may) {
            return std::move(may).error();
        }
        if (!*may) {
            return base::Error{base::ErrorCode::kPermissionDenied,
                               "Chỉ lãnh đạo hoặc công chức kiểm soát TTHC có phạm vi bao "
                               "gồm đơn vị ban hành mới ban hành được kế hoạch."};
        }
        if (h.status != "draft") {
            return base::Error{base::ErrorCode::kFailedPrecondition,
                               "Kế hoạch đã được ban hành; chỉ kế hoạch dự thảo mới ban hành "
                               "được."};
        }
        auto v = sp::Touch(tx, plan_id, expected_version, actor.user->id, now);
        if (!v) {
            return std::move(v).error();
        }
        if (base::Status s = sp::SetStatus(tx, plan_id, "issued", h.plan_key); !s) {
            return s.error();
        }
        if (base::Status s = AuditPlan(tx, actor, now, "plan.issue", plan_id,
                                       "{\"decision\":" + JsonQuote(h.decision_number) + "}");
            !s) {
            return s.error();
        }
        return LoadView(tx, ctx, &actor, plan_id, false);
    });
}

base::Result<std::vector<PlanSummary>> ListPlans(AppContext& ctx, const Actor& actor) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    return InReadTransaction<std::vector<PlanSummary>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<PlanSummary>> {
            auto heads = sp::List(tx, {});
            if (!heads) {
                return std::move(heads).error();
            }
            std::vector<PlanSummary> out;
            for (sp::Head& h : *heads) {
                auto plan = sp::Get(tx, h.id);
                if (!plan) {
                    return std::move(plan).error();
                }
                if (!*plan || !RequireRead(tx, actor, **plan)) {
                    continue;
                }
                auto unit = store::units::Get(tx, h.issuing_unit_id);
                if (!unit) {
                    return std::move(unit).error();
                }
                out.push_back(PlanSummary{std::move(h), *unit ? **unit : domain::Unit{}});
            }
            return out;
        });
}

base::Result<PlanView> GetPlan(AppContext& ctx, const Actor& actor, std::int64_t plan_id) {
    return InReadTransaction<PlanView>(
        *ctx.db, [&](store::Transaction& tx) { return LoadView(tx, ctx, &actor, plan_id, false); });
}

base::Result<PlanView> ResolveUnmatchedName(AppContext& ctx, const Actor& actor,
                                            std::int64_t plan_id, std::int64_t unmatched_id,
                                            const std::vector<std::string>& unit_codes,
                                            std::int64_t expected_version) {
    if (unit_codes.empty()) {
        return base::InvalidArgument("Cần ít nhất một mã đơn vị (units) cho tên chưa khớp.");
    }
    return Change(
        ctx, actor, plan_id, expected_version, "plan.resolve_name",
        [&](store::Transaction& tx, const PlanView& v) -> base::Result<std::string> {
            auto it =
                std::find_if(v.plan.unmatched.begin(), v.plan.unmatched.end(),
                             [&](const sp::UnmatchedName& n) { return n.id == unmatched_id; });
            if (it == v.plan.unmatched.end()) {
                return base::NotFound("Kế hoạch không có tên đơn vị chưa khớp số " +
                                      std::to_string(unmatched_id) + ".");
            }
            std::vector<sp::Assignment> add;
            std::string codes;
            for (const std::string& code : unit_codes) {
                auto unit = UnitByCode(tx, code);
                if (!unit) {
                    return std::move(unit).error();
                }
                add.push_back(sp::Assignment{unit->id, it->role});
                codes += (codes.empty() ? "" : ",") + JsonQuote(code);
            }
            if (base::Status s = sp::ResolveUnmatched(tx, plan_id, unmatched_id, actor.user->id,
                                                      ctx.clock->Now());
                !s) {
                return s.error();
            }
            if (base::Status s = sp::AddAssignments(tx, plan_id, it->deliverable_id, add); !s) {
                return s.error();
            }
            return "{\"name\":" + JsonQuote(it->name) + ",\"units\":[" + codes + "]}";
        });
}

base::Result<PlanView> ResolvePlanProblem(AppContext& ctx, const Actor& actor, std::int64_t plan_id,
                                          std::int64_t problem_id, const std::string& resolution,
                                          std::int64_t expected_version) {
    if (resolution.empty() || resolution.size() > 2000) {
        return base::InvalidArgument(
            "Cần nêu cách đã xử lý lỗi nhập (resolution, tối đa 2000 "
            "byte).");
    }
    return Change(ctx, actor, plan_id, expected_version, "plan.resolve_problem",
                  [&](store::Transaction& tx, const PlanView&) -> base::Result<std::string> {
                      if (base::Status s = sp::ResolveProblem(tx, plan_id, problem_id, resolution,
                                                              actor.user->id, ctx.clock->Now());
                          !s) {
                          return s.error();
                      }
                      return "{\"problem\":" + std::to_string(problem_id) +
                             ",\"resolution\":" + JsonQuote(resolution) + "}";
                  });
}

base::Result<PlanView> EditDeliverable(AppContext& ctx, const Actor& actor, std::int64_t plan_id,
                                       std::int64_t deliverable_id, const DeliverableEdit& edit,
                                       std::int64_t expected_version) {
    if (!edit.product && !edit.deadline) {
        return base::InvalidArgument("Không có gì để sửa (product, deadline).");
    }
    if ((edit.product && edit.product->size() > 4000) ||
        (edit.deadline && edit.deadline->size() > pd::kMaxPhraseBytes)) {
        return base::InvalidArgument("Nội dung sửa quá dài.");
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    return Change(ctx, actor, plan_id, expected_version, "plan.edit_deliverable",
                  [&](store::Transaction& tx, const PlanView& v) -> base::Result<std::string> {
                      if (base::Status s = RequireDraft(v.plan.head); !s) {
                          return s.error();
                      }
                      const sp::Deliverable* found = FindDeliverable(v.plan, deliverable_id);
                      if (found == nullptr) {
                          return base::NotFound("Kế hoạch không có sản phẩm số " +
                                                std::to_string(deliverable_id) + ".");
                      }
                      sp::Deliverable d = *found;
                      if (edit.product) {
                          d.product = *edit.product;
                      }
                      if (edit.deadline) {
                          d.due.clear();
                          d.deadline_event.clear();
                          d.deadline_note.clear();
                          d.deadline_phrase = *edit.deadline;
                          if (edit.deadline->empty()) {
                              FillDeadline(d, std::nullopt);
                          } else {
                              FillDeadline(d, pd::Resolve(*edit.deadline, v.plan.head.year, **cal));
                          }
                      }
                      if (base::Status s = sp::UpdateDeliverable(tx, d); !s) {
                          return s.error();
                      }
                      return "{\"deliverable\":" + std::to_string(deliverable_id) +
                             ",\"product\":" + JsonQuote(d.product) +
                             ",\"deadline\":" + JsonQuote(d.deadline_phrase) + "}";
                  });
}

base::Result<PlanView> AddPlanTask(AppContext& ctx, const Actor& actor, std::int64_t plan_id,
                                   const NewTask& task, std::int64_t expected_version) {
    if (task.content.empty()) {
        return base::InvalidArgument("Nhiệm vụ cần có nội dung (content).");
    }
    if (task.section.empty()) {
        return base::InvalidArgument("Cần nêu mục của nhiệm vụ (section, ví dụ \"IX\").");
    }
    if (task.content.size() + task.product.size() + task.lead.size() + task.cooperating.size() >
        16000) {
        return base::InvalidArgument("Nhiệm vụ quá dài.");
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    return Change(ctx, actor, plan_id, expected_version, "plan.add_task",
                  [&](store::Transaction& tx, const PlanView& v) -> base::Result<std::string> {
                      if (base::Status s = RequireDraft(v.plan.head); !s) {
                          return s.error();
                      }
                      std::int64_t section_id = 0;
                      int task_pos = 0;
                      for (const auto& s : v.plan.sections) {
                          if (s.number == task.section) {
                              section_id = s.id;
                              task_pos = static_cast<int>(s.tasks.size());
                          }
                      }
                      if (section_id == 0) {
                          auto id = sp::InsertSection(
                              tx, plan_id, static_cast<int>(v.plan.sections.size()),
                              sp::Section{0, 0, task.section, task.section_title, {}});
                          if (!id) {
                              return std::move(id).error();
                          }
                          section_id = *id;
                      }
                      auto task_id = sp::InsertTask(
                          tx, plan_id, section_id, task_pos,
                          sp::Task{0, section_id, 0, task.number, "", task.content, {}});
                      if (!task_id) {
                          return std::move(task_id).error();
                      }
                      pi::Deliverable d;
                      d.product = task.product;
                      d.lead_raw = task.lead;
                      d.lead_units = pi::SplitUnits(task.lead);
                      d.cooperating_raw = task.cooperating;
                      d.cooperating_units = pi::SplitUnits(task.cooperating);
                      if (!task.deadline.empty()) {
                          d.deadline = pd::Resolve(task.deadline, v.plan.head.year, **cal);
                      }
                      auto tree = CurrentUnits(tx, v.today);
                      if (!tree) {
                          return std::move(tree).error();
                      }
                      if (base::Status s = StoreDeliverable(tx, plan_id, *task_id, 0, d, *tree,
                                                            v.plan.head.issuing_unit_id);
                          !s) {
                          return s.error();
                      }
                      return "{\"section\":" + JsonQuote(task.section) +
                             ",\"task\":" + std::to_string(*task_id) + "}";
                  });
}

base::Result<PlanView> CascadePlan(AppContext& ctx, const Actor& actor, const CascadeInput& input) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    if (base::Status s = ValidDate(input.decision_date, "decision_date"); !s) {
        return s.error();
    }
    const auto now = ctx.clock->Now();
    auto created = InWriteTransaction<std::int64_t>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto unit = UnitByCode(tx, input.unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            if (base::Status s = RequireManage(tx, actor, unit->id); !s) {
                return s.error();
            }
            auto parent = sp::Get(tx, input.parent_plan_id);
            if (!parent) {
                return std::move(parent).error();
            }
            if (!*parent) {
                return base::NotFound("Không có kế hoạch cấp trên số " +
                                      std::to_string(input.parent_plan_id) + ".");
            }
            const sp::Plan& up = **parent;
            if (up.head.issuing_unit_id == unit->id) {
                return base::InvalidArgument(
                    "Đơn vị ban hành kế hoạch cấp trên không tự triển khai kế hoạch của mình.");
            }
            auto inside = store::units::IsInSubtree(tx, unit->id, up.head.issuing_unit_id);
            if (!inside) {
                return std::move(inside).error();
            }
            if (!*inside) {
                return base::InvalidArgument("Đơn vị " + unit->code +
                                             " không thuộc đơn vị ban hành kế hoạch cấp trên.");
            }
            if (!input.decision_number.empty()) {
                auto dup = sp::FindByDecision(tx, unit->id, input.decision_number);
                if (!dup) {
                    return std::move(dup).error();
                }
                if (*dup) {
                    return base::Error{
                        base::ErrorCode::kAlreadyExists,
                        "Đơn vị đã có kế hoạch theo Quyết định số " + input.decision_number + "."};
                }
            }
            sp::Head head;
            head.issuing_unit_id = unit->id;
            head.title = input.title.empty() ? up.head.title + " — " + unit->name : input.title;
            head.decision_number = input.decision_number;
            head.decision_date = input.decision_date;
            head.year = up.head.year;
            head.parent_plan_id = up.head.id;
            head.format = "cascade";
            head.created_by = actor.user->id;
            head.created_at = now;
            head.updated_by = actor.user->id;
            head.updated_at = now;
            auto plan_id = sp::InsertHead(tx, head);
            if (!plan_id) {
                return plan_id;
            }
            int inherited = 0;
            int s_pos = 0;
            for (const sp::Section& s : up.sections) {
                std::optional<std::int64_t> section_id;
                int t_pos = 0;
                for (const sp::Task& t : s.tasks) {
                    std::optional<std::int64_t> task_id;
                    int d_pos = 0;
                    for (const sp::Deliverable& d : t.deliverables) {
                        auto a = std::find_if(
                            d.assignments.begin(), d.assignments.end(),
                            [&](const sp::Assignment& x) { return x.unit_id == unit->id; });
                        if (a == d.assignments.end()) {
                            continue;
                        }
                        if (!section_id) {
                            auto id = sp::InsertSection(tx, *plan_id, s_pos++, s);
                            if (!id) {
                                return id;
                            }
                            section_id = *id;
                        }
                        if (!task_id) {
                            auto id = sp::InsertTask(tx, *plan_id, *section_id, t_pos++, t);
                            if (!id) {
                                return id;
                            }
                            task_id = *id;
                        }
                        sp::Deliverable copy = d;
                        copy.parent_deliverable_id = d.id;
                        copy.assignments = {sp::Assignment{unit->id, a->role}};
                        auto id = sp::InsertDeliverable(tx, *plan_id, *task_id, d_pos++, copy);
                        if (!id) {
                            return id;
                        }
                        ++inherited;
                    }
                }
            }
            if (base::Status s = AuditPlan(tx, actor, now, "plan.cascade", *plan_id,
                                           "{\"parent\":" + std::to_string(up.head.id) +
                                               ",\"unit\":" + JsonQuote(unit->code) +
                                               ",\"inherited\":" + std::to_string(inherited) + "}");
                !s) {
                return s.error();
            }
            return plan_id;
        });
    if (!created) {
        return std::move(created).error();
    }
    return GetPlan(ctx, actor, *created);
}

namespace {

struct Reporting {
    std::int64_t plan_id = 0;
    std::int64_t unit_id = 0;
};

// The plan of the deliverable and the assigned unit the actor reports for: the one named, else
// the only one they serve.
base::Result<Reporting> ReportingUnit(store::Transaction& tx, const Actor& actor,
                                      std::int64_t deliverable_id, const std::string& unit_code) {
    auto plan_id = sp::PlanOfDeliverable(tx, deliverable_id);
    if (!plan_id) {
        return std::move(plan_id).error();
    }
    if (!*plan_id) {
        return base::NotFound("Không có sản phẩm số " + std::to_string(deliverable_id) + ".");
    }
    auto plan = sp::Get(tx, **plan_id);
    if (!plan) {
        return std::move(plan).error();
    }
    if (!*plan) {
        return base::NotFound("Không có kế hoạch của sản phẩm này.");
    }
    const sp::Deliverable* d = FindDeliverable(**plan, deliverable_id);
    if (d == nullptr) {
        return base::NotFound("Không có sản phẩm số " + std::to_string(deliverable_id) + ".");
    }
    std::optional<std::int64_t> unit_id;
    if (!unit_code.empty()) {
        auto unit = UnitByCode(tx, unit_code);
        if (!unit) {
            return std::move(unit).error();
        }
        unit_id = unit->id;
    }
    std::vector<std::int64_t> mine;
    for (const sp::Assignment& a : d->assignments) {
        if (unit_id && a.unit_id != *unit_id) {
            continue;
        }
        auto staff = IsStaffOf(tx, actor, a.unit_id);
        if (!staff) {
            return std::move(staff).error();
        }
        if (*staff && std::find(mine.begin(), mine.end(), a.unit_id) == mine.end()) {
            mine.push_back(a.unit_id);
        }
    }
    if (mine.empty()) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ công chức của đơn vị được giao sản phẩm này mới báo cáo "
                           "được tiến độ của đơn vị mình."};
    }
    if (mine.size() > 1) {
        return base::InvalidArgument(
            "Bạn phụ trách nhiều đơn vị được giao sản phẩm này; hãy nêu đơn vị (unit).");
    }
    return Reporting{**plan_id, mine.front()};
}

// Every upload checked before anything is written: the media types sniffed, in order.
base::Result<std::vector<std::string>> CheckEvidence(const std::vector<EvidenceUpload>& uploads,
                                                     std::size_t earlier) {
    if (uploads.size() > kMaxEvidenceFiles) {
        return base::InvalidArgument("Mỗi lần báo cáo đính kèm tối đa " +
                                     std::to_string(kMaxEvidenceFiles) + " tệp minh chứng.");
    }
    if (uploads.size() + earlier > 20) {
        return base::InvalidArgument("Một báo cáo có tối đa 20 tệp minh chứng.");
    }
    std::size_t total = 0;
    std::vector<std::string> types;
    for (const EvidenceUpload& u : uploads) {
        const std::string name = SanitiseFileName(u.file_name);
        const UploadCheck check = CheckUpload(u.bytes, u.declared_type);
        if (check.problem) {
            const std::string message = "Tệp minh chứng " + name + ": " + check.message;
            if (*check.problem == UploadProblem::kTooLarge) {
                return base::Error{base::ErrorCode::kResourceExhausted, message};
            }
            return base::InvalidArgument(message);
        }
        total += u.bytes.size();
        types.push_back(check.media_type);
    }
    if (total > kMaxEvidenceBytes) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Các tệp minh chứng của một lần báo cáo tối đa " +
                               std::to_string(kMaxEvidenceBytes >> 20) + " MB cộng lại."};
    }
    return types;
}

// Records an uploaded file (its bytes already stored under `sha`) as evidence of the unit.
base::Result<sp::Evidence> AddEvidenceFile(store::Transaction& tx, const Actor& actor,
                                           std::int64_t deliverable_id, std::int64_t unit_id,
                                           const EvidenceUpload& upload, const std::string& sha,
                                           const std::string& media_type,
                                           std::chrono::sys_seconds now) {
    const auto size = static_cast<std::int64_t>(upload.bytes.size());
    if (auto f = store::documents::InsertFile(tx, sha, size, media_type, now); !f) {
        return std::move(f).error();
    }
    sp::Evidence e;
    e.deliverable_id = deliverable_id;
    e.unit_id = unit_id;
    e.file_sha256 = sha;
    e.file_name = SanitiseFileName(upload.file_name);
    e.media_type = media_type;
    e.size = size;
    e.uploaded_by = actor.user->id;
    e.created_at = now;
    auto id = sp::AddEvidence(tx, e);
    if (!id) {
        return std::move(id).error();
    }
    e.id = *id;
    return e;
}

}  // namespace

base::Result<sp::Progress> ReportProgress(AppContext& ctx, const Actor& actor,
                                          std::int64_t deliverable_id, const ProgressInput& input,
                                          const std::vector<EvidenceUpload>& uploads) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    if (input.status != "not_started" && input.status != "in_progress" && input.status != "done") {
        return base::InvalidArgument(
            "Trạng thái (status) phải là not_started, in_progress hoặc done.");
    }
    int percent = input.percent.value_or(input.status == "done" ? 100 : 0);
    if (percent < 0 || percent > 100) {
        return base::InvalidArgument("Tỷ lệ hoàn thành (percent) phải từ 0 đến 100.");
    }
    if (input.status == "done" && percent != 100) {
        return base::InvalidArgument("Đã hoàn thành (done) thì tỷ lệ hoàn thành phải là 100.");
    }
    if (input.note.size() > 4000 || input.evidence_number.size() > 200 ||
        input.evidence_files.size() > 20) {
        return base::InvalidArgument(
            "Báo cáo quá dài (ghi chú tối đa 4000 byte, số văn bản 200, tối đa 20 tệp).");
    }
    if (base::Status s = ValidDate(input.evidence_date, "evidence_date"); !s) {
        return s.error();
    }
    auto types = CheckEvidence(uploads, input.evidence_files.size());
    if (!types) {
        return std::move(types).error();
    }
    // Who reports is checked before any byte reaches the disk, then again when writing.
    std::vector<std::string> shas;
    if (!uploads.empty()) {
        auto allowed = InReadTransaction<Reporting>(*ctx.db, [&](store::Transaction& tx) {
            return ReportingUnit(tx, actor, deliverable_id, input.unit_code);
        });
        if (!allowed) {
            return std::move(allowed).error();
        }
        for (const EvidenceUpload& u : uploads) {
            auto sha = StoreFile(ctx.files_dir, u.bytes);
            if (!sha) {
                return std::move(sha).error();
            }
            shas.push_back(std::move(*sha));
        }
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<sp::Progress>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sp::Progress> {
            auto who = ReportingUnit(tx, actor, deliverable_id, input.unit_code);
            if (!who) {
                return std::move(who).error();
            }
            for (std::int64_t file : input.evidence_files) {
                auto e = sp::GetEvidence(tx, file);
                if (!e) {
                    return std::move(e).error();
                }
                if (!*e || (*e)->deliverable_id != deliverable_id ||
                    (*e)->unit_id != who->unit_id) {
                    return base::InvalidArgument("Không có tệp minh chứng số " +
                                                 std::to_string(file) +
                                                 " của đơn vị cho sản phẩm này.");
                }
            }
            sp::Progress p;
            p.evidence_files = input.evidence_files;
            for (std::size_t i = 0; i < uploads.size(); ++i) {
                auto e = AddEvidenceFile(tx, actor, deliverable_id, who->unit_id, uploads[i],
                                         shas[i], (*types)[i], now);
                if (!e) {
                    return std::move(e).error();
                }
                p.evidence_files.push_back(e->id);
            }
            p.deliverable_id = deliverable_id;
            p.unit_id = who->unit_id;
            p.status = input.status;
            p.percent = percent;
            p.note = input.note;
            p.evidence_number = input.evidence_number;
            p.evidence_date = input.evidence_date;
            p.reported_by = actor.user->id;
            p.reported_at = now;
            auto id = sp::AddProgress(tx, p);
            if (!id) {
                return std::move(id).error();
            }
            p.id = *id;
            if (base::Status s =
                    AuditPlan(tx, actor, now, "plan.progress", who->plan_id,
                              "{\"deliverable\":" + std::to_string(deliverable_id) + ",\"unit\":" +
                                  std::to_string(p.unit_id) + ",\"status\":" + JsonQuote(p.status) +
                                  ",\"percent\":" + std::to_string(p.percent) +
                                  ",\"files\":" + std::to_string(p.evidence_files.size()) + "}");
                !s) {
                return s.error();
            }
            return p;
        });
}

base::Result<sp::Evidence> UploadPlanEvidence(AppContext& ctx, const Actor& actor,
                                              std::int64_t deliverable_id,
                                              const std::string& unit_code,
                                              const EvidenceUpload& upload) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto types = CheckEvidence({upload}, 0);
    if (!types) {
        return std::move(types).error();
    }
    auto allowed = InReadTransaction<Reporting>(*ctx.db, [&](store::Transaction& tx) {
        return ReportingUnit(tx, actor, deliverable_id, unit_code);
    });
    if (!allowed) {
        return std::move(allowed).error();
    }
    auto sha = StoreFile(ctx.files_dir, upload.bytes);
    if (!sha) {
        return std::move(sha).error();
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<sp::Evidence>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sp::Evidence> {
            auto who = ReportingUnit(tx, actor, deliverable_id, unit_code);
            if (!who) {
                return std::move(who).error();
            }
            auto e = AddEvidenceFile(tx, actor, deliverable_id, who->unit_id, upload, *sha,
                                     types->front(), now);
            if (!e) {
                return std::move(e).error();
            }
            if (base::Status s = AuditPlan(tx, actor, now, "plan.evidence", who->plan_id,
                                           "{\"deliverable\":" + std::to_string(deliverable_id) +
                                               ",\"unit\":" + std::to_string(who->unit_id) +
                                               ",\"evidence\":" + std::to_string(e->id) + "}");
                !s) {
                return s.error();
            }
            return e;
        });
}

base::Result<EvidenceFile> DownloadPlanEvidence(AppContext& ctx, const Actor& actor,
                                                std::int64_t evidence_id) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    auto evidence = InReadTransaction<sp::Evidence>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<sp::Evidence> {
            const base::Error unknown = base::NotFound("Không tìm thấy tệp minh chứng.");
            auto e = sp::GetEvidence(tx, evidence_id);
            if (!e) {
                return std::move(e).error();
            }
            if (!*e) {
                return unknown;
            }
            auto plan_id = sp::PlanOfDeliverable(tx, (*e)->deliverable_id);
            if (!plan_id) {
                return std::move(plan_id).error();
            }
            auto plan = *plan_id ? sp::Get(tx, **plan_id)
                                 : base::Result<std::optional<sp::Plan>>(std::nullopt);
            if (!plan) {
                return std::move(plan).error();
            }
            if (!*plan) {
                return unknown;
            }
            if (base::Status s = RequireRead(tx, actor, **plan); !s) {
                return s.error().code == base::ErrorCode::kPermissionDenied ? unknown : s.error();
            }
            return std::move(**e);
        });
    if (!evidence) {
        return std::move(evidence).error();
    }
    auto bytes = ReadStoredFile(ctx.files_dir, evidence->file_sha256);
    if (!bytes) {
        if (bytes.error().code == base::ErrorCode::kNotFound) {
            return base::Internal("file store: the bytes of plan evidence " +
                                  std::to_string(evidence->id) + " (" + evidence->file_sha256 +
                                  ") are missing");
        }
        return std::move(bytes).error();
    }
    return EvidenceFile{std::move(*evidence), std::move(*bytes)};
}

namespace {

std::vector<DashboardRow> RowsOf(const PlanView& v, std::optional<std::int64_t> only_unit) {
    std::vector<DashboardRow> rows;
    for (const auto& s : v.plan.sections) {
        for (const auto& t : s.tasks) {
            for (const auto& d : t.deliverables) {
                const DeliverableStatus& ds = v.status.at(d.id);
                for (const UnitStatus& u : ds.units) {
                    if (only_unit && u.unit_id != *only_unit) {
                        continue;
                    }
                    DashboardRow r;
                    r.plan_id = v.plan.head.id;
                    r.plan_title = v.plan.head.title;
                    r.plan_year = v.plan.head.year;
                    r.deliverable_id = d.id;
                    r.section = s.number;
                    r.task = t.number.empty() ? t.content : t.number + ". " + t.content;
                    r.product = d.product;
                    r.deadline = d.deadline_phrase;
                    r.next_due = ds.next_due;
                    if (u.status == "late") {
                        r.overdue = Overdue(d, v.today);
                    }
                    r.unit = u;
                    rows.push_back(std::move(r));
                }
            }
        }
    }
    return rows;
}

}  // namespace

base::Result<PlanDashboard> GetPlanDashboard(AppContext& ctx, const Actor& actor,
                                             std::int64_t plan_id) {
    auto view = GetPlan(ctx, actor, plan_id);
    if (!view) {
        return std::move(view).error();
    }
    PlanDashboard out;
    out.view = std::move(*view);
    for (const char* s : {"not_started", "in_progress", "done", "late"}) {
        out.by_status[s] = 0;
    }
    for (const auto& [id, ds] : out.view.status) {
        ++out.by_status[ds.status];
    }
    std::map<std::string, UnitCounts> per_unit;
    for (DashboardRow& r : RowsOf(out.view, std::nullopt)) {
        const domain::Unit& unit = out.view.units[r.unit.unit_id];
        UnitCounts& c = per_unit[unit.code];
        c.unit = unit;
        ++c.by_status[r.unit.status];
        if (!r.overdue.empty()) {
            out.overdue.push_back(std::move(r));
        }
    }
    for (auto& [code, c] : per_unit) {
        out.units.push_back(std::move(c));
    }
    std::stable_sort(out.overdue.begin(), out.overdue.end(),
                     [](const DashboardRow& a, const DashboardRow& b) {
                         return a.overdue.front() < b.overdue.front();
                     });
    return out;
}

base::Result<UnitDashboard> GetUnitDashboard(AppContext& ctx, const Actor& actor,
                                             const std::string& unit_code) {
    if (!actor.SignedIn()) {
        return SignInFirst();
    }
    return InReadTransaction<UnitDashboard>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<UnitDashboard> {
            auto unit = UnitByCode(tx, unit_code);
            if (!unit) {
                return std::move(unit).error();
            }
            auto allowed = HoldsAny(tx, actor,
                                    {Role::kDeskOfficer, Role::kSpecialist, Role::kLeader,
                                     Role::kControlOfficer, Role::kAdmin},
                                    unit->id);
            if (!allowed) {
                return std::move(allowed).error();
            }
            if (!*allowed) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Bạn không có quyền xem nhiệm vụ kế hoạch của đơn vị này."};
            }
            UnitDashboard out;
            out.unit = *unit;
            out.today = Today(ctx);
            auto plans = sp::PlansAssigning(tx, unit->id);
            if (!plans) {
                return std::move(plans).error();
            }
            for (std::int64_t id : *plans) {
                auto view = LoadView(tx, ctx, nullptr, id, false);
                if (!view) {
                    return std::move(view).error();
                }
                for (DashboardRow& r : RowsOf(*view, unit->id)) {
                    ++out.by_status[r.unit.status];
                    out.rows.push_back(std::move(r));
                }
            }
            std::stable_sort(out.rows.begin(), out.rows.end(),
                             [](const DashboardRow& a, const DashboardRow& b) {
                                 // Next due first; those without one last.
                                 if (a.next_due.has_value() != b.next_due.has_value()) {
                                     return a.next_due.has_value();
                                 }
                                 return a.next_due < b.next_due;
                             });
            return out;
        });
}

base::Result<pi::Plan> LoadPlanAsImport(AppContext& ctx, const Actor& actor, std::int64_t plan_id) {
    auto view = GetPlan(ctx, actor, plan_id);
    if (!view) {
        return std::move(view).error();
    }
    return PlanViewAsImport(*view);
}

base::Result<PlanView> GetPlanAsSystem(AppContext& ctx, std::int64_t plan_id) {
    return InReadTransaction<PlanView>(*ctx.db, [&](store::Transaction& tx) {
        return LoadView(tx, ctx, nullptr, plan_id, false);
    });
}

pi::Plan PlanViewAsImport(const PlanView& view) {
    const sp::Plan& p = view.plan;
    pi::Plan out;
    out.format = p.head.format == "tsv"          ? pi::Format::kTabs
                 : p.head.format == "pipe_lines" ? pi::Format::kPipeLines
                 : p.head.format == "markdown"   ? pi::Format::kMarkdown
                                                 : pi::Format::kNone;
    out.year = p.head.year;
    out.decision_number = p.head.decision_number;
    out.decision_date = p.head.decision_date;
    for (const sp::Section& s : p.sections) {
        pi::Section section;
        section.line = static_cast<std::size_t>(s.line);
        section.number = s.number;
        section.title = s.title;
        for (const sp::Task& t : s.tasks) {
            pi::Task task;
            task.line = static_cast<std::size_t>(t.line);
            task.number = t.number;
            task.group = t.group;
            task.content = t.content;
            for (const sp::Deliverable& d : t.deliverables) {
                pi::Deliverable del;
                del.line = static_cast<std::size_t>(d.line);
                del.product = d.product;
                del.lead_raw = d.lead_raw;
                del.lead_units = d.lead_names;
                del.cooperating_raw = d.cooperating_raw;
                del.cooperating_units = d.cooperating_names;
                if (!d.deadline_kind.empty()) {
                    pd::Deadline dl;
                    dl.phrase = d.deadline_phrase;
                    dl.kind = d.deadline_kind == "date"        ? pd::Kind::kDate
                              : d.deadline_kind == "recurring" ? pd::Kind::kRecurring
                              : d.deadline_kind == "event"     ? pd::Kind::kEvent
                                                               : pd::Kind::kUnresolved;
                    dl.due = d.due;
                    for (pd::Recurrence r :
                         {pd::Recurrence::kNone, pd::Recurrence::kMonthly,
                          pd::Recurrence::kQuarterly, pd::Recurrence::kHalfYearly,
                          pd::Recurrence::kYearly, pd::Recurrence::kContinuous}) {
                        if (pd::RecurrenceName(r) == d.recurrence) {
                            dl.recurrence = r;
                        }
                    }
                    dl.event = d.deadline_event;
                    dl.note = d.deadline_note;
                    del.deadline = std::move(dl);
                }
                task.deliverables.push_back(std::move(del));
            }
            section.tasks.push_back(std::move(task));
        }
        out.sections.push_back(std::move(section));
    }
    for (const sp::Problem& pr : p.problems) {
        if (!pr.resolved) {
            out.problems.push_back(pi::Problem{static_cast<std::size_t>(pr.line), pr.reason});
        }
    }
    return out;
}

base::Result<int> SweepPlanReminders(AppContext& ctx, int days_before) {
    if (days_before < 0 || days_before > 60) {
        return base::InvalidArgument("Số ngày làm việc nhắc trước phải từ 0 đến 60.");
    }
    auto cal = internal::CalendarFor(0);
    if (!cal) {
        return std::move(cal).error();
    }
    const auto now = ctx.clock->Now();
    const auto today = Today(ctx);
    // The horizon: `days_before` working days after today.
    auto horizon = today;
    for (int n = 0; n < days_before;) {
        horizon += std::chrono::days{1};
        if ((*cal)->IsOpen(horizon)) {
            ++n;
        }
    }
    return InWriteTransaction<int>(*ctx.db, [&](store::Transaction& tx) -> base::Result<int> {
        auto heads = sp::List(tx, {});
        if (!heads) {
            return std::move(heads).error();
        }
        int queued = 0;
        for (const sp::Head& h : *heads) {
            auto view = LoadView(tx, ctx, nullptr, h.id, false);
            if (!view) {
                return std::move(view).error();
            }
            for (const auto& s : view->plan.sections) {
                for (const auto& t : s.tasks) {
                    for (const auto& d : t.deliverables) {
                        const DeliverableStatus& ds = view->status.at(d.id);
                        if (ds.status == "done" || !ds.next_due || *ds.next_due > horizon) {
                            continue;
                        }
                        auto first = sp::MarkReminded(tx, d.id, *ds.next_due, now);
                        if (!first) {
                            return std::move(first).error();
                        }
                        if (!*first) {
                            continue;
                        }
                        std::vector<std::int64_t> units;
                        for (const UnitStatus& u : ds.units) {
                            if (u.status != "done") {
                                units.push_back(u.unit_id);
                            }
                        }
                        if (units.empty()) {
                            continue;
                        }
                        auto users = store::users::List(tx, units);
                        if (!users) {
                            return std::move(users).error();
                        }
                        const std::string due = calendar::FormatIsoDate(*ds.next_due);
                        for (const domain::User& u : *users) {
                            if (!u.active) {
                                continue;
                            }
                            if (base::Status st = internal::NotifyAccount(
                                    tx, u.id, std::nullopt, "plan_reminder",
                                    "Nhắc hạn nhiệm vụ kế hoạch kiểm soát TTHC",
                                    "Nhiệm vụ \"" + t.content + "\" (" + h.title +
                                        ") đến hạn ngày " + due + ": " + d.product,
                                    now);
                                !st) {
                                return st.error();
                            }
                            ++queued;
                        }
                    }
                }
            }
        }
        return queued;
    });
}

}  // namespace motcua::app
