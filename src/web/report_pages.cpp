// /bao-cao: form 06 / II.06a of Circular 01/2020/TT-VPCP as a page, for leaders, TTHC-control
// officers and administrators (issue #6; docs/reports.md). Thin: decode, call app/reports.hpp
// (which authorises), render; the XLSX and PDF links point at the API route with format=.
#include <chrono>
#include <string>
#include <vector>

#include "app/report_exports.hpp"
#include "app/reports.hpp"
#include "calendar/civil_date.hpp"
#include "web/pages.hpp"
#include "web/report_form.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

namespace r06 = domain::report06;
using http::Request;
using http::Response;

std::string ExportHref(const app::SettlementReportQuery& q, std::string_view format) {
    return "/api/v1/reports/tthc-settlement?unit=" + UrlEncode(q.unit_code) +
           "&period=" + UrlEncode(q.period) +
           "&window=" + std::string(r06::WindowRuleName(q.window)) +
           "&format=" + std::string(format);
}

Data ResultData(const app::SettlementReport& report, const app::SettlementReportQuery& q,
                std::chrono::sys_days today) {
    using Kind = render::SettlementRow::Kind;
    const render::SettlementSheet sheet = app::SettlementSheetOf(report, today);
    Data result;
    result.set("form_code", sheet.form_code);
    result.set("unit_name", report.unit.name);
    result.set("period_line", sheet.period_line);
    result.set("dossiers", GroupDigits(report.report.dossiers));
    result.set("xlsx_href", ExportHref(q, "xlsx"));
    result.set("pdf_href", ExportHref(q, "pdf"));
    DataList numbers;
    for (int c = 0; c < render::kSettlementColumns; ++c) {
        numbers.push_back(Data(render::detail::SettlementColumnNumber(c)));
    }
    result.set("numbers", numbers);
    DataList rows;
    for (const render::SettlementRow& row : sheet.rows) {
        Data r;
        r.set("class", std::string(row.kind == Kind::kSection ? "report-section"
                                   : row.kind == Kind::kTotal ? "report-total"
                                                              : "report-line"));
        r.set("stt", row.stt);
        r.set("label", row.label);
        DataList cells;
        for (const std::int64_t n : row.cells) {
            cells.push_back(Data(row.kind == Kind::kSection ? std::string() : GroupDigits(n)));
        }
        r.set("cells", cells);
        rows.push_back(r);
    }
    result.set("rows", rows);
    return result;
}

Response ReportPage(const Site& site, const Request& req, const app::Actor& actor) {
    ReportUnits units = ReportUnitsOf(
        site, req, actor, "Không có quyền xem báo cáo",
        "Chỉ lãnh đạo, công chức kiểm soát TTHC hoặc quản trị mới xem được báo cáo tình hình giải "
        "quyết thủ tục hành chính.");
    if (units.end) {
        return *units.end;
    }
    const std::chrono::sys_days today = Today(site);
    ReportForm form = ReadReportForm(req, today, r06::WindowRule::kReporting);
    const app::SettlementReportQuery query{form.unit_code, form.period, form.window};
    Data data;
    data.set("unit", UnitSelectData(units.units, form.unit_code, form.errors, "Đơn vị báo cáo"));
    if (form.asked && form.status == 200) {
        auto report = app::TthcSettlementReport(site.Context(), actor, query);
        if (!report) {
            if (!AddUseCaseError(report.error(), form.errors, form.status)) {
                return site.ForError(report.error(), req, actor);
            }
        } else {
            data.set("result", ResultData(*report, query, today));
        }
    }
    data.set("period", PeriodFieldData(form.period, form.errors, "Kỳ báo cáo",
                                       "Ví dụ: 2026-Q3 (quý), 2026-H1 (6 tháng), 2026-9M (9 "
                                       "tháng), 2026 (năm), 2026-07 (tháng)."));
    data.set("window", WindowSelectData(form.window, form.errors, true));
    Chrome chrome =
        site.MakeChrome(req, actor, "Báo cáo giải quyết thủ tục hành chính", Section::kNone);
    Response r =
        site.Page(form.status, "page_report", chrome, WithErrors(std::move(data), form.errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterReportPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/bao-cao", ReportPage,
            "Báo cáo biểu 06/II.06a: tình hình, kết quả giải quyết TTHC (don-vi, ky, cach-tinh; "
            "tải về XLSX, PDF) (HTML)",
            "session");
}

}  // namespace motcua::web
