// RenderSettlementXlsx: form 06/VPCP/KSTT (II.06a) as a spreadsheet laid out like the printed
// form (libxlsxwriter writes files only, so the workbook goes through a temporary file).

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
    return {};
}

std::string SettlementColumnNumber(int index) {
    return "(" + std::to_string(index + 1) + ")";
}

}  // namespace detail

namespace {

constexpr lxw_col_t kLastColumn = kSettlementColumns - 1;
constexpr lxw_col_t kRightBlock = 7;  // columns H..M hold the top-right block
constexpr lxw_col_t kLeftBlockEnd = 5;
constexpr lxw_row_t kTitleRow = 4;
constexpr lxw_row_t kMeasureRow = 5;
constexpr lxw_row_t kHeaderRow = 6;  // three header rows, then the column numbers
constexpr lxw_row_t kNumbersRow = kHeaderRow + kSettlementHeaderRows;
constexpr lxw_row_t kFirstDataRow = kNumbersRow + 1;
constexpr uint8_t kPaperA4 = 9;  // Excel's paper code for A4

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

lxw_error WriteSheet(const SettlementSheet& s, lxw_workbook* wb, lxw_worksheet* ws) {
    const Formats f = MakeFormats(wb);
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
    check(worksheet_set_column(ws, 2, kLastColumn, 11, nullptr));

    // The top block: the reporting (and receiving) unit at the left; the form code, its legal
    // note and the period at the right.
    merge(0, 0, 0, kLeftBlockEnd, "Đơn vị báo cáo: " + detail::Clean(s.reporting_unit), f.bold);
    if (!s.receiving_unit.empty()) {
        merge(1, 0, 1, kLeftBlockEnd, "Đơn vị nhận báo cáo: " + detail::Clean(s.receiving_unit),
              f.plain);
    }
    merge(0, kRightBlock, 0, kLastColumn, detail::Clean(s.form_code), f.bold);
    if (!s.legal_note.empty()) {
        merge(1, kRightBlock, 1, kLastColumn, detail::Clean(s.legal_note), f.italic);
    }
    check(worksheet_set_row(ws, 2, 32, nullptr));
    merge(2, kRightBlock, 2, kLastColumn, detail::Clean(s.period_line), f.italic);
    check(worksheet_set_row(ws, kTitleRow, 24, nullptr));
    merge(kTitleRow, 0, kTitleRow, kLastColumn, std::string(kSettlementTitle), f.title);
    merge(kMeasureRow, kRightBlock, kMeasureRow, kLastColumn, std::string(kSettlementMeasure),
          f.measure);

    // The three header rows, merged like the printed form, and the column numbers.
    for (lxw_row_t r = kHeaderRow; r < kNumbersRow; ++r)
        check(worksheet_set_row(ws, r, 34, nullptr));
    for (const SettlementHeaderCell& h : kSettlementHeader) {
        const auto r1 = static_cast<lxw_row_t>(kHeaderRow + h.row);
        const auto c1 = static_cast<lxw_col_t>(h.col);
        const std::string text(h.text);
        if (h.rows == 1 && h.cols == 1) {
            check(worksheet_write_string(ws, r1, c1, text.c_str(), f.header));
        } else {
            merge(r1, c1, static_cast<lxw_row_t>(r1 + h.rows - 1),
                  static_cast<lxw_col_t>(c1 + h.cols - 1), text, f.header);
        }
    }
    for (int c = 0; c < kSettlementColumns; ++c) {
        check(worksheet_write_string(ws, kNumbersRow, static_cast<lxw_col_t>(c),
                                     detail::SettlementColumnNumber(c).c_str(), f.numbers));
    }

    lxw_row_t row = kFirstDataRow;
    for (const SettlementRow& r : s.rows) {
        const bool bold = r.kind != SettlementRow::Kind::kLine;
        check(worksheet_write_string(ws, row, 0, detail::Clean(r.stt).c_str(),
                                     bold ? f.centered_bold : f.centered));
        check(worksheet_write_string(ws, row, 1, detail::Clean(r.label).c_str(),
                                     bold ? f.text_bold : f.text));
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            const auto c = static_cast<lxw_col_t>(i + 2);
            if (r.kind == SettlementRow::Kind::kSection) {
                check(worksheet_write_blank(ws, row, c, f.count_bold));
            } else {
                check(worksheet_write_number(ws, row, c, static_cast<double>(r.cells[i]),
                                             bold ? f.count_bold : f.count));
            }
        }
        ++row;
    }

    // Place and date, then the two signature captions and names.
    row += 1;
    if (!s.place_date.empty()) {
        merge(row, kRightBlock, row, kLastColumn, detail::Clean(s.place_date), f.italic);
    }
    ++row;
    merge(row, 0, row, kLeftBlockEnd, std::string(kSettlementMaker), f.caption);
    merge(row, kRightBlock, row, kLastColumn, std::string(kSettlementHead), f.caption);
    row += 4;
    if (!s.maker_name.empty())
        merge(row, 0, row, kLeftBlockEnd, detail::Clean(s.maker_name), f.caption);
    if (!s.head_name.empty()) {
        merge(row, kRightBlock, row, kLastColumn, detail::Clean(s.head_name), f.caption);
    }

    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, kPaperA4);
    worksheet_set_margins(ws, 0.6, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    check(worksheet_repeat_rows(ws, kHeaderRow, kNumbersRow));
    worksheet_freeze_panes(ws, kFirstDataRow, 0);
    return e;
}

}  // namespace

base::Result<std::string> RenderSettlementXlsx(const SettlementSheet& sheet) {
    if (base::Status s = detail::ValidateSettlementSheet(sheet); !s) return s.error();
    return detail::RenderWorkbook(
        "Biểu 06", "Nội dung một ô của biểu vượt quá 32.767 ký tự",
        [&](lxw_workbook* wb, lxw_worksheet* ws) { return WriteSheet(sheet, wb, ws); });
}

}  // namespace motcua::render
