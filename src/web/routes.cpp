#include "web/routes.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <functional>
#include <memory>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "api/request_auth.hpp"
#include "app/auth.hpp"
#include "app/authz.hpp"
#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "calendar/civil_date.hpp"
#include "http/problem.hpp"
#include "text/unicode.hpp"
#include "web/assets.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr int kPageSize = 20;

// ---- request plumbing: ClientOf, ResolveActor, SessionCookie, CheckSameOrigin come from
// api/request_auth.hpp, shared with /api/v1.

using api::CheckSameOrigin;
using api::ClientOf;
using api::ResolveActor;
using api::SessionCookie;

// A Location value: bytes outside ASCII percent-encoded (the path itself was checked by
// IsSafeNext or built here).
std::string LocationValue(std::string_view path) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

Response Redirect(std::string_view location) {
    Response r;
    r.status = 303;
    r.content_type.clear();
    r.AddHeader("Location", LocationValue(location));
    return r;
}

// htmx asks for the results fragment; a history restore needs the whole page.
bool WantsFragment(const Request& req) {
    return req.Header("hx-request") == "true" && !req.Header("hx-history-restore-request");
}

std::optional<int> ParsePositive(std::optional<std::string_view> text) {
    if (!text) {
        return std::nullopt;
    }
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1) {
        return std::nullopt;
    }
    return value;
}

// 1234567 → "1.234.567" (Vietnamese digit grouping).
std::string GroupDigits(std::int64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const int count = static_cast<int>(digits.size());
    for (int i = 0; i < count; ++i) {
        if (i > 0 && (count - i) % 3 == 0) {
            out += '.';
        }
        out += digits[static_cast<size_t>(i)];
    }
    return out;
}

base::Result<std::chrono::sys_days> ParseDay(std::string_view text) {
    const auto ymd = calendar::ParseIsoDate(text);
    if (!ymd) {
        return base::InvalidArgument("bad date");
    }
    return std::chrono::sys_days(*ymd);
}

// ---- the site: rendering and error pages ----------------------------------------------------

class Site final {
public:
    Site(app::AppContext& ctx, const WebOptions& options)
        : ctx_(ctx), renderer_(options.template_dir) {}

    app::AppContext& Context() const { return ctx_; }

    Chrome MakeChrome(const Request& req, const app::Actor& actor, std::string title,
                      Section section) const {
        Chrome chrome;
        chrome.title = std::move(title);
        chrome.section = section;
        chrome.actor = &actor;
        chrome.current_target = req.method == Method::kGet ? req.target : req.path;
        return chrome;
    }

    Response Page(int status, std::string_view page, const Chrome& chrome, const Data& data) const {
        auto html = RenderPage(renderer_, page, chrome, data);
        if (!html) {
            spdlog::error("web: rendering {} failed: {}", page, html.error().message);
            return PlainInternalError();
        }
        Response r;
        r.status = status;
        r.content_type = std::string(kHtml);
        r.body = std::move(*html);
        return r;
    }

    Response Fragment(std::string_view name, const Data& data) const {
        auto html = renderer_.Render(name, data);
        if (!html) {
            spdlog::error("web: rendering {} failed: {}", name, html.error().message);
            return PlainInternalError();
        }
        Response r;
        r.content_type = std::string(kHtml);
        r.body = std::move(*html);
        return r;
    }

    Response ErrorPage(int status, const Request& req, const app::Actor& actor,
                       const std::string& heading, const std::string& message) const {
        Chrome chrome = MakeChrome(req, actor, heading, Section::kNone);
        Data data;
        data.set("status", std::to_string(status));
        data.set("heading", heading);
        data.set("message", OptionalText(message));
        data.set("show_sign_in", status == 403 && !actor.SignedIn());
        return Page(status, "page_error", chrome, data);
    }

    Response SignInRedirect(const Request& req) const {
        const std::string next = req.method == Method::kGet ? req.target : req.path;
        return Redirect("/dang-nhap?next=" + UrlEncode(SafeNextOrHome(next)));
    }

    // The page for a failed use case: sign-in for anonymous visitors, 403/404/500 pages, or
    // the status http/problem.hpp gives the code.
    Response ForError(const base::Error& error, const Request& req, const app::Actor& actor) const {
        switch (error.code) {
            case base::ErrorCode::kUnauthenticated:
                return SignInRedirect(req);
            case base::ErrorCode::kPermissionDenied:
                return ErrorPage(403, req, actor, "Không có quyền truy cập", error.message);
            case base::ErrorCode::kNotFound:
                return ErrorPage(404, req, actor, "Không tìm thấy trang", error.message);
            case base::ErrorCode::kInternal:
                spdlog::error("web: {} {}: {}", http::MethodName(req.method), req.path,
                              error.message);
                return InternalErrorPage(req, actor);
            default:
                return ErrorPage(http::HttpStatus(error.code), req, actor,
                                 "Yêu cầu không thực hiện được", error.message);
        }
    }

