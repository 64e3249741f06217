// Administration pages (issue #3): units (users: admin_user_pages.cpp).
#include <algorithm>
#include <array>
#include <charconv>

#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "calendar/civil_date.hpp"
#include "text/unicode.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

base::Result<std::chrono::sys_days> ParseDay(std::string_view text) {
    const auto ymd = calendar::ParseIsoDate(text);
    if (!ymd) {
        return base::InvalidArgument("bad date");
    }
    return std::chrono::sys_days(*ymd);
}

std::vector<Option> UnitTypeOptions() {
    std::vector<Option> options = {{"", "— Chọn loại đơn vị —"}};
    for (const domain::UnitType type :
         {domain::UnitType::kProvince, domain::UnitType::kServiceCentre, domain::UnitType::kAgency,
          domain::UnitType::kCommune, domain::UnitType::kDistrict,
          domain::UnitType::kOneStopDesk}) {
        options.push_back(
            {std::string(domain::UnitTypeName(type)), std::string(domain::UnitTypeLabel(type))});
    }
    return options;
}

Response AdminUnitsPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (const base::Status allowed = Require(site.Context(), actor, app::Permission::kManageUnits);
        !allowed) {
        return site.ForError(allowed.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    Chrome chrome = site.MakeChrome(req, actor, "Quản trị đơn vị", Section::kAdmin);
    if (const auto added = req.Query("them")) {
        if (const domain::Unit* unit = FindUnitByCode(*units, *added)) {
            chrome.flash = "Đã thêm đơn vị “" + unit->name + "” (mã " + unit->code + ").";
        }
    } else if (const auto saved = req.Query("sua")) {
        if (const domain::Unit* unit = FindUnitByCode(*units, *saved)) {
            chrome.flash = "Đã lưu đơn vị “" + unit->name + "” (mã " + unit->code + ").";
        }
    }
    DataList rows;
    for (const domain::Unit* unit : UnitsInTreeOrder(*units)) {
        Data row;
        row.set("code", unit->code);
        row.set("name", unit->name);
        row.set("type_label", std::string(domain::UnitTypeLabel(unit->type)));
        const domain::Unit* parent = unit->parent_id ? FindUnit(*units, *unit->parent_id) : nullptr;
        row.set("parent", OptionalText(parent != nullptr ? parent->name : std::string()));
        row.set("edit_href", "/quan-tri/don-vi/" + UrlEncode(unit->code));
        rows.push_back(row);
    }
    Data data;
    data.set("units", rows);
    data.set("unit_count", GroupDigits(static_cast<std::int64_t>(units->size())));
    data.set("admin_units", true);
    return site.Page(200, "page_admin_units", chrome, data);
}

struct UnitFormValues {
    std::string code;
    std::string name;
    std::string type;
    std::string parent;
    std::string valid_from;
    std::string valid_to;
    std::string version;
};

Response UnitForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::vector<domain::Unit>& units, const UnitFormValues& values,
                  bool editing, std::string_view original_code, const FormErrors& errors) {
    Data data;
    data.set("editing", editing);
    data.set("heading", editing ? "Sửa đơn vị" : "Thêm đơn vị");
    data.set("action", editing ? "/quan-tri/don-vi/" + UrlEncode(original_code)
                               : std::string("/quan-tri/don-vi/moi"));
    data.set("version", values.version);
    data.set("code", FieldData({.name = "code",
                                .label = "Mã định danh",
                                .value = values.code,
                                .hint = "Từ 1 đến 32 ký tự: chữ, số, dấu chấm, gạch dưới, gạch "
                                        "ngang. Ví dụ: 46.SOTP",
                                .required = true},
                               errors));
    data.set("name", FieldData({.name = "name",
                                .label = "Tên đơn vị",
                                .value = values.name,
                                .hint = "Ví dụ: Sở Tư pháp",
                                .required = true},
                               errors));
    data.set(
        "type",
        SelectData({.name = "type", .label = "Loại đơn vị", .value = values.type, .required = true},
                   UnitTypeOptions(), errors));
    data.set("parent",
             editing ? Data(false)
                     : SelectData({.name = "parent",
                                   .label = "Đơn vị cấp trên",
                                   .value = values.parent,
                                   .hint = "Bỏ trống chỉ khi thêm một tỉnh, thành phố."},
                                  UnitOptions(units, "— Không có (tỉnh, thành phố) —"), errors));
    data.set("valid_from", FieldData({.name = "valid_from",
                                      .label = "Có hiệu lực từ ngày",
                                      .type = "date",
                                      .value = values.valid_from,
                                      .required = true},
                                     errors));
    data.set("valid_to", editing ? FieldData({.name = "valid_to",
                                              .label = "Hết hiệu lực sau ngày",
                                              .type = "date",
                                              .value = values.valid_to,
                                              .hint = "Bỏ trống nếu đơn vị còn hoạt động."},
                                             errors)
                                 : Data(false));
    data.set("admin_units", true);
    const std::string title = editing ? "Sửa đơn vị" : "Thêm đơn vị";
    return site.Page(status, "page_admin_unit_form",
                     site.MakeChrome(req, actor, title, Section::kAdmin),
                     WithErrors(std::move(data), errors));
}

