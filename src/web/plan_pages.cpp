// TTHC-control plans (issue #7; docs/plans.md "Pages"):
//  - /ke-hoach: the plans the actor may read, and the import form — a plan's text pasted or a
//    file chosen (web/static/plan_import.js puts a text file into the text area and a .docx,
//    base64, into a hidden field), "Xem trước" shows what the import would create (counts, the
//    problems with their lines, the unmatched unit names with their counts) without storing
//    anything, "Nhập kế hoạch" stores it and goes to the plan;
//  - /ke-hoach/{id}: the plan — header, sections → tasks → deliverables with their units,
//    deadline and due dates, status colours; a progress form per deliverable; the per-unit
//    dashboard and the late deliverables; the unmatched names and problems to resolve; issue,
//    cascade and export (DOCX/XLSX through the API).
// Thin: decode, call app/plans.hpp (which authorises), render.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/crypto.hpp"
#include "app/plans.hpp"
#include "calendar/civil_date.hpp"
#include "render/plan_export.hpp"
#include "web/assets.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

namespace sp = store::plans;
namespace pi = domain::plan_import;
using http::Request;
using http::Response;

constexpr std::string_view kListPath = "/ke-hoach";

std::string PlanPath(std::int64_t id) {
    return std::string(kListPath) + "/" + std::to_string(id);
}

std::string UnitDashboardPath(const std::string& code, int year) {
    return std::string(kListPath) + "/don-vi?unit=" + UrlEncode(code) +
           "&nam=" + std::to_string(year);
}

std::string IsoToDay(const std::string& iso) {
    if (auto d = calendar::ParseIsoDate(iso)) {
        return FormatDayShort(*d);
    }
    return iso;
}

std::string StatusLabel(std::string_view status) {
    if (status == "done") {
        return "Hoàn thành";
    }
    if (status == "in_progress") {
        return "Đang thực hiện";
    }
    if (status == "late") {
        return "Trễ hạn";
    }
    return "Chưa bắt đầu";
}

std::string PlanStatusLabel(std::string_view status) {
    return status == "issued" ? "Đã ban hành" : "Dự thảo";
}

std::string EvidencePath(std::int64_t plan_id, std::int64_t evidence_id) {
    return PlanPath(plan_id) + "/minh-chung/" + std::to_string(evidence_id);
}

// The files of a progress report, as download links (the route checks access again).
DataList EvidenceFiles(const app::PlanView& v, const sp::Progress& p) {
    DataList files;
    for (std::int64_t id : p.evidence_files) {
        auto it = v.evidence.find(id);
        if (it == v.evidence.end()) {
            continue;
        }
        Data f;
        f.set("name", it->second.file_name);
        f.set("size", FileSizeText(it->second.size));
        f.set("href", EvidencePath(v.plan.head.id, id));
        files.push_back(f);
    }
    return files;
}

std::string ReportedDay(std::chrono::sys_seconds at) {
    return FormatDayShort(std::chrono::floor<std::chrono::days>(at + std::chrono::hours{7}));
}

// ---- /ke-hoach ---------------------------------------------------------------------------------

struct ImportValues {
    std::string unit;
    std::string year;
    std::string title;
    std::string text;
    std::string docx;       // base64 of a chosen .docx
    std::string file_name;  // shown again
};

