#include "app/review_plans.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/audit_util.hpp"
#include "app/control_util.hpp"
#include "calendar/civil_date.hpp"
#include "render/simplification_export.hpp"
#include "store/procedures.hpp"
#include "store/publication_decisions.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::app {

namespace json = boost::json;
namespace scm = domain::compliance_cost;
namespace srp = store::review_plans;
using domain::Role;

std::string_view ReviewPlanStateLabel(std::string_view state) {
    if (state == "proposed") return "Đề xuất";
    if (state == "approved") return "Đã phê duyệt";
    if (state == "implemented") return "Đã thực thi";
    return state;
}

namespace {

constexpr std::size_t kMaxItems = 200;
constexpr std::size_t kMaxText = 20000;

base::Result<bool> MayUse(store::Transaction& tx, const Actor& actor, std::int64_t unit) {
    return control::HoldsAny(tx, actor, {Role::kControlOfficer, Role::kLeader}, unit);
}

std::string OnlineLabel(std::string_view level) {
    if (level == "partial") return "một phần";
    if (level == "full") return "toàn trình";
    return std::string(level);
}

base::Result<ReviewChanges> ReadChanges(const json::value* v, const std::string& at) {
    ReviewChanges c;
    if (!v || v->is_null()) {
        return c;
    }
    if (!v->is_object()) {
        return base::InvalidArgument("Trường '" + at + "' phải là đối tượng.");
    }
    const json::object& o = v->as_object();
    for (auto [key, out, may_be_negative] : {std::tuple{"documents_cut", &c.documents_cut, false},
                                             std::tuple{"days_cut", &c.days_cut, false},
                                             std::tuple{"fee_change", &c.fee_change, true}}) {
        auto n = control::OptInt(o, key);
        if (!n) {
            return base::InvalidArgument(at + ": " + n.error().message);
        }
        *out = n->value_or(0);
        if (!may_be_negative && *out < 0) {
            return base::InvalidArgument("Trường '" + at + "." + key + "' không được âm.");
        }
    }
    auto level = control::OptString(o, "online_level", 20);
    auto text = control::OptString(o, "text", kMaxText);
    if (!level || !text) {
        return base::InvalidArgument(at + ": online_level và text phải là chuỗi.");
    }
    c.online_level = level->value_or("");
    if (c.online_level != "" && c.online_level != "partial" && c.online_level != "full") {
        return base::InvalidArgument("Trường '" + at +
                                     ".online_level' phải là partial (một phần) hoặc full "
                                     "(toàn trình).");
    }
    c.text = text->value_or("");
    return c;
}

json::object ChangesJson(const ReviewChanges& c) {
    return json::object{{"documents_cut", c.documents_cut},
                        {"days_cut", c.days_cut},
                        {"fee_change", c.fee_change},
                        {"online_level", c.online_level},
                        {"text", c.text}};
}

std::string ContentOf(const ReviewChanges& c) {
    std::string out = c.text;
    auto add = [&out](const std::string& line) {
        if (!out.empty()) out += "\n";
        out += "- " + line;
    };
    if (c.documents_cut > 0)
        add("Cắt giảm " + std::to_string(c.documents_cut) + " thành phần hồ sơ");
    if (c.days_cut > 0) add("Rút ngắn " + std::to_string(c.days_cut) + " ngày làm việc");
    if (c.fee_change < 0) add("Giảm phí, lệ phí " + scm::FormatDong(-c.fee_change) + " đồng");
    if (c.fee_change > 0) add("Tăng phí, lệ phí " + scm::FormatDong(c.fee_change) + " đồng");
    if (!c.online_level.empty())
        add("Cung cấp dịch vụ công trực tuyến " + OnlineLabel(c.online_level));
    return out;
}

// Reads title, decision number, year and items into `plan`.
base::Status ReadPlan(store::Transaction& tx, const json::object& o, srp::Plan& plan) {
    auto title = control::OptString(o, "title", 2000);
    auto decision = control::OptString(o, "decision_number", 200);
    if (!title) return title.error();
    if (!decision) return decision.error();
    plan.title = title->value_or("");
    plan.decision_number = decision->value_or("");
    if (plan.title.empty()) {
        return base::InvalidArgument("Thiếu trường 'title' (tên kế hoạch, phương án).");
    }
    auto year = control::OptInt(o, "year");
    if (!year) return year.error();
    if (!*year || **year < 2000 || **year > 2100) {
        return base::InvalidArgument("Trường 'year' phải là năm từ 2000 đến 2100.");
    }
    plan.year = static_cast<int>(**year);
    const json::value* items = o.if_contains("items");
    if (!items || !items->is_array()) {
        return base::InvalidArgument("Trường 'items' phải là danh sách thủ tục được rà soát.");
    }
    if (items->as_array().size() > kMaxItems) {
        return base::InvalidArgument("Tối đa 200 thủ tục trong một kế hoạch rà soát.");
    }
    plan.items.clear();
    std::set<std::string> seen;
    std::size_t n = 0;
    for (const json::value& v : items->as_array()) {
        const std::string at = "items[" + std::to_string(n++) + "]";
        if (!v.is_object()) {
            return base::InvalidArgument("Trường '" + at + "' phải là đối tượng.");
        }
        const json::object& io = v.as_object();
        auto code = control::OptString(io, "procedure_code", 50);
        if (!code) return base::InvalidArgument(at + ": " + code.error().message);
        if (!*code || (*code)->empty()) {
            return base::InvalidArgument("Thiếu '" + at + ".procedure_code' (mã thủ tục).");
        }
        if (!seen.insert(**code).second) {
            return base::InvalidArgument("Thủ tục " + **code + " có hai lần trong kế hoạch (" + at +
                                         ").");
        }
        auto history = store::procedures::History(tx, **code);
        if (!history) return history.error();
        if (history->empty()) {
            return base::InvalidArgument("Không có thủ tục mã '" + **code + "' trong danh mục (" +
                                         at + ".procedure_code).");
        }
        srp::Item item;
        item.procedure_code = **code;
        item.procedure_name = history->back().name;
        auto changes = ReadChanges(io.if_contains("changes"), at + ".changes");
        if (!changes) return changes.error();
        item.changes_json = json::serialize(ChangesJson(*changes));
        auto reason = control::OptString(io, "reason", kMaxText);
        if (!reason) return base::InvalidArgument(at + ": " + reason.error().message);
        item.reason = reason->value_or("");
        for (auto [key, out] : {std::pair{"cost_before", &item.cost_before_json},
                                std::pair{"cost_after", &item.cost_after_json}}) {
            const json::value* c = io.if_contains(key);
            if (!c) {
                return base::InvalidArgument("Thiếu '" + at + "." + key +
                                             "' (số liệu chi phí tuân thủ).");
            }
            auto sheet = ReadCostSheet(*c, at + "." + key);
            if (!sheet) return sheet.error();
            *out = sheet->canonical_json;
        }
        plan.items.push_back(std::move(item));
    }
    return {};
}

// The plan's unit line: the unit, its ancestors and its subtree in the current tree — the units
// whose publication decisions may implement the plan.
base::Result<std::vector<domain::Unit>> LineOf(store::Transaction& tx, std::int64_t unit_id) {
    auto all = store::units::List(tx);
    if (!all) return std::move(all).error();
    std::map<std::int64_t, const domain::Unit*> by_id;
    std::multimap<std::int64_t, std::int64_t> children;
    for (const domain::Unit& u : *all) {
        by_id[u.id] = &u;
        if (u.parent_id) children.emplace(*u.parent_id, u.id);
    }
    std::set<std::int64_t> line;
    std::optional<std::int64_t> up = unit_id;
    while (up && by_id.contains(*up) && line.insert(*up).second) {
        up = by_id[*up]->parent_id;  // the ancestors (a cycle would stop at a unit seen before)
    }
    std::vector<std::int64_t> queue{unit_id};
    while (!queue.empty()) {
        const std::int64_t at = queue.back();
        queue.pop_back();
        for (auto [it, end] = children.equal_range(at); it != end; ++it) {
            if (line.insert(it->second).second) queue.push_back(it->second);
        }
    }
    std::vector<domain::Unit> out;
    for (std::int64_t id : line) {
        if (by_id.contains(id)) out.push_back(*by_id[id]);
    }
    return out;
}

PublicationChoice ChoiceOf(const store::publication_decisions::Decision& d, std::string unit_name) {
    return PublicationChoice{d.id, d.number, d.title, d.state, d.signed_on, std::move(unit_name)};
}

// The signed or applied decisions of the plan's unit line, newest signature first.
base::Result<std::vector<PublicationChoice>> ChoicesFor(store::Transaction& tx,
                                                        std::int64_t unit_id) {
    auto line = LineOf(tx, unit_id);
    if (!line) return std::move(line).error();
    store::publication_decisions::ListQuery q;
    std::map<std::int64_t, std::string> names;
    for (const domain::Unit& u : *line) {
        q.unit_ids.push_back(u.id);
        names[u.id] = u.name;
    }
    auto list = store::publication_decisions::List(tx, q);
    if (!list) return std::move(list).error();
    std::vector<PublicationChoice> out;
    for (const auto& d : *list) {
        if (d.state != "draft") out.push_back(ChoiceOf(d, names[d.issuing_unit_id]));
    }
    return out;
}

// The stored decision `id` chosen to implement a plan of `plan_unit`: kNotFound when unknown,
// kInvalidArgument when issued outside the plan's unit line, kFailedPrecondition for a draft.
base::Result<PublicationChoice> ChosenDecision(store::Transaction& tx,
                                               const domain::Unit& plan_unit, std::int64_t id) {
    auto d = store::publication_decisions::Get(tx, id);
    if (!d) return std::move(d).error();
    if (!*d) {
        return base::NotFound("Không có quyết định công bố mã " + std::to_string(id) +
                              " trong hệ thống (trường 'publication_decision_id').");
    }
    auto line = LineOf(tx, plan_unit.id);
    if (!line) return std::move(line).error();
    const auto issuer = std::find_if(line->begin(), line->end(), [&](const domain::Unit& u) {
        return u.id == (*d)->issuing_unit_id;
    });
    if (issuer == line->end()) {
        return base::InvalidArgument("Quyết định công bố số " + (*d)->number + " (mã " +
                                     std::to_string(id) + ") không do " + plan_unit.name +
                                     ", đơn vị cấp trên hay đơn vị trực thuộc ban hành; không "
                                     "gắn được với kế hoạch này (trường "
                                     "'publication_decision_id').");
    }
    if ((*d)->state == "draft") {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Quyết định công bố số " + (*d)->number +
                               " còn là dự thảo, chưa được ký (trường "
                               "'publication_decision_id')."};
    }
    return ChoiceOf(**d, issuer->name);
}

