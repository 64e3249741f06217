#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

// Periodic report forms of Circular 01/2020/TT-VPCP as files (issue #6; REGULATIONS.md §3.1;
// docs/reports.md "Exports"): form 06/VPCP/KSTT (II.06a for the Public Administration Service
// Centre) "Tình hình, kết quả giải quyết thủ tục hành chính" as XLSX (libxlsxwriter) and PDF
// (cairo + pango, A4 landscape). Plain data in, bytes out, like the rest of render/: callers
// (app/report_exports.hpp) turn a domain report into SettlementSheet.
namespace motcua::render {

// The numbers of columns 3–13 of a row, in column order: 3 received total, 4 online, 5 direct
// or postal, 6 carried over, 7 settled total, 8 early, 9 on time, 10 late, 11 in progress total,
// 12 within the deadline, 13 overdue.
using SettlementCells = std::array<std::int64_t, 11>;

// One printed row: STT (column 1; empty for section headings and the total), label (column 2).
// A section heading ("I", "Theo lĩnh vực") has no numbers; the total row is bold.
struct SettlementRow {
    enum class Kind { kSection, kLine, kTotal };
    Kind kind = Kind::kLine;
    std::string stt{};
    std::string label{};
    SettlementCells cells{};
};

// A further table printed after form 06 with the same header block and signatures (issue #9:
// the PAKN form; issue #7: plans' progress): in the XLSX its own sheet, in the PDF from a new
// page. Columns: STT, the label, then `columns` − 2 numbers per row.
struct AnnexHeaderCell {
    int row = 0;
    int col = 0;
    int rows = 1;
    int cols = 1;
    std::string text{};
};
struct AnnexRow {
    SettlementRow::Kind kind = SettlementRow::Kind::kLine;
    std::string stt{};
    std::string label{};
    std::vector<std::int64_t> cells{};  // columns − 2 numbers (ignored for a section heading)
};
struct AnnexTable {
    std::string sheet_name{};                 // the XLSX sheet (≤ 31 characters, no []:*?/\)
    std::string form_code{};                  // top right, instead of the sheet's form code
    std::optional<std::string> legal_note{};  // instead of the sheet's (empty: none printed)
    std::string title{};
    std::string measure{};
    int columns = 0;      // 3..20
    int header_rows = 1;  // 1..3
    std::vector<AnnexHeaderCell> header{};
    std::vector<double> widths{};  // relative column widths in the PDF, `columns` of them
    std::vector<AnnexRow> rows{};
};

// Everything the form prints. Text is UTF-8 (NFC), already formatted.
struct SettlementSheet {
    std::string form_code{};   // "Biểu số 06/VPCP/KSTT" or "Biểu số II.06a/VPCP/KSTT"
    std::string legal_note{};  // "Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
    std::string reporting_unit{};  // the unit's name (after "Đơn vị báo cáo: ")
    std::string receiving_unit{};  // after "Đơn vị nhận báo cáo: "; empty = none printed
    std::string period_line{};  // "Kỳ báo cáo: Quý III/2026 (Từ ngày 15/6/2026 đến ngày ...)"
    std::string place_date{};  // "Huế, ngày 20 tháng 9 năm 2026"
    std::string maker_name{};  // under "NGƯỜI LẬP BIỂU"; empty = room only
    std::string head_name{};   // under "THỦ TRƯỞNG ĐƠN VỊ"; empty = room only
    std::vector<SettlementRow> rows{};
    std::vector<AnnexTable> annexes{};  // printed after the form, in order
};

inline constexpr std::string_view kSettlementTitle =
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";
inline constexpr std::string_view kSettlementMeasure = "Đơn vị tính: Số hồ sơ TTHC";
inline constexpr std::string_view kSettlementMaker = "NGƯỜI LẬP BIỂU";
inline constexpr std::string_view kSettlementHead = "THỦ TRƯỞNG ĐƠN VỊ";

// A cell of the three header rows of the form, on a 13-column grid (row 0..2, column 0..12),
// spanning `rows` × `cols`. XLSX, PDF and the web page print the same header.
struct SettlementHeaderCell {
    int row;
    int col;
    int rows;
    int cols;
    std::string_view text;
};
inline constexpr int kSettlementColumns = 13;
inline constexpr int kSettlementHeaderRows = 3;
inline constexpr std::array<SettlementHeaderCell, 18> kSettlementHeader = {{
    {0, 0, 3, 1, "STT"},
    {0, 1, 3, 1, "Lĩnh vực, công việc giải quyết theo cấp"},
    {0, 2, 1, 4, "Số hồ sơ nhận giải quyết"},
    {0, 6, 1, 7, "Kết quả giải quyết"},
    {1, 2, 2, 1, "Tổng số"},
    {1, 3, 1, 2, "Trong kỳ"},
    {1, 5, 2, 1, "Từ kỳ trước"},
    {1, 6, 1, 4, "Số hồ sơ đã giải quyết"},
    {1, 10, 1, 3, "Số hồ sơ đang giải quyết"},
    {2, 3, 1, 1, "Trực tuyến"},
    {2, 4, 1, 1, "Trực tiếp, dịch vụ bưu chính"},
    {2, 6, 1, 1, "Tổng số"},
    {2, 7, 1, 1, "Trước hạn"},
    {2, 8, 1, 1, "Đúng hạn"},
    {2, 9, 1, 1, "Quá hạn"},
    {2, 10, 1, 1, "Tổng số"},
    {2, 11, 1, 1, "Trong hạn"},
    {2, 12, 1, 1, "Quá hạn"},
}};

// The form as XLSX bytes: one sheet "Biểu 06" (then one sheet per annex, laid out alike) with the
// header block, the merged three-row column header, the row of column numbers (1)…(13), the rows
// (numbers as numbers), the total in bold, the place and date and the two signature captions; A4
// landscape, fit to the width, header rows repeated on printed pages. kInvalidArgument for text
// that is not UTF-8; kInternal when libxlsxwriter or the temporary file fails. Thread-safe.
[[nodiscard]] base::Result<std::string> RenderSettlementXlsx(const SettlementSheet& sheet);

// The form as PDF bytes (each annex from a new page; A4 landscape, Noto Serif, the table continued
// on new pages under its repeated header, "Trang i/n" when there are several pages; no creation
// date, so the same sheet gives the same bytes). kInvalidArgument for text that is not UTF-8;
// kInternal when Noto Serif does not resolve or cairo fails. Thread-safe.
[[nodiscard]] base::Result<std::string> RenderSettlementPdf(const SettlementSheet& sheet);

}  // namespace motcua::render

namespace motcua::render::detail {

// Ok when every text of `sheet` is UTF-8 and every annex is well formed; kInvalidArgument naming
// the first field that is not.
[[nodiscard]] base::Status ValidateSettlementSheet(const SettlementSheet& sheet);

// Form 06 itself as a table (its header, widths and rows), so that one writer prints it and
// the annexes.
[[nodiscard]] AnnexTable MainTable(const SettlementSheet& sheet);

// The label of column `index` (0..12) in the row of column numbers: "(1)" … "(13)".
[[nodiscard]] std::string SettlementColumnNumber(int index);

}  // namespace motcua::render::detail
