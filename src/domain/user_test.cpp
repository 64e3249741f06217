#include "domain/user.hpp"

#include <array>
#include <string>

#include <gtest/gtest.h>

namespace motcua::domain {
namespace {

constexpr std::array<Role, 6> kAllRoles = {Role::kCitizen, Role::kDeskOfficer,    Role::kSpecialist,
                                           Role::kLeader,  Role::kControlOfficer, Role::kAdmin};

TEST(Role, NamesRoundTrip) {
    for (const Role role : kAllRoles) {
        const auto parsed = ParseRole(RoleName(role));
        ASSERT_TRUE(parsed.ok()) << RoleName(role);
        EXPECT_EQ(*parsed, role);
    }
    EXPECT_EQ(RoleName(Role::kDeskOfficer), "desk_officer");
    EXPECT_EQ(RoleName(Role::kControlOfficer), "control_officer");
}

TEST(Role, RejectsUnknownNames) {
    for (const std::string_view bad : {"", "Admin", "root", "desk-officer"}) {
        const auto parsed = ParseRole(bad);
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidArgument);
    }
    EXPECT_EQ(ParseRole("root").error().message, "Vai trò không hợp lệ: \"root\"");
}

TEST(Role, HasDistinctVietnameseLabels) {
    EXPECT_EQ(RoleLabel(Role::kDeskOfficer), "Công chức Bộ phận Một cửa");
    EXPECT_EQ(RoleLabel(Role::kLeader), "Lãnh đạo đơn vị");
    for (const Role a : kAllRoles) {
        for (const Role b : kAllRoles) {
            EXPECT_EQ(RoleLabel(a) == RoleLabel(b), a == b);
        }
    }
}

TEST(Role, SupervisorsCoverTheSubtree) {
    EXPECT_TRUE(RoleCoversSubtree(Role::kLeader));
    EXPECT_TRUE(RoleCoversSubtree(Role::kControlOfficer));
    EXPECT_TRUE(RoleCoversSubtree(Role::kAdmin));
    EXPECT_FALSE(RoleCoversSubtree(Role::kDeskOfficer));
    EXPECT_FALSE(RoleCoversSubtree(Role::kSpecialist));
    EXPECT_FALSE(RoleCoversSubtree(Role::kCitizen));
}

TEST(ValidateUsername, AcceptsAllowedCharacters) {
    for (const std::string_view good :
         {"abc", "nguyen.van.a", "can_bo-01", "cb@hue.gov.vn", "a1."}) {
        EXPECT_TRUE(ValidateUsername(good).ok()) << good;
    }
    EXPECT_TRUE(ValidateUsername(std::string(64, 'x')).ok());
}

TEST(ValidateUsername, RejectsBadLength) {
    for (const std::string& bad : {std::string(), std::string("ab"), std::string(65, 'x')}) {
        const base::Status status = ValidateUsername(bad);
        ASSERT_FALSE(status.ok()) << bad;
        EXPECT_EQ(status.error().code, base::ErrorCode::kInvalidArgument);
        EXPECT_EQ(status.error().message, "Tên đăng nhập không hợp lệ: phải có từ 3 đến 64 ký tự");
    }
}

TEST(ValidateUsername, RejectsUpperCaseSpacesAndDiacritics) {
    for (const std::string_view bad : {"Admin", "nguyen van", "nguyễn", "a+b", "tab\t1", "x/y"}) {
        const base::Status status = ValidateUsername(bad);
        ASSERT_FALSE(status.ok()) << bad;
        EXPECT_EQ(status.error().message,
                  "Tên đăng nhập không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và các dấu . "
                  "_ @ -");
    }
}

}  // namespace
}  // namespace motcua::domain
