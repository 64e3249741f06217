// /chi-tieu-ke-hoach (plan targets: unit × target with ✓ / ✗ / "chưa có dữ liệu") and
// /chi-tieu-ke-hoach/khong-dat (the dossiers behind a ✗) (issue #6; docs/plan-targets.md). Thin:
// decode, call app/plan_targets.hpp (which authorises), render.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "app/plan_targets.hpp"
#include "app/publication.hpp"
#include "app/report_exports.hpp"
#include "calendar/civil_date.hpp"
#include "web/dossier_views.hpp"
#include "web/pages.hpp"
#include "web/report_form.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

namespace pt = domain::plan_targets;
namespace r06 = domain::report06;
using http::Request;
using http::Response;

// A value in the target's units, Vietnamese form: "85,34%", "15 phút", "1.190 hồ sơ/năm".
std::string Amount(pt::Metric metric, std::int64_t v) {
    switch (pt::MeasureOf(metric)) {
        case pt::Measure::kPercent:
            return app::FormatHundredths(v) + "%";
        case pt::Measure::kMinutes:
            return GroupDigits(v) + " phút";
        case pt::Measure::kDossiersPerYear:
            return GroupDigits(v) + " hồ sơ/năm";
    }
    return GroupDigits(v);
}

std::string TargetText(const pt::Target& t) {
    return std::string(pt::ComparatorSymbol(t.comparator)) + " " + Amount(t.metric, t.value);
}

struct Query {
    std::string plan;
    std::string unit;
    std::string period;
    std::string metric;
};

std::string Href(std::string_view path, const Query& q) {
    std::string href = std::string(path) + "?ke-hoach=" + UrlEncode(q.plan) +
                       "&don-vi=" + UrlEncode(q.unit) + "&ky=" + UrlEncode(q.period);
    if (!q.metric.empty()) {
        href += "&chi-tieu=" + UrlEncode(q.metric);
    }
    return href;
}

// The form's selects (plan, unit, period); `units` are those the actor may see figures of.
base::Result<Data> FormData(const Site& site, const app::Actor& actor, const Query& q,
                            const std::vector<domain::Unit>& units, const FormErrors& errors) {
    auto plans = app::ListPlanTargets(site.Context(), actor);
    if (!plans) {
        return std::move(plans).error();
    }
    std::vector<Option> options{{"", "— Chọn kế hoạch —"}};
    for (const auto& p : *plans) {
        options.push_back({p.key, p.title + " (" + p.key + ")"});
    }
    Data d;
    d.set("plan",
          SelectData({.name = "ke-hoach", .label = "Kế hoạch", .value = q.plan, .required = true},
                     options, errors));
    d.set("unit", UnitSelectData(units, q.unit, errors));
    d.set("period", PeriodFieldData(q.period, errors, "Kỳ đánh giá",
                                    "Ví dụ: 2026-07 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng), "
                                    "2026 (năm)."));
    d.set("has_plans", !plans->empty());
    return d;
}

Data CellData(const app::TargetResult& r, const Query& q) {
    Data c;
    const pt::Verdict v = r.outcome.verdict;
    c.set("pass", v == pt::Verdict::kPass);
    c.set("fail", v == pt::Verdict::kFail);
    c.set("no_data", v == pt::Verdict::kNoData);
    c.set("value", r.outcome.value ? Amount(r.target.metric, *r.outcome.value)
                                   : std::string("Chưa có dữ liệu"));
    c.set("target", TargetText(r.target));
    c.set("note", r.note);
    const bool link = v == pt::Verdict::kFail && pt::HasFailureList(r.target.metric);
    c.set("has_href", link);
    if (link) {
        Query fq = q;
        fq.metric = std::string(pt::MetricName(r.target.metric));
        c.set("href", Href("/chi-tieu-ke-hoach/khong-dat", fq));
    }
    return c;
}

