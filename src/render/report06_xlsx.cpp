// RenderSettlementXlsx: form 06/VPCP/KSTT (II.06a) as a spreadsheet laid out like the printed
// form (libxlsxwriter writes files only, so the workbook goes through a temporary file).

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <unistd.h>
#include <xlsxwriter.h>

#include "render/document.hpp"
#include "render/reports.hpp"
#include "render/xlsx_workbook.hpp"

namespace motcua::render {
namespace detail {

base::Status ValidateSettlementSheet(const SettlementSheet& sheet) {
    using Field = std::pair<std::string_view, const std::string*>;
    const std::array<Field, 8> texts = {{{"form_code", &sheet.form_code},
                                         {"legal_note", &sheet.legal_note},
                                         {"reporting_unit", &sheet.reporting_unit},
                                         {"receiving_unit", &sheet.receiving_unit},
                                         {"period_line", &sheet.period_line},
                                         {"place_date", &sheet.place_date},
                                         {"maker_name", &sheet.maker_name},
                                         {"head_name", &sheet.head_name}}};
    for (const auto& [field, value] : texts) {
        if (!IsUtf8(*value)) {
            return base::InvalidArgument("Trường " + std::string(field) +
                                         " không phải UTF-8 hợp lệ");
        }
    }
    for (const SettlementRow& row : sheet.rows) {
        if (!IsUtf8(row.stt) || !IsUtf8(row.label)) {
            return base::InvalidArgument("Một dòng của biểu không phải UTF-8 hợp lệ");
        }
    }
    for (const AnnexTable& t : sheet.annexes) {
        if (t.columns < 3 || t.columns > 20 || t.header_rows < 1 || t.header_rows > 3 ||
            static_cast<int>(t.widths.size()) != t.columns || t.sheet_name.empty() ||
            t.sheet_name.size() > 31 ||
            t.sheet_name.find_first_of("[]:*?/\\") != std::string::npos) {
            return base::InvalidArgument("Biểu phụ \"" + t.sheet_name + "\" không hợp lệ");
        }
        if (t.legal_note && !IsUtf8(*t.legal_note)) {
            return base::InvalidArgument("Biểu phụ không phải UTF-8 hợp lệ");
        }
        for (const std::string* text : {&t.sheet_name, &t.form_code, &t.title, &t.measure}) {
            if (!IsUtf8(*text)) {
                return base::InvalidArgument("Biểu phụ không phải UTF-8 hợp lệ");
            }
        }
        for (const AnnexHeaderCell& h : t.header) {
            if (!IsUtf8(h.text) || h.row < 0 || h.rows < 1 || h.row + h.rows > t.header_rows ||
                h.col < 0 || h.cols < 1 || h.col + h.cols > t.columns) {
                return base::InvalidArgument("Tiêu đề cột của biểu phụ \"" + t.sheet_name +
                                             "\" không hợp lệ");
            }
        }
        for (const AnnexRow& row : t.rows) {
            if (!IsUtf8(row.stt) || !IsUtf8(row.label) ||
                (row.kind != SettlementRow::Kind::kSection &&
                 static_cast<int>(row.cells.size()) != t.columns - 2)) {
                return base::InvalidArgument("Một dòng của biểu phụ \"" + t.sheet_name +
                                             "\" không hợp lệ");
            }
        }
    }
    return {};
}

AnnexTable MainTable(const SettlementSheet& sheet) {
    AnnexTable t;
    t.sheet_name = "Biểu 06";
    t.form_code = sheet.form_code;
    t.title = std::string(kSettlementTitle);
    t.measure = std::string(kSettlementMeasure);
    t.columns = kSettlementColumns;
    t.header_rows = kSettlementHeaderRows;
    for (const SettlementHeaderCell& h : kSettlementHeader) {
        t.header.push_back({h.row, h.col, h.rows, h.cols, std::string(h.text)});
    }
    t.widths = {3.2, 22, 6, 6.4, 7.4, 6.2, 6, 6, 6, 6, 6, 6, 6};
    for (const SettlementRow& r : sheet.rows) {
        t.rows.push_back({r.kind, r.stt, r.label, {r.cells.begin(), r.cells.end()}});
    }
    return t;
}

std::string SettlementColumnNumber(int index) {
    return "(" + std::to_string(index + 1) + ")";
}

}  // namespace detail

namespace {

constexpr lxw_row_t kTitleRow = 4;
constexpr lxw_row_t kMeasureRow = 5;
constexpr lxw_row_t kHeaderRow = 6;  // the header rows, then the column numbers
constexpr uint8_t kPaperA4 = 9;      // Excel's paper code for A4

struct Formats {
    lxw_format* plain;
    lxw_format* bold;
    lxw_format* italic;
    lxw_format* title;
    lxw_format* measure;
    lxw_format* header;
    lxw_format* numbers;
    lxw_format* text;
    lxw_format* centered;
    lxw_format* count;
    lxw_format* text_bold;
    lxw_format* centered_bold;
    lxw_format* count_bold;
    lxw_format* caption;
};

lxw_format* Add(lxw_workbook* wb, bool bold, bool italic, uint8_t align, bool border) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
}

Formats MakeFormats(lxw_workbook* wb) {
    Formats f{};
    f.plain = Add(wb, false, false, LXW_ALIGN_LEFT, false);
    f.bold = Add(wb, true, false, LXW_ALIGN_CENTER, false);
    f.italic = Add(wb, false, true, LXW_ALIGN_CENTER, false);
    f.title = Add(wb, true, false, LXW_ALIGN_CENTER, false);
    format_set_font_size(f.title, 14);
    f.measure = Add(wb, false, true, LXW_ALIGN_RIGHT, false);
    f.header = Add(wb, true, false, LXW_ALIGN_CENTER, true);
    f.numbers = Add(wb, false, true, LXW_ALIGN_CENTER, true);
    f.text = Add(wb, false, false, LXW_ALIGN_LEFT, true);
    f.centered = Add(wb, false, false, LXW_ALIGN_CENTER, true);
    f.count = Add(wb, false, false, LXW_ALIGN_RIGHT, true);
    f.text_bold = Add(wb, true, false, LXW_ALIGN_LEFT, true);
    f.centered_bold = Add(wb, true, false, LXW_ALIGN_CENTER, true);
    f.count_bold = Add(wb, true, false, LXW_ALIGN_RIGHT, true);
    f.caption = Add(wb, true, false, LXW_ALIGN_CENTER, false);
    return f;
}

// One table (form 06 or an annex) on its worksheet, under the sheet's header block.
lxw_error WriteTable(const SettlementSheet& s, const AnnexTable& t, const Formats& f,
                     lxw_worksheet* ws) {
    const auto last_col = static_cast<lxw_col_t>(t.columns - 1);
    // The top blocks: A..F and H..M for form 06; narrower tables split their width.
    const auto left_end = static_cast<lxw_col_t>(std::min(5, t.columns / 2 - 1));
    const auto right_block =
        static_cast<lxw_col_t>(std::max(t.columns - 6, static_cast<int>(left_end) + 1));
    const auto numbers_row = static_cast<lxw_row_t>(kHeaderRow + t.header_rows);
    const auto first_data_row = static_cast<lxw_row_t>(numbers_row + 1);
    lxw_error e = LXW_NO_ERROR;
    auto check = [&e](lxw_error result) {
        if (e == LXW_NO_ERROR) e = result;
    };
    auto merge = [&](lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2,
                     const std::string& text, lxw_format* format) {
        check(worksheet_merge_range(ws, r1, c1, r2, c2, text.c_str(), format));
    };
    check(worksheet_set_column(ws, 0, 0, 6, nullptr));
    check(worksheet_set_column(ws, 1, 1, 38, nullptr));
    check(worksheet_set_column(ws, 2, last_col, 11, nullptr));

    // The top block: the reporting (and receiving) unit at the left; the form code, its legal
    // note and the period at the right.
    merge(0, 0, 0, left_end, "Đơn vị báo cáo: " + detail::Clean(s.reporting_unit), f.bold);
    if (!s.receiving_unit.empty()) {
        merge(1, 0, 1, left_end, "Đơn vị nhận báo cáo: " + detail::Clean(s.receiving_unit),
              f.plain);
    }
    merge(0, right_block, 0, last_col, detail::Clean(t.form_code), f.bold);
    const std::string& legal_note = t.legal_note ? *t.legal_note : s.legal_note;
    if (!legal_note.empty()) {
        merge(1, right_block, 1, last_col, detail::Clean(legal_note), f.italic);
    }
    check(worksheet_set_row(ws, 2, 32, nullptr));
    merge(2, right_block, 2, last_col, detail::Clean(s.period_line), f.italic);
    check(worksheet_set_row(ws, kTitleRow, 24, nullptr));
    merge(kTitleRow, 0, kTitleRow, last_col, detail::Clean(t.title), f.title);
    merge(kMeasureRow, right_block, kMeasureRow, last_col, detail::Clean(t.measure), f.measure);

    // The three header rows, merged like the printed form, and the column numbers.
    for (lxw_row_t r = kHeaderRow; r < numbers_row; ++r)
        check(worksheet_set_row(ws, r, 34, nullptr));
    for (const AnnexHeaderCell& h : t.header) {
        const auto r1 = static_cast<lxw_row_t>(kHeaderRow + h.row);
        const auto c1 = static_cast<lxw_col_t>(h.col);
        const std::string text = detail::Clean(h.text);
        if (h.rows == 1 && h.cols == 1) {
            check(worksheet_write_string(ws, r1, c1, text.c_str(), f.header));
        } else {
            merge(r1, c1, static_cast<lxw_row_t>(r1 + h.rows - 1),
                  static_cast<lxw_col_t>(c1 + h.cols - 1), text, f.header);
        }
    }
    for (int c = 0; c < t.columns; ++c) {
        check(worksheet_write_string(ws, numbers_row, static_cast<lxw_col_t>(c),
                                     detail::SettlementColumnNumber(c).c_str(), f.numbers));
    }

    lxw_row_t row = first_data_row;
    for (const AnnexRow& r : t.rows) {
        const bool bold = r.kind != SettlementRow::Kind::kLine;
        check(worksheet_write_string(ws, row, 0, detail::Clean(r.stt).c_str(),
                                     bold ? f.centered_bold : f.centered));
        check(worksheet_write_string(ws, row, 1, detail::Clean(r.label).c_str(),
                                     bold ? f.text_bold : f.text));
        for (int i = 0; i < t.columns - 2; ++i) {
            const auto c = static_cast<lxw_col_t>(i + 2);
            if (r.kind == SettlementRow::Kind::kSection ||
                static_cast<std::size_t>(i) >= r.cells.size()) {
                check(worksheet_write_blank(ws, row, c, f.count_bold));
            } else {
                check(worksheet_write_number(
                    ws, row, c, static_cast<double>(r.cells[static_cast<std::size_t>(i)]),
                    bold ? f.count_bold : f.count));
            }
        }
        ++row;
    }

    // Place and date, then the two signature captions and names.
    row += 1;
    if (!s.place_date.empty()) {
        merge(row, right_block, row, last_col, detail::Clean(s.place_date), f.italic);
    }
    ++row;
    merge(row, 0, row, left_end, std::string(kSettlementMaker), f.caption);
    merge(row, right_block, row, last_col, std::string(kSettlementHead), f.caption);
    row += 4;
    if (!s.maker_name.empty()) merge(row, 0, row, left_end, detail::Clean(s.maker_name), f.caption);
    if (!s.head_name.empty()) {
        merge(row, right_block, row, last_col, detail::Clean(s.head_name), f.caption);
    }

    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, kPaperA4);
    worksheet_set_margins(ws, 0.6, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    check(worksheet_repeat_rows(ws, kHeaderRow, numbers_row));
    worksheet_freeze_panes(ws, first_data_row, 0);
    return e;
}

}  // namespace

base::Result<std::string> RenderSettlementXlsx(const SettlementSheet& sheet) {
    if (base::Status s = detail::ValidateSettlementSheet(sheet); !s) return s.error();
    return detail::RenderWorkbook(
        "Biểu 06", "Nội dung một ô của biểu vượt quá 32.767 ký tự",
        [&](lxw_workbook* wb, lxw_worksheet* ws) {
            const Formats f = MakeFormats(wb);
            lxw_error e = WriteTable(sheet, detail::MainTable(sheet), f, ws);
            for (const AnnexTable& t : sheet.annexes) {
                if (e != LXW_NO_ERROR) break;
                lxw_worksheet* annex = workbook_add_worksheet(wb, t.sheet_name.c_str());
                if (annex == nullptr) return LXW_ERROR_SHEETNAME_ALREADY_USED;
                e = WriteTable(sheet, t, f, annex);
            }
            return e;
        });
}

}  // namespace motcua::render