base::Result<ReviewPlanView> ViewOf(store::Transaction& tx, const Actor& actor, srp::Plan plan) {
    ReviewPlanView v;
    auto unit = store::units::Get(tx, plan.unit_id);
    if (!unit) return std::move(unit).error();
    if (*unit) v.unit = **unit;
    scm::Cost total_before;
    scm::Cost total_after;
    for (const srp::Item& item : plan.items) {
        ReviewItemView iv;
        iv.item = item;
        std::error_code ec;
        const json::value changes = json::parse(item.changes_json, ec);
        if (ec) return base::Internal("review_plan_items.changes is not JSON");
        auto c = ReadChanges(&changes, "changes");
        if (!c) return base::Internal("review_plan_items.changes: " + c.error().message);
        iv.changes = std::move(*c);
        iv.content = ContentOf(iv.changes);
        auto before = StoredCostSheet(item.cost_before_json, "cost_before");
        auto after = StoredCostSheet(item.cost_after_json, "cost_after");
        if (!before) return std::move(before).error();
        if (!after) return std::move(after).error();
        iv.before = std::move(*before);
        iv.after = std::move(*after);
        iv.saving = scm::SavingOf(iv.before.cost, iv.after.cost);
        v.totals.per_event_before += iv.before.cost.per_event;
        v.totals.per_event_after += iv.after.cost.per_event;
        v.totals.annual_before += iv.before.cost.annual;
        v.totals.annual_after += iv.after.cost.annual;
        v.items.push_back(std::move(iv));
    }
    // The plan's saving % is of the annual total (procedures differ in subjects and frequency).
    total_before.per_event = v.totals.annual_before;
    total_after.per_event = v.totals.annual_after;
    const scm::Saving total = scm::SavingOf(total_before, total_after);
    v.totals.annual_saving = v.totals.annual_before - v.totals.annual_after;
    v.totals.hundredths = total.hundredths;
    v.totals.percent_text = total.text;
    auto may = MayUse(tx, actor, plan.unit_id);
    if (!may) return std::move(may).error();
    if (*may) {
        if (plan.state == "proposed") v.actions = {"edit", "approve"};
        if (plan.state == "approved") v.actions = {"implement"};
    }
    if (plan.publication_decision_id) {
        auto d = store::publication_decisions::Get(tx, *plan.publication_decision_id);
        if (!d) return std::move(d).error();
        if (*d) {
            auto issuer = store::units::Get(tx, (*d)->issuing_unit_id);
            if (!issuer) return std::move(issuer).error();
            v.publication = ChoiceOf(**d, *issuer ? (*issuer)->name : std::string());
        }
    }
    if (plan.state == "approved" && !v.actions.empty()) {
        auto choices = ChoicesFor(tx, plan.unit_id);
        if (!choices) return std::move(choices).error();
        v.publication_choices = std::move(*choices);
    }
    v.plan = std::move(plan);
    return v;
}