Data EvaluationData(const app::PlanEvaluation& e, const Query& q) {
    // Columns: the metrics the plan sets, in the order of AllMetrics.
    std::vector<pt::Metric> metrics;
    for (pt::Metric m : pt::AllMetrics()) {
        const bool set = std::any_of(e.plan.plan.targets.begin(), e.plan.plan.targets.end(),
                                     [m](const pt::Target& t) { return t.metric == m; });
        if (set) {
            metrics.push_back(m);
        }
    }
    DataList headers;
    for (pt::Metric m : metrics) {
        Data h;
        h.set("label", std::string(pt::MetricLabel(m)));
        h.set("metric", std::string(pt::MetricName(m)));
        headers.push_back(h);
    }
    DataList rows;
    for (const app::UnitEvaluation& u : e.units) {
        Data row;
        row.set("name", u.unit.name);
        row.set("code", u.unit.code);
        row.set("area", std::string(pt::AreaLabel(u.area)));
        Query uq = q;
        uq.unit = u.unit.code;
        DataList cells;
        for (pt::Metric m : metrics) {
            auto it =
                std::find_if(u.results.begin(), u.results.end(),
                             [m](const app::TargetResult& r) { return r.target.metric == m; });
            if (it == u.results.end()) {
                Data none;
                none.set("absent", true);
                cells.push_back(none);
            } else {
                cells.push_back(CellData(*it, uq));
            }
        }
        row.set("cells", cells);
        rows.push_back(row);
    }
    DataList sources;
    for (const pt::Target& t : e.plan.plan.targets) {
        Data s;
        s.set("label", std::string(pt::MetricLabel(t.metric)));
        s.set("area", t.area.empty() ? std::string() : std::string(pt::AreaLabel(t.area)));
        s.set("target", TargetText(t));
        s.set("document", t.source.document);
        s.set("section", t.source.section);
        s.set("wording", t.source.wording);
        sources.push_back(s);
    }
    Data d;
    d.set("title", e.plan.plan.title);
    d.set("unit_name", e.unit.name);
    d.set("period", e.period_label);
    d.set("from", FormatDate(e.window.from));
    d.set("to", FormatDate(e.window.to));
    d.set("headers", headers);
    d.set("rows", rows);
    d.set("sources", sources);
    d.set("api_href", "/api/v1/plan-targets/" + UrlEncode(q.plan) + "/evaluation?unit=" +
                          UrlEncode(q.unit) + "&period=" + UrlEncode(q.period));
    return d;
}

Query QueryOf(const Request& req) {
    return Query{std::string(req.Query("ke-hoach").value_or("")),
                 std::string(req.Query("don-vi").value_or("")),
                 std::string(req.Query("ky").value_or("")),
                 std::string(req.Query("chi-tieu").value_or(""))};
}

// The field a use-case message is about: the period, the plan, or the whole form.
std::string FieldOf(std::string_view message) {
    if (message.find("kỳ") != std::string_view::npos) {
        return "ky";
    }
    if (message.find("kế hoạch") != std::string_view::npos &&
        message.find("đơn vị") == std::string_view::npos) {
        return "ke-hoach";
    }
    return "";
}

