// Administration pages (issue #3): users in the actor's scope, and creating one.
#include <algorithm>
#include <array>

#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

// ---- users ----------------------------------------------------------------------------------

constexpr std::array<domain::Role, 6> kRoles = {
    domain::Role::kAdmin,       domain::Role::kLeader,     domain::Role::kControlOfficer,
    domain::Role::kDeskOfficer, domain::Role::kSpecialist, domain::Role::kCitizen};

Response UsersPage(const Site& site, const Request& req, const app::Actor& actor) {
    auto users = app::ListUsers(site.Context(), actor);
    if (!users) {
        return site.ForError(users.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    Chrome chrome = site.MakeChrome(req, actor, "Quản trị người dùng", Section::kAdmin);
    if (const auto added = req.Query("them")) {
        for (const domain::User& user : *users) {
            if (user.username == *added) {
                chrome.flash =
                    "Đã tạo tài khoản “" + user.username + "” cho " + user.display_name + ".";
            }
        }
    }
    std::vector<const domain::User*> sorted;
    for (const domain::User& user : *users) {
        sorted.push_back(&user);
    }
    std::sort(sorted.begin(), sorted.end(), [](const domain::User* a, const domain::User* b) {
        return a->username < b->username;
    });
    DataList rows;
    for (const domain::User* user : sorted) {
        Data row;
        row.set("username", user->username);
        row.set("display_name", user->display_name);
        DataList roles;
        for (const domain::RoleGrant& grant : user->roles) {
            Data role;
            role.set("text", RoleGrantText(grant, *units));
            roles.push_back(role);
        }
        row.set("roles", roles);
        row.set("status", user->active ? "Đang hoạt động" : "Đã khoá");
        row.set("email", OptionalText(user->email));
        rows.push_back(row);
    }
    Data data;
    data.set("users", rows);
    data.set("user_count", GroupDigits(static_cast<std::int64_t>(users->size())));
    data.set("admin_users", true);
    return site.Page(200, "page_admin_users", chrome, data);
}

struct UserFormValues {
    std::string username;
    std::string display_name;
    std::string email;
    std::string phone;
    std::string role;
    std::string unit;
};

Response UserForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::vector<domain::Unit>& units, const UserFormValues& values,
                  const FormErrors& errors) {
    std::vector<Option> roles = {{"", "— Chọn vai trò —"}};
    for (const domain::Role role : kRoles) {
        roles.push_back(
            {std::string(domain::RoleName(role)), std::string(domain::RoleLabel(role))});
    }
    Data data;
    data.set("username", FieldData({.name = "username",
                                    .label = "Tên đăng nhập",
                                    .value = values.username,
                                    .hint = "Từ 3 đến 64 ký tự thường: a–z, 0–9, dấu chấm, gạch "
                                            "dưới, @ hoặc gạch ngang.",
                                    .autocomplete = "off",
                                    .required = true},
                                   errors));
    data.set("display_name", FieldData({.name = "display_name",
                                        .label = "Họ và tên",
                                        .value = values.display_name,
                                        .autocomplete = "off",
                                        .required = true},
                                       errors));
    data.set("email", FieldData({.name = "email",
                                 .label = "Thư điện tử",
                                 .type = "email",
                                 .value = values.email,
                                 .autocomplete = "off"},
                                errors));
    data.set("phone", FieldData({.name = "phone",
                                 .label = "Số điện thoại",
                                 .type = "tel",
                                 .value = values.phone,
                                 .autocomplete = "off"},
                                errors));
    data.set("password", FieldData({.name = "password",
                                    .label = "Mật khẩu ban đầu",
                                    .type = "password",
                                    .hint = "Từ 10 đến 128 ký tự, không chỉ gồm một loại ký tự "
                                            "(ví dụ có cả chữ và số).",
                                    .autocomplete = "new-password",
                                    .required = true},
                                   errors));
    data.set(
        "role",
        SelectData({.name = "role", .label = "Vai trò", .value = values.role, .required = true},
                   roles, errors));
    data.set("unit", SelectData({.name = "unit",
                                 .label = "Đơn vị",
                                 .value = values.unit,
                                 .hint = "Bỏ trống với vai trò công dân, tổ chức."},
                                UnitOptions(units, "— Không gắn đơn vị —"), errors));
    data.set("admin_users", true);
    return site.Page(status, "page_admin_user_form",
                     site.MakeChrome(req, actor, "Tạo người dùng", Section::kAdmin),
                     WithErrors(std::move(data), errors));
}

Response NewUserPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (const base::Status allowed = Require(site.Context(), actor, app::Permission::kManageUsers);
        !allowed) {
        return site.ForError(allowed.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    return UserForm(site, req, actor, 200, *units, UserFormValues(), FormErrors());
}

Response NewUserPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const UserFormValues values = {
        .username = text::TrimAndCollapseSpaces(form.Get("username")),
        .display_name = text::TrimAndCollapseSpaces(form.Get("display_name")),
        .email = text::TrimAndCollapseSpaces(form.Get("email")),
        .phone = text::TrimAndCollapseSpaces(form.Get("phone")),
        .role = form.Get("role"),
        .unit = form.Get("unit")};
    const std::string password = form.Get("password");
    FormErrors errors;
    app::NewUser input;
    if (values.username.empty()) {
        errors.Add("username", "Nhập tên đăng nhập.");
    }
    if (values.display_name.empty()) {
        errors.Add("display_name", "Nhập họ và tên.");
    }
    if (password.empty()) {
        errors.Add("password", "Nhập mật khẩu ban đầu.");
    }
    domain::RoleGrant grant;
    if (auto role = domain::ParseRole(values.role)) {
        grant.role = *role;
    } else {
        errors.Add("role", "Chọn vai trò.");
    }
    if (!values.unit.empty()) {
        if (const domain::Unit* unit = FindUnitByCode(*units, values.unit)) {
            grant.unit_id = unit->id;
        } else {
            errors.Add("unit", "Đơn vị không tồn tại.");
        }
    } else if (!values.role.empty() && grant.role != domain::Role::kCitizen) {
        errors.Add("unit", "Chọn đơn vị của vai trò.");
    }
    if (errors.Empty()) {
        input.username = values.username;
        input.display_name = values.display_name;
        input.email = values.email;
        input.phone = values.phone;
        input.password = password;
        input.roles.push_back(grant);
        auto created = app::CreateUser(site.Context(), actor, input);
        if (created) {
            return Redirect("/quan-tri/nguoi-dung?them=" + UrlEncode(created->username));
        }
        if (!AddInputError(created.error(), errors, "username")) {
            return site.ForError(created.error(), req, actor);
        }
    }
    return UserForm(site, req, actor, 422, *units, values, errors);
}

}  // namespace

void RegisterAdminUserPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/quan-tri/nguoi-dung", UsersPage, "Người dùng trong phạm vi (HTML)",
            "session");
    AddPage(router, site, "/quan-tri/nguoi-dung/moi", NewUserPage, "Biểu mẫu tạo người dùng (HTML)",
            "session");
    AddForm(router, site, "/quan-tri/nguoi-dung/moi", NewUserPost, Audience::kSignedIn,
            "Tạo người dùng (HTML)");
}

}  // namespace motcua::web