    Response InternalErrorPage(const Request& req, const app::Actor& actor) const {
        return ErrorPage(500, req, actor, "Hệ thống đang gặp sự cố",
                         "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút; "
                         "nếu lỗi còn lặp lại, hãy liên hệ bộ phận hỗ trợ.");
    }

    static Response PlainInternalError() {
        Response r;
        r.status = 500;
        r.content_type = std::string(kHtml);
        r.body =
            "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Lỗi hệ thống</title>"
            "<h1>Hệ thống đang gặp sự cố</h1><p>Vui lòng thử lại sau.</p></html>";
        return r;
    }

private:
    app::AppContext& ctx_;
    Renderer renderer_;
};

using SitePtr = std::shared_ptr<const Site>;
using PageHandler = std::function<Response(const Request&, const app::Actor&)>;
using FormHandler = std::function<Response(const Request&, const app::Actor&, const Form&)>;

// A GET page: the actor resolved (an invalid session is anonymous), exceptions → 500 page.
http::Handler GetPage(SitePtr site, PageHandler handler) {
    return [site = std::move(site), handler = std::move(handler)](const Request& req) {
        app::Actor anonymous;
        try {
            auto actor = ResolveActor(site->Context(), req);
            if (!actor) {
                return site->ForError(actor.error(), req, anonymous);
            }
            return handler(req, *actor);
        } catch (const std::exception& e) {
            spdlog::error("web: GET {} threw: {}", req.path, e.what());
            return site->InternalErrorPage(req, anonymous);
        }
    };
}

enum class Audience { kSignedIn, kAnyone };

// A form post: urlencoded body decoded, the CSRF token checked (app::CheckCsrf: cookie
// sessions must present theirs), anonymous visitors sent to sign in unless `audience` is
// kAnyone.
http::Handler PostForm(SitePtr site, FormHandler handler, Audience audience) {
    return [site = std::move(site), handler = std::move(handler),
            audience](const Request& req) -> Response {
        app::Actor anonymous;
        try {
            auto actor = ResolveActor(site->Context(), req);
            if (!actor) {
                return site->ForError(actor.error(), req, anonymous);
            }
            if (!IsFormContentType(req.Header("content-type").value_or(""))) {
                return site->ErrorPage(
                    415, req, *actor, "Biểu mẫu không hợp lệ",
                    "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.");
            }
            auto form = Form::Parse(req.body);
            if (!form) {
                return site->ErrorPage(400, req, *actor, "Biểu mẫu không hợp lệ",
                                       form.error().message);
            }
            if (audience == Audience::kSignedIn && !actor->SignedIn()) {
                return site->SignInRedirect(req);
            }
            if (const base::Status csrf = app::CheckCsrf(*actor, form->Get("_csrf")); !csrf) {
                return site->ErrorPage(403, req, *actor, "Biểu mẫu đã hết hạn",
                                       csrf.error().message);
            }
            return handler(req, *actor, *form);
        } catch (const std::exception& e) {
            spdlog::error("web: POST {} threw: {}", req.path, e.what());
            return site->InternalErrorPage(req, anonymous);
        }
    };
}

// Asks the application layer whether the actor holds `permission` somewhere (roles are never
// checked here): kUnauthenticated for anonymous visitors, kPermissionDenied otherwise.
base::Status Require(app::AppContext& ctx, const app::Actor& actor, app::Permission permission) {
    auto allowed =
        app::InReadTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            if (const base::Status s = app::Authorize(tx, actor, permission); !s) {
                return s.error();
            }
            return true;
        });
    if (!allowed) {
        return allowed.error();
    }
    return {};
}

// Adds a use case's refusal of the input to the form's messages; false when the error is not
// about the input (403, 500, …) and deserves its own page.
bool AddInputError(const base::Error& error, FormErrors& errors, std::string duplicate_field) {
    switch (error.code) {
        case base::ErrorCode::kInvalidArgument:
        case base::ErrorCode::kFailedPrecondition:
            errors.Add("", error.message);
            return true;
        case base::ErrorCode::kAlreadyExists:
            errors.Add(std::move(duplicate_field), error.message);
            return true;
        case base::ErrorCode::kAborted:
            errors.Add("",
                       "Dữ liệu vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới "
                       "nhất rồi sửa lại.");
            return true;
        default:
            return false;
    }
}

