// Inspections of TTHC-control work (issue #7; docs/inspections.md "Pages"):
//  - /thanh-kiem-tra: the inspection plans the actor may read (with their warnings and
//    inspections), the inspections of the actor's own units, a form to create a plan and, per
//    plan, a form to add an inspection;
//  - /thanh-kiem-tra/{id}: one inspection — the checklist with the system's pre-filled figures
//    and the inspector's findings, one form per allowed step of the cycle, the remediation
//    deadline, the events, and the report outline (DOCX/PDF through the API).
// Thin: decode, call app/inspections.hpp (which authorises), render.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/dossier_forms.hpp"
#include "app/inspections.hpp"
#include "calendar/civil_date.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

namespace ins = domain::inspection;
namespace json = boost::json;
using http::Request;
using http::Response;

constexpr std::string_view kListPath = "/thanh-kiem-tra";

std::string ItemPath(std::int64_t id) {
    return std::string(kListPath) + "/" + std::to_string(id);
}

DataList WarningsData(const std::vector<ins::Warning>& warnings) {
    DataList out;
    for (const ins::Warning& w : warnings) {
        Data d;
        d.set("rule", w.rule);
        d.set("source", w.source);
        d.set("message", w.message);
        out.push_back(d);
    }
    return out;
}

Data InspectionRow(const app::InspectionView& v) {
    const ins::Inspection& i = v.inspection;
    Data d;
    d.set("id", std::to_string(i.id));
    d.set("href", ItemPath(i.id));
    d.set("unit", v.unit.name);
    d.set("kind", std::string(ins::KindLabel(i.kind)));
    d.set("state", std::string(ins::StateLabel(i.state)));
    d.set("quarter",
          OptionalText(i.quarter > 0 ? "Quý " + std::to_string(i.quarter) : std::string()));
    d.set("start", OptionalText(FormatDayShort(i.start)));
    d.set("end", OptionalText(FormatDayShort(i.end)));
    d.set("notice_by", OptionalText(FormatDayShort(v.notice_by)));
    d.set("remediation_due", OptionalText(FormatDayShort(i.remediation_due)));
    return d;
}

// The text of a pre-filled figure (JSON with "text"), "" when the item has none.
std::string FigureText(const std::string& prefilled_json) {
    if (prefilled_json.empty()) {
        return {};
    }
    boost::system::error_code ec;
    const json::value v = json::parse(prefilled_json, ec);
    if (ec || !v.is_object()) {
        return {};
    }
    const json::object& o = v.as_object();
    const json::value* text = o.if_contains("text");
    return text != nullptr && text->is_string() ? std::string(text->as_string()) : std::string();
}

// ---- /thanh-kiem-tra ---------------------------------------------------------------------------

struct PlanValues {
    std::string year;
    std::string unit;
    std::string title;
    std::string number;
    std::string date;
    std::string checklist = "s3";
};

