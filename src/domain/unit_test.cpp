#include "domain/unit.hpp"

#include <array>
#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

constexpr std::array<UnitType, 6> kAllTypes = {UnitType::kProvince,      UnitType::kDistrict,
                                               UnitType::kCommune,       UnitType::kAgency,
                                               UnitType::kServiceCentre, UnitType::kOneStopDesk};

Unit Ward() {
    Unit unit;
    unit.code = "19753";
    unit.type = UnitType::kCommune;
    unit.name = "Phường Phú Xuân";
    unit.parent_id = 1;
    unit.valid_from = sys_days{year{2025} / 7 / 1};
    return unit;
}

void ExpectInvalid(const Unit& unit, std::string_view message) {
    const base::Status status = ValidateUnit(unit);
    ASSERT_FALSE(status.ok()) << "expected: " << message;
    EXPECT_EQ(status.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message, message);
}

TEST(UnitType, NamesRoundTrip) {
    for (const UnitType type : kAllTypes) {
        const auto parsed = ParseUnitType(UnitTypeName(type));
        ASSERT_TRUE(parsed.ok()) << UnitTypeName(type);
        EXPECT_EQ(*parsed, type);
    }
    EXPECT_EQ(UnitTypeName(UnitType::kServiceCentre), "service_centre");
    EXPECT_EQ(UnitTypeName(UnitType::kOneStopDesk), "one_stop_desk");
}

TEST(UnitType, RejectsUnknownNames) {
    for (const std::string_view bad : {"", "Province", "ward", "service_center", " commune"}) {
        const auto parsed = ParseUnitType(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidArgument);
    }
    EXPECT_EQ(ParseUnitType("ward").error().message, "Loại đơn vị không hợp lệ: \"ward\"");
}

TEST(UnitType, HasVietnameseLabels) {
    EXPECT_EQ(UnitTypeLabel(UnitType::kProvince), "Tỉnh/Thành phố");
    EXPECT_EQ(UnitTypeLabel(UnitType::kDistrict), "Huyện");
    EXPECT_EQ(UnitTypeLabel(UnitType::kCommune), "Xã/Phường");
    EXPECT_EQ(UnitTypeLabel(UnitType::kAgency), "Cơ quan");
    EXPECT_EQ(UnitTypeLabel(UnitType::kOneStopDesk), "Bộ phận Một cửa");
}

TEST(ValidateUnit, AcceptsAValidWard) {
    EXPECT_TRUE(ValidateUnit(Ward()).ok());
}

TEST(ValidateUnit, AcceptsCodesAtTheLimits) {
    Unit unit = Ward();
    unit.code = "4";
    EXPECT_TRUE(ValidateUnit(unit).ok());
    unit.code = std::string(32, 'A');
    EXPECT_TRUE(ValidateUnit(unit).ok());
    unit.code = "46.SOTP_a-9";
    EXPECT_TRUE(ValidateUnit(unit).ok());
}

TEST(ValidateUnit, RejectsBadCodes) {
    Unit unit = Ward();
    unit.code = "";
    ExpectInvalid(unit, "Mã đơn vị không hợp lệ: phải có từ 1 đến 32 ký tự");
    unit.code = std::string(33, 'A');
    ExpectInvalid(unit, "Mã đơn vị không hợp lệ: phải có từ 1 đến 32 ký tự");
    for (const std::string bad : {"46 SOTP", "46/SOTP", "Sở", "46,1"}) {
        unit.code = bad;
        ExpectInvalid(unit,
                      "Mã đơn vị không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -");
    }
}

TEST(ValidateUnit, CountsNameLengthInCodePointsAfterNfc) {
    Unit unit = Ward();
    // 255 "ệ" are 765 bytes but 255 characters: allowed.
    unit.name.clear();
    for (int i = 0; i < 255; ++i) {
        unit.name += "ệ";
    }
    EXPECT_TRUE(ValidateUnit(unit).ok());
    // The same 255 characters decomposed are 765 code points before NFC: still allowed.
    unit.name.clear();
    for (int i = 0; i < 255; ++i) {
        unit.name += "e\u0302\u0323";
    }
    EXPECT_TRUE(ValidateUnit(unit).ok());
    unit.name += "a";
    ExpectInvalid(unit, "Tên đơn vị không hợp lệ: dài quá 255 ký tự");
}

TEST(ValidateUnit, RejectsBlankOrInvalidNames) {
    Unit unit = Ward();
    unit.name = "";
    ExpectInvalid(unit, "Tên đơn vị không được để trống");
    unit.name = " \t\u00A0";
    ExpectInvalid(unit, "Tên đơn vị không được để trống");
    unit.name = "Ph\xC6";
    ExpectInvalid(unit, "Tên đơn vị không hợp lệ: không phải UTF-8 hợp lệ");
}

TEST(ValidateUnit, ChecksValidityPeriod) {
    Unit unit = Ward();
    unit.valid_to = unit.valid_from;  // a one-day unit is possible
    EXPECT_TRUE(ValidateUnit(unit).ok());
    unit.valid_to = unit.valid_from - std::chrono::days{1};
    ExpectInvalid(unit, "Ngày hết hiệu lực của đơn vị không được trước ngày bắt đầu hiệu lực");
}

TEST(ValidateUnit, ProvinceHasNoParentOthersHaveOne) {
    Unit province = Ward();
    province.code = "46";
    province.type = UnitType::kProvince;
    province.name = "Thành phố Huế";
    ExpectInvalid(province, "Đơn vị cấp tỉnh không có đơn vị cấp trên");
    province.parent_id.reset();
    EXPECT_TRUE(ValidateUnit(province).ok());

    Unit desk = Ward();
    desk.type = UnitType::kOneStopDesk;
    desk.parent_id.reset();
    ExpectInvalid(desk, "Đơn vị cấp trên là bắt buộc đối với loại đơn vị \"Bộ phận Một cửa\"");
    for (const UnitType type : kAllTypes) {
        Unit unit = Ward();
        unit.type = type;
        unit.parent_id.reset();
        EXPECT_EQ(ValidateUnit(unit).ok(), type == UnitType::kProvince) << UnitTypeName(type);
    }
}

}  // namespace
}  // namespace motcua::domain