base::Result<srp::Plan> Load(store::Transaction& tx, const Actor& actor, std::int64_t id) {
    auto p = srp::Get(tx, id);
    if (!p) return std::move(p).error();
    if (!*p) {
        return base::NotFound("Không có kế hoạch rà soát số " + std::to_string(id) + ".");
    }
    auto may = MayUse(tx, actor, (*p)->unit_id);
    if (!may) return std::move(may).error();
    if (!*may) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chỉ công chức kiểm soát TTHC và lãnh đạo của đơn vị được xem kế hoạch "
                           "rà soát này."};
    }
    return std::move(**p);
}

base::Error Stale(std::int64_t version) {
    return base::Error{base::ErrorCode::kAborted,
                       "Kế hoạch rà soát đã bị thay đổi bởi người khác (phiên bản " +
                           std::to_string(version) + "); tải lại rồi thao tác."};
}

std::string AuditDetail(const srp::Plan& p) {
    std::string codes;
    for (const srp::Item& i : p.items) {
        if (!codes.empty()) codes += ",";
        codes += JsonQuote(i.procedure_code);
    }
    return "{\"state\":" + JsonQuote(p.state) + ",\"year\":" + std::to_string(p.year) +
           ",\"procedures\":[" + codes + "]}";
}

}  // namespace

