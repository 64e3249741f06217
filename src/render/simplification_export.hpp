#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"

// The "phương án đơn giản hóa" table of a review and simplification plan (issue #8;
// docs/control.md "Review and simplification plans") as a Word document and a spreadsheet.
// Plain data in (no domain types, as motcua_render requires), bytes out.
//
// Columns: TT / Thủ tục hành chính / Nội dung đơn giản hóa / Lý do / Chi phí tuân thủ trước /
// Chi phí tuân thủ sau / Chi phí tiết kiệm / Tỷ lệ cắt giảm — costs in dong per year, the
// per-compliance-event figures beside them in the DOCX; a total row last.
namespace motcua::render {

struct SimplificationRow {
    std::string number;     // "1"
    std::string procedure;  // "1.001234 – Đăng ký khai sinh"
    std::string content;    // the simplification in words
    std::string reason;
    std::int64_t before_per_event = 0;
    std::int64_t after_per_event = 0;
    std::int64_t before_annual = 0;
    std::int64_t after_annual = 0;
    std::int64_t saving_annual = 0;
    std::string percent;  // "77,44%"
};

struct SimplificationTable {
    std::string issuing_unit;  // "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ"
    std::string title;     // "PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NĂM 2026"
    std::string subtitle;  // "(Kèm theo Kế hoạch số …)" or ""
    std::string status;    // "Trạng thái: Đã phê duyệt (Quyết định …)"
    std::vector<SimplificationRow> rows;
    SimplificationRow total;  // number/procedure/content/reason ignored
};

// A4 landscape WordprocessingML. kInvalidArgument when a text is not UTF-8.
[[nodiscard]] base::Result<std::string> RenderSimplificationDocx(const SimplificationTable& t);
// One sheet "Phương án": money as numbers formatted "#,##0". kInvalidArgument when a text is not
// UTF-8 or over Excel's 32,767 characters.
[[nodiscard]] base::Result<std::string> RenderSimplificationXlsx(const SimplificationTable& t);

}  // namespace motcua::render
