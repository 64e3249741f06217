#include "render/inspection_report.hpp"

namespace motcua::render {

Letter InspectionReportLetter(const InspectionReport& r) {
    Letter l;
    l.parent_unit = r.parent_unit;
    l.issuing_unit = r.unit;
    l.number = "Số: ……/BC";
    l.subject = "Báo cáo tình hình, kết quả thực hiện hoạt động kiểm soát thủ tục hành chính";
    l.place_date = r.place_date;
    l.recipient = r.recipient;
    l.intro = {r.period_line, "Theo " + r.source + ", " + r.unit +
                                  " báo cáo tình hình, kết quả thực hiện hoạt động kiểm soát thủ "
                                  "tục hành chính như sau:"};
    for (const InspectionReportItem& item : r.items) {
        LetterSection s;
        s.heading = item.number + ". " + item.title;
        for (const std::string& p : item.points) {
            s.paragraphs.push_back("- " + p + ": ……");
        }
        if (item.figures.empty() && item.rows.empty()) {
            s.paragraphs.emplace_back("Số liệu trên hệ thống: không có.");
        } else {
            s.paragraphs.emplace_back("Số liệu trên hệ thống:");
            for (const std::string& f : item.figures) {
                s.paragraphs.push_back("+ " + f);
            }
        }
        s.table_header = item.table_header;
        s.rows = item.rows;
        if (!s.table_header.empty()) {
            s.table_widths.assign(s.table_header.size(), 1.0);
        }
        l.sections.push_back(std::move(s));
    }
    l.closing = {"Ghi chú: các mục không có nội dung, số liệu báo cáo được ghi rõ \"không có\"."};
    l.signer_title = "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ";
    l.recipients_note = "Nơi nhận: " + r.recipient + "; Lưu: VT.";
    return l;
}

base::Result<std::string> RenderInspectionReportDocx(const InspectionReport& report) {
    return RenderLetterDocx(InspectionReportLetter(report));
}

base::Result<std::string> RenderInspectionReportPdf(const InspectionReport& report) {
    return RenderLetterPdf(InspectionReportLetter(report));
}

}  // namespace motcua::render