base::Result<std::vector<ReviewPlanView>> ListReviewPlans(AppContext& ctx, const Actor& actor,
                                                          std::optional<int> year) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    return InReadTransaction<std::vector<ReviewPlanView>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<ReviewPlanView>> {
            auto list = srp::List(tx, {});
            if (!list) return std::move(list).error();
            std::vector<ReviewPlanView> out;
            for (srp::Plan& p : *list) {
                if (year && p.year != *year) continue;
                auto may = MayUse(tx, actor, p.unit_id);
                if (!may) return std::move(may).error();
                if (!*may) continue;
                auto v = ViewOf(tx, actor, std::move(p));
                if (!v) return std::move(v).error();
                out.push_back(std::move(*v));
            }
            return out;
        });
}

base::Result<ReviewPlanView> CreateReviewPlan(AppContext& ctx, const Actor& actor,
                                              std::string_view body) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) return std::move(o).error();
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ReviewPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReviewPlanView> {
            auto code = control::OptString(*o, "unit", 50);
            if (!code) return std::move(code).error();
            if (!*code || (*code)->empty()) {
                return base::InvalidArgument("Thiếu trường 'unit' (mã đơn vị lập kế hoạch).");
            }
            auto unit = control::UnitByCode(tx, **code, "unit");
            if (!unit) return std::move(unit).error();
            auto may = MayUse(tx, actor, unit->id);
            if (!may) return std::move(may).error();
            if (!*may) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Chỉ công chức kiểm soát TTHC và lãnh đạo của đơn vị được lập "
                                   "kế hoạch rà soát."};
            }
            srp::Plan plan;
            plan.unit_id = unit->id;
            if (base::Status s = ReadPlan(tx, *o, plan); !s) return s.error();
            plan.created_by = actor.user->id;
            plan.created_at = now;
            plan.updated_at = now;
            auto id = srp::Insert(tx, plan);
            if (!id) return std::move(id).error();
            plan.id = *id;
            if (base::Status s = Audit(tx, actor, now, "review_plan.create", "review_plan",
                                       std::to_string(*id), AuditDetail(plan));
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(plan));
        });
}