Data PreviewData(const app::PlanPreview& p) {
    Data d;
    d.set("unit", p.issuing_unit.name);
    d.set("year", std::to_string(p.parsed.year));
    d.set("format", std::string(pi::FormatName(p.parsed.format)));
    d.set("decision", OptionalText(p.parsed.decision_number));
    d.set("sections", std::to_string(p.parsed.sections.size()));
    d.set("tasks", std::to_string(p.parsed.TaskCount()));
    std::size_t deliverables = 0;
    DataList sections;
    for (const pi::Section& s : p.parsed.sections) {
        Data row;
        row.set("number", s.number);
        row.set("title", s.title);
        row.set("tasks", std::to_string(s.tasks.size()));
        sections.push_back(row);
        for (const pi::Task& t : s.tasks) {
            deliverables += t.deliverables.size();
        }
    }
    d.set("section_rows", sections);
    d.set("deliverables", std::to_string(deliverables));
    DataList problems;
    for (const pi::Problem& pr : p.parsed.problems) {
        Data row;
        row.set("line", std::to_string(pr.line));
        row.set("reason", pr.reason);
        problems.push_back(row);
    }
    d.set("problems", problems);
    d.set("problem_count", std::to_string(problems.size()));
    d.set("has_problems", !problems.empty());
    DataList unmatched;
    for (const app::UnmatchedCount& u : p.unmatched) {
        Data row;
        row.set("name", u.name);
        row.set("count", std::to_string(u.count));
        unmatched.push_back(row);
    }
    d.set("unmatched", unmatched);
    d.set("unmatched_count", std::to_string(unmatched.size()));
    d.set("has_unmatched", !unmatched.empty());
    d.set("duplicate_href", p.duplicate_of ? Data(PlanPath(*p.duplicate_of)) : Data(false));
    return d;
}

Response ListPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const ImportValues& values, const std::string& error,
                  const std::optional<app::PlanPreview>& preview) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto plans = app::ListPlans(site.Context(), actor);
    if (!plans) {
        return site.ForError(plans.error(), req, actor);
    }
    DataList rows;
    for (const app::PlanSummary& s : *plans) {
        Data d;
        d.set("id", std::to_string(s.head.id));
        d.set("href", PlanPath(s.head.id));
        d.set("title", s.head.title);
        d.set("year", std::to_string(s.head.year));
        d.set("unit", s.issuing_unit.name);
        d.set("decision", OptionalText(s.head.decision_number));
        d.set("status", PlanStatusLabel(s.head.status));
        d.set("status_key", s.head.status);
        d.set("parent_href",
              s.head.parent_plan_id ? Data(PlanPath(*s.head.parent_plan_id)) : Data(false));
        rows.push_back(d);
    }
    Data data;
    data.set("plans", rows);
    data.set("has_plans", !rows.empty());
    data.set("error", OptionalText(error));
    data.set("unit", values.unit);
    data.set("year", values.year);
    data.set("title", values.title);
    data.set("text", values.text);
    data.set("docx", values.docx);
    data.set("file_name", OptionalText(values.file_name));
    data.set("preview", preview ? PreviewData(*preview) : Data(false));
    data.set("import_js", FindStaticAsset("plan_import.js") != nullptr
                              ? Data(StaticUrl("plan_import.js"))
                              : Data(false));
    data.set("plans_css", StaticUrl("plans.css"));
    Chrome chrome = site.MakeChrome(req, actor, "Kế hoạch kiểm soát TTHC", Section::kNone);
    return site.Page(status, "plan_list", chrome, data);
}

Response ListGet(const Site& site, const Request& req, const app::Actor& actor) {
    ImportValues values;
    values.unit = std::string(req.Query("don-vi").value_or(""));
    return ListPage(site, req, actor, 200, values, "", std::nullopt);
}

Response ImportPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    ImportValues v{form.Get("unit"), form.Get("year"), form.Get("title"),
                   form.Get("text"), form.Get("docx"), form.Get("file_name")};
    const auto refuse = [&](const base::Error& e) {
        if (const int status = InputStatus(e, true); status != 0) {
            return ListPage(site, req, actor, status, v, Sentence(e.message), std::nullopt);
        }
        return site.ForError(e, req, actor);
    };
    app::PlanImportInput in;
    in.unit_code = v.unit;
    in.title = v.title;
    if (!v.year.empty()) {
        auto year = ParsePositive(v.year);
        if (!year || *year < 1900 || *year > 2199) {
            return refuse(base::InvalidArgument("năm kế hoạch phải là một số, ví dụ 2024."));
        }
        in.year = static_cast<int>(*year);
    }
    if (!v.docx.empty()) {
        auto bytes = app::DecodeBase64(v.docx);
        if (!bytes) {
            return refuse(base::InvalidArgument("tệp Word tải lên bị hỏng (không đọc được)."));
        }
        auto text = render::PlanTextOf(std::move(*bytes), true);
        if (!text) {
            return refuse(text.error());
        }
        in.text = std::move(*text);
    } else {
        in.text = v.text;
    }
    if (in.text.empty()) {
        return refuse(base::InvalidArgument("hãy chọn tệp kế hoạch hoặc dán nội dung bảng."));
    }
    if (form.Get("action") == "preview") {
        auto preview = app::PreviewPlanImport(site.Context(), actor, in);
        if (!preview) {
            return refuse(preview.error());
        }
        return ListPage(site, req, actor, 200, v, "", *preview);
    }
    auto imported = app::ImportPlan(site.Context(), actor, in);
    if (!imported) {
        return refuse(imported.error());
    }
    return Redirect(PlanPath(imported->view.plan.head.id) + "?da-nhap=1");
}