Response PlanTargetsPage(const Site& site, const Request& req, const app::Actor& actor) {
    ReportUnits units = ReportUnitsOf(
        site, req, actor, "Không có quyền xem chỉ tiêu kế hoạch",
        "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị mới xem được việc thực hiện chỉ "
        "tiêu kế hoạch của đơn vị trong phạm vi của mình.");
    if (units.end) {
        return *units.end;
    }
    Query q = QueryOf(req);
    const bool asked = !q.plan.empty() || !q.unit.empty();
    if (q.period.empty()) {
        q.period = QuarterOf(Today(site));
    }
    FormErrors errors;
    int status = 200;
    Data result;
    bool has_result = false;
    if (asked) {
        if (q.plan.empty()) {
            errors.Add("ke-hoach", "Chọn kế hoạch.");
            status = 400;
        }
        if (q.unit.empty()) {
            errors.Add("don-vi", "Chọn đơn vị.");
            status = 400;
        }
        if (status == 200) {
            auto e = app::EvaluatePlanTargets(site.Context(), actor,
                                              app::PlanQuery{q.plan, q.unit, q.period});
            if (e) {
                result = EvaluationData(*e, q);
                has_result = true;
            } else if (!AddUseCaseError(e.error(), errors, status, FieldOf)) {
                return site.ForError(e.error(), req, actor);
            }
        }
    }
    auto data = FormData(site, actor, q, units.units, errors);
    if (!data) {
        return site.ForError(data.error(), req, actor);
    }
    if (has_result) {
        data->set("result", result);
    }
    Chrome chrome = site.MakeChrome(req, actor, "Chỉ tiêu kế hoạch", Section::kNone);
    Response r = site.Page(status, "plan_targets", chrome, WithErrors(std::move(*data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

std::string DateTimeOr(const std::optional<std::chrono::sys_seconds>& at) {
    return at ? FormatDateTime(*at) : std::string("—");
}

Response FailuresPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    const Query q = QueryOf(req);
    if (q.plan.empty() || q.unit.empty() || q.period.empty() || q.metric.empty()) {
        return site.ErrorPage(400, req, actor, "Thiếu thông tin",
                              "Cần chọn kế hoạch, đơn vị, kỳ và chỉ tiêu.");
    }
    auto f = app::PlanTargetFailures(site.Context(), actor,
                                     app::PlanQuery{q.plan, q.unit, q.period}, q.metric);
    if (!f) {
        return site.ForError(f.error(), req, actor);
    }
    Data d;
    d.set("label", std::string(pt::MetricLabel(f->metric)));
    d.set("title", f->plan.plan.title);
    d.set("unit_name", f->unit.name);
    d.set("period", f->period_label);
    d.set("from", FormatDate(f->window.from));
    d.set("to", FormatDate(f->window.to));
    d.set("total", GroupDigits(f->total));
    // online_dossier_share (H2): the failing services come with their dossiers, which `total`
    // counts.
    const bool per_service = f->metric == pt::Metric::kOnlineDossierShare;
    const std::size_t shown = f->dossiers.size() + (per_service ? 0 : f->procedures.size());
    d.set("capped", static_cast<std::int64_t>(shown) < f->total);
    d.set("shown", GroupDigits(static_cast<std::int64_t>(shown)));
    if (f->result) {
        Data r;
        r.set("value", f->result->outcome.value ? Amount(f->metric, *f->result->outcome.value)
                                                : std::string("Chưa có dữ liệu"));
        r.set("target", TargetText(f->result->target));
        r.set("note", f->result->note);
        r.set("numerator", GroupDigits(f->result->numerator));
        r.set("denominator", GroupDigits(f->result->denominator));
        d.set("result", r);
    }
    DataList dossiers;
    for (const auto& x : f->dossiers) {
        Data row;
        row.set("code", x.code);
        row.set("href", "/ho-so/" + UrlEncode(x.code));
        row.set("procedure", x.procedure_code);
        row.set("unit", x.settling_unit_code);
        row.set("received", DateTimeOr(x.received_at));
        row.set("due", DateTimeOr(x.due_at));
        row.set("finished", DateTimeOr(x.finished_at));
        dossiers.push_back(row);
    }
    DataList procedures;
    for (const auto& p : f->procedures) {
        Data row;
        row.set("code", p.code);
        row.set("href", "/thu-tuc/" + UrlEncode(p.code));
        row.set("name", p.name);
        if (per_service) {  // H2
            row.set("online", GroupDigits(p.online));
            row.set("received", GroupDigits(p.received));
            row.set("share", p.share ? Amount(f->metric, *p.share) : std::string("—"));
        }
        procedures.push_back(row);
    }
    d.set("has_dossiers", !f->dossiers.empty());
    d.set("dossiers", dossiers);
    d.set("has_procedures", !f->procedures.empty());
    d.set("per_service", per_service);
    d.set("procedures", procedures);
    d.set("empty", shown == 0);
    Query back = q;
    back.metric.clear();
    d.set("back_href", Href("/chi-tieu-ke-hoach", back));
    Chrome chrome = site.MakeChrome(req, actor, "Hồ sơ không đạt chỉ tiêu", Section::kNone);
    Response r = site.Page(200, "plan_targets_failures", chrome, d);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterPlanTargetPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/chi-tieu-ke-hoach", PlanTargetsPage,
            "Chỉ tiêu kế hoạch: đạt / không đạt theo đơn vị (ke-hoach, don-vi, ky) (HTML)",
            "session");
    AddPage(router, site, "/chi-tieu-ke-hoach/khong-dat", FailuresPage,
            "Hồ sơ đứng sau một chỉ tiêu không đạt (ke-hoach, don-vi, ky, chi-tieu) (HTML)",
            "session");
}

}  // namespace motcua::web
