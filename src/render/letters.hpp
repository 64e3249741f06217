#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

// Administrative letters (công văn) as PDF (cairo + pango, the forms' writer) and DOCX (minimal
// WordprocessingML in a zip written here): first the quarterly correction letter of the
// TTHC-control plans (văn bản đôn đốc, chấn chỉnh; S0 Appendix §II.3, §III.2.2; issue #6,
// docs/reports.md "Correction letter"). Plain data in, bytes out.
namespace motcua::render {

// A section of the letter's body: a numbered heading, paragraphs, and optionally a table.
struct LetterSection {
    std::string heading{};  // "1. Hồ sơ giải quyết quá hạn, tồn đọng"
    std::vector<std::string> paragraphs{};
    std::vector<std::string> table_header{};       // empty: no table
    std::vector<double> table_widths{};            // relative; one per header cell
    std::vector<std::vector<std::string>> rows{};  // cells in header order
};

struct Letter {
    std::string parent_unit{};   // "UBND THÀNH PHỐ HUẾ"
    std::string issuing_unit{};  // "VĂN PHÒNG UBND THÀNH PHỐ" (bold)
    std::string number{};        // "Số: …/VP-KSTT"
    std::string subject{};     // "V/v đôn đốc, chấn chỉnh …" (under the number, italic)
    std::string place_date{};  // "…, ngày 20 tháng 9 năm 2026"
    std::string recipient{};   // after "Kính gửi: "
    std::vector<std::string> intro{};
    std::vector<LetterSection> sections{};
    std::vector<std::string> closing{};
    std::string signer_title{};  // "KT. CHÁNH VĂN PHÒNG"
    std::string signer_name{};
    std::string recipients_note{};  // "Nơi nhận: …" (small, bottom left)
};

// A4 portrait PDF; kInvalidArgument for text that is not UTF-8, kInternal when Noto Serif does
// not resolve or cairo fails. Deterministic. Thread-safe.
[[nodiscard]] base::Result<std::string> RenderLetterPdf(const Letter& letter);

// DOCX bytes (a zip with [Content_Types].xml, _rels/.rels and word/document.xml; Times New Roman
// 13 pt, A4 portrait, tables with borders). kInvalidArgument for text that is not UTF-8.
// Deterministic (fixed zip timestamps). Thread-safe.
[[nodiscard]] base::Result<std::string> RenderLetterDocx(const Letter& letter);

}  // namespace motcua::render

namespace motcua::render::detail {

// Ok when every text of `letter` is UTF-8 (letter_pdf.cpp).
[[nodiscard]] base::Status ValidateLetter(const Letter& letter);

}  // namespace motcua::render::detail