// ---- /ke-hoach/don-vi --------------------------------------------------------------------------

// Every plan task and deliverable assigned to a unit across plans (of a year, `nam`): the counts
// by status, then the rows — late ones first (earliest missed date first), then by next due.
Response UnitGet(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    const std::string unit(req.Query("unit").value_or(""));
    const std::string year_text(req.Query("nam").value_or(""));
    Data data;
    data.set("unit_code", unit);
    data.set("year", year_text);
    data.set("year_label", OptionalText(year_text));
    data.set("plans_css", StaticUrl("plans.css"));
    Chrome chrome = site.MakeChrome(req, actor, "Nhiệm vụ kế hoạch của đơn vị", Section::kNone);
    // "unit_dashboard", not "dashboard": that name is a template (a partial) of the site.
    const auto refuse = [&](int status, const std::string& message) {
        data.set("error", message);
        data.set("unit_dashboard", false);
        return site.Page(status, "plan_unit", chrome, data);
    };
    std::optional<int> year;
    if (!year_text.empty()) {
        auto y = ParsePositive(year_text);
        if (!y || *y < 1900 || *y > 2199) {
            return refuse(422, "Năm phải là một số, ví dụ 2024.");
        }
        year = static_cast<int>(*y);
    }
    if (unit.empty()) {
        data.set("error", false);
        data.set("unit_dashboard", false);
        return site.Page(200, "plan_unit", chrome, data);
    }
    auto dash = app::GetUnitDashboard(site.Context(), actor, unit);
    if (!dash) {
        if (dash.error().code == base::ErrorCode::kNotFound) {
            return refuse(422, Sentence(dash.error().message));
        }
        return site.ForError(dash.error(), req, actor);
    }
    std::vector<const app::DashboardRow*> rows;
    for (const app::DashboardRow& r : dash->rows) {
        if (!year || r.plan_year == *year) {
            rows.push_back(&r);
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const app::DashboardRow* a, const app::DashboardRow* b) {
                         if (a->overdue.empty() != b->overdue.empty()) {
                             return !a->overdue.empty();
                         }
                         if (!a->overdue.empty()) {
                             return a->overdue.front() < b->overdue.front();
                         }
                         return false;  // the app's order: next due first
                     });
    std::map<std::string, int> by_status;
    std::set<std::int64_t> plans;
    DataList items;
    for (const app::DashboardRow* r : rows) {
        ++by_status[r->unit.status];
        plans.insert(r->plan_id);
        Data d;
        d.set("plan", r->plan_title);
        d.set("plan_year", std::to_string(r->plan_year));
        d.set("href", PlanPath(r->plan_id) + "#sp-" + std::to_string(r->deliverable_id));
        d.set("section", r->section);
        d.set("task", r->task);
        d.set("product", OptionalText(r->product));
        d.set("deadline", OptionalText(r->deadline));
        d.set("next_due", r->next_due ? Data(FormatDayShort(*r->next_due)) : Data(false));
        d.set("missed",
              r->overdue.empty() ? Data(false) : Data(FormatDayShort(r->overdue.front())));
        d.set("role", std::string(r->unit.role == "lead" ? "chủ trì" : "phối hợp"));
        d.set("status", StatusLabel(r->unit.status));
        d.set("status_key", r->unit.status);
        d.set("percent", std::to_string(r->unit.percent));
        items.push_back(d);
    }
    Data dd;
    dd.set("name", dash->unit.name);
    dd.set("code", dash->unit.code);
    dd.set("today", FormatDayShort(dash->today));
    dd.set("items", items);
    dd.set("has_items", !items.empty());
    dd.set("plan_count", std::to_string(plans.size()));
    dd.set("total", std::to_string(items.size()));
    Data counts;
    for (const char* st : {"not_started", "in_progress", "done", "late"}) {
        auto it = by_status.find(st);
        counts.set(st, std::to_string(it == by_status.end() ? 0 : it->second));
    }
    dd.set("counts", counts);
    data.set("error", false);
    data.set("unit_dashboard", dd);
    chrome =
        site.MakeChrome(req, actor, "Nhiệm vụ kế hoạch của " + dash->unit.name, Section::kNone);
    return site.Page(200, "plan_unit", chrome, data);
}