Response ListPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const PlanValues& values, const std::string& error,
                  std::optional<std::int64_t> error_plan) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    app::AppContext& ctx = site.Context();
    std::optional<int> year;
    if (auto y = ParsePositive(req.Query("nam")); y && *y < 3000) {
        year = static_cast<int>(*y);
    }
    auto plans = app::ListInspectionPlans(ctx, actor, year);
    if (!plans) {
        return site.ForError(plans.error(), req, actor);
    }
    auto mine = app::MyInspections(ctx, actor);
    if (!mine) {
        return site.ForError(mine.error(), req, actor);
    }
    DataList plan_list;
    for (const app::InspectionPlanView& p : *plans) {
        Data d;
        d.set("id", std::to_string(p.plan.id));
        d.set("year", std::to_string(p.plan.year));
        d.set("title", p.plan.title);
        d.set("number", OptionalText(p.plan.decision_number));
        d.set("date", OptionalText(FormatDayShort(p.plan.decision_date)));
        d.set("inspecting_unit", p.inspecting_unit.name);
        d.set("checklist", p.plan.checklist);
        d.set("version", std::to_string(p.plan.version));
        d.set("add_href", std::string(kListPath) + "/ke-hoach/" + std::to_string(p.plan.id));
        DataList rows;
        for (const app::InspectionView& v : p.inspections) {
            rows.push_back(InspectionRow(v));
        }
        d.set("inspections", rows);
        d.set("has_inspections", !rows.empty());
        const DataList warnings = WarningsData(p.warnings);
        d.set("warnings", warnings);
        d.set("has_warnings", !warnings.empty());
        d.set("error", OptionalText(error_plan && *error_plan == p.plan.id ? error : ""));
        plan_list.push_back(d);
    }
    DataList mine_list;
    for (const app::InspectionView& v : *mine) {
        mine_list.push_back(InspectionRow(v));
    }
    Data data;
    data.set("plans", plan_list);
    data.set("has_plans", !plan_list.empty());
    data.set("mine", mine_list);
    data.set("has_mine", !mine_list.empty());
    data.set("error", OptionalText(error_plan ? "" : error));
    data.set("plan_year", values.year);
    data.set("plan_unit", values.unit);
    data.set("plan_title", values.title);
    data.set("plan_number", values.number);
    data.set("plan_date", values.date);
    data.set("s3", values.checklist == "s3");
    data.set("s0", values.checklist == "s0");
    data.set("s4", values.checklist == "s4");
    Chrome chrome = site.MakeChrome(req, actor, "Thanh tra, kiểm tra", Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "inspection_plans", chrome, data);
}

Response ListGet(const Site& site, const Request& req, const app::Actor& actor) {
    return ListPage(site, req, actor, 200, PlanValues{}, "", std::nullopt);
}

