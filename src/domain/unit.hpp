#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace motcua::domain {

// Kinds of organisational unit. The 2025 two-level model (Resolution 202/2025/QH15: province →
// commune) and the older three-level one (province → district → commune) both fit.
enum class UnitType {
    kProvince,       // tỉnh, thành phố trực thuộc trung ương
    kDistrict,       // huyện, quận, thị xã (until 30/6/2025)
    kCommune,        // xã, phường, đặc khu
    kAgency,         // sở, ban, ngành, phòng
    kServiceCentre,  // Trung tâm Phục vụ hành chính công
    kOneStopDesk,    // Bộ phận Một cửa
};

// Stable lower_snake names used in the API, CSV and the database: province, district, commune,
// agency, service_centre, one_stop_desk.
[[nodiscard]] std::string_view UnitTypeName(UnitType type);
[[nodiscard]] base::Result<UnitType> ParseUnitType(std::string_view name);
// Vietnamese label for pages: "Tỉnh/Thành phố", "Huyện", "Xã/Phường", "Cơ quan", ...
[[nodiscard]] std::string_view UnitTypeLabel(UnitType type);

struct Unit {
    std::int64_t id = 0;  // 0 until stored
    // Official identifier code (mã định danh, e.g. GSO code "01" for Hà Nội, "00004" for Phường
    // Ba Đình, or the agency code of Decision 20/2020/QĐ-TTg); unique among units.
    std::string code;
    UnitType type = UnitType::kAgency;
    std::string name;  // NFC
    std::optional<std::int64_t> parent_id;
    std::chrono::sys_days valid_from{};
    std::optional<std::chrono::sys_days> valid_to;  // inclusive last day; empty = still valid
    std::optional<std::int64_t> merged_into;        // set when merged (2025 reform)
    std::int64_t version = 0;                       // optimistic concurrency
};

// Checks a unit's own fields: code 1–32 chars of [A-Za-z0-9._-], name 1–255 chars after NFC
// (valid UTF-8, not only white space; code points counted), valid_to ≥ valid_from, a province has
// no parent, every other type has one. kInvalidArgument with a Vietnamese message naming the
// field.
[[nodiscard]] base::Status ValidateUnit(const Unit& unit);

}  // namespace motcua::domain
