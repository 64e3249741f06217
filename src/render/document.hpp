#pragma once

#include <array>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "render/forms.hpp"

// The printed page as plain blocks, built once from FormData (forms_content*.cpp) and drawn by
// both writers (pdf_writer.cpp, forms_html.cpp), so the PDF and the HTML say the same thing.
// Internal to render/.
namespace motcua::render::detail {

enum class Align { kLeft, kCenter, kRight, kJustify };

// A piece of text in one style. "\n" inside starts a new line.
struct Run {
    std::string text{};
    bool bold = false;
    bool italic = false;
};

// A paragraph of runs, wrapped to the content width.
struct Paragraph {
    std::vector<Run> runs;
    Align align = Align::kJustify;
    double size = 0;              // font size in pt; 0 = the paper's body size
    double indent = 0;            // left indent in pt
    double space_before = 0;      // extra space above, in pt
    bool keep_with_next = false;  // move to the next page together with the following block
};

// A table cell. With sign_left/sign_right set, two captioned signature spaces follow the text
// (the hand-over time cell of the process-control slip); with qr set, a QR code precedes it.
struct Cell {
    std::vector<Run> runs;
    Align align = Align::kLeft;
    std::string sign_left{};
    std::string sign_right{};
    // A QR code of this payload drawn above the text, as wide as the cell (PDF only,
    // pdf_table.cpp; the posting sheets). Empty, or too long for a QR code: none.
    std::string qr{};
};

// A ruled table. Header rows are bold and centred and repeat on every page the table spans.
struct Table {
    std::vector<double> widths;  // relative column widths (any positive scale)
    std::vector<std::vector<Cell>> header;
    std::vector<std::vector<Cell>> rows;
    double size = 0;  // font size in pt; 0 = the paper's table size
};

// One signature column: caption (bold), hint (italic), room to sign, name (bold). A box with an
// empty caption keeps its column empty.
struct SignatureBox {
    std::string caption{};
    std::string hint{};
    std::string name{};
};

// Signature columns side by side across the width, kept on one page.
struct Signatures {
    std::vector<SignatureBox> boxes;
};

using Block = std::variant<Paragraph, Table, Signatures>;

// A whole form: the top block, the code line, the title and the body blocks.
struct Document {
    Paper paper = Paper::kA4Portrait;
    std::string form_number;  // "Mẫu số 01"; empty = none
    std::string legal_note;
    std::string parent_unit;
    std::string issuing_unit;
    std::string place_date;
    std::string dossier_code;
    std::string qr_payload;
    std::string title;
    std::string subtitle;  // italic line under the title; empty = none
    std::vector<Block> blocks;
    std::string pdf_title;  // document metadata: title and code
};

// Sizes and margins of a paper, in pt, shared by the PDF and the HTML writer.
struct PageGeometry {
    double width = 0;
    double height = 0;
    double margin_top = 0;
    double margin_right = 0;
    double margin_bottom = 0;
    double margin_left = 0;
    double body_size = 0;     // body text
    double heading_size = 0;  // the unit and motto block
    double title_size = 0;
    double small_size = 0;  // notes, hints, page numbers
    double table_size = 0;
    double sign_room = 0;  // vertical room left for a handwritten signature
};

// The geometry of `paper` (A5 = 419.53 × 595.28 pt, A4 = 595.28 × 841.89 pt).
[[nodiscard]] PageGeometry GeometryFor(Paper paper);

// The 2025 set's title for `kind`, used when FormData::title is empty.
[[nodiscard]] std::string DefaultTitle(FormKind kind);

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or truncated sequences).
[[nodiscard]] bool IsUtf8(std::string_view text);

// `text` made printable: ill-formed UTF-8 replaced by U+FFFD, CR LF and CR turned into LF, other
// control characters except tab and LF into spaces.
[[nodiscard]] std::string Clean(std::string_view text);

// Ok when every text of `form` is UTF-8 and its counts are in range; kInvalidArgument naming the
// first field that is not (forms_pdf.cpp).
[[nodiscard]] base::Status Validate(const FormData& form);

// The document for `form` (dispatches on the kind; text cleaned).
[[nodiscard]] Document BuildDocument(const FormData& form);

// Body builders, one per kind (forms_content.cpp, forms_content_notices.cpp).
void AddReceiptBody(const FormData& form, Document& doc);
void AddSupplementBody(const FormData& form, Document& doc);
void AddRefusalBody(const FormData& form, Document& doc);
void AddApologyBody(const FormData& form, Document& doc);
void AddStopNoticeBody(const FormData& form, Document& doc);
void AddProcessControlBody(const FormData& form, Document& doc);
void AddRegisterBody(const FormData& form, Document& doc);

// A column of the tracking register (PDF, HTML and XLSX print the same columns).
struct RegisterColumn {
    std::string_view title;
    double width;   // relative width; in XLSX, the column width in characters
    bool centered;  // numbers and dates are centred
};
inline constexpr std::array<RegisterColumn, 13> kRegisterColumns = {{
    {"STT", 3.5, true},
    {"Mã hồ sơ", 14, false},
    {"Tên thủ tục hành chính", 13, false},
    {"Số lượng hồ sơ (bộ)", 4.5, true},
    {"Tên cá nhân, tổ chức", 10, false},
    {"Địa chỉ, số điện thoại", 11, false},
    {"Cơ quan chủ trì giải quyết", 9, false},
    {"Nhận hồ sơ (ngày, tháng, năm)", 7, true},
    {"Hẹn trả kết quả (ngày, tháng, năm)", 7, true},
    {"Chuyển hồ sơ đến cơ quan giải quyết", 7, true},
    {"Nhận kết quả từ cơ quan giải quyết", 7, true},
    {"Trả kết quả cho cá nhân, tổ chức", 7, true},
    {"Ghi chú", 6, false},
}};
// The register's cells for `row`, numbered `stt`, in kRegisterColumns order (text cleaned).
[[nodiscard]] std::vector<std::string> RegisterCells(const RegisterRow& row, int stt);

// Shared pieces of the bodies.
inline constexpr std::string_view kBlank = "……………………………";
// `value` cleaned, or the dotted blank when empty.
[[nodiscard]] std::string OrBlank(std::string_view value);
// "label: value" (value bold when asked); an empty value prints the dotted blank.
[[nodiscard]] Paragraph Labeled(std::string_view label, std::string_view value, bool bold = false);
// A plain paragraph in one style.
[[nodiscard]] Paragraph Plain(std::string_view text, Align align = Align::kJustify,
                              bool italic = false);
// The unit's name for sentences: receiving_unit, else issuing_unit, else a generic name.
[[nodiscard]] std::string SentenceUnit(const FormData& form);
// The components table (STT / Tên giấy tờ / Bản chính / Bản sao chứng thực / Bản photo).
[[nodiscard]] Table ComponentsTable(const std::vector<ComponentLine>& components);
// `reasons` split at line breaks into indented paragraphs (a blank line when empty).
void AddReasons(std::string_view reasons, Document& doc);
// A count as printed on the forms: two digits at least ("01").
[[nodiscard]] std::string TwoDigits(int n);

}  // namespace motcua::render::detail
