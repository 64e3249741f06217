#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/reports.hpp"
#include "base/result.hpp"
#include "render/reports.hpp"

// Form 06 / II.06a as a file (issue #6; docs/reports.md "Exports"): the bridge between the
// domain report (app/reports.hpp) and the renderers of render/reports.hpp. Pure; used by the API
// (GET /api/v1/reports/tthc-settlement?format=xlsx|pdf), the report page (/bao-cao) and
// `motcua report --format xlsx|pdf`.
namespace motcua::app {

enum class ReportFormat { kJson, kXlsx, kPdf };

// "json", "xlsx", "pdf"; kInvalidArgument (Vietnamese) for anything else.
[[nodiscard]] base::Result<ReportFormat> ParseReportFormat(std::string_view name);

// "Tháng 7/2026", "Quý III/2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026".
[[nodiscard]] std::string PeriodLabel(const domain::report06::Period& period);

// "Kỳ báo cáo: Quý III/2026 (Từ ngày 15/6/2026 đến ngày 14/9/2026)".
[[nodiscard]] std::string PeriodLine(const domain::report06::Window& window);

// "Biểu số II.06a/VPCP/KSTT" for a Public Administration Service Centre, else
// "Biểu số 06/VPCP/KSTT".
[[nodiscard]] std::string SettlementFormCode(const domain::Unit& unit);

// The printed sheet: section I by field (numbered 1, 2, …), section II by settling unit, the
// total; `today` (Vietnam civil day) dates the place-and-date line.
[[nodiscard]] render::SettlementSheet SettlementSheetOf(const SettlementReport& report,
                                                        std::chrono::sys_days today);

struct ReportFile {
    std::string bytes;
    std::string content_type;  // application/vnd.openxmlformats-…sheet or application/pdf
    std::string filename;      // bao-cao-06-<unit code>-<period>.xlsx|pdf (ASCII)
};

// The report as XLSX or PDF. kInvalidArgument for kJson (not a file format here); the
// renderers' errors otherwise.
[[nodiscard]] base::Result<ReportFile> ExportSettlementReport(const SettlementReport& report,
                                                              ReportFormat format,
                                                              std::chrono::sys_days today);

// The units the actor may report on (leaders, TTHC-control officers and administrators whose
// scope covers them: the same rule as TthcSettlementReport), in store order; empty for anyone
// else. One read transaction. kUnauthenticated when nobody is signed in.
[[nodiscard]] base::Result<std::vector<domain::Unit>> ReportableUnits(AppContext& ctx,
                                                                      const Actor& actor);

}  // namespace motcua::app
