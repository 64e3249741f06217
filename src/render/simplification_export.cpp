// RenderSimplificationDocx / RenderSimplificationXlsx: the simplification table as minimal
// WordprocessingML (zipped in memory) and as a libxlsxwriter workbook, laid out like the plan
// exports (plan_export.cpp).

#include "render/simplification_export.hpp"

#include <array>
#include <string_view>

#include <xlsxwriter.h>

#include "render/document.hpp"
#include "render/xlsx_workbook.hpp"
#include "render/zip_writer.hpp"
#include "text/markup.hpp"

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

struct Style {
    bool bold = false;
    bool italic = false;
    std::string_view align = "left";
    int size = 22;  // half-points
};

std::string P(std::string_view text, const Style& s = {}) {
    std::string rpr =
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
        "w:cs=\"Times New Roman\"/>";
    if (s.bold) rpr += "<w:b/>";
    if (s.italic) rpr += "<w:i/>";
    rpr += "<w:sz w:val=\"" + std::to_string(s.size) + "\"/></w:rPr>";
    std::string out = R"(<w:p><w:pPr><w:spacing w:before="40" w:after="40"/><w:jc w:val=")" +
                      std::string(s.align) + R"("/></w:pPr><w:r>)" + rpr;
    const std::string clean = detail::Clean(text);
    std::string line;
    auto flush = [&] {
        out += "<w:t xml:space=\"preserve\">" + text::EscapeMarkup(line) + "</w:t>";
        line.clear();
    };
    for (char c : clean) {
        if (c == '\n') {
            flush();
            out += "<w:br/>";
        } else {
            line.push_back(c);
        }
    }
    flush();
    return out + "</w:r></w:p>";
}

constexpr std::array<int, 8> kWidths = {600, 2600, 3400, 2300, 1500, 1500, 1500, 1170};

std::string Cell(std::string_view text, std::size_t column, const Style& style, int span = 1) {
    int width = 0;
    for (std::size_t k = column; k < column + static_cast<std::size_t>(span); ++k) {
        width += kWidths[k];
    }
    std::string out =
        R"(<w:tc><w:tcPr><w:tcW w:w=")" + std::to_string(width) + R"(" w:type="dxa"/>)";
    if (span > 1) out += R"(<w:gridSpan w:val=")" + std::to_string(span) + R"("/>)";
    return out + "</w:tcPr>" + P(text, style) + "</w:tc>";
}

// "3.305.472.000\n(1.024.000/lần)"
std::string CostCell(std::int64_t annual, std::int64_t per_event) {
    return Dong(annual) + "\n(" + Dong(per_event) + "/lần)";
}

std::string Table(const SimplificationTable& t) {
    int total_width = 0;
    for (int w : kWidths) total_width += w;
    std::string out =
        "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total_width) +
        "\" w:type=\"dxa\"/><w:tblBorders>"
        "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (const int w : kWidths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    const Style header{.bold = true, .align = "center", .size = 20};
    for (std::size_t c = 0; c < kHeader.size(); ++c) out += Cell(kHeader[c], c, header);
    out += "</w:tr>";
    const Style body{.size = 20};
    const Style centered{.align = "center", .size = 20};
    const Style right{.align = "right", .size = 20};
    for (const SimplificationRow& r : t.rows) {
        out += "<w:tr>" + Cell(r.number, 0, centered) + Cell(r.procedure, 1, body) +
               Cell(r.content, 2, body) + Cell(r.reason, 3, body) +
               Cell(CostCell(r.before_annual, r.before_per_event), 4, right) +
               Cell(CostCell(r.after_annual, r.after_per_event), 5, right) +
               Cell(Dong(r.saving_annual), 6, right) + Cell(r.percent, 7, centered) + "</w:tr>";
    }
    const Style bold_right{.bold = true, .align = "right", .size = 20};
    const Style bold_center{.bold = true, .align = "center", .size = 20};
    const SimplificationRow& s = t.total;
    out += "<w:tr>" + Cell("Tổng cộng", 0, bold_center, 4) +
           Cell(Dong(s.before_annual), 4, bold_right) + Cell(Dong(s.after_annual), 5, bold_right) +
           Cell(Dong(s.saving_annual), 6, bold_right) + Cell(s.percent, 7, bold_center) + "</w:tr>";
    return out + "</w:tbl>";
}

constexpr std::string_view kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(</Types>)";

constexpr std::string_view kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";

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
    std::string body;
    if (!t.issuing_unit.empty()) {
        body += P(t.issuing_unit, {.bold = true, .align = "center", .size = 26});
    }
    body += P(t.title, {.bold = true, .align = "center", .size = 28});
    if (!t.subtitle.empty()) body += P(t.subtitle, {.italic = true, .align = "center", .size = 24});
    if (!t.status.empty()) body += P(t.status, {.italic = true, .align = "center", .size = 22});
    body += Table(t);
    body +=
        P("Chi phí tuân thủ tính theo phương pháp chi phí chuẩn (SCM): chi phí một lần tuân "
          "thủ × số đối tượng × tần suất trong năm; tỷ lệ cắt giảm tính trên chi phí một lần "
          "tuân thủ (dòng tổng: trên chi phí cả năm).",
          {.italic = true, .size = 20});
    const std::string document =
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
        body +
        R"(<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>)"
        R"(<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/>)"
        R"(</w:sectPr></w:body></w:document>)";
    return ZipInMemory({{"[Content_Types].xml", std::string(kContentTypes)},
                        {"_rels/.rels", std::string(kRels)},
                        {"word/document.xml", document}});
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
