// RenderPlanDocx / RenderPlanXlsx: a plan's task table as minimal WordprocessingML (zipped in
// memory with libzip, fixed timestamps) and as a libxlsxwriter workbook.

#include "render/plan_export.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xlsxwriter.h>

#include "render/document.hpp"
#include "render/docx_reader.hpp"
#include "render/xlsx_workbook.hpp"
#include "render/zip_writer.hpp"
#include "text/markup.hpp"

namespace motcua::render {
namespace {

namespace pi = domain::plan_import;

// ---- the rows both formats print -----------------------------------------------------------

struct OutRow {
    bool section = false;    // number + title across the other columns
    std::size_t span = 1;    // rows the task's number and content cover (first row of a task)
    bool continued = false;  // a further deliverable of the task above
    std::array<std::string, 6> cells{};  // TT, content, product, lead, cooperating, deadline
};

constexpr std::array<std::string_view, 6> kHeader = {
    "TT", "Nội dung", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"};

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) {
        if (!out.empty()) out += "; ";
        out += p;
    }
    return out;
}

std::vector<OutRow> Rows(const pi::Plan& plan) {
    std::vector<OutRow> rows;
    for (const pi::Section& s : plan.sections) {
        if (!s.number.empty() || !s.title.empty()) {
            OutRow r;
            r.section = true;
            r.cells[0] = s.number;
            r.cells[1] = s.title;
            rows.push_back(std::move(r));
        }
        std::string group;
        for (const pi::Task& t : s.tasks) {
            if (!t.group.empty() && t.group != group) {
                // "2. Công bố …" → a task row "2" without deliverables.
                OutRow r;
                const std::size_t dot = t.group.find(". ");
                r.cells[0] = dot == std::string::npos ? std::string() : t.group.substr(0, dot);
                r.cells[1] = dot == std::string::npos ? t.group : t.group.substr(dot + 2);
                rows.push_back(std::move(r));
            }
            group = t.group;
            const std::size_t n = std::max<std::size_t>(1, t.deliverables.size());
            for (std::size_t i = 0; i < n; ++i) {
                OutRow r;
                if (i == 0) {
                    r.span = n;
                    r.cells[0] = t.number;
                    r.cells[1] = t.content;
                } else {
                    r.continued = true;
                }
                if (i < t.deliverables.size()) {
                    const pi::Deliverable& d = t.deliverables[i];
                    r.cells[2] = d.product;
                    r.cells[3] = d.lead_raw.empty() ? Join(d.lead_units) : d.lead_raw;
                    r.cells[4] =
                        d.cooperating_raw.empty() ? Join(d.cooperating_units) : d.cooperating_raw;
                    r.cells[5] = d.deadline ? d.deadline->phrase : std::string();
                }
                rows.push_back(std::move(r));
            }
        }
    }
    return rows;
}

std::string Title(const pi::Plan& plan, const PlanExportInfo& info) {
    if (!info.title.empty()) return info.title;
    std::string t = "KẾ HOẠCH kiểm soát thủ tục hành chính";
    if (plan.year > 0) t += " năm " + std::to_string(plan.year);
    return t;
}

// "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 18/01/2024)", or "".
std::string DecisionLine(const pi::Plan& plan) {
    if (plan.decision_number.empty()) return {};
    std::string line = "(Ban hành kèm theo Quyết định số " + plan.decision_number;
    const std::string& d = plan.decision_date;  // YYYY-MM-DD
    if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
        line += " ngày " + d.substr(8, 2) + "/" + d.substr(5, 2) + "/" + d.substr(0, 4);
    }
    return line + ")";
}

