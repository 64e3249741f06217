#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "render/letters.hpp"

// The report outline attached to S3 (Đề cương báo cáo hoạt động kiểm soát TTHC; issue #7,
// docs/inspections.md) filled for a unit and period: each section of the outline with its points
// and the figures the system holds, "không có" where it holds none (the outline's own note:
// "Các mục không có nội dung, số liệu báo cáo … ghi rõ 'không có'"). Written as a render::Letter,
// so the letters' DOCX and PDF writers serve it unchanged. Plain data in, bytes out.
namespace motcua::render {

struct InspectionReportItem {
    std::string number;                            // "I.4"
    std::string title;                             // "Về giải quyết thủ tục hành chính"
    std::vector<std::string> points;               // the outline's bullets, as prompts
    std::vector<std::string> figures;              // the system's figures; empty: "không có"
    std::vector<std::string> table_header{};       // optional table of figures
    std::vector<std::vector<std::string>> rows{};  // cells in header order
};

struct InspectionReport {
    std::string parent_unit;  // "UBND THÀNH PHỐ HUẾ"
    std::string unit;         // the reporting (inspected) unit
    std::string recipient;    // the inspecting unit
    std::string period_line;  // "Kỳ báo cáo: năm 2025 (01/01/2025 – 31/12/2025)"
    std::string place_date;   // "Huế, ngày … tháng … năm 2025"
    std::string source;       // "Đề cương kèm Kế hoạch 20/KH-UBND …"
    std::vector<InspectionReportItem> items;
};

// The letter form of the report (headings "1. …", figures under "Số liệu trên hệ thống").
[[nodiscard]] Letter InspectionReportLetter(const InspectionReport& report);
[[nodiscard]] base::Result<std::string> RenderInspectionReportDocx(const InspectionReport& report);
[[nodiscard]] base::Result<std::string> RenderInspectionReportPdf(const InspectionReport& report);

}  // namespace motcua::render
