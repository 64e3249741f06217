#include "app/report_exports.hpp"

#include <array>
#include <utility>

#include "app/report_scope.hpp"
#include "store/units.hpp"

namespace motcua::app {

namespace {

namespace r06 = domain::report06;

std::string Date(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
           std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
           std::to_string(static_cast<int>(ymd.year()));
}

render::SettlementCells CellsOf(const r06::Cells& c) {
    return {c.Received(), c.online, c.direct_postal, c.carried_over, c.Settled(), c.early,
            c.on_time,    c.late,   c.InProgress(),  c.within,       c.overdue};
}

}  // namespace

base::Result<ReportFormat> ParseReportFormat(std::string_view name) {
    if (name == "json") return ReportFormat::kJson;
    if (name == "xlsx") return ReportFormat::kXlsx;
    if (name == "pdf") return ReportFormat::kPdf;
    return base::InvalidArgument("Định dạng báo cáo '" + std::string(name.substr(0, 16)) +
                                 "' không được hỗ trợ; hãy dùng json, xlsx hoặc pdf.");
}

std::string PeriodLabel(const r06::Period& p) {
    static constexpr std::array<std::string_view, 4> kRoman = {"I", "II", "III", "IV"};
    const std::string year = std::to_string(p.year);
    switch (p.kind) {
        case r06::PeriodKind::kMonth:
            return "Tháng " + std::to_string(p.index) + "/" + year;
        case r06::PeriodKind::kQuarter:
            return "Quý " + std::string(kRoman.at(static_cast<std::size_t>(p.index - 1))) + "/" +
                   year;
        case r06::PeriodKind::kSixMonths:
            return "6 tháng đầu năm " + year;
        case r06::PeriodKind::kNineMonths:
            return "9 tháng năm " + year;
        case r06::PeriodKind::kYear:
            break;
    }
    return "Năm " + year;
}

std::string PeriodLine(const r06::Window& window) {
    return "Kỳ báo cáo: " + PeriodLabel(window.period) + " (Từ ngày " + Date(window.from) +
           " đến ngày " + Date(window.to) + ")";
}

std::string SettlementFormCode(const domain::Unit& unit) {
    return unit.type == domain::UnitType::kServiceCentre ? "Biểu số II.06a/VPCP/KSTT"
                                                         : "Biểu số 06/VPCP/KSTT";
}

render::SettlementSheet SettlementSheetOf(const SettlementReport& report,
                                          std::chrono::sys_days today) {
    using Kind = render::SettlementRow::Kind;
    const r06::Report& rep = report.report;
    render::SettlementSheet s;
    s.form_code = SettlementFormCode(report.unit);
    s.legal_note = "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020";
    s.reporting_unit = report.unit.name;
    s.period_line = PeriodLine(rep.window);
    const std::chrono::year_month_day ymd{today};
    s.place_date = "…………, ngày " + std::to_string(static_cast<unsigned>(ymd.day())) + " tháng " +
                   std::to_string(static_cast<unsigned>(ymd.month())) + " năm " +
                   std::to_string(static_cast<int>(ymd.year()));
    s.rows.push_back({.kind = Kind::kSection, .stt = "I", .label = "Theo lĩnh vực"});
    int n = 0;
    for (const r06::Row& row : rep.by_field) {
        s.rows.push_back({.kind = Kind::kLine,
                          .stt = std::to_string(++n),
                          .label = row.label,
                          .cells = CellsOf(row.cells)});
    }
    s.rows.push_back({.kind = Kind::kSection, .stt = "II", .label = "Theo đơn vị giải quyết"});
    n = 0;
    for (const r06::Row& row : rep.by_unit) {
        s.rows.push_back({.kind = Kind::kLine,
                          .stt = std::to_string(++n),
                          .label = row.label,
                          .cells = CellsOf(row.cells)});
    }
    s.rows.push_back({.kind = Kind::kTotal,
                      .label = std::string(r06::kTotalLabel),
                      .cells = CellsOf(rep.total.cells)});
    return s;
}

base::Result<ReportFile> ExportSettlementReport(const SettlementReport& report, ReportFormat format,
                                                std::chrono::sys_days today) {
    const render::SettlementSheet sheet = SettlementSheetOf(report, today);
    const std::string stem =
        "bao-cao-06-" + report.unit.code + "-" + r06::FormatPeriod(report.report.window.period);
    ReportFile file;
    if (format == ReportFormat::kXlsx) {
        auto bytes = render::RenderSettlementXlsx(sheet);
        if (!bytes) return std::move(bytes).error();
        file.bytes = std::move(*bytes);
        file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        file.filename = stem + ".xlsx";
        return file;
    }
    if (format == ReportFormat::kPdf) {
        auto bytes = render::RenderSettlementPdf(sheet);
        if (!bytes) return std::move(bytes).error();
        file.bytes = std::move(*bytes);
        file.content_type = "application/pdf";
        file.filename = stem + ".pdf";
        return file;
    }
    return base::InvalidArgument("Báo cáo dạng json không phải là tệp; hãy dùng xlsx hoặc pdf.");
}

base::Result<std::vector<domain::Unit>> ReportableUnits(AppContext& ctx, const Actor& actor) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    return InReadTransaction<std::vector<domain::Unit>>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<std::vector<domain::Unit>> {
            auto units = store::units::List(tx);
            if (!units) {
                return std::move(units).error();
            }
            std::vector<domain::Unit> out;
            for (domain::Unit& u : *units) {
                const base::Status may = internal::MayReport(tx, actor, u.id);
                if (may) {
                    out.push_back(std::move(u));
                } else if (may.error().code != base::ErrorCode::kPermissionDenied) {
                    return may.error();
                }
            }
            return out;
        });
}

}  // namespace motcua::app
