// RenderPlanDocx / RenderPlanXlsx: a plan's task table through the one DOCX writer
// (render/docx_writer) and as a libxlsxwriter workbook.

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
#include "render/docx_writer.hpp"
#include "render/xlsx_workbook.hpp"

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

constexpr std::array<int, 6> kWidths = {700, 4370, 3200, 2200, 2200, 1900};

docx::Table TableOf(const std::vector<OutRow>& rows) {
    docx::Table t;
    t.columns.assign(kWidths.begin(), kWidths.end());
    const docx::Style header{.bold = true, .align = "center", .size = 22};
    for (const std::string_view h : kHeader) {
        t.header.push_back({.text = std::string(h), .style = header});
    }
    const docx::Style body{.size = 22};
    const docx::Style centered{.align = "center", .size = 22};
    const docx::Style bold{.bold = true, .size = 22};
    const docx::Style bold_centered{.bold = true, .align = "center", .size = 22};
    for (const OutRow& r : rows) {
        std::vector<docx::Cell> cells;
        if (r.section) {
            cells.push_back({.text = r.cells[0], .style = bold_centered});
            cells.push_back({.text = r.cells[1], .style = bold, .span = 5});
        } else {
            const std::string_view merge =
                r.continued ? "continue" : (r.span > 1 ? "restart" : std::string_view());
            cells.push_back({.text = r.continued ? "" : r.cells[0],
                             .style = centered,
                             .span = 1,
                             .merge = merge});
            cells.push_back(
                {.text = r.continued ? "" : r.cells[1], .style = body, .span = 1, .merge = merge});
            for (std::size_t c = 2; c < 6; ++c) {
                cells.push_back({.text = r.cells[c], .style = body});
            }
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

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
    docx::Document doc;
    if (!info.issuing_unit.empty()) {
        doc.Paragraph(info.issuing_unit, {.bold = true, .align = "center", .size = 26});
    }
    doc.Paragraph(Title(plan, info), {.bold = true, .align = "center", .size = 28});
    if (const std::string d = DecisionLine(plan); !d.empty()) {
        doc.Paragraph(d, {.italic = true, .align = "center", .size = 26});
    }
    doc.AddTable(TableOf(rows));
    return doc.Finish({.landscape = true});
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
