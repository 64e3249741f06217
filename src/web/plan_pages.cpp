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
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// Standard base64 (what FileReader.readAsDataURL gives, without its "data:…," prefix); nullopt
// for anything else.
std::optional<std::string> DecodeBase64(std::string_view text) {
    if (const auto comma = text.find(','); text.starts_with("data:") && comma != text.npos) {
        text.remove_prefix(comma + 1);
    }
    std::array<int, 256> value{};
    value.fill(-1);
    constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        value[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    }
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (char c : text) {
        if (c == '=') {
            ++padding;
            continue;
        }
        if (c == '\r' || c == '\n' || c == ' ') {
            continue;
        }
        const int v = value[static_cast<unsigned char>(c)];
        if (v < 0 || padding > 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6U) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    if (padding > 2) {
        return std::nullopt;
    }
    return out;
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
        auto bytes = DecodeBase64(v.docx);
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
    data.set("progress_href", path + "/tien-do");
    data.set("issue_href", path + "/ban-hanh");
    data.set("cascade_href", path + "/trien-khai");
    data.set("name_href", path + "/ten-don-vi");
    data.set("problem_href", path + "/loi-nhap");
    data.set("export_docx", "/api/v1/plans/" + std::to_string(h.id) + "/export?format=docx");
    data.set("export_xlsx", "/api/v1/plans/" + std::to_string(h.id) + "/export?format=xlsx");
    data.set("plans_css", StaticUrl("plans.css"));

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
                    }
                    units.push_back(ud);
                    Data od;
                    od.set("code", code);
                    od.set("name", name);
                    options.push_back(od);
                }
                dd.set("units", units);
                dd.set("has_units", !units.empty());
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
        auto p = app::ReportProgress(site.Context(), actor, *deliverable, in);
        if (!p) {
            return std::move(p).error();
        }
        return PlanPath(id) + "?da-luu=1#sp-" + std::to_string(*deliverable);
    });
}

Response IssuePost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    return OnPlan(site, req, actor, [&](std::int64_t id) -> base::Result<std::string> {
        auto v = app::IssuePlan(site.Context(), actor, id, VersionOf(form));
        if (!v) {
            return std::move(v).error();
        }
        return PlanPath(id) + "?da-luu=1";
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
        return PlanPath(v->plan.head.id) + "?da-luu=1";
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
        return PlanPath(id) + "?da-luu=1#ten-chua-khop";
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
        return PlanPath(id) + "?da-luu=1#loi-nhap";
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
    AddPage(router, site, "/ke-hoach/{id}", PlanGet,
            "Một kế hoạch: mục, nhiệm vụ, sản phẩm, trạng thái, tiến độ (HTML)", "session");
    AddForm(router, site, "/ke-hoach/{id}/tien-do", ProgressPost, Audience::kSignedIn,
            "Báo cáo tiến độ một sản phẩm của kế hoạch (HTML)");
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