// ---- /ke-hoach/{id} ----------------------------------------------------------------------------

Response PlanPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang", "Không có kế hoạch này.");
    }
    auto dash = app::GetPlanDashboard(site.Context(), actor, *id);
    if (!dash) {
        return site.ForError(dash.error(), req, actor);
    }
    const app::PlanView& v = dash->view;
    const sp::Head& h = v.plan.head;
    const std::string path = PlanPath(h.id);
    const bool draft = h.status != "issued";
    Data data;
    data.set("id", std::to_string(h.id));
    data.set("title", h.title);
    data.set("unit", v.issuing_unit.name);
    data.set("unit_code", v.issuing_unit.code);
    data.set("year", std::to_string(h.year));
    data.set("decision", OptionalText(h.decision_number));
    data.set("decision_date", OptionalText(IsoToDay(h.decision_date)));
    data.set("parent_href", h.parent_plan_id ? Data(PlanPath(*h.parent_plan_id)) : Data(false));
    data.set("status", PlanStatusLabel(h.status));
    data.set("status_key", h.status);
    data.set("version", std::to_string(h.version));
    data.set("today", FormatDayShort(v.today));
    data.set("error", OptionalText(error));
    data.set("may_manage", v.may_manage);
    data.set("may_issue", draft);
    data.set("may_edit", draft && v.may_manage);
    data.set("deliverable_href", path + "/san-pham");
    data.set("task_href", path + "/nhiem-vu");
    data.set("progress_href", path + "/tien-do");
    data.set("issue_href", path + "/ban-hanh");
    data.set("cascade_href", path + "/trien-khai");
    data.set("name_href", path + "/ten-don-vi");
    data.set("problem_href", path + "/loi-nhap");
    data.set("export_docx", "/api/v1/plans/" + std::to_string(h.id) + "/export?format=docx");
    data.set("export_xlsx", "/api/v1/plans/" + std::to_string(h.id) + "/export?format=xlsx");
    data.set("plans_css", StaticUrl("plans.css"));
    data.set("evidence_js", FindStaticAsset("plan_evidence.js") != nullptr
                                ? Data(StaticUrl("plan_evidence.js"))
                                : Data(false));
    data.set("evidence_accept", std::string(".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.xml"));

    const auto unit_name = [&](std::int64_t unit_id) -> std::pair<std::string, std::string> {
        auto it = v.units.find(unit_id);
        return it == v.units.end() ? std::pair<std::string, std::string>{}
                                   : std::pair{it->second.code, it->second.name};
    };
    DataList sections;
    for (const sp::Section& s : v.plan.sections) {
        Data sd;
        sd.set("number", s.number);
        sd.set("title", s.title);
        DataList tasks;
        for (const sp::Task& t : s.tasks) {
            Data td;
            td.set("number", t.number);
            td.set("group", OptionalText(t.group));
            td.set("content", t.content);
            DataList deliverables;
            for (const sp::Deliverable& d : t.deliverables) {
                const app::DeliverableStatus& ds = v.status.at(d.id);
                Data dd;
                dd.set("id", std::to_string(d.id));
                dd.set("product", OptionalText(d.product));
                dd.set("product_value", d.product);
                dd.set("deadline_value", d.deadline_phrase);
                dd.set("lead", OptionalText(d.lead_raw));
                dd.set("cooperating", OptionalText(d.cooperating_raw));
                dd.set("deadline", OptionalText(d.deadline_phrase));
                std::string due;
                for (auto day : d.due) {
                    due += (due.empty() ? "" : ", ") + FormatDayShort(day);
                }
                dd.set("due", OptionalText(due));
                dd.set("next_due", ds.next_due ? Data(FormatDayShort(*ds.next_due)) : Data(false));
                dd.set("event", OptionalText(d.deadline_event));
                dd.set("status", StatusLabel(ds.status));
                dd.set("status_key", ds.status);
                DataList units;
                DataList options;
                for (const app::UnitStatus& u : ds.units) {
                    const auto [code, name] = unit_name(u.unit_id);
                    Data ud;
                    ud.set("name", name);
                    ud.set("role", std::string(u.role == "lead" ? "chủ trì" : "phối hợp"));
                    ud.set("status", StatusLabel(u.status));
                    ud.set("status_key", u.status);
                    ud.set("percent", std::to_string(u.percent));
                    if (u.latest) {
                        ud.set("evidence_number", OptionalText(u.latest->evidence_number));
                        ud.set("evidence_date", OptionalText(IsoToDay(u.latest->evidence_date)));
                        ud.set("note", OptionalText(u.latest->note));
                        const DataList files = EvidenceFiles(v, *u.latest);
                        ud.set("files", files);
                        ud.set("has_files", !files.empty());
                    }
                    units.push_back(ud);
                    Data od;
                    od.set("code", code);
                    od.set("name", name);
                    options.push_back(od);
                }
                dd.set("units", units);
                dd.set("has_units", !units.empty());
                // Every report on the deliverable, newest first, with its files.
                DataList history;
                for (auto it = v.progress.rbegin(); it != v.progress.rend(); ++it) {
                    if (it->deliverable_id != d.id) {
                        continue;
                    }
                    Data hd;
                    hd.set("day", ReportedDay(it->reported_at));
                    hd.set("unit", unit_name(it->unit_id).second);
                    hd.set("status", StatusLabel(it->status));
                    hd.set("status_key", it->status);
                    hd.set("percent", std::to_string(it->percent));
                    hd.set("evidence_number", OptionalText(it->evidence_number));
                    hd.set("evidence_date", OptionalText(IsoToDay(it->evidence_date)));
                    hd.set("note", OptionalText(it->note));
                    const DataList files = EvidenceFiles(v, *it);
                    hd.set("files", files);
                    hd.set("has_files", !files.empty());
                    history.push_back(hd);
                }
                dd.set("history", history);
                dd.set("has_history", !history.empty());
                dd.set("unit_options", options);
                deliverables.push_back(dd);
            }
            td.set("deliverables", deliverables);
            tasks.push_back(td);
        }
        sd.set("tasks", tasks);
        sections.push_back(sd);
    }
    data.set("sections", sections);

    DataList unmatched;
    for (const sp::UnmatchedName& n : v.plan.unmatched) {
        if (n.resolved) {
            continue;
        }
        Data d;
        d.set("id", std::to_string(n.id));
        d.set("name", n.name);
        d.set("role", std::string(n.role == "lead" ? "chủ trì" : "phối hợp"));
        d.set("deliverable", std::to_string(n.deliverable_id));
        unmatched.push_back(d);
    }
    data.set("unmatched", unmatched);
    data.set("has_unmatched", !unmatched.empty());
    DataList problems;
    for (const sp::Problem& p : v.plan.problems) {
        Data d;
        d.set("id", std::to_string(p.id));
        d.set("line", std::to_string(p.line));
        d.set("reason", p.reason);
        d.set("resolved", p.resolved);
        d.set("resolution", OptionalText(p.resolution));
        problems.push_back(d);
    }
    data.set("problems", problems);
    data.set("has_problems", !problems.empty());

    Data counts;
    for (const char* s : {"not_started", "in_progress", "done", "late"}) {
        auto it = dash->by_status.find(s);
        counts.set(s, std::to_string(it == dash->by_status.end() ? 0 : it->second));
    }
    data.set("counts", counts);
    DataList unit_rows;
    for (const app::UnitCounts& u : dash->units) {
        Data d;
        d.set("name", u.unit.name);
        d.set("href", UnitDashboardPath(u.unit.code, h.year));
        for (const char* s : {"not_started", "in_progress", "done", "late"}) {
            auto it = u.by_status.find(s);
            d.set(s, std::to_string(it == u.by_status.end() ? 0 : it->second));
        }
        unit_rows.push_back(d);
    }
    data.set("unit_rows", unit_rows);
    data.set("has_unit_rows", !unit_rows.empty());
    DataList late;
    for (const app::DashboardRow& r : dash->overdue) {
        Data d;
        d.set("section", r.section);
        d.set("task", r.task);
        d.set("product", r.product);
        d.set("unit", unit_name(r.unit.unit_id).second);
        d.set("missed", FormatDayShort(r.overdue.front()));
        d.set("href", "#sp-" + std::to_string(r.deliverable_id));
        late.push_back(d);
    }
    data.set("late", late);
    data.set("has_late", !late.empty());

    Chrome chrome = site.MakeChrome(req, actor, h.title, Section::kNone);
    if (req.Query("da-luu").value_or("") == "1") {
        chrome.flash = "Đã lưu.";
    } else if (req.Query("da-nhap").value_or("") == "1") {
        chrome.flash = "Đã nhập kế hoạch.";
    }
    return site.Page(status, "plan_item", chrome, data);
}