UnitFormValues UnitValuesFromForm(const Form& form) {
    return {.code = text::TrimAndCollapseSpaces(form.Get("code")),
            .name = text::TrimAndCollapseSpaces(form.Get("name")),
            .type = form.Get("type"),
            .parent = form.Get("parent"),
            .valid_from = form.Get("valid_from"),
            .valid_to = form.Get("valid_to"),
            .version = form.Get("version")};
}

// Checks what the form itself can tell (required fields, formats) and fills `unit`.
void ValidateUnitForm(const UnitFormValues& values, const std::vector<domain::Unit>& units,
                      bool editing, domain::Unit& unit, FormErrors& errors) {
    if (values.code.empty()) {
        errors.Add("code", "Nhập mã định danh của đơn vị.");
    }
    unit.code = values.code;
    if (values.name.empty()) {
        errors.Add("name", "Nhập tên đơn vị.");
    }
    unit.name = values.name;
    if (auto type = domain::ParseUnitType(values.type)) {
        unit.type = *type;
    } else {
        errors.Add("type", "Chọn loại đơn vị.");
    }
    if (!editing) {
        if (!values.parent.empty()) {
            const domain::Unit* parent = FindUnitByCode(units, values.parent);
            if (parent == nullptr) {
                errors.Add("parent", "Đơn vị cấp trên không tồn tại.");
            } else {
                unit.parent_id = parent->id;
            }
        } else if (unit.type != domain::UnitType::kProvince && !values.type.empty()) {
            errors.Add("parent", "Chọn đơn vị cấp trên.");
        }
    }
    if (values.valid_from.empty()) {
        errors.Add("valid_from", "Nhập ngày đơn vị bắt đầu có hiệu lực.");
    } else if (auto day = ParseDay(values.valid_from)) {
        unit.valid_from = *day;
    } else {
        errors.Add("valid_from", "Ngày có hiệu lực không hợp lệ.");
    }
    if (!values.valid_to.empty()) {
        if (auto day = ParseDay(values.valid_to)) {
            unit.valid_to = *day;
        } else {
            errors.Add("valid_to", "Ngày hết hiệu lực không hợp lệ.");
        }
    }
}

