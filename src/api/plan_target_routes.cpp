// /api/v1/plan-targets (issue #6; docs/plan-targets.md): the target sets of the plans (S0 §III),
// their evaluation per unit for a period, and the dossiers behind a failure. Thin handlers over
// app/plan_targets.hpp.
#include <algorithm>

#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/plan_targets.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace pt = domain::plan_targets;
namespace r06 = domain::report06;

std::string_view MeasureName(pt::Measure m) {
    switch (m) {
        case pt::Measure::kPercent:
            return "percent";
        case pt::Measure::kMinutes:
            return "minutes";
        case pt::Measure::kDossiersPerYear:
            return "dossiers_per_staff_year";
    }
    return "percent";
}

// A value in the target's units: percent as a number with up to 2 decimals (an integer when
// whole), others whole.
json::value Amount(pt::Metric metric, std::optional<std::int64_t> v) {
    if (!v) {
        return nullptr;
    }
    if (pt::MeasureOf(metric) == pt::Measure::kPercent && *v % 100 != 0) {
        return static_cast<double>(*v) / 100.0;
    }
    return pt::MeasureOf(metric) == pt::Measure::kPercent ? *v / 100 : *v;
}

json::object TargetJson(const pt::Target& t) {
    return json::object{{"metric", pt::MetricName(t.metric)},
                        {"label", pt::MetricLabel(t.metric)},
                        {"area", t.area.empty() ? json::value(nullptr) : json::value(t.area)},
                        {"comparator", pt::ComparatorName(t.comparator)},
                        {"value", Amount(t.metric, t.value)},
                        {"unit", MeasureName(pt::MeasureOf(t.metric))},
                        {"source", json::object{{"document", t.source.document},
                                                {"section", t.source.section},
                                                {"wording", t.source.wording}}}};
}

json::object PlanJson(const app::PlanTargetSet& s) {
    json::array targets;
    for (const pt::Target& t : s.plan.targets) {
        targets.push_back(TargetJson(t));
    }
    json::array areas;
    for (const pt::UnitArea& a : s.plan.areas) {
        areas.push_back(json::object{{"unit", a.unit_code}, {"area", a.area}});
    }
    return json::object{{"plan", s.plan.key},
                        {"title", s.plan.title},
                        {"year", s.plan.year},
                        {"issuing_unit", json::object{{"code", s.plan.issuing_unit_code},
                                                      {"name", s.issuing_unit_name}}},
                        {"version", s.version},
                        {"updated_at", calendar::FormatInstant(s.updated_at)},
                        {"targets", std::move(targets)},
                        {"unit_areas", std::move(areas)}};
}

json::object ResultJson(const app::TargetResult& r) {
    json::object o = TargetJson(r.target);
    json::value target = o["value"];
    o["target"] = std::move(target);
    o["value"] = Amount(r.target.metric, r.outcome.value);
    o["verdict"] = pt::VerdictName(r.outcome.verdict);
    o["numerator"] = r.numerator;
    o["denominator"] = r.denominator;
    o["note"] = r.note;
    if (r.target.metric == pt::Metric::kOnlineDossierShare) {  // H2: judged per service
        json::array services;
        for (const app::ServiceShare& s : r.services) {
            services.push_back(json::object{{"code", s.code},
                                            {"name", s.name},
                                            {"online_level", s.online_level},
                                            {"online", s.online},
                                            {"received", s.received},
                                            {"value", Amount(r.target.metric, s.outcome.value)},
                                            {"verdict", pt::VerdictName(s.outcome.verdict)}});
        }
        o["services_total"] = static_cast<std::int64_t>(r.services.size());
        o["services_passing"] = r.services_passing;
        o["services"] = std::move(services);
    }
    return o;
}

json::object WindowJson(const r06::Window& w, const std::string& label) {
    return json::object{{"period", label},
                        {"window", r06::WindowRuleName(w.rule)},
                        {"from", calendar::FormatIsoDate(w.from)},
                        {"to", calendar::FormatIsoDate(w.to)}};
}

json::value OptInstant(const std::optional<std::chrono::sys_seconds>& at) {
    return at ? json::value(calendar::FormatInstant(*at)) : json::value(nullptr);
}