Data WithErrors(Data data, const FormErrors& errors) {
    data.set("error_summary", ErrorSummaryData(errors));
    return data;
}

// ---- catalogue ------------------------------------------------------------------------------

std::string CatalogueHref(std::string_view q, std::string_view field, std::string_view level,
                          std::string_view cursor, int from) {
    std::string href = "/thu-tuc";
    char separator = '?';
    auto add = [&](std::string_view name, std::string_view value) {
        if (value.empty()) {
            return;
        }
        href += separator;
        href += name;
        href += '=';
        href += UrlEncode(value);
        separator = '&';
    };
    add("q", q);
    add("field", field);
    add("level", level);
    add("cursor", cursor);
    if (!cursor.empty()) {
        add("tu", std::to_string(from));
    }
    return href;
}

Data ResultsData(const store::procedures::SearchPage& page, const app::CatalogueQuery& query,
                 std::string_view field, std::string_view level, int from) {
    Data data;
    DataList items;
    for (const domain::Procedure& p : page.items) {
        items.push_back(ProcedureData(p));
    }
    const bool has_items = !page.items.empty();
    const int to = from + static_cast<int>(page.items.size()) - 1;
    data.set("has_items", has_items);
    data.set("items", items);
    data.set("from", std::to_string(from));
    std::string summary;
    if (page.total == 0) {
        summary = "Không tìm thấy thủ tục nào.";
    } else {
        summary = "Tìm thấy " + GroupDigits(page.total) + " thủ tục";
        if (has_items) {
            summary += ", hiển thị " + GroupDigits(from) + "–" + GroupDigits(to);
        }
        summary += ".";
    }
    data.set("summary", summary);
    data.set("next_href", page.next_cursor ? Data(CatalogueHref(query.text, field, level,
                                                                *page.next_cursor, to + 1))
                                           : Data(false));
    data.set("first_href",
             query.cursor ? Data(CatalogueHref(query.text, field, level, "", 1)) : Data(false));
    return data;
}

Response CataloguePage(const Site& site, const Request& req, const app::Actor& actor) {
    app::CatalogueQuery query;
    query.text = std::string(req.Query("q").value_or(""));
    const std::string field(req.Query("field").value_or(""));
    const std::string level(req.Query("level").value_or(""));
    if (!field.empty()) {
        query.field = field;
    }
    if (!level.empty()) {
        query.level = level;
    }
    int from = 1;
    if (const auto cursor = req.Query("cursor"); cursor && !cursor->empty()) {
        query.cursor = std::string(*cursor);
        from = ParsePositive(req.Query("tu")).value_or(1);
    }
    query.limit = kPageSize;
    auto page = app::SearchProcedures(site.Context(), query);
    if (!page) {
        return site.ForError(page.error(), req, actor);
    }
    Data data = ResultsData(*page, query, field, level, from);
    if (WantsFragment(req)) {
        Response r = site.Fragment("frag_catalogue", data);
        r.AddHeader("Vary", "HX-Request");
        return r;
    }
    auto fields = app::ProcedureFields(site.Context());
    if (!fields) {
        return site.ForError(fields.error(), req, actor);
    }
    std::sort(fields->begin(), fields->end(), [](const auto& a, const auto& b) {
        return text::CompareVietnamese(a.first, b.first) < 0;
    });
    DataList field_options;
    for (const auto& [name, count] : *fields) {
        Data option;
        option.set("value", name);
        option.set("label", name + " (" + GroupDigits(count) + ")");
        option.set("selected", name == field);
        field_options.push_back(option);
    }
    DataList level_options;
    for (const std::string& value : FilterLevels()) {
        Data option;
        option.set("value", value);
        option.set("label", LevelLabel(value));
        option.set("selected", value == level);
        level_options.push_back(option);
    }
    data.set("q", query.text);
    data.set("field_options", field_options);
    data.set("level_options", level_options);
    Chrome chrome = site.MakeChrome(req, actor, "Thủ tục hành chính", Section::kCatalogue);
    if (!query.text.empty()) {
        chrome.title = "Tìm “" + query.text + "” – Thủ tục hành chính";
    }
    Response r = site.Page(200, "page_catalogue", chrome, data);
    r.AddHeader("Vary", "HX-Request");
    return r;
}

