#include "web/routes.hpp"

#include <algorithm>
#include <memory>

#include <spdlog/spdlog.h>

#include "api/request_auth.hpp"
#include "app/auth.hpp"
#include "app/catalogue.hpp"
#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/assets.hpp"
#include "web/facts_pages.hpp"
#include "web/forms.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr int kPageSize = 20;

using api::CheckSameOrigin;
using api::ClientOf;
using api::SessionCookie;
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
        from = static_cast<int>(ParsePositive(req.Query("tu")).value_or(1));
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
    // TTHC-control officers edit the internal process from here (the use case decides who).
    const bool edits_processes =
        actor.SignedIn() && Require(site.Context(), actor, app::Permission::kManageProcesses);
    data.set("process_href",
             edits_processes ? Data("/quy-trinh/" + UrlEncode(procedure->code)) : Data(false));
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
    if (req.Query("kich-hoat") == "1") {  // from /dang-ky/xac-thuc (citizen_pages.cpp)
        data.set("flash", std::string("Tài khoản đã được kích hoạt. Mời bạn đăng nhập."));
    }
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

}  // namespace

void RegisterWebRoutes(http::Router& router, app::AppContext& ctx, const WebOptions& options) {
    auto site = std::make_shared<const Site>(ctx, options.template_dir);
    AddPage(router, site, "/", HomePage, "Trang chủ (HTML)", "public");
    AddPage(router, site, "/thu-tuc", CataloguePage,
            "Danh mục thủ tục hành chính (HTML; htmx: kết quả)", "public");
    AddPage(router, site, "/thu-tuc/{code}", ProcedurePage,
            "Chi tiết thủ tục; ?print=1 bản niêm yết (HTML)", "public");
    AddPage(
        router, site, "/dang-nhap",
        [](const Site& s, const Request& req, const app::Actor& actor) -> Response {
            const auto next = req.Query("next");
            if (actor.SignedIn()) {
                return Redirect(SafeNextOrHome(next));
            }
            return SignInForm(s, req, actor, 200, "", IsSafeNext(next.value_or("")) ? *next : "",
                              FormErrors());
        },
        "Biểu mẫu đăng nhập (HTML)", "public");
    AddForm(router, site, "/dang-nhap", SignInPost, Audience::kAnyone,
            "Đăng nhập bằng biểu mẫu (HTML)");
    AddForm(
        router, site, "/dang-xuat",
        [](const Site& s, const Request& req, const app::Actor& actor, const Form&) -> Response {
            if (const base::Status done = app::SignOut(s.Context(), actor); !done) {
                return s.ForError(done.error(), req, actor);
            }
            Response r = Redirect("/");
            r.AddHeader("Set-Cookie", SessionCookie(req, "", 0));
            return r;
        },
        Audience::kAnyone, "Đăng xuất (HTML)");
    AddPage(router, site, "/don-vi", UnitsPage, "Cây đơn vị hành chính và cơ quan (HTML)",
            "public");
    RegisterAdminPages(router, site);
    RegisterDossierPages(router, site);
    RegisterIntakePages(router, site);
    RegisterProcessPages(router, site);
    RegisterTrackingPages(router, site);
    RegisterPaymentPages(router, site);
    RegisterRatingPages(router, site);
    RegisterCitizenPages(router, site);
    RegisterDocumentPages(router, site);
    RegisterReportPages(router, site);               // issue #6
    RegisterFactsPages(router, site);                // issue #6
    RegisterIndicatorPages(router, site);            // issue #6: QĐ 766 pages (engineer T)
    RegisterPlanTargetPages(router, site);           // issue #6: plan targets (engineer U)
    RegisterQueuePages(router, site);                // issue #9: queue tickets (engineer Q)
    RegisterFeedbackPages(router, site);             // issue #9: feedback, PAKN (engineer F)
    RegisterInspectionPages(router, site);           // issue #7: inspections (engineer W)
    RegisterPublicationDecisionPages(router, site);  // issue #8: publication decisions (D)
    RegisterControlPages(router, site);  // issue #8: impact assessment, review plans (G)
    RegisterPostingPages(router, site);  // issue #8: unit public page, posting (E)
    RegisterPlanPages(router, site);     // issue #7: TTHC-control plans (engineer P)
    router.Add(Method::kGet, "/static/{name}",
               [](const Request& req) { return ServeStatic(req, req.path_params.at("name")); },
               {"Tệp CSS/JS nhúng trong chương trình (?v=<băm nội dung>)", "public", "", ""});

    if (const base::Status templates = Renderer(options.template_dir).CheckAll(); !templates) {
        spdlog::error("{}", templates.error().message);
    }
}

}  // namespace motcua::web
