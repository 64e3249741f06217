#include "domain/dossier.hpp"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

Applicant Person() {
    Applicant a;
    a.name = "Nguyễn Thị Bình";
    a.id_number = "001190012345";
    a.address = "Thôn Đông, xã Yên Phong, tỉnh Bắc Ninh";
    a.phone = "0912345678";
    a.email = "binh@example.vn";
    return a;
}

void ExpectInvalid(const Applicant& a, std::string_view message) {
    const base::Status s = ValidateApplicant(a);
    ASSERT_FALSE(s.ok()) << "expected: " << message;
    EXPECT_EQ(s.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(s.error().message, message);
}

constexpr std::string_view kName = "họ tên (tên tổ chức) người nộp phải có từ 1 đến 255 ký tự";

TEST(ValidateApplicant, AcceptsPeopleAndOrganisations) {
    EXPECT_TRUE(ValidateApplicant(Person()).ok());
    Applicant minimal;
    minimal.name = "An";
    EXPECT_TRUE(ValidateApplicant(minimal).ok());
    Applicant phone = Person();
    phone.phone = "+84912345678";
    EXPECT_TRUE(ValidateApplicant(phone).ok());
    Applicant company;
    company.kind = ApplicantKind::kOrganisation;
    company.name = "Công ty TNHH Hoa Sen";
    company.id_number = "0101234567";
    EXPECT_TRUE(ValidateApplicant(company).ok());
    company.id_number = "0101234567-001";
    EXPECT_TRUE(ValidateApplicant(company).ok());
    Applicant long_name = Person();
    long_name.name = std::string(255, 'a');
    EXPECT_TRUE(ValidateApplicant(long_name).ok());
    // 255 Vietnamese letters are 255 characters, not 255 bytes.
    long_name.name.clear();
    for (int i = 0; i < 255; ++i) {
        long_name.name += "ễ";
    }
    EXPECT_TRUE(ValidateApplicant(long_name).ok());
}

TEST(ValidateApplicant, RejectsBadNames) {
    Applicant a = Person();
    for (const std::string_view bad : {"", "   ", "\t\n", "\xC2\xA0"}) {
        a.name = std::string(bad);
        ExpectInvalid(a, kName);
    }
    a.name = std::string(256, 'a');
    ExpectInvalid(a, kName);
    // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form, a surrogate.
    for (const std::string_view bad : {"Nguy\x80n", "Nguy\xE1\xBB", "\xC0\xAF", "\xED\xA0\x80"}) {
        a.name = std::string(bad);
        ExpectInvalid(a, kName);
    }
}

TEST(ValidateApplicant, RejectsBadIdentityNumbers) {
    Applicant a = Person();
    for (const std::string_view bad :
         {"00119001234", "0011900123456", "00119001234a", "001 90012345"}) {
        a.id_number = std::string(bad);
        ExpectInvalid(a, "số định danh cá nhân phải gồm đúng 12 chữ số");
    }
    a.kind = ApplicantKind::kOrganisation;
    for (const std::string_view bad : {"010123456", "01012345678", "0101234567001", "0101234567-01",
                                       "0101234567_001", "abcdefghij"}) {
        a.id_number = std::string(bad);
        ExpectInvalid(a,
                      "mã số doanh nghiệp (mã số thuế) phải có 10 chữ số hoặc dạng 0123456789-001");
    }
}

TEST(ValidateApplicant, RejectsBadContacts) {
    Applicant a = Person();
    for (const std::string_view bad :
         {"0912", "09123456789012345", "0912-345-678", "+", "++84912345678"}) {
        a.phone = std::string(bad);
        ExpectInvalid(a, "số điện thoại phải gồm 8–15 chữ số");
    }
    a = Person();
    for (const std::string_view bad : {"binh", "@example.vn", "binh@example", "binh @example.vn"}) {
        a.email = std::string(bad);
        ExpectInvalid(a, "địa chỉ thư điện tử không hợp lệ");
    }
    a = Person();
    a.address = "Thôn \xFF";
    ExpectInvalid(a, "địa chỉ, chủ hồ sơ: tối đa 500 ký tự UTF-8");
    a = Person();
    a.owner_name = std::string(501, 'a');
    ExpectInvalid(a, "địa chỉ, chủ hồ sơ: tối đa 500 ký tự UTF-8");
}

TEST(DossierState, NamesRoundTripAndTerminalStates) {
    int terminal = 0;
    for (int i = 0; i < 12; ++i) {
        const auto state = static_cast<DossierState>(i);
        const auto parsed = ParseDossierState(DossierStateName(state));
        ASSERT_TRUE(parsed.ok()) << i;
        EXPECT_EQ(*parsed, state);
        EXPECT_FALSE(DossierStateLabel(state).empty());
        terminal += IsTerminal(state) ? 1 : 0;
    }
    EXPECT_EQ(terminal, 4);
    EXPECT_TRUE(IsTerminal(DossierState::kReturned));
    EXPECT_TRUE(IsTerminal(DossierState::kRefused));
    EXPECT_TRUE(IsTerminal(DossierState::kStopped));
    EXPECT_TRUE(IsTerminal(DossierState::kWithdrawn));
    EXPECT_FALSE(IsTerminal(DossierState::kResultReady));
    EXPECT_EQ(DossierStateName(DossierState::kReturnedForSupplement), "returned_for_supplement");
    EXPECT_FALSE(ParseDossierState("done").ok());
}

TEST(Channel, NamesRoundTripWithPortalCodes) {
    for (const Channel c : {Channel::kDirect, Channel::kOnline, Channel::kPostal}) {
        const auto parsed = ParseChannel(ChannelName(c));
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(*parsed, c);
    }
    EXPECT_EQ(static_cast<int>(Channel::kDirect), 1);
    EXPECT_EQ(static_cast<int>(Channel::kOnline), 2);
    EXPECT_EQ(static_cast<int>(Channel::kPostal), 3);
    EXPECT_EQ(ParseChannel("fax").error().message,
              "kênh nộp hồ sơ không hợp lệ: \"fax\" (direct, online, postal)");
}

TEST(Timing, Names) {
    EXPECT_EQ(TimingName(Timing::kOnTime), "on_time");
    EXPECT_EQ(TimingLabel(Timing::kEarly), "Trước hạn");
    EXPECT_EQ(TimingLabel(Timing::kLate), "Quá hạn");
}

}  // namespace
}  // namespace motcua::domain