base::Result<ReviewPlanView> GetReviewPlan(AppContext& ctx, const Actor& actor, std::int64_t id) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    return InReadTransaction<ReviewPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReviewPlanView> {
            auto p = Load(tx, actor, id);
            if (!p) return std::move(p).error();
            return ViewOf(tx, actor, std::move(*p));
        });
}

base::Result<ReviewPlanView> UpdateReviewPlan(AppContext& ctx, const Actor& actor, std::int64_t id,
                                              std::string_view body,
                                              std::optional<std::int64_t> if_match) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) return std::move(o).error();
    auto version = control::VersionOf(*o, if_match);
    if (!version) return std::move(version).error();
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ReviewPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReviewPlanView> {
            auto p = Load(tx, actor, id);
            if (!p) return std::move(p).error();
            if (p->version != *version) return Stale(p->version);
            if (p->state != "proposed") {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Chỉ sửa được kế hoạch đang ở trạng thái đề xuất (hiện: " +
                                       std::string(ReviewPlanStateLabel(p->state)) + ")."};
            }
            if (base::Status s = ReadPlan(tx, *o, *p); !s) return s.error();
            p->updated_at = now;
            auto v = srp::Update(tx, *p, *version);
            if (!v) return std::move(v).error();
            p->version = *v;
            if (base::Status s = Audit(tx, actor, now, "review_plan.update", "review_plan",
                                       std::to_string(id), AuditDetail(*p));
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(*p));
        });
}