Response CreatePlanPost(const Site& site, const Request& req, const app::Actor& actor,
                        const Form& form) {
    PlanValues v{form.Get("year"),  form.Get("inspecting_unit"),
                 form.Get("title"), form.Get("number"),
                 form.Get("date"),  form.Get("checklist")};
    json::object body{{"inspecting_unit", v.unit}, {"title", v.title}, {"checklist", v.checklist}};
    auto year = ParsePositive(v.year);
    if (!year || *year > 2100) {
        return ListPage(site, req, actor, 422, v, "Năm kế hoạch phải là một số (ví dụ 2025).",
                        std::nullopt);
    }
    body["year"] = *year;
    if (!v.number.empty()) {
        body["decision_number"] = v.number;
    }
    if (!v.date.empty()) {
        body["decision_date"] = v.date;
    }
    auto created = app::CreateInspectionPlan(site.Context(), actor, json::serialize(body));
    if (!created) {
        if (const int status = InputStatus(created.error()); status != 0) {
            return ListPage(site, req, actor, status, v, Sentence(created.error().message),
                            std::nullopt);
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(std::string(kListPath) + kSavedQuery);
}

Response AddInspectionPost(const Site& site, const Request& req, const app::Actor& actor,
                           const Form& form) {
    auto plan_id = ParsePositive(req.path_params.at("plan"));
    if (!plan_id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có kế hoạch kiểm tra này.");
    }
    json::object body{{"unit", form.Get("unit")}, {"kind", form.Get("kind")}};
    if (auto v = ParsePositive(form.Get("plan_version"))) {
        body["plan_version"] = *v;
    }
    if (auto q = ParsePositive(form.Get("quarter"))) {
        body["quarter"] = *q;
    }
    for (std::string_view f : {"start", "end", "period"}) {
        if (std::string value = form.Get(f); !value.empty()) {
            body[f] = value;
        }
    }
    if (std::string leader = form.Get("team_leader"); !leader.empty()) {
        body["team"] = json::array{json::object{
            {"name", leader}, {"position", form.Get("team_leader_position")}, {"leader", true}}};
    }
    auto added = app::AddInspection(site.Context(), actor, *plan_id, json::serialize(body));
    if (!added) {
        if (const int status = InputStatus(added.error()); status != 0) {
            return ListPage(site, req, actor, status, PlanValues{}, Sentence(added.error().message),
                            *plan_id);
        }
        return site.ForError(added.error(), req, actor);
    }
    return Redirect(ItemPath(added->view.inspection.id) + kSavedQuery);
}

// ---- /thanh-kiem-tra/{id} ----------------------------------------------------------------------

bool NeedsNumber(ins::Action a) {
    return a == ins::Action::kDraftConclusion || a == ins::Action::kConclude ||
           a == ins::Action::kReportRemediation || a == ins::Action::kSubmitReport;
}

bool NeedsText(ins::Action a) {
    return a == ins::Action::kDraftConclusion || a == ins::Action::kConclude ||
           a == ins::Action::kReportRemediation || a == ins::Action::kComment;
}

Response ItemPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có cuộc kiểm tra này.");
    }
    auto detail = app::GetInspection(site.Context(), actor, *id);
    if (!detail) {
        return site.ForError(detail.error(), req, actor);
    }
    const app::InspectionDetail& d = *detail;
    const ins::Inspection& i = d.view.inspection;
    const bool may_find =
        std::any_of(d.actions.begin(), d.actions.end(),
                    [](ins::Action a) { return ins::ActionParty(a) == ins::Party::kInspector; }) &&
        !i.concluded_on;
    Data data;
    data.set("id", std::to_string(i.id));
    data.set("action_href", ItemPath(i.id));
    data.set("finding_href", ItemPath(i.id) + "/ket-qua");
    data.set("plan_title", d.plan.title);
    data.set("plan_year", std::to_string(d.plan.year));
    data.set("inspecting_unit", d.inspecting_unit.name);
    data.set("unit", d.view.unit.name);
    data.set("unit_code", d.view.unit.code);
    data.set("kind", std::string(ins::KindLabel(i.kind)));
    data.set("state", std::string(ins::StateLabel(i.state)));
    data.set("quarter",
             OptionalText(i.quarter > 0 ? "Quý " + std::to_string(i.quarter) : std::string()));
    data.set("start", OptionalText(FormatDayShort(i.start)));
    data.set("end", OptionalText(FormatDayShort(i.end)));
    data.set("notice_by", OptionalText(FormatDayShort(d.view.notice_by)));
    data.set("report_by", OptionalText(FormatDayShort(d.view.report_by)));
    data.set("remediation_due", OptionalText(FormatDayShort(i.remediation_due)));
    data.set("remediation_reported_on", OptionalText(FormatDayShort(i.remediation_reported_on)));
    data.set("version", std::to_string(i.version));
    data.set("error", OptionalText(error));
    DataList team;
    for (const ins::TeamMember& m : i.team) {
        Data t;
        t.set("name", m.name);
        t.set("position", OptionalText(m.position));
        t.set("leader", m.leader);
        team.push_back(t);
    }
    data.set("team", team);
    data.set("has_team", !team.empty());
    const DataList warnings = WarningsData(d.warnings);
    data.set("warnings", warnings);
    data.set("has_warnings", !warnings.empty());
    DataList items;
    for (const store::inspections::ChecklistItem& c : d.checklist) {
        Data t;
        t.set("key", c.key);
        t.set("number", c.number);
        t.set("title", c.title);
        t.set("figure", OptionalText(FigureText(c.prefilled_json)));
        t.set("finding", OptionalText(c.finding));
        t.set("finding_value", c.finding);
        t.set("may_find", may_find);
        items.push_back(t);
    }
    data.set("items", items);
    DataList actions;
    for (ins::Action a : d.actions) {
        Data t;
        t.set("name", std::string(ins::ActionName(a)));
        t.set("label", std::string(ins::ActionLabel(a)));
        t.set("needs_number", NeedsNumber(a));
        t.set("needs_text", NeedsText(a));
        actions.push_back(t);
    }
    data.set("actions", actions);
    data.set("has_actions", !actions.empty());
    DataList events;
    for (const store::inspections::Event& e : d.events) {
        Data t;
        t.set("on", FormatDayShort(e.on));
        t.set("at", app::FormInstant(e.at));
        t.set("action", e.action);
        if (auto a = ins::ParseAction(e.action)) {
            t.set("action", std::string(ins::ActionLabel(*a)));
        }
        t.set("actor", OptionalText(e.actor_name));
        t.set("note", OptionalText(e.note));
        events.push_back(t);
    }
    data.set("events", events);
    DataList conclusions;
    for (const store::inspections::Document& c : d.conclusions) {
        Data t;
        t.set("kind", std::string(c.kind == "final" ? "Kết luận kiểm tra" : "Dự thảo kết luận"));
        t.set("number", OptionalText(c.number));
        t.set("on", FormatDayShort(c.on));
        t.set("body", OptionalText(c.body));
        conclusions.push_back(t);
    }
    data.set("conclusions", conclusions);
    if (d.remediation) {
        Data r;
        r.set("number", OptionalText(d.remediation->number));
        r.set("on", FormatDayShort(d.remediation->on));
        r.set("late", d.remediation->late);
        r.set("body", OptionalText(d.remediation->body));
        data.set("remediation", r);
    }
    const std::string period = std::to_string(d.plan.year);
    const std::string outline =
        "/api/v1/inspections/report-outline?unit=" + UrlEncode(d.view.unit.code) +
        "&period=" + UrlEncode(period);
    data.set("outline_docx", outline + "&format=docx");
    data.set("outline_pdf", outline + "&format=pdf");
    data.set("outline_period", period);
    Chrome chrome =
        site.MakeChrome(req, actor, "Cuộc kiểm tra " + d.view.unit.name, Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "inspection_item", chrome, data);
}