base::Result<app::PlanQuery> QueryOf(const Request& req) {
    auto p = ReportParamsOf(req, r06::WindowRule::kCalendar);
    if (!p) {
        return std::move(p).error();
    }
    return app::PlanQuery{req.path_params.at("plan"), std::move(p->unit_code), std::move(p->period),
                          p->window};
}

}  // namespace

void RegisterPlanTargetRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(Method::kGet, "/api/v1/plan-targets",
               WithActor(ctx, cache,
                         [&ctx](const Request&, const app::Actor& actor) -> Response {
                             auto list = app::ListPlanTargets(ctx, actor);
                             if (!list) {
                                 return Problem(list.error());
                             }
                             json::array items;
                             for (const auto& s : *list) {
                                 items.push_back(json::object{{"plan", s.key},
                                                              {"title", s.title},
                                                              {"year", s.year},
                                                              {"targets", s.targets},
                                                              {"version", s.version}});
                             }
                             return NoStore(Json(200, json::object{{"items", std::move(items)}}));
                         }),
               {"Danh sách kế hoạch có chỉ tiêu (lãnh đạo, kiểm soát TTHC, quản trị)", "session",
                "", R"({"type":"object","properties":{"items":{"type":"array"}}})"});

    router.Add(Method::kPost, "/api/v1/plan-targets",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto set = app::PutPlanTargets(ctx, actor, req.body, "", true);
                             if (!set) {
                                 return Problem(set.error());
                             }
                             return Json(201, PlanJson(*set));
                         }),
               {"Nhập bộ chỉ tiêu của một kế hoạch mới (JSON như data/rules/plan-targets-s0.json: "
                "plan, title, year, issuing_unit, targets[metric, area, comparator, value, "
                "source], unit_areas; kiểm soát TTHC, quản trị có phạm vi bao gồm đơn vị ban "
                "hành; 409 nếu mã kế hoạch đã có)",
                "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(
        Method::kPut, "/api/v1/plan-targets/{plan}",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto expected = IfMatchVersion(req, "kế hoạch");
                      if (!expected) {
                          return Problem(expected.error());
                      }
                      auto set = app::PutPlanTargets(ctx, actor, req.body,
                                                     req.path_params.at("plan"), false, *expected);
                      if (!set) {
                          return Problem(set.error());
                      }
                      return Json(200, PlanJson(*set));
                  }),
        {"Tạo hoặc thay thế bộ chỉ tiêu của kế hoạch (cùng định dạng với POST; mã trong "
         "nội dung phải trùng mã trên đường dẫn; If-Match: \"v<phiên bản>\" từ ETag của GET, "
         "409 nếu kế hoạch đã bị thay đổi)",
         "session+csrf", R"({"type":"object"})", R"({"type":"object"})"});

    router.Add(Method::kGet, "/api/v1/plan-targets/{plan}",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto set = app::GetPlanTargets(ctx, actor, req.path_params.at("plan"));
                             if (!set) {
                                 return Problem(set.error());
                             }
                             Response r = NoStore(Json(200, PlanJson(*set)));
                             r.AddHeader("ETag", "\"v" + std::to_string(set->version) + "\"");
                             return r;
                         }),
               {"Bộ chỉ tiêu của kế hoạch, kèm nguồn (văn bản, mục, nguyên văn)", "session", "",
                R"({"type":"object"})"});

    router.Add(
        Method::kGet, "/api/v1/plan-targets/{plan}/evaluation",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto q = QueryOf(req);
                      if (!q) {
                          return Problem(q.error());
                      }
                      auto e = app::EvaluatePlanTargets(ctx, actor, *q);
                      if (!e) {
                          return Problem(e.error());
                      }
                      json::array units;
                      for (const app::UnitEvaluation& u : e->units) {
                          json::array results;
                          for (const app::TargetResult& r : u.results) {
                              results.push_back(ResultJson(r));
                          }
                          units.push_back(json::object{{"code", u.unit.code},
                                                       {"name", u.unit.name},
                                                       {"area", u.area},
                                                       {"results", std::move(results)}});
                      }
                      json::object out = WindowJson(e->window, e->period_label);
                      out["plan"] = json::object{{"plan", e->plan.plan.key},
                                                 {"title", e->plan.plan.title},
                                                 {"version", e->plan.version}};
                      out["unit"] = json::object{{"code", e->unit.code}, {"name", e->unit.name}};
                      out["days"] = e->days;
                      out["units"] = std::move(units);
                      return NoStore(Json(200, out));
                  }),
        {"Đánh giá chỉ tiêu kế hoạch của đơn vị (gồm đơn vị trực thuộc) và từng đơn vị trong "
         "cây có tiếp nhận hoặc giải quyết hồ sơ: giá trị, đạt (pass) / không đạt (fail) / chưa "
         "có dữ liệu (no_data) (unit; period: 2026-07, 2026-Q3, 2026-H1, 2026-9M, 2026; window: "
         "calendar (mặc định) hoặc reporting; lãnh đạo, kiểm soát TTHC, quản trị có phạm vi bao "
         "gồm đơn vị)",
         "session", "",
         R"({"type":"object","properties":{"unit":{"type":"object"},"period":{"type":"string"},)"
         R"("units":{"type":"array"}}})"});

    router.Add(
        Method::kGet, "/api/v1/plan-targets/{plan}/failures",
        WithActor(
            ctx, cache,
            [&ctx](const Request& req, const app::Actor& actor) -> Response {
                auto q = QueryOf(req);
                if (!q) {
                    return Problem(q.error());
                }
                const std::string metric(req.Query("metric").value_or(""));
                if (metric.empty()) {
                    return Problem(base::InvalidArgument("Thiếu tham số 'metric' (mã chỉ tiêu)."));
                }
                auto f = app::PlanTargetFailures(ctx, actor, *q, metric);
                if (!f) {
                    return Problem(f.error());
                }
                json::array dossiers;
                for (const auto& d : f->dossiers) {
                    dossiers.push_back(json::object{
                        {"code", d.code},
                        {"procedure", d.procedure_code},
                        {"settling_unit", d.settling_unit_code},
                        {"channel", domain::ChannelName(
                                        static_cast<domain::Channel>(std::clamp(d.channel, 1, 3)))},
                        {"state", d.state},
                        {"received_at", OptInstant(d.received_at)},
                        {"due_at", OptInstant(d.due_at)},
                        {"finished_at", OptInstant(d.finished_at)}});
                }
                json::array procedures;
                for (const auto& p : f->procedures) {
                    json::object po{
                        {"code", p.code}, {"name", p.name}, {"online_level", p.online_level}};
                    if (f->metric == pt::Metric::kOnlineDossierShare) {  // H2: per service
                        po["online"] = p.online;
                        po["received"] = p.received;
                        po["value"] = Amount(f->metric, p.share);
                    }
                    procedures.push_back(std::move(po));
                }
                json::object out = WindowJson(f->window, f->period_label);
                out["plan"] = f->plan.plan.key;
                out["unit"] = json::object{{"code", f->unit.code}, {"name", f->unit.name}};
                out["metric"] = pt::MetricName(f->metric);
                out["label"] = pt::MetricLabel(f->metric);
                out["result"] =
                    f->result ? json::value(ResultJson(*f->result)) : json::value(nullptr);
                out["total"] = f->total;
                out["limit"] = app::kMaxFailures;
                out["dossiers"] = std::move(dossiers);
                out["procedures"] = std::move(procedures);
                return NoStore(Json(200, out));
            }),
        {"Hồ sơ đứng sau chỉ tiêu không đạt của đơn vị (gồm đơn vị trực thuộc) trong kỳ: mã hồ "
         "sơ, thủ tục, ngày; không có thông tin người nộp; tối đa 500 kèm tổng số (metric; với "
         "full_process_online_services: các thủ tục trực tuyến chưa toàn trình; unit, period, "
         "window như evaluation)",
         "session", "",
         R"({"type":"object","properties":{"total":{"type":"integer"},)"
         R"("dossiers":{"type":"array"},"procedures":{"type":"array"}}})"});
}

}  // namespace motcua::api
