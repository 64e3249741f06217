// The numbers, titles and legal notes of the two form sets (REGULATIONS.md §2.9), and the page
// geometry of each paper. A new form set is one more table here (docs/render.md).

#include <array>
#include <string>

#include "render/document.hpp"
#include "render/forms.hpp"

namespace motcua::render {
namespace {

constexpr std::string_view kNote2018 =
    "(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng "
    "Chính phủ)";
constexpr std::string_view kNote2025 =
    "(Ban hành kèm theo Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng "
    "Chính phủ)";

struct Entry {
    FormKind kind;
    std::string_view number;  // empty = the set has no such form
    std::string_view title;
};

// Circular 01/2018/TT-VPCP, Art. 9 and its annex.
constexpr std::array<Entry, 7> kSet2018 = {{
    {FormKind::kReceipt, "01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
    {FormKind::kSupplementRequest, "02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"},
    {FormKind::kRefusal, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"},
    {FormKind::kApology, "04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
    {FormKind::kStopNotice, "", ""},
    {FormKind::kProcessControl, "05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
    {FormKind::kRegister, "06", "SỔ THEO DÕI HỒ SƠ"},
}};

// Circular 03/2025/TT-VPCP, Annex I (titles [T] in REGULATIONS.md).
constexpr std::array<Entry, 7> kSet2025 = {{
    {FormKind::kReceipt, "01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
    {FormKind::kSupplementRequest, "02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"},
    {FormKind::kRefusal, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"},
    {FormKind::kApology, "04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"},
    {FormKind::kStopNotice, "05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"},
    {FormKind::kProcessControl, "06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
    {FormKind::kRegister, "07", "SỔ THEO DÕI HỒ SƠ"},
}};

const Entry* Find(const std::array<Entry, 7>& set, FormKind kind) {
    for (const Entry& e : set) {
        if (e.kind == kind) return &e;
    }
    return nullptr;
}

// 1 mm in pt.
constexpr double kMm = 72.0 / 25.4;

}  // namespace

base::Result<FormHeading> StandardHeading(FormKind kind, FormSet set) {
    const bool old = set == FormSet::kCircular01Of2018;
    const Entry* e = Find(old ? kSet2018 : kSet2025, kind);
    if (e == nullptr || e->number.empty()) {
        return base::NotFound("Bộ biểu mẫu của Thông tư 01/2018/TT-VPCP không có mẫu này");
    }
    FormHeading h;
    h.number = std::string(e->number);
    h.title = std::string(e->title);
    h.legal_note = std::string(old ? kNote2018 : kNote2025);
    if (kind == FormKind::kRegister) {
        h.paper = Paper::kA4Landscape;
    } else {
        h.paper = old ? Paper::kA5Portrait : Paper::kA4Portrait;
    }
    return h;
}

namespace detail {

std::string DefaultTitle(FormKind kind) {
    const Entry* e = Find(kSet2025, kind);
    return e == nullptr ? std::string() : std::string(e->title);
}

PageGeometry GeometryFor(Paper paper) {
    constexpr double kA4Short = 210 * kMm;  // 595.28 pt
    constexpr double kA4Long = 297 * kMm;   // 841.89 pt
    constexpr double kA5Short = 148 * kMm;  // 419.53 pt
    PageGeometry g;
    switch (paper) {
        case Paper::kA5Portrait:
            g = PageGeometry{.width = kA5Short,
                             .height = kA4Short,
                             .margin_top = 10 * kMm,
                             .margin_right = 10 * kMm,
                             .margin_bottom = 10 * kMm,
                             .margin_left = 15 * kMm,
                             .body_size = 9,
                             .heading_size = 8.5,
                             .title_size = 11,
                             .small_size = 7,
                             .table_size = 8.5,
                             .sign_room = 28};
            break;
        case Paper::kA4Landscape:
            g = PageGeometry{.width = kA4Long,
                             .height = kA4Short,
                             .margin_top = 15 * kMm,
                             .margin_right = 15 * kMm,
                             .margin_bottom = 15 * kMm,
                             .margin_left = 20 * kMm,
                             .body_size = 11,
                             .heading_size = 11,
                             .title_size = 14,
                             .small_size = 8,
                             .table_size = 7.5,
                             .sign_room = 56};
            break;
        case Paper::kA4Portrait:
            g = PageGeometry{.width = kA4Short,
                             .height = kA4Long,
                             .margin_top = 20 * kMm,
                             .margin_right = 15 * kMm,
                             .margin_bottom = 20 * kMm,
                             .margin_left = 30 * kMm,
                             .body_size = 13,
                             .heading_size = 12,
                             .title_size = 14,
                             .small_size = 9,
                             .table_size = 11.5,
                             .sign_room = 64};
            break;
    }
    return g;
}

}  // namespace detail
}  // namespace motcua::render