Response PlanGet(const Site& site, const Request& req, const app::Actor& actor) {
    return PlanPage(site, req, actor, 200, "");
}

// Runs a form's use case on the plan: Post/Redirect/Get on success (to `anchor`), the page again
// with the message when the input or the state is refused.
template <typename Fn>
Response OnPlan(const Site& site, const Request& req, const app::Actor& actor, Fn fn) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang", "Không có kế hoạch này.");
    }
    base::Result<std::string> done = fn(*id);
    if (!done) {
        if (const int status = InputStatus(done.error(), true); status != 0) {
            return PlanPage(site, req, actor, status, Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(*done);
}

std::int64_t VersionOf(const Form& form) {
    return ParsePositive(form.Get("version")).value_or(0);
}

Response ProgressPost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto deliverable = ParsePositive(form.Get("deliverable"));
        if (!deliverable) {
            return base::InvalidArgument("thiếu sản phẩm cần báo cáo tiến độ.");
        }
        app::ProgressInput in;
        in.unit_code = form.Get("unit");
        in.status = form.Get("status");
        if (const std::string percent = form.Get("percent"); !percent.empty()) {
            auto p = ParsePositive(percent);
            if (percent != "0" && (!p || *p > 100)) {
                return base::InvalidArgument("tỷ lệ hoàn thành phải là số từ 0 đến 100.");
            }
            in.percent = percent == "0" ? 0 : static_cast<int>(*p);
        }
        in.note = form.Get("note");
        in.evidence_number = form.Get("evidence_number");
        in.evidence_date = form.Get("evidence_date");
        // Files chosen on the form: web/static/plan_evidence.js puts each one, base64, into the
        // repeated fields evidence_data / evidence_name / evidence_type.
        const std::vector<std::string> datas = form.All("evidence_data");
        const std::vector<std::string> names = form.All("evidence_name");
        const std::vector<std::string> types = form.All("evidence_type");
        if (names.size() != datas.size() || types.size() != datas.size()) {
            return base::InvalidArgument("tệp minh chứng gửi lên không đầy đủ; hãy chọn lại tệp.");
        }
        std::vector<app::EvidenceUpload> uploads;
        for (std::size_t i = 0; i < datas.size(); ++i) {
            auto bytes = app::DecodeBase64(datas[i]);
            if (!bytes) {
                return base::InvalidArgument("tệp minh chứng " + names[i] +
                                             " bị hỏng (không đọc được); hãy chọn lại tệp.");
            }
            uploads.push_back(app::EvidenceUpload{names[i], types[i], std::move(*bytes)});
        }
        auto p = app::ReportProgress(site.Context(), actor, *deliverable, in, uploads);
        if (!p) {
            return std::move(p).error();
        }
        return PlanPath(id) + kSavedQuery + "#sp-" + std::to_string(*deliverable);
    });
}