base::Result<ReviewPlanView> ActOnReviewPlan(AppContext& ctx, const Actor& actor, std::int64_t id,
                                             std::string_view body) {
    if (base::Status s = control::RequireStaff(actor, {Role::kControlOfficer, Role::kLeader}); !s) {
        return s.error();
    }
    auto o = control::ParseBody(body);
    if (!o) return std::move(o).error();
    auto action = control::OptString(*o, "action", 20);
    if (!action) return std::move(action).error();
    const std::string act = action->value_or("");
    if (act != "approve" && act != "implement") {
        return base::InvalidArgument("Trường 'action' phải là approve hoặc implement.");
    }
    auto version = control::VersionOf(*o, {});
    if (!version) return std::move(version).error();
    auto by = control::OptString(*o, "approved_by", 500);
    auto decision = control::OptString(*o, "decision", 200);
    auto publication = control::OptString(*o, "publication_decision", 200);
    auto on = control::OptDay(*o, "on");
    auto publication_id = control::OptInt(*o, "publication_decision_id");
    if (!publication_id) return std::move(publication_id).error();
    if (*publication_id && **publication_id <= 0) {
        return base::InvalidArgument(
            "Trường 'publication_decision_id' phải là mã (số dương) của một quyết định công bố.");
    }
    if (!by) return std::move(by).error();
    if (!decision) return std::move(decision).error();
    if (!publication) return std::move(publication).error();
    if (!on) return std::move(on).error();
    const auto now = ctx.clock->Now();
    return InWriteTransaction<ReviewPlanView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<ReviewPlanView> {
            auto p = Load(tx, actor, id);
            if (!p) return std::move(p).error();
            if (p->version != *version) return Stale(p->version);
            const std::string from = p->state;
            const std::string_view needed = act == "approve" ? "proposed" : "approved";
            if (from != needed) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Không thể thực hiện thao tác '" + act +
                                       "' khi kế hoạch ở trạng thái «" +
                                       std::string(ReviewPlanStateLabel(from)) + "»."};
            }
            if (!*on) {
                return base::InvalidArgument("Thiếu trường 'on' (ngày, dạng YYYY-MM-DD).");
            }
            if (act == "approve") {
                if (by->value_or("").empty() || decision->value_or("").empty()) {
                    return base::InvalidArgument(
                        "Phê duyệt cần người phê duyệt ('approved_by') và số quyết định "
                        "('decision').");
                }
                p->state = "approved";
                p->approved_by = **by;
                p->approval_decision = **decision;
                p->approved_on = *on;
            } else {
                if (p->approved_on && **on < *p->approved_on) {
                    return base::InvalidArgument("Ngày thực thi không được trước ngày phê duyệt.");
                }
                p->state = "implemented";
                p->implemented_on = *on;
                p->publication_decision = publication->value_or("");
                p->publication_decision_id.reset();
                if (*publication_id) {
                    auto unit = store::units::Get(tx, p->unit_id);
                    if (!unit) return std::move(unit).error();
                    if (!*unit) return base::Internal("review plan without its unit");
                    auto chosen = ChosenDecision(tx, **unit, **publication_id);
                    if (!chosen) return std::move(chosen).error();
                    if (!p->publication_decision.empty() &&
                        p->publication_decision != chosen->number) {
                        return base::InvalidArgument(
                            "Số quyết định công bố ghi tay (" + p->publication_decision +
                            ") khác số của quyết định đã chọn (" + chosen->number +
                            "); chỉ cần chọn quyết định.");
                    }
                    p->publication_decision = chosen->number;
                    p->publication_decision_id = chosen->id;
                }
            }
            p->updated_at = now;
            auto v = srp::Update(tx, *p, *version);
            if (!v) return std::move(v).error();
            p->version = *v;
            if (base::Status s =
                    Audit(tx, actor, now, "review_plan." + act, "review_plan", std::to_string(id),
                          "{\"from\":" + JsonQuote(from) + ",\"to\":" + JsonQuote(p->state) +
                              ",\"on\":" + JsonQuote(calendar::FormatIsoDate(**on)) +
                              (p->publication_decision_id
                                   ? ",\"publication_decision_id\":" +
                                         std::to_string(*p->publication_decision_id)
                                   : std::string()) +
                              "}");
                !s) {
                return s.error();
            }
            return ViewOf(tx, actor, std::move(*p));
        });
}

