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

namespace {

// The PAKN form (REGULATIONS.md §3.2; its official columns are unconfirmed, docs/reports.md
// "PAKN form"): received (total, in the period, carried over), handled (total, on time, late),
// withdrawn, in progress (total, within the deadline, overdue).
std::vector<std::int64_t> FeedbackCells(const FeedbackCountRow& c) {
    return {c.received + c.carried_over, c.received,           c.carried_over, c.Handled(),
            c.handled_on_time,           c.handled_late,       c.withdrawn,    c.InProgress(),
            c.in_progress_on_time,       c.in_progress_overdue};
}

render::AnnexTable FeedbackAnnex(const FeedbackForm& form) {
    using Kind = render::SettlementRow::Kind;
    render::AnnexTable t;
    t.sheet_name = "Biểu PAKN";
    t.form_code = "Biểu tình hình phản ánh, kiến nghị";
    t.legal_note = "Theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 (số hiệu biểu chưa xác định)";
    t.title = "TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ VỀ QUY ĐỊNH HÀNH CHÍNH";
    t.measure = "Đơn vị tính: Số phản ánh, kiến nghị";
    t.columns = 12;
    t.header_rows = 3;
    t.header = {{0, 0, 3, 1, "STT"},
                {0, 1, 3, 1, "Nội dung, đơn vị xử lý"},
                {0, 2, 1, 3, "Số phản ánh, kiến nghị tiếp nhận"},
                {0, 5, 1, 7, "Kết quả xử lý"},
                {1, 2, 2, 1, "Tổng số"},
                {1, 3, 2, 1, "Trong kỳ"},
                {1, 4, 2, 1, "Từ kỳ trước"},
                {1, 5, 1, 3, "Đã xử lý"},
                {1, 8, 2, 1, "Người gửi rút"},
                {1, 9, 1, 3, "Đang xử lý"},
                {2, 5, 1, 1, "Tổng số"},
                {2, 6, 1, 1, "Đúng hạn"},
                {2, 7, 1, 1, "Quá hạn"},
                {2, 9, 1, 1, "Tổng số"},
                {2, 10, 1, 1, "Trong hạn"},
                {2, 11, 1, 1, "Quá hạn"}};
    t.widths = {3.2, 24, 6.4, 6.4, 6.4, 6.4, 6.4, 6.4, 6.4, 6.4, 6.4, 6.4};
    t.rows.push_back({.kind = Kind::kSection, .stt = "I", .label = "Theo nội dung"});
    int n = 0;
    for (const FeedbackFormRow& row : form.by_subject) {
        t.rows.push_back({.kind = Kind::kLine,
                          .stt = std::to_string(++n),
                          .label = row.label,
                          .cells = FeedbackCells(row.counts)});
    }
    t.rows.push_back({.kind = Kind::kSection, .stt = "II", .label = "Theo đơn vị xử lý"});
    n = 0;
    for (const FeedbackFormRow& row : form.by_unit) {
        t.rows.push_back({.kind = Kind::kLine,
                          .stt = std::to_string(++n),
                          .label = row.label,
                          .cells = FeedbackCells(row.counts)});
    }
    t.rows.push_back(
        {.kind = Kind::kTotal, .label = "Tổng cộng", .cells = FeedbackCells(form.total)});
    return t;
}

// The plans' progress (issue #7): one row per plan of the year, then the total.
render::AnnexTable PlanAnnex(const PlanProgressSection& section) {
    using Kind = render::SettlementRow::Kind;
    render::AnnexTable t;
    t.sheet_name = "Kế hoạch";
    t.form_code = "Tiến độ kế hoạch kiểm soát TTHC";
    t.legal_note = "";  // not a form of Circular 01/2020
    t.title = "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH KIỂM SOÁT THỦ TỤC HÀNH CHÍNH";
    t.measure = "Đơn vị tính: Số sản phẩm đến hạn trong kỳ";
    t.columns = 7;
    t.header_rows = 2;
    t.header = {{0, 0, 2, 1, "STT"},
                {0, 1, 2, 1, "Kế hoạch"},
                {0, 2, 2, 1, "Đến hạn trong kỳ"},
                {0, 3, 1, 2, "Đã hoàn thành"},
                {0, 5, 1, 2, "Chưa hoàn thành"},
                {1, 3, 1, 1, "Đúng hạn"},
                {1, 4, 1, 1, "Trễ hạn"},
                {1, 5, 1, 1, "Chưa đến hạn"},
                {1, 6, 1, 1, "Quá hạn"}};
    t.widths = {3.2, 40, 9, 9, 9, 9, 9};
    const auto cells = [](const PlanProgressRow& r) {
        return std::vector<std::int64_t>{r.due, r.done, r.done_late, r.in_progress, r.overdue};
    };
    int n = 0;
    for (const PlanProgressRow& r : section.plans) {
        t.rows.push_back(
            {.kind = Kind::kLine, .stt = std::to_string(++n), .label = r.title, .cells = cells(r)});
    }
    t.rows.push_back({.kind = Kind::kTotal, .label = "Tổng cộng", .cells = cells(section.total)});
    return t;
}

}  // namespace

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
    s.annexes.push_back(FeedbackAnnex(report.feedback));  // issue #9
    s.annexes.push_back(PlanAnnex(report.plans));         // issue #7
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