Response HomePage(const Site& site, const Request& req, const app::Actor& actor) {
    app::CatalogueQuery all;
    all.limit = 1;
    auto page = app::SearchProcedures(site.Context(), all);
    if (!page) {
        return site.ForError(page.error(), req, actor);
    }
    auto fields = app::ProcedureFields(site.Context());
    if (!fields) {
        return site.ForError(fields.error(), req, actor);
    }
    auto top = *fields;
    std::stable_sort(top.begin(), top.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (top.size() > 8) {
        top.resize(8);
    }
    DataList popular;
    for (const auto& [name, count] : top) {
        Data item;
        item.set("label", name);
        item.set("count", GroupDigits(count));
        item.set("href", CatalogueHref("", name, "", "", 1));
        popular.push_back(item);
    }
    Data data;
    data.set("procedure_count", GroupDigits(page->total));
    data.set("field_count", GroupDigits(static_cast<std::int64_t>(fields->size())));
    data.set("popular_fields", popular);
    return site.Page(200, "page_home", site.MakeChrome(req, actor, "", Section::kHome), data);
}

Response ProcedurePage(const Site& site, const Request& req, const app::Actor& actor) {
    auto procedure = app::GetProcedure(site.Context(), req.path_params.at("code"));
    if (!procedure) {
        return site.ForError(procedure.error(), req, actor);
    }
    Chrome chrome = site.MakeChrome(req, actor, procedure->name, Section::kCatalogue);
    chrome.print = req.Query("print") == "1";
    Data data;
    data.set("procedure", ProcedureData(*procedure));
    data.set("today", FormatDate(app::TodayInVietnam(*site.Context().clock)));
    return site.Page(200, "page_procedure", chrome, data);
}

// ---- sign-in --------------------------------------------------------------------------------

Response SignInForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                    std::string_view username, std::string_view next, const FormErrors& errors) {
    Data data;
    data.set("username", FieldData({.name = "username",
                                    .label = "Tên đăng nhập",
                                    .value = std::string(username),
                                    .autocomplete = "username",
                                    .required = true},
                                   errors));
    data.set("password", FieldData({.name = "password",
                                    .label = "Mật khẩu",
                                    .type = "password",
                                    .autocomplete = "current-password",
                                    .required = true},
                                   errors));
    data.set("next", std::string(next));
    return site.Page(status, "page_sign_in",
                     site.MakeChrome(req, actor, "Đăng nhập", Section::kSignIn),
                     WithErrors(std::move(data), errors));
}

Response SignInPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    if (const base::Status same = CheckSameOrigin(req); !same) {
        return site.ErrorPage(403, req, actor, "Không thể đăng nhập", same.error().message);
    }
    const std::string username = form.Get("username");
    const std::string password = form.Get("password");
    const std::string next = form.Get("next");
    FormErrors errors;
    if (username.empty()) {
        errors.Add("username", "Nhập tên đăng nhập.");
    }
    if (password.empty()) {
        errors.Add("password", "Nhập mật khẩu.");
    }
    if (!errors.Empty()) {
        return SignInForm(site, req, actor, 422, username, next, errors);
    }
    auto signed_in = app::SignIn(site.Context(), username, password, ClientOf(req));
    if (!signed_in) {
        const base::Error& error = signed_in.error();
        if (error.code == base::ErrorCode::kUnauthenticated ||
            error.code == base::ErrorCode::kResourceExhausted) {
            errors.Add("username", error.message);
            return SignInForm(site, req, actor,
                              error.code == base::ErrorCode::kResourceExhausted ? 429 : 401,
                              username, next, errors);
        }
        return site.ForError(error, req, actor);
    }
    Response r = Redirect(SafeNextOrHome(next));
    r.AddHeader("Set-Cookie", SessionCookie(req, signed_in->session_token,
                                            site.Context().policy.session_absolute.count()));
    return r;
}

// ---- organisation ---------------------------------------------------------------------------

Response UnitsPage(const Site& site, const Request& req, const app::Actor& actor) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const Data data = UnitTreeData(*units, app::TodayInVietnam(*site.Context().clock));
    return site.Page(200, "page_units",
                     site.MakeChrome(req, actor, "Đơn vị hành chính và cơ quan", Section::kUnits),
                     data);
}

const domain::Unit* FindUnit(const std::vector<domain::Unit>& units, std::int64_t id) {
    for (const domain::Unit& unit : units) {
        if (unit.id == id) {
            return &unit;
        }
    }
    return nullptr;
}

