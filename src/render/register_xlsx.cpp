// RenderRegisterXlsx: the tracking register as a spreadsheet (libxlsxwriter writes files only,
// so the workbook goes through a temporary file).

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

#include <unistd.h>
#include <xlsxwriter.h>

#include "render/document.hpp"
#include "render/forms.hpp"
#include "render/xlsx_workbook.hpp"

namespace motcua::render {
namespace {

constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kSubtitleRow = 1;
constexpr lxw_row_t kHeaderRow = 3;
constexpr lxw_row_t kNumbersRow = 4;
constexpr lxw_row_t kFirstDataRow = 5;
constexpr lxw_col_t kLastColumn = detail::kRegisterColumns.size() - 1;
constexpr double kCharsPerWidth = 1.6;  // kRegisterColumns widths → Excel column widths
constexpr uint8_t kPaperA4 = 9;         // Excel's paper code for A4

// Formats of the sheet (owned by the workbook).
struct Formats {
    lxw_format* title;
    lxw_format* subtitle;
    lxw_format* header;
    lxw_format* numbers;
    lxw_format* text;
    lxw_format* centered;
};

Formats MakeFormats(lxw_workbook* wb) {
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    f.subtitle = workbook_add_format(wb);
    format_set_italic(f.subtitle);
    format_set_align(f.subtitle, LXW_ALIGN_CENTER);
    f.header = workbook_add_format(wb);
    format_set_bold(f.header);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f.header, LXW_BORDER_THIN);
    f.numbers = workbook_add_format(wb);
    format_set_italic(f.numbers);
    format_set_align(f.numbers, LXW_ALIGN_CENTER);
    format_set_border(f.numbers, LXW_BORDER_THIN);
    f.text = workbook_add_format(wb);
    format_set_text_wrap(f.text);
    format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.text, LXW_BORDER_THIN);
    f.centered = workbook_add_format(wb);
    format_set_text_wrap(f.centered);
    format_set_align(f.centered, LXW_ALIGN_CENTER);
    format_set_align(f.centered, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.centered, LXW_BORDER_THIN);
    for (lxw_format* format : {f.title, f.subtitle, f.header, f.numbers, f.text, f.centered}) {
        format_set_font_name(format, "Times New Roman");
    }
    return f;
}

// Writes the sheet; the first libxlsxwriter error stops it.
lxw_error WriteSheet(const FormData& form, lxw_workbook* wb, lxw_worksheet* ws) {
    const Formats f = MakeFormats(wb);
    lxw_error e = LXW_NO_ERROR;
    auto check = [&e](lxw_error result) {
        if (e == LXW_NO_ERROR) e = result;
    };
    for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
        check(worksheet_set_column(ws, c, c, detail::kRegisterColumns[c].width * kCharsPerWidth,
                                   nullptr));
    }
    const std::string title =
        form.title.empty() ? detail::DefaultTitle(FormKind::kRegister) : detail::Clean(form.title);
    check(worksheet_set_row(ws, kTitleRow, 24, nullptr));
    check(worksheet_merge_range(ws, kTitleRow, 0, kTitleRow, kLastColumn, title.c_str(), f.title));
    std::string subtitle = detail::Clean(form.issuing_unit);
    if (!form.register_period.empty()) {
        subtitle += (subtitle.empty() ? "" : " – ") + detail::Clean(form.register_period);
    }
    check(worksheet_merge_range(ws, kSubtitleRow, 0, kSubtitleRow, kLastColumn, subtitle.c_str(),
                                f.subtitle));
    check(worksheet_set_row(ws, kHeaderRow, 48, nullptr));
    for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
        const std::string heading(detail::kRegisterColumns[c].title);
        check(worksheet_write_string(ws, kHeaderRow, c, heading.c_str(), f.header));
        const std::string number = "(" + std::to_string(c + 1) + ")";
        check(worksheet_write_string(ws, kNumbersRow, c, number.c_str(), f.numbers));
    }
    lxw_row_t row = kFirstDataRow;
    int stt = 0;
    for (const RegisterRow& r : form.register_rows) {
        const std::vector<std::string> cells = detail::RegisterCells(r, ++stt);
        for (lxw_col_t c = 0; c <= kLastColumn; ++c) {
            lxw_format* format = detail::kRegisterColumns[c].centered ? f.centered : f.text;
            if (c == 0) {
                check(worksheet_write_number(ws, row, c, stt, format));
            } else if (c == 3) {
                check(worksheet_write_number(ws, row, c, r.sets, format));
            } else {
                check(worksheet_write_string(ws, row, c, cells[c].c_str(), format));
            }
        }
        ++row;
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

base::Result<std::string> RenderRegisterXlsx(const FormData& form) {
    if (form.kind != FormKind::kRegister) {
        return base::InvalidArgument("Chỉ sổ theo dõi hồ sơ mới xuất được ra XLSX");
    }
    if (base::Status s = detail::Validate(form); !s) return s.error();
    return detail::RenderWorkbook(
        "Sổ theo dõi", "Nội dung một ô của sổ vượt quá 32.767 ký tự",
        [&](lxw_workbook* wb, lxw_worksheet* ws) { return WriteSheet(form, wb, ws); });
}

}  // namespace motcua::render