base::Result<ExportFile> ExportReviewPlan(AppContext& ctx, const Actor& actor, std::int64_t id,
                                          std::string_view format) {
    if (format != "docx" && format != "xlsx") {
        return base::InvalidArgument("Tham số 'format' phải là docx hoặc xlsx.");
    }
    auto view = GetReviewPlan(ctx, actor, id);
    if (!view) return std::move(view).error();
    render::SimplificationTable t;
    t.issuing_unit = view->unit.name;
    t.title = "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NĂM " + std::to_string(view->plan.year);
    t.subtitle = view->plan.title;
    if (!view->plan.decision_number.empty()) {
        t.subtitle += " (Kế hoạch số " + view->plan.decision_number + ")";
    }
    t.status = "Trạng thái: " + std::string(ReviewPlanStateLabel(view->plan.state));
    if (!view->plan.approval_decision.empty()) {
        t.status += "; phê duyệt tại Quyết định số " + view->plan.approval_decision;
        if (view->plan.approved_on) {
            t.status += " ngày " + calendar::FormatVietnameseDate(*view->plan.approved_on);
        }
    }
    if (view->plan.implemented_on) {
        t.status += "; thực thi ngày " + calendar::FormatVietnameseDate(*view->plan.implemented_on);
        if (!view->plan.publication_decision.empty()) {
            t.status += " (Quyết định công bố số " + view->plan.publication_decision + ")";
        }
    }
    std::size_t n = 0;
    for (const ReviewItemView& i : view->items) {
        render::SimplificationRow r;
        r.number = std::to_string(++n);
        r.procedure = i.item.procedure_code + " – " + i.item.procedure_name;
        r.content = i.content;
        r.reason = i.item.reason;
        r.before_per_event = i.before.cost.per_event;
        r.after_per_event = i.after.cost.per_event;
        r.before_annual = i.before.cost.annual;
        r.after_annual = i.after.cost.annual;
        r.saving_annual = i.saving.annual;
        r.percent = i.saving.text;
        t.rows.push_back(std::move(r));
    }
    t.total.before_annual = view->totals.annual_before;
    t.total.after_annual = view->totals.annual_after;
    t.total.saving_annual = view->totals.annual_saving;
    t.total.percent = view->totals.percent_text;
    const std::string base = "phuong-an-don-gian-hoa-" + std::to_string(id);
    if (format == "docx") {
        auto bytes = render::RenderSimplificationDocx(t);
        if (!bytes) return std::move(bytes).error();
        return ExportFile{std::move(*bytes),
                          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                          base + ".docx"};
    }
    auto bytes = render::RenderSimplificationXlsx(t);
    if (!bytes) return std::move(bytes).error();
    return ExportFile{std::move(*bytes),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      base + ".xlsx"};
}

}  // namespace motcua::app