const domain::Unit* FindUnitByCode(const std::vector<domain::Unit>& units, std::string_view code) {
    for (const domain::Unit& unit : units) {
        if (unit.code == code) {
            return &unit;
        }
    }
    return nullptr;
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

std::vector<Option> UnitOptions(const std::vector<domain::Unit>& units, std::string first) {
    std::vector<Option> options = {{"", std::move(first)}};
    for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
        options.push_back({unit->code, unit->name + " (" + unit->code + ")"});
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

void RegisterWebRoutes(http::Router& router, app::AppContext& ctx, const WebOptions& options) {
    auto site = std::make_shared<const Site>(ctx, options);
    auto page = [&](std::string_view pattern,
                    Response (*handler)(const Site&, const Request&, const app::Actor&),
                    std::string summary, std::string auth) {
        router.Add(
            Method::kGet, pattern,
            GetPage(site,
                    [site_ref = site.get(), handler](const Request& req, const app::Actor& actor) {
                        return handler(*site_ref, req, actor);
                    }),
            {std::move(summary), std::move(auth), "", ""});
    };
    auto form =
        [&](std::string_view pattern,
            Response (*handler)(const Site&, const Request&, const app::Actor&, const Form&),
            Audience audience, std::string summary) {
            router.Add(Method::kPost, pattern,
                       PostForm(
                           site,
                           [site_ref = site.get(), handler](
                               const Request& req, const app::Actor& actor, const Form& f) {
                               return handler(*site_ref, req, actor, f);
                           },
                           audience),
                       {std::move(summary), "session+csrf", "", ""});
        };

    page("/", HomePage, "Trang chủ (HTML)", "public");
    page("/thu-tuc", CataloguePage, "Danh mục thủ tục hành chính (HTML; htmx: kết quả)", "public");
    page("/thu-tuc/{code}", ProcedurePage, "Chi tiết thủ tục; ?print=1 bản niêm yết (HTML)",
         "public");
    page(
        "/dang-nhap",
        [](const Site& s, const Request& req, const app::Actor& actor) -> Response {
            const auto next = req.Query("next");
            if (actor.SignedIn()) {
                return Redirect(SafeNextOrHome(next));
            }
            return SignInForm(s, req, actor, 200, "", IsSafeNext(next.value_or("")) ? *next : "",
                              FormErrors());
        },
        "Biểu mẫu đăng nhập (HTML)", "public");
    form("/dang-nhap", SignInPost, Audience::kAnyone, "Đăng nhập bằng biểu mẫu (HTML)");
    form(
        "/dang-xuat",
        [](const Site& s, const Request& req, const app::Actor& actor, const Form&) -> Response {
            if (const base::Status done = app::SignOut(s.Context(), actor); !done) {
                return s.ForError(done.error(), req, actor);
            }
            Response r = Redirect("/");
            r.AddHeader("Set-Cookie", SessionCookie(req, "", 0));
            return r;
        },
        Audience::kAnyone, "Đăng xuất (HTML)");
    page("/don-vi", UnitsPage, "Cây đơn vị hành chính và cơ quan (HTML)", "public");
    page(
        "/quan-tri",
        [](const Site&, const Request&, const app::Actor&) -> Response {
            return Redirect("/quan-tri/don-vi");
        },
        "Trang quản trị (chuyển tới đơn vị)", "session");
    page("/quan-tri/don-vi", AdminUnitsPage, "Quản trị đơn vị (HTML)", "session");
    page("/quan-tri/don-vi/moi", NewUnitPage, "Biểu mẫu thêm đơn vị (HTML)", "session");
    form("/quan-tri/don-vi/moi", NewUnitPost, Audience::kSignedIn, "Thêm đơn vị (HTML)");
    page("/quan-tri/don-vi/{code}", EditUnitPage, "Biểu mẫu sửa đơn vị (HTML)", "session");
    form("/quan-tri/don-vi/{code}", EditUnitPost, Audience::kSignedIn, "Sửa đơn vị (HTML)");
    page("/quan-tri/nguoi-dung", UsersPage, "Người dùng trong phạm vi (HTML)", "session");
    page("/quan-tri/nguoi-dung/moi", NewUserPage, "Biểu mẫu tạo người dùng (HTML)", "session");
    form("/quan-tri/nguoi-dung/moi", NewUserPost, Audience::kSignedIn, "Tạo người dùng (HTML)");
    router.Add(Method::kGet, "/static/{name}",
               [](const Request& req) { return ServeStatic(req, req.path_params.at("name")); },
               {"Tệp CSS/JS nhúng trong chương trình (?v=<băm nội dung>)", "public", "", ""});

    if (const base::Status templates = Renderer(options.template_dir).CheckAll(); !templates) {
        spdlog::error("{}", templates.error().message);
    }
}

}  // namespace motcua::web
