#include "domain/unit.hpp"

#include <array>
#include <string>

#include "text/unicode.hpp"

namespace motcua::domain {

namespace {

struct UnitTypeInfo {
    UnitType type;
    std::string_view name;
    std::string_view label;
};

// Names: the API/CSV/database vocabulary (unit.hpp). Labels: the page wording, after the 2025
// two-level model (Resolution 202/2025/QH15; Decree 118/2025/NĐ-CP for the service centres).
constexpr std::array<UnitTypeInfo, 6> kUnitTypes = {{
    {UnitType::kProvince, "province", "Tỉnh/Thành phố"},
    {UnitType::kDistrict, "district", "Huyện"},
    {UnitType::kCommune, "commune", "Xã/Phường"},
    {UnitType::kAgency, "agency", "Cơ quan"},
    {UnitType::kServiceCentre, "service_centre", "Trung tâm Phục vụ hành chính công"},
    {UnitType::kOneStopDesk, "one_stop_desk", "Bộ phận Một cửa"},
}};

constexpr std::size_t kMaxCodeLength = 32;
constexpr std::size_t kMaxNameLength = 255;

bool IsCodeChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

}  // namespace

std::string_view UnitTypeName(UnitType type) {
    for (const UnitTypeInfo& info : kUnitTypes) {
        if (info.type == type) {
            return info.name;
        }
    }
    return "unknown";
}

base::Result<UnitType> ParseUnitType(std::string_view name) {
    for (const UnitTypeInfo& info : kUnitTypes) {
        if (info.name == name) {
            return info.type;
        }
    }
    return base::InvalidArgument("Loại đơn vị không hợp lệ: \"" + std::string(name) + "\"");
}

std::string_view UnitTypeLabel(UnitType type) {
    for (const UnitTypeInfo& info : kUnitTypes) {
        if (info.type == type) {
            return info.label;
        }
    }
    return "Không rõ";
}

base::Status ValidateUnit(const Unit& unit) {
    if (unit.code.empty() || unit.code.size() > kMaxCodeLength) {
        return base::InvalidArgument("Mã đơn vị không hợp lệ: phải có từ 1 đến 32 ký tự");
    }
    for (const char c : unit.code) {
        if (!IsCodeChar(c)) {
            return base::InvalidArgument(
                "Mã đơn vị không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -");
        }
    }
    auto name = text::Nfc(unit.name);
    if (!name.ok()) {
        return base::InvalidArgument("Tên đơn vị không hợp lệ: không phải UTF-8 hợp lệ");
    }
    if (text::TrimAndCollapseSpaces(*name).empty()) {
        return base::InvalidArgument("Tên đơn vị không được để trống");
    }
    if (text::CodePointCount(*name) > kMaxNameLength) {
        return base::InvalidArgument("Tên đơn vị không hợp lệ: dài quá 255 ký tự");
    }
    if (unit.valid_to.has_value() && *unit.valid_to < unit.valid_from) {
        return base::InvalidArgument(
            "Ngày hết hiệu lực của đơn vị không được trước ngày bắt đầu hiệu lực");
    }
    if (unit.type == UnitType::kProvince && unit.parent_id.has_value()) {
        return base::InvalidArgument("Đơn vị cấp tỉnh không có đơn vị cấp trên");
    }
    if (unit.type != UnitType::kProvince && !unit.parent_id.has_value()) {
        return base::InvalidArgument("Đơn vị cấp trên là bắt buộc đối với loại đơn vị \"" +
                                     std::string(UnitTypeLabel(unit.type)) + "\"");
    }
    return {};
}

}  // namespace motcua::domain