base::Status Validate(const pi::Plan& plan, const PlanExportInfo& info,
                      const std::vector<OutRow>& rows) {
    if (!detail::IsUtf8(info.title) || !detail::IsUtf8(info.issuing_unit) ||
        !detail::IsUtf8(plan.decision_number)) {
        return base::InvalidArgument(
            "Tiêu đề, đơn vị ban hành hoặc số quyết định không phải UTF-8 "
            "hợp lệ");
    }
    for (const OutRow& r : rows) {
        for (const std::string& c : r.cells) {
            if (!detail::IsUtf8(c)) {
                return base::InvalidArgument("Một ô của kế hoạch không phải UTF-8 hợp lệ: " +
                                             std::string(detail::Clean(r.cells[0])));
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
    int size = 24;  // half-points
};

// One paragraph; "\n" (and U+2028) inside become line breaks.
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
    for (std::size_t k = 0; k < clean.size(); ++k) {
        if (clean[k] == '\n') {
            flush();
            out += "<w:br/>";
        } else if (clean.compare(k, 3, "\u2028") == 0) {
            flush();
            out += "<w:br/>";
            k += 2;
        } else if (clean[k] == '\t') {
            flush();
            out += "<w:tab/>";
        } else {
            line.push_back(clean[k]);
        }
    }
    flush();
    return out + "</w:r></w:p>";
}

constexpr int kTextWidth = 14570;  // dxa: A4 landscape (16838) minus 2 × 2 cm margins
constexpr std::array<int, 6> kWidths = {700, 4370, 3200, 2200, 2200, 1900};

std::string Cell(std::string_view text, std::size_t column, const Style& style,
                 std::string_view merge = {}, int span = 1) {
    int width = 0;
    for (std::size_t k = column; k < column + static_cast<std::size_t>(span); ++k) {
        width += kWidths[k];
    }
    std::string out =
        R"(<w:tc><w:tcPr><w:tcW w:w=")" + std::to_string(width) + R"(" w:type="dxa"/>)";
    if (span > 1) out += R"(<w:gridSpan w:val=")" + std::to_string(span) + R"("/>)";
    if (merge == "restart") out += R"(<w:vMerge w:val="restart"/>)";
    if (merge == "continue") out += "<w:vMerge/>";
    return out + "</w:tcPr>" + P(text, style) + "</w:tc>";
}

std::string Table(const std::vector<OutRow>& rows) {
    std::string out =
        "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) +
        "\" w:type=\"dxa\"/><w:tblBorders>"
        "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
        "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
        "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (const int w : kWidths) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    out += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    const Style header{.bold = true, .align = "center", .size = 22};
    for (std::size_t c = 0; c < kHeader.size(); ++c) out += Cell(kHeader[c], c, header);
    out += "</w:tr>";
    const Style body{.size = 22};
    const Style centered{.align = "center", .size = 22};
    const Style bold{.bold = true, .size = 22};
    const Style bold_centered{.bold = true, .align = "center", .size = 22};
    for (const OutRow& r : rows) {
        out += "<w:tr>";
        if (r.section) {
            out += Cell(r.cells[0], 0, bold_centered);
            out += Cell(r.cells[1], 1, bold, {}, 5);
        } else {
            const std::string_view merge =
                r.continued ? "continue" : (r.span > 1 ? "restart" : std::string_view());
            out += Cell(r.continued ? "" : r.cells[0], 0, centered, merge);
            out += Cell(r.continued ? "" : r.cells[1], 1, body, merge);
            for (std::size_t c = 2; c < 6; ++c) out += Cell(r.cells[c], c, body);
        }
        out += "</w:tr>";
    }
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

constexpr std::uint8_t kPaperA4 = 9;
constexpr lxw_row_t kHeaderRow = 3;

lxw_format* MakeFormat(lxw_workbook* wb, bool bold, bool italic, uint8_t align, bool border,
                       double size = 12) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
}

// The text as a spreadsheet cell: line breaks (U+2028 too) as "\n".
std::string XlsxText(std::string_view s) {
    std::string out = detail::Clean(s);
    for (std::size_t k = out.find("\u2028"); k != std::string::npos; k = out.find("\u2028", k)) {
        out.replace(k, 3, "\n");
    }
    return out;
}

}  // namespace

base::Result<std::string> RenderPlanDocx(const pi::Plan& plan, const PlanExportInfo& info) {
    const std::vector<OutRow> rows = Rows(plan);
    if (base::Status s = Validate(plan, info, rows); !s) return s.error();
    std::string body;
    if (!info.issuing_unit.empty()) {
        body += P(info.issuing_unit, {.bold = true, .align = "center", .size = 26});
    }
    body += P(Title(plan, info), {.bold = true, .align = "center", .size = 28});
    if (const std::string d = DecisionLine(plan); !d.empty()) {
        body += P(d, {.italic = true, .align = "center", .size = 26});
    }
    body += Table(rows);
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

base::Result<std::string> RenderPlanXlsx(const pi::Plan& plan, const PlanExportInfo& info) {
    const std::vector<OutRow> rows = Rows(plan);
    if (base::Status s = Validate(plan, info, rows); !s) return s.error();
    const std::string title = XlsxText(Title(plan, info));
    const std::string decision = XlsxText(DecisionLine(plan));
    const std::string unit = XlsxText(info.issuing_unit);
    return detail::RenderWorkbook(
        "Kế hoạch", "Một ô của kế hoạch dài quá 32.767 ký tự (giới hạn của Excel)",
        [&](lxw_workbook* wb, lxw_worksheet* ws) -> lxw_error {
            lxw_format* f_title = MakeFormat(wb, true, false, LXW_ALIGN_CENTER, false, 14);
            lxw_format* f_italic = MakeFormat(wb, false, true, LXW_ALIGN_CENTER, false);
            lxw_format* f_header = MakeFormat(wb, true, false, LXW_ALIGN_CENTER, true);
            format_set_bg_color(f_header, 0xD9D9D9);
            format_set_align(f_header, LXW_ALIGN_VERTICAL_CENTER);
            lxw_format* f_text = MakeFormat(wb, false, false, LXW_ALIGN_LEFT, true);
            lxw_format* f_center = MakeFormat(wb, false, false, LXW_ALIGN_CENTER, true);
            lxw_format* f_bold = MakeFormat(wb, true, false, LXW_ALIGN_LEFT, true);
            lxw_format* f_bold_center = MakeFormat(wb, true, false, LXW_ALIGN_CENTER, true);
            lxw_error err = LXW_NO_ERROR;
            auto check = [&err](lxw_error e) {
                if (err == LXW_NO_ERROR && e != LXW_NO_ERROR) err = e;
            };
            constexpr std::array<double, 6> kColumnWidths = {6, 50, 36, 26, 26, 24};
            for (std::size_t c = 0; c < kColumnWidths.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                check(worksheet_set_column(ws, col, col, kColumnWidths[c], nullptr));
            }
            if (!unit.empty()) check(worksheet_merge_range(ws, 0, 0, 0, 5, unit.c_str(), f_title));
            check(worksheet_merge_range(ws, 1, 0, 1, 5, title.c_str(), f_title));
            check(worksheet_set_row(ws, 1, 24, nullptr));
            if (!decision.empty()) {
                check(worksheet_merge_range(ws, 2, 0, 2, 5, decision.c_str(), f_italic));
            }
            for (std::size_t c = 0; c < kHeader.size(); ++c) {
                check(worksheet_write_string(ws, kHeaderRow, static_cast<lxw_col_t>(c),
                                             std::string(kHeader[c]).c_str(), f_header));
            }
            lxw_row_t row = kHeaderRow + 1;
            for (std::size_t i = 0; i < rows.size(); ++i, ++row) {
                const OutRow& r = rows[i];
                if (r.section) {
                    check(worksheet_write_string(ws, row, 0, XlsxText(r.cells[0]).c_str(),
                                                 f_bold_center));
                    check(worksheet_merge_range(ws, row, 1, row, 5, XlsxText(r.cells[1]).c_str(),
                                                f_bold));
                    continue;
                }
                if (!r.continued) {
                    const auto last = static_cast<lxw_row_t>(row + r.span - 1);
                    if (r.span > 1) {
                        check(worksheet_merge_range(ws, row, 0, last, 0,
                                                    XlsxText(r.cells[0]).c_str(), f_center));
                        check(worksheet_merge_range(ws, row, 1, last, 1,
                                                    XlsxText(r.cells[1]).c_str(), f_text));
                    } else {
                        check(worksheet_write_string(ws, row, 0, XlsxText(r.cells[0]).c_str(),
                                                     f_center));
                        check(worksheet_write_string(ws, row, 1, XlsxText(r.cells[1]).c_str(),
                                                     f_text));
                    }
                }
                for (lxw_col_t c = 2; c < 6; ++c) {
                    check(worksheet_write_string(ws, row, c, XlsxText(r.cells[c]).c_str(), f_text));
                }
            }
            worksheet_set_landscape(ws);
            worksheet_set_paper(ws, kPaperA4);
            worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
            worksheet_fit_to_pages(ws, 1, 0);
            check(worksheet_repeat_rows(ws, kHeaderRow, kHeaderRow));
            worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
            return err;
        });
}

base::Result<std::string> PlanTextOf(std::string bytes, bool docx, bool* was_docx) {
    const bool read_docx = docx || LooksLikeZip(bytes);
    if (was_docx != nullptr) {
        *was_docx = read_docx;
    }
    if (read_docx) {
        return ReadDocxText(bytes);
    }
    return bytes;
}

}  // namespace motcua::render