namespace motcua::app {

base::Result<int> SeedDemoReviewPlans(AppContext& ctx) {
    auto existing = InReadTransaction<std::int64_t>(
        *ctx.db, [](store::Transaction& tx) -> base::Result<std::int64_t> {
            auto row = tx.QueryOne("SELECT COUNT(*) FROM review_plans", {});
            if (!row) return std::move(row).error();
            return *row ? (*row)->Int(0) : 0;
        });
    if (!existing) return std::move(existing).error();
    if (*existing > 0) return 0;
    auto control =
        InReadTransaction<Actor>(*ctx.db, [](store::Transaction& tx) -> base::Result<Actor> {
            auto user = store::users::GetByUsername(tx, "kiemsoat");
            if (!user) return std::move(user).error();
            if (!*user) return base::NotFound("demo user kiemsoat is missing");
            Actor a;
            a.user = **user;
            a.ip = "127.0.0.1";
            a.user_agent = "motcua seed-demo";
            return a;
        });
    if (!control) return std::move(control).error();
    const int year = static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(ctx.clock->Now())}
            .year());
    // The public worked example (REGULATIONS.md §5.5): illustrative activities adding up to the
    // published totals.
    constexpr std::string_view kBefore =
        R"({"daily_income":200000,"activities":[{"name":"Tìm hiểu, chuẩn bị hồ sơ","hours":8},)"
        R"({"name":"Đi lại, nộp hồ sơ tại Bộ phận Một cửa","hours":4},{"name":"Chờ và nhận kết )"
        R"(quả","hours":4}],"outsourced":500000,"fees":100000,"other":24000,"subjects":3228,)"
        R"("frequency":1,"note":"Ví dụ công khai QĐ 1811/QĐ-TTPVHCC (tổng số); các hoạt động là )"
        R"(số liệu minh họa"})";
    constexpr std::string_view kAfter =
        R"({"daily_income":200000,"activities":[{"name":"Chuẩn bị hồ sơ","hours":4},{"name":)"
        R"("Nộp hồ sơ trực tuyến","hours":0.5}],"fees":100000,"other":18500,"subjects":3228,)"
        R"("frequency":1})";
    const std::string plan =
        R"({"unit":"46","year":)" + std::to_string(year) +
        R"(,"title":"Kế hoạch rà soát, đánh giá TTHC trọng tâm năm )" + std::to_string(year) +
        R"(","decision_number":"45/KH-UBND","items":[{"procedure_code":"1.000894","changes":)"
        R"({"documents_cut":1,"days_cut":2,"online_level":"full","text":"Không yêu cầu nộp )"
        R"(giấy xác nhận tình trạng hôn nhân khi đã khai thác được từ Cơ sở dữ liệu quốc gia về )"
        R"(dân cư"},"reason":"Khai thác dữ liệu dân cư, hộ tịch điện tử","cost_before":)" +
        std::string(kBefore) + R"(,"cost_after":)" + std::string(kAfter) +
        R"(},{"procedure_code":"1.000689","changes":{"days_cut":1,"text":"Rút ngắn thời hạn )"
        R"(giải quyết"},"reason":"Quy trình nội bộ liên thông","cost_before":{"daily_income":)"
        R"(200000,"activities":[{"name":"Chuẩn bị hồ sơ","hours":3},{"name":"Nộp và nhận kết )"
        R"(quả","hours":3}],"other":20000,"subjects":1200,"frequency":1},"cost_after":)"
        R"({"daily_income":200000,"activities":[{"name":"Chuẩn bị hồ sơ","hours":2},{"name":)"
        R"("Nộp và nhận kết quả","hours":2}],"other":15000,"subjects":1200,"frequency":1}}]})";
    auto created = CreateReviewPlan(ctx, *control, plan);
    if (!created) return std::move(created).error();
    const std::string assessment =
        R"({"unit":"46","draft_name":"Dự thảo Quyết định ban hành quy định hỗ trợ chuyển đổi số )"
        R"(cho hộ kinh doanh trên địa bàn thành phố","draft_number":"DT-QĐ/)" +
        std::to_string(year) +
        R"(","procedure":{"name":"Hỗ trợ chi phí chuyển đổi số cho hộ kinh doanh","field":)"
        R"("Kế hoạch và đầu tư","subjects":"Hộ kinh doanh","frequency":"1 lần/năm"},"answers":)"
        R"({"necessity.goal":{"answer":"yes","note":"Quản lý nguồn ngân sách hỗ trợ"},)"
        R"("reasonableness.dossier":{"answer":"yes","note":"Chỉ yêu cầu đơn đề nghị và hóa )"
        R"(đơn"},"legality.authority":{"answer":"yes","note":"Thuộc thẩm quyền HĐND, UBND )"
        R"(thành phố"}},"conclusions":{"overall":"Thủ tục cần thiết; đề nghị cho phép nộp )"
        R"(trực tuyến toàn trình"},"cost":{"daily_income":200000,"activities":[{"name":"Chuẩn )"
        R"(bị hồ sơ","hours":2},{"name":"Nộp hồ sơ trực tuyến","hours":0.5}],"other":10000,)"
        R"("subjects":2500,"frequency":1}})";
    auto ia = CreateImpactAssessment(ctx, *control, assessment);
    if (!ia) return std::move(ia).error();
    return 2;
}

}  // namespace motcua::app
