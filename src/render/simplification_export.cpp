// RenderSimplificationDocx / RenderSimplificationXlsx: the simplification table through the one
// DOCX writer (render/docx_writer) and as a libxlsxwriter workbook, laid out like the plan
// exports (plan_export.cpp).

#include "render/simplification_export.hpp"

#include <array>
#include <string_view>

#include <xlsxwriter.h>

#include "render/document.hpp"
#include "render/docx_writer.hpp"
#include "render/xlsx_workbook.hpp"

namespace motcua::render {
namespace {

constexpr std::array<std::string_view, 8> kHeader = {"TT",
                                                     "Thủ tục hành chính",
                                                     "Nội dung đơn giản hóa",
                                                     "Lý do",
                                                     "Chi phí tuân thủ trước (đồng/năm)",
                                                     "Chi phí tuân thủ sau (đồng/năm)",
                                                     "Chi phí tiết kiệm (đồng/năm)",
                                                     "Tỷ lệ cắt giảm"};

std::string Dong(std::int64_t vnd) {
    const bool negative = vnd < 0;
    const unsigned long long m = negative ? 0ULL - static_cast<unsigned long long>(vnd)
                                          : static_cast<unsigned long long>(vnd);
    const std::string digits = std::to_string(m);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

base::Status Validate(const SimplificationTable& t) {
    for (const std::string* s : {&t.issuing_unit, &t.title, &t.subtitle, &t.status}) {
        if (!detail::IsUtf8(*s)) {
            return base::InvalidArgument("Tiêu đề của phương án không phải UTF-8 hợp lệ");
        }
    }
    for (const SimplificationRow& r : t.rows) {
        for (const std::string* s : {&r.procedure, &r.content, &r.reason, &r.percent}) {
            if (!detail::IsUtf8(*s)) {
                return base::InvalidArgument("Một ô của phương án không phải UTF-8 hợp lệ (dòng " +
                                             r.number + ")");
            }
        }
    }
    return {};
}

// ---- DOCX ----------------------------------------------------------------------------------

constexpr std::array<int, 8> kWidths = {600, 2600, 3400, 2300, 1500, 1500, 1500, 1170};

// "3.305.472.000\n(1.024.000/lần)"
std::string CostCell(std::int64_t annual, std::int64_t per_event) {
    return Dong(annual) + "\n(" + Dong(per_event) + "/lần)";
}

docx::Table TableOf(const SimplificationTable& t) {
    docx::Table out;
    out.columns.assign(kWidths.begin(), kWidths.end());
    const docx::Style header{.bold = true, .align = "center", .size = 20};
    for (const std::string_view h : kHeader) {
        out.header.push_back({.text = std::string(h), .style = header});
    }
    const docx::Style body{.size = 20};
    const docx::Style centered{.align = "center", .size = 20};
    const docx::Style right{.align = "right", .size = 20};
    for (const SimplificationRow& r : t.rows) {
        out.rows.push_back({{.text = r.number, .style = centered},
                            {.text = r.procedure, .style = body},
                            {.text = r.content, .style = body},
                            {.text = r.reason, .style = body},
                            {.text = CostCell(r.before_annual, r.before_per_event), .style = right},
                            {.text = CostCell(r.after_annual, r.after_per_event), .style = right},
                            {.text = Dong(r.saving_annual), .style = right},
                            {.text = r.percent, .style = centered}});
    }
    const docx::Style bold_right{.bold = true, .align = "right", .size = 20};
    const docx::Style bold_center{.bold = true, .align = "center", .size = 20};
    const SimplificationRow& s = t.total;
    out.rows.push_back({{.text = "Tổng cộng", .style = bold_center, .span = 4},
                        {.text = Dong(s.before_annual), .style = bold_right},
                        {.text = Dong(s.after_annual), .style = bold_right},
                        {.text = Dong(s.saving_annual), .style = bold_right},
                        {.text = s.percent, .style = bold_center}});
    return out;
}

// ---- XLSX ----------------------------------------------------------------------------------

lxw_format* MakeFormat(lxw_workbook* wb, bool bold, uint8_t align, bool border, double size = 12) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
}

}  // namespace

base::Result<std::string> RenderSimplificationDocx(const SimplificationTable& t) {
    if (base::Status s = Validate(t); !s) return s.error();
    docx::Document doc;
    if (!t.issuing_unit.empty()) {
        doc.Paragraph(t.issuing_unit, {.bold = true, .align = "center", .size = 26});
    }
    doc.Paragraph(t.title, {.bold = true, .align = "center", .size = 28});
    if (!t.subtitle.empty()) {
        doc.Paragraph(t.subtitle, {.italic = true, .align = "center", .size = 24});
    }
    if (!t.status.empty()) {
        doc.Paragraph(t.status, {.italic = true, .align = "center", .size = 22});
    }
    doc.AddTable(TableOf(t));
    doc.Paragraph(
        "Chi phí tuân thủ tính theo phương pháp chi phí chuẩn (SCM): chi phí một lần tuân "
        "thủ × số đối tượng × tần suất trong năm; tỷ lệ cắt giảm tính trên chi phí một lần "
        "tuân thủ (dòng tổng: trên chi phí cả năm).",
        {.italic = true, .size = 20});
    return doc.Finish({.landscape = true});
}

base::Result<std::string> RenderSimplificationXlsx(const SimplificationTable& t) {
    if (base::Status s = Validate(t); !s) return s.error();
    return detail::RenderWorkbook(
        "Phương án", "Một ô của phương án dài quá 32.767 ký tự (giới hạn của Excel)",
        [&](lxw_workbook* wb, lxw_worksheet* ws) -> lxw_error {
            lxw_format* f_title = MakeFormat(wb, true, LXW_ALIGN_CENTER, false, 14);
            lxw_format* f_sub = MakeFormat(wb, false, LXW_ALIGN_CENTER, false);
            format_set_italic(f_sub);
            lxw_format* f_header = MakeFormat(wb, true, LXW_ALIGN_CENTER, true);
            format_set_bg_color(f_header, 0xD9D9D9);
            lxw_format* f_text = MakeFormat(wb, false, LXW_ALIGN_LEFT, true);
            lxw_format* f_center = MakeFormat(wb, false, LXW_ALIGN_CENTER, true);
            lxw_format* f_money = MakeFormat(wb, false, LXW_ALIGN_RIGHT, true);
            format_set_num_format(f_money, "#,##0");
            lxw_format* f_bold = MakeFormat(wb, true, LXW_ALIGN_CENTER, true);
            lxw_format* f_bold_money = MakeFormat(wb, true, LXW_ALIGN_RIGHT, true);
            format_set_num_format(f_bold_money, "#,##0");
            lxw_error err = LXW_NO_ERROR;
            auto check = [&err](lxw_error e) {
                if (err == LXW_NO_ERROR && e != LXW_NO_ERROR) err = e;
            };
            constexpr std::array<double, 8> kColumnWidths = {6, 34, 44, 30, 18, 18, 18, 12};
            for (std::size_t c = 0; c < kColumnWidths.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                check(worksheet_set_column(ws, col, col, kColumnWidths[c], nullptr));
            }
            const std::string unit = detail::Clean(t.issuing_unit);
            const std::string title = detail::Clean(t.title);
            const std::string sub = detail::Clean(
                t.subtitle + (t.subtitle.empty() || t.status.empty() ? "" : " — ") + t.status);
            if (!unit.empty()) check(worksheet_merge_range(ws, 0, 0, 0, 7, unit.c_str(), f_title));
            check(worksheet_merge_range(ws, 1, 0, 1, 7, title.c_str(), f_title));
            if (!sub.empty()) check(worksheet_merge_range(ws, 2, 0, 2, 7, sub.c_str(), f_sub));
            constexpr lxw_row_t kHeaderRow = 3;
            for (std::size_t c = 0; c < kHeader.size(); ++c) {
                check(worksheet_write_string(ws, kHeaderRow, static_cast<lxw_col_t>(c),
                                             std::string(kHeader[c]).c_str(), f_header));
            }
            lxw_row_t row = kHeaderRow + 1;
            for (const SimplificationRow& r : t.rows) {
                check(
                    worksheet_write_string(ws, row, 0, detail::Clean(r.number).c_str(), f_center));
                check(
                    worksheet_write_string(ws, row, 1, detail::Clean(r.procedure).c_str(), f_text));
                check(worksheet_write_string(ws, row, 2, detail::Clean(r.content).c_str(), f_text));
                check(worksheet_write_string(ws, row, 3, detail::Clean(r.reason).c_str(), f_text));
                check(worksheet_write_number(ws, row, 4, static_cast<double>(r.before_annual),
                                             f_money));
                check(worksheet_write_number(ws, row, 5, static_cast<double>(r.after_annual),
                                             f_money));
                check(worksheet_write_number(ws, row, 6, static_cast<double>(r.saving_annual),
                                             f_money));
                check(worksheet_write_string(ws, row, 7, r.percent.c_str(), f_center));
                ++row;
            }
            check(worksheet_merge_range(ws, row, 0, row, 3, "Tổng cộng", f_bold));
            check(worksheet_write_number(ws, row, 4, static_cast<double>(t.total.before_annual),
                                         f_bold_money));
            check(worksheet_write_number(ws, row, 5, static_cast<double>(t.total.after_annual),
                                         f_bold_money));
            check(worksheet_write_number(ws, row, 6, static_cast<double>(t.total.saving_annual),
                                         f_bold_money));
            check(worksheet_write_string(ws, row, 7, t.total.percent.c_str(), f_bold));
            worksheet_set_landscape(ws);
            worksheet_set_paper(ws, 9);
            worksheet_fit_to_pages(ws, 1, 0);
            check(worksheet_repeat_rows(ws, kHeaderRow, kHeaderRow));
            worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
            return err;
        });
}

}  // namespace motcua::render