Response NewUnitPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (const base::Status allowed = Require(site.Context(), actor, app::Permission::kManageUnits);
        !allowed) {
        return site.ForError(allowed.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    UnitFormValues values;
    values.valid_from = calendar::FormatIsoDate(app::TodayInVietnam(*site.Context().clock));
    if (const auto parent = req.Query("cha")) {
        values.parent = std::string(*parent);
    }
    return UnitForm(site, req, actor, 200, *units, values, false, "", FormErrors());
}

Response NewUnitPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const UnitFormValues values = UnitValuesFromForm(form);
    FormErrors errors;
    domain::Unit unit;
    ValidateUnitForm(values, *units, false, unit, errors);
    if (errors.Empty()) {
        auto created = app::CreateUnit(site.Context(), actor, unit);
        if (created) {
            return Redirect("/quan-tri/don-vi?them=" + UrlEncode(created->code));
        }
        if (!AddInputError(created.error(), errors, "code")) {
            return site.ForError(created.error(), req, actor);
        }
    }
    return UnitForm(site, req, actor, 422, *units, values, false, "", errors);
}

Response EditUnitPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (const base::Status allowed = Require(site.Context(), actor, app::Permission::kManageUnits);
        !allowed) {
        return site.ForError(allowed.error(), req, actor);
    }
    const std::string& code = req.path_params.at("code");
    auto unit = app::GetUnitByCode(site.Context(), code);
    if (!unit) {
        return site.ForError(unit.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const UnitFormValues values = {
        .code = unit->code,
        .name = unit->name,
        .type = std::string(domain::UnitTypeName(unit->type)),
        .parent = "",
        .valid_from = calendar::FormatIsoDate(unit->valid_from),
        .valid_to = unit->valid_to ? calendar::FormatIsoDate(*unit->valid_to) : std::string(),
        .version = std::to_string(unit->version)};
    return UnitForm(site, req, actor, 200, *units, values, true, code, FormErrors());
}

Response EditUnitPost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    const std::string& code = req.path_params.at("code");
    auto existing = app::GetUnitByCode(site.Context(), code);
    if (!existing) {
        return site.ForError(existing.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const UnitFormValues values = UnitValuesFromForm(form);
    FormErrors errors;
    domain::Unit unit = *existing;
    unit.valid_to.reset();
    ValidateUnitForm(values, *units, true, unit, errors);
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(values.version.data(),
                                           values.version.data() + values.version.size(), version);
    if (ec != std::errc() || end != values.version.data() + values.version.size()) {
        errors.Add("", "Biểu mẫu thiếu phiên bản của đơn vị. Hãy tải lại trang.");
    }
    unit.version = version;
    if (errors.Empty()) {
        auto updated = app::UpdateUnit(site.Context(), actor, unit);
        if (updated) {
            return Redirect("/quan-tri/don-vi?sua=" + UrlEncode(updated->code));
        }
        if (!AddInputError(updated.error(), errors, "code")) {
            return site.ForError(updated.error(), req, actor);
        }
    }
    return UnitForm(site, req, actor, 422, *units, values, true, code, errors);
}

}  // namespace

void RegisterAdminPages(http::Router& router, const SitePtr& site) {
    AddPage(
        router, site, "/quan-tri",
        [](const Site&, const Request&, const app::Actor&) -> Response {
            return Redirect("/quan-tri/don-vi");
        },
        "Trang quản trị (chuyển tới đơn vị)", "session");
    AddPage(router, site, "/quan-tri/don-vi", AdminUnitsPage, "Quản trị đơn vị (HTML)", "session");
    AddPage(router, site, "/quan-tri/don-vi/moi", NewUnitPage, "Biểu mẫu thêm đơn vị (HTML)",
            "session");
    AddForm(router, site, "/quan-tri/don-vi/moi", NewUnitPost, Audience::kSignedIn,
            "Thêm đơn vị (HTML)");
    AddPage(router, site, "/quan-tri/don-vi/{code}", EditUnitPage, "Biểu mẫu sửa đơn vị (HTML)",
            "session");
    AddForm(router, site, "/quan-tri/don-vi/{code}", EditUnitPost, Audience::kSignedIn,
            "Sửa đơn vị (HTML)");
    RegisterAdminUserPages(router, site);
}

}  // namespace motcua::web