// An evidence file of the plan, for its readers (DownloadPlanEvidence checks); 404 for a file of
// another plan.
Response EvidenceGet(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto id = ParsePositive(req.path_params.at("id"));
    auto file = ParsePositive(req.path_params.at("file"));
    const base::Error unknown = base::NotFound("Không tìm thấy tệp minh chứng.");
    if (!id || !file) {
        return site.ForError(unknown, req, actor);
    }
    auto got = app::DownloadPlanEvidence(site.Context(), actor, *file);
    if (!got) {
        return site.ForError(got.error(), req, actor);
    }
    // The plan in the path must be the file's (its readers were checked on the file's plan).
    auto view = app::GetPlan(site.Context(), actor, *id);
    if (!view || !view->evidence.contains(*file)) {
        return site.ForError(unknown, req, actor);
    }
    Response r;
    r.status = 200;
    r.content_type = got->evidence.media_type;
    r.body = std::move(got->bytes);
    r.AddHeader("Content-Disposition", "attachment; filename=\"minh-chung-" +
                                           std::to_string(*file) + "\"; filename*=UTF-8''" +
                                           UrlEncode(got->evidence.file_name));
    r.AddHeader("Cache-Control", "no-store");
    r.AddHeader("X-Content-Type-Options", "nosniff");
    return r;
}

