#include "domain/user.hpp"

#include <array>
#include <string>

namespace motcua::domain {

namespace {

struct RoleInfo {
    Role role;
    std::string_view name;
    std::string_view label;
    bool covers_subtree;
};

// Roles of issue #3. Scope: leaders, control officers and administrators supervise the unit's
// whole subtree; desk officers and specialists work in their own unit (user.hpp).
constexpr std::array<RoleInfo, 6> kRoles = {{
    {Role::kCitizen, "citizen", "Công dân, tổ chức", false},
    {Role::kDeskOfficer, "desk_officer", "Công chức Bộ phận Một cửa", false},
    {Role::kSpecialist, "specialist", "Công chức chuyên môn", false},
    {Role::kLeader, "leader", "Lãnh đạo đơn vị", true},
    {Role::kControlOfficer, "control_officer", "Công chức kiểm soát thủ tục hành chính", true},
    {Role::kAdmin, "admin", "Quản trị hệ thống", true},
}};

constexpr std::size_t kMinUsernameLength = 3;
constexpr std::size_t kMaxUsernameLength = 64;

const RoleInfo* FindRole(Role role) {
    for (const RoleInfo& info : kRoles) {
        if (info.role == role) {
            return &info;
        }
    }
    return nullptr;
}

bool IsUsernameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@' ||
           c == '-';
}

}  // namespace

std::string_view RoleName(Role role) {
    const RoleInfo* info = FindRole(role);
    return info != nullptr ? info->name : "unknown";
}

base::Result<Role> ParseRole(std::string_view name) {
    for (const RoleInfo& info : kRoles) {
        if (info.name == name) {
            return info.role;
        }
    }
    return base::InvalidArgument("Vai trò không hợp lệ: \"" + std::string(name) + "\"");
}

std::string_view RoleLabel(Role role) {
    const RoleInfo* info = FindRole(role);
    return info != nullptr ? info->label : "Không rõ";
}

bool RoleCoversSubtree(Role role) {
    const RoleInfo* info = FindRole(role);
    return info != nullptr && info->covers_subtree;
}

base::Status ValidateUsername(std::string_view username) {
    if (username.size() < kMinUsernameLength || username.size() > kMaxUsernameLength) {
        return base::InvalidArgument("Tên đăng nhập không hợp lệ: phải có từ 3 đến 64 ký tự");
    }
    for (const char c : username) {
        if (!IsUsernameChar(c)) {
            return base::InvalidArgument(
                "Tên đăng nhập không hợp lệ: chỉ gồm chữ thường không dấu, chữ số và các dấu "
                ". _ @ -");
        }
    }
    return {};
}

}  // namespace motcua::domain
