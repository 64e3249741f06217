#include "domain/procedure.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

Procedure BirthRegistration() {
    Procedure p;
    p.code = "1.001193";
    p.name = "Thủ tục đăng ký khai sinh";
    p.field = "Hộ tịch";
    p.levels = {"commune"};
    p.processing_milli = 1000;
    p.time_unit = TimeUnit::kWorkingDays;
    p.fees = "Miễn phí";
    p.documents = {{"Giấy chứng sinh", "1 bản chính"}};
    p.effective_from = sys_days{year{2025} / 7 / 1};
    return p;
}

void ExpectInvalid(const Procedure& p, std::string_view message) {
    const base::Status status = ValidateProcedure(p);
    ASSERT_FALSE(status.ok()) << "expected: " << message;
    EXPECT_EQ(status.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message, message);
}

TEST(TimeUnit, NamesRoundTrip) {
    for (const TimeUnit unit :
         {TimeUnit::kWorkingDays, TimeUnit::kDays, TimeUnit::kHours, TimeUnit::kMonths}) {
        const auto parsed = ParseTimeUnit(TimeUnitName(unit));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, unit);
    }
    EXPECT_EQ(TimeUnitName(TimeUnit::kWorkingDays), "working_days");
    EXPECT_EQ(TimeUnitLabel(TimeUnit::kWorkingDays), "Ngày làm việc");
    EXPECT_EQ(TimeUnitLabel(TimeUnit::kHours), "Giờ");
    EXPECT_FALSE(ParseTimeUnit("weeks").ok());
    EXPECT_FALSE(ParseTimeUnit("Working_days").ok());
}

TEST(OnlineLevel, NamesRoundTrip) {
    for (const OnlineLevel level :
         {OnlineLevel::kNone, OnlineLevel::kPartial, OnlineLevel::kFull}) {
        const auto parsed = ParseOnlineLevel(OnlineLevelName(level));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, level);
    }
    EXPECT_EQ(OnlineLevelName(OnlineLevel::kFull), "full");
    EXPECT_EQ(OnlineLevelLabel(OnlineLevel::kFull), "Trực tuyến toàn trình");
    const auto bad = ParseOnlineLevel("level4");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "Mức độ dịch vụ công trực tuyến không hợp lệ: \"level4\"");
}

TEST(IsProcedureCode, AcceptsNationalCodes) {
    for (const std::string_view good :
         {"1.001193", "2.002196", "6.006572", "10.000001", "123.456789"}) {
        EXPECT_TRUE(IsProcedureCode(good)) << good;
    }
}

TEST(IsProcedureCode, RejectsOtherShapes) {
    for (const std::string_view bad :
         {"", "1001193", ".001193", "1.00119", "1.0011930", "1234.001193", "1.00119a", "a.001193",
          "1..01193", "1.001193 ", "1,001193", "1.001.93"}) {
        EXPECT_FALSE(IsProcedureCode(bad)) << bad;
    }
}

TEST(ValidateProcedure, AcceptsAValidProcedure) {
    EXPECT_TRUE(ValidateProcedure(BirthRegistration()).ok());
    Procedure p = BirthRegistration();
    p.levels = {"ministry", "province", "commune", "district"};
    p.effective_to = p.effective_from;
    EXPECT_TRUE(ValidateProcedure(p).ok());
}

TEST(ValidateProcedure, RejectsBadCode) {
    Procedure p = BirthRegistration();
    p.code = "1.1193";
    ExpectInvalid(p, "Mã thủ tục không hợp lệ: \"1.1193\" (dạng đúng: 1.001193)");
}

TEST(ValidateProcedure, ChecksTheName) {
    Procedure p = BirthRegistration();
    p.name = "";
    ExpectInvalid(p, "Tên thủ tục không được để trống");
    p.name = "  ";
    ExpectInvalid(p, "Tên thủ tục không được để trống");
    p.name = "Thu\xCC";
    ExpectInvalid(p, "Tên thủ tục không phải UTF-8 hợp lệ");
    p.name = "Thu\u0309 tu\u0323c";  // decomposed: must be stored as NFC
    ExpectInvalid(p, "Tên thủ tục phải ở dạng chuẩn Unicode NFC");
    p.name.clear();
    for (int i = 0; i < 1000; ++i) {
        p.name += "ệ";  // 1000 characters, 3000 bytes
    }
    EXPECT_TRUE(ValidateProcedure(p).ok());
    p.name += "a";
    ExpectInvalid(p, "Tên thủ tục dài quá 1000 ký tự");
}

TEST(ValidateProcedure, ChecksTheField) {
    Procedure p = BirthRegistration();
    p.field.clear();
    for (int i = 0; i < 255; ++i) {
        p.field += "đ";
    }
    EXPECT_TRUE(ValidateProcedure(p).ok());
    p.field += "đ";
    ExpectInvalid(p, "Lĩnh vực dài quá 255 ký tự");
    p.field = "\xFF";
    ExpectInvalid(p, "Lĩnh vực không phải UTF-8 hợp lệ");
}

TEST(ValidateProcedure, ChecksLevels) {
    Procedure p = BirthRegistration();
    p.levels = {"commune", "Cấp xã"};
    ExpectInvalid(p, "Cấp thực hiện không hợp lệ: \"Cấp xã\"");
    p.levels = {"province", "commune", "province"};
    ExpectInvalid(p, "Cấp thực hiện bị lặp: \"province\"");
}

TEST(ValidateProcedure, ChecksNumbersAndDates) {
    Procedure p = BirthRegistration();
    p.processing_milli = 0;  // unknown is allowed
    EXPECT_TRUE(ValidateProcedure(p).ok());
    p.processing_milli = -1;
    ExpectInvalid(p, "Thời hạn giải quyết không được là số âm");
    p = BirthRegistration();
    p.fee_amount = -8000;
    ExpectInvalid(p, "Mức phí, lệ phí không được là số âm");
    p = BirthRegistration();
    p.effective_to = p.effective_from - std::chrono::days{1};
    ExpectInvalid(p, "Ngày hết hiệu lực của thủ tục không được trước ngày bắt đầu hiệu lực");
}

TEST(ValidateProcedure, ChecksTextFieldsAndDocuments) {
    Procedure p = BirthRegistration();
    p.legal_basis = "Luật Hộ tịch \xED\xA0\x80";
    ExpectInvalid(p, "Thông tin thủ tục có văn bản không phải UTF-8 hợp lệ");
    p = BirthRegistration();
    p.documents.push_back({" ", "1 bản sao"});
    ExpectInvalid(p, "Tên giấy tờ trong thành phần hồ sơ không được để trống");
    p = BirthRegistration();
    p.documents.push_back({"Tờ khai", "\xC0\x80"});
    ExpectInvalid(p, "Thành phần hồ sơ không phải UTF-8 hợp lệ");
}

}  // namespace
}  // namespace motcua::domain