Response IssuePost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto v = app::IssuePlan(site.Context(), actor, id, VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + kSavedQuery;
    });
}

Response CascadePost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        app::CascadeInput in;
        in.parent_plan_id = id;
        in.unit_code = form.Get("unit");
        in.title = form.Get("title");
        in.decision_number = form.Get("decision_number");
        in.decision_date = form.Get("decision_date");
        auto v = app::CascadePlan(site.Context(), actor, in);
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(v->plan.head.id) + kSavedQuery;
    });
}

// A draft plan's deliverable edited (product, deadline phrase); an issued plan answers 409.
Response DeliverablePost(const Site& site, const Request& req, const app::Actor& actor,
                         const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto deliverable = ParsePositive(form.Get("deliverable_id"));
        if (!deliverable) {
            return base::InvalidArgument("thiếu sản phẩm cần sửa.");
        }
        app::DeliverableEdit edit;
        if (form.Has("product")) {
            edit.product = form.Get("product");
        }
        if (form.Has("deadline")) {
            edit.deadline = form.Get("deadline");
        }
        auto v =
            app::EditDeliverable(site.Context(), actor, id, *deliverable, edit, VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + kSavedQuery + "#sp-" + std::to_string(*deliverable);
    });
}

// A task added to a draft plan by its unit; an issued plan answers 409.
Response TaskPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        app::NewTask t;
        t.section = form.Get("section");
        t.section_title = form.Get("section_title");
        t.number = form.Get("number");
        t.content = form.Get("content");
        t.product = form.Get("product");
        t.lead = form.Get("lead");
        t.cooperating = form.Get("cooperating");
        t.deadline = form.Get("deadline");
        auto v = app::AddPlanTask(site.Context(), actor, id, t, VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + kSavedQuery + "#nhiem-vu";
    });
}