Response ItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return ItemPage(site, req, actor, 200, "");
}

Response ActPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có cuộc kiểm tra này.");
    }
    json::object body{{"action", form.Get("action")}};
    if (auto v = ParsePositive(form.Get("version"))) {
        body["version"] = *v;
    }
    for (std::string_view f : {"on", "note", "number", "text"}) {
        if (std::string value = form.Get(f); !value.empty()) {
            body[f] = value;
        }
    }
    auto done = app::ActOnInspection(site.Context(), actor, *id, json::serialize(body));
    if (!done) {
        if (const int status = InputStatus(done.error()); status != 0) {
            return ItemPage(site, req, actor, status, Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(ItemPath(*id) + kSavedQuery);
}

Response FindingPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có cuộc kiểm tra này.");
    }
    const json::object body{{"finding", form.Get("finding")}};
    auto done = app::SetChecklistFinding(site.Context(), actor, *id, form.Get("item"),
                                         json::serialize(body));
    if (!done) {
        if (const int status = InputStatus(done.error()); status != 0) {
            return ItemPage(site, req, actor, status, Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(ItemPath(*id) + kSavedQuery + "#muc-" + UrlEncode(form.Get("item")));
}

}  // namespace

void RegisterInspectionPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/thanh-kiem-tra", ListGet,
            "Kế hoạch kiểm tra công tác kiểm soát TTHC và các cuộc kiểm tra (HTML)", "session");
    AddForm(router, site, "/thanh-kiem-tra", CreatePlanPost, Audience::kSignedIn,
            "Lập kế hoạch kiểm tra (HTML)");
    AddForm(router, site, "/thanh-kiem-tra/ke-hoach/{plan}", AddInspectionPost, Audience::kSignedIn,
            "Thêm cuộc kiểm tra vào kế hoạch (HTML)");
    AddPage(router, site, "/thanh-kiem-tra/{id}", ItemGet,
            "Một cuộc kiểm tra: danh mục nội dung, kết quả, các bước (HTML)", "session");
    AddForm(router, site, "/thanh-kiem-tra/{id}", ActPost, Audience::kSignedIn,
            "Thực hiện một bước của cuộc kiểm tra (HTML)");
    AddForm(router, site, "/thanh-kiem-tra/{id}/ket-qua", FindingPost, Audience::kSignedIn,
            "Ghi kết quả kiểm tra một nội dung (HTML)");
}

}  // namespace motcua::web
