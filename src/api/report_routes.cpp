// /api/v1/reports (issue #6): periodic reports of Circular 01/2020/TT-VPCP; thin handlers over
// app/reports.hpp. REGULATIONS.md §3, docs/reports.md.
#include <chrono>
#include <utility>

#include <boost/json.hpp>

#include "api/route_util.hpp"
#include "app/report_exports.hpp"
#include "app/reports.hpp"
#include "calendar/civil_date.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

namespace r06 = domain::report06;

json::object RowJson(const r06::Row& row) {
    const r06::Cells& c = row.cells;
    return json::object{
        {"label", row.label},
        {"received", json::object{{"total", c.Received()},
                                  {"online", c.online},
                                  {"direct_postal", c.direct_postal},
                                  {"carried_over", c.carried_over}}},
        {"settled",
         json::object{
             {"total", c.Settled()}, {"early", c.early}, {"on_time", c.on_time}, {"late", c.late}}},
        {"in_progress",
         json::object{{"total", c.InProgress()}, {"within", c.within}, {"overdue", c.overdue}}}};
}

base::Result<app::SettlementReportQuery> QueryOf(const Request& req) {
    auto p = ReportParamsOf(req, r06::WindowRule::kReporting);
    if (!p) {
        return std::move(p).error();
    }
    return app::SettlementReportQuery{std::move(p->unit_code), std::move(p->period), p->window};
}

}  // namespace

json::object SettlementReportJson(const app::SettlementReport& r) {
    const r06::Report& rep = r.report;
    json::array rows;
    for (const r06::Row& row : rep.by_field) {
        rows.push_back(RowJson(row));
    }
    json::array by_unit;
    for (const r06::Row& row : rep.by_unit) {
        by_unit.push_back(RowJson(row));
    }
    return json::object{{"form", "06/VPCP/KSTT"},
                        {"title", "Tình hình, kết quả giải quyết TTHC"},
                        {"unit", json::object{{"code", r.unit.code}, {"name", r.unit.name}}},
                        {"period", r06::FormatPeriod(rep.window.period)},
                        {"window", r06::WindowRuleName(rep.window.rule)},
                        {"from", calendar::FormatIsoDate(rep.window.from)},
                        {"to", calendar::FormatIsoDate(rep.window.to)},
                        {"dossiers", rep.dossiers},
                        {"rows", std::move(rows)},
                        {"by_unit", std::move(by_unit)},
                        {"total", RowJson(rep.total)},
                        {"feedback", FeedbackFormJson(r.feedback)},  // issue #9: PAKN form
                        {"plans", PlanProgressJson(r.plans)}};       // issue #7
}

void RegisterReportRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kGet, "/api/v1/reports/tthc-settlement",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto query = QueryOf(req);
                      if (!query) {
                          return Problem(query.error());
                      }
                      auto format = app::ParseReportFormat(req.Query("format").value_or("json"));
                      if (!format) {
                          return Problem(format.error());
                      }
                      auto report = app::TthcSettlementReport(ctx, actor, *query);
                      if (!report) {
                          return Problem(report.error());
                      }
                      if (*format == app::ReportFormat::kJson) {
                          Response r = Json(200, SettlementReportJson(*report));
                          r.AddHeader("Cache-Control", "no-store");
                          return r;
                      }
                      auto file = app::ExportSettlementReport(
                          *report, *format,
                          std::chrono::floor<std::chrono::days>(ctx.clock->Now() +
                                                                calendar::kVietnamOffset));
                      if (!file) {
                          return Problem(file.error());
                      }
                      return Download(std::move(file->bytes), file->content_type, file->filename);
                  }),
        {"Báo cáo biểu 06/II.06a (Thông tư 01/2020/TT-VPCP): tình hình, kết quả giải "
         "quyết TTHC của đơn vị và các đơn vị trực thuộc trong kỳ (unit, period: 2026-Q3, "
         "2026-H1, 2026-9M, 2026, 2026-07; window: reporting|calendar; format: json (mặc "
         "định), xlsx hoặc pdf: tệp biểu mẫu tải về với Content-Disposition attachment "
         "bao-cao-06-<unit>-<period>.xlsx|pdf; lãnh đạo, kiểm soát TTHC, quản trị có phạm "
         "vi bao gồm đơn vị)",
         "session", "",
         R"({"type":"object","properties":{"unit":{"type":"object"},)"
         R"("period":{"type":"string"},"window":{"type":"string"},)"
         R"("from":{"type":"string"},"to":{"type":"string"},)"
         R"("rows":{"type":"array"},"by_unit":{"type":"array"},)"
         R"("total":{"type":"object"}}})"});
}

}  // namespace motcua::api