Response NamePost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto name = ParsePositive(form.Get("name"));
        if (!name) {
            return base::InvalidArgument("thiếu tên đơn vị cần xác định.");
        }
        std::vector<std::string> codes;
        const std::string all = form.Get("units");
        std::string_view rest = all;
        while (!rest.empty()) {
            const auto comma = rest.find_first_of(", ;");
            std::string_view code = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (!code.empty()) {
                codes.emplace_back(code);
            }
        }
        auto v =
            app::ResolveUnmatchedName(site.Context(), actor, id, *name, codes, VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + kSavedQuery + "#ten-chua-khop";
    });
}

Response ProblemPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto problem = ParsePositive(form.Get("problem"));
        if (!problem) {
            return base::InvalidArgument("thiếu lỗi nhập cần xử lý.");
        }
        auto v = app::ResolvePlanProblem(site.Context(), actor, id, *problem,
                                         form.Get("resolution"), VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + kSavedQuery + "#loi-nhap";
    });
}

}  // namespace

void RegisterPlanPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/ke-hoach", ListGet,
            "Kế hoạch kiểm soát TTHC người dùng được xem và biểu mẫu nhập kế hoạch (HTML)",
            "session");
    AddForm(router, site, "/ke-hoach", ImportPost, Audience::kSignedIn,
            "Xem trước hoặc nhập kế hoạch kiểm soát TTHC từ văn bản hoặc tệp Word (HTML)");
    // A Word file of up to 5 MB arrives base64-encoded in the form (4/3 of its size, plus the
    // other fields): the default 1 MiB limit would refuse it before the handler could explain.
    router.SetBodyLimit(http::Method::kPost, "/ke-hoach", std::size_t{7} * 1024 * 1024);
    AddPage(router, site, "/ke-hoach/don-vi", UnitGet,
            "Nhiệm vụ kế hoạch của một đơn vị qua các kế hoạch: số theo trạng thái, trễ hạn "
            "trước (HTML)",
            "session");
    AddPage(router, site, "/ke-hoach/{id}", PlanGet,
            "Một kế hoạch: mục, nhiệm vụ, sản phẩm, trạng thái, tiến độ (HTML)", "session");
    AddForm(router, site, "/ke-hoach/{id}/tien-do", ProgressPost, Audience::kSignedIn,
            "Báo cáo tiến độ một sản phẩm của kế hoạch, kèm tệp minh chứng (HTML)");
    // Evidence files arrive base64-encoded in the form (4/3 of at most 10 MB, percent-encoded).
    router.SetBodyLimit(http::Method::kPost, "/ke-hoach/{id}/tien-do",
                        std::size_t{16} * 1024 * 1024);
    AddPage(router, site, "/ke-hoach/{id}/minh-chung/{file}", EvidenceGet,
            "Tải tệp minh chứng tiến độ của kế hoạch (người được xem kế hoạch)", "session");
    AddForm(router, site, "/ke-hoach/{id}/san-pham", DeliverablePost, Audience::kSignedIn,
            "Sửa sản phẩm, thời hạn của kế hoạch dự thảo (HTML)");
    AddForm(router, site, "/ke-hoach/{id}/nhiem-vu", TaskPost, Audience::kSignedIn,
            "Thêm nhiệm vụ vào kế hoạch dự thảo (HTML)");
    AddForm(router, site, "/ke-hoach/{id}/ban-hanh", IssuePost, Audience::kSignedIn,
            "Ban hành kế hoạch (HTML)");
    AddForm(router, site, "/ke-hoach/{id}/trien-khai", CascadePost, Audience::kSignedIn,
            "Lập kế hoạch của đơn vị từ kế hoạch cấp trên (HTML)");
    AddForm(router, site, "/ke-hoach/{id}/ten-don-vi", NamePost, Audience::kSignedIn,
            "Xác định tên đơn vị chưa khớp (HTML)");
    AddForm(router, site, "/ke-hoach/{id}/loi-nhap", ProblemPost, Audience::kSignedIn,
            "Xử lý lỗi nhập kế hoạch (HTML)");
}

}  // namespace motcua::web
