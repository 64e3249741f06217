// The desk's intake page (issue #4): /ho-so/tiep-nhan receives a walk-in or postal dossier.
// The procedure is picked by search (htmx type-ahead over the catalogue; a plain GET form
// without JavaScript), which loads its components as a ticked checklist; the post calls
// app::ReceiveDossier with an idempotency key generated per render, so a double submit makes one
// dossier.
#include "app/catalogue.hpp"
#include "app/crypto.hpp"
#include "app/dossiers.hpp"
#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/intake_views.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

constexpr int kSuggestions = 8;

// The suggestions under the search box: {searched, has_suggestions, suggestions [{code, name,
// href}], summary}.
base::Result<Data> SuggestionsData(const Site& site, const std::string& q) {
    Data data;
    data.set("searched", !q.empty());
    DataList list;
    std::string summary;
    if (!q.empty()) {
        app::CatalogueQuery query;
        query.text = q;
        query.limit = kSuggestions;
        auto page = app::SearchProcedures(site.Context(), query);
        if (!page) {
            return std::move(page).error();
        }
        for (const domain::Procedure& p : page->items) {
            Data item;
            item.set("code", p.code);
            item.set("name", p.name);
            item.set("href", "/ho-so/tiep-nhan?thu-tuc=" + UrlEncode(p.code));
            list.push_back(item);
        }
        summary =
            page->total == 0
                ? std::string("Không tìm thấy thủ tục nào.")
                : "Tìm thấy " + GroupDigits(page->total) + " thủ tục" +
                      (page->total > kSuggestions
                           ? ", hiển thị " + std::to_string(kSuggestions) + " thủ tục đầu tiên."
                           : std::string("."));
    }
    data.set("has_suggestions", !list.empty());
    data.set("suggestions", list);
    data.set("summary", OptionalText(summary));
    return data;
}

// The chosen procedure's part of the form (part_intake_procedure).
Data ProcedureData(const domain::Procedure& p, const std::vector<domain::Unit>& units,
                   const IntakeValues& values, const FormErrors& errors) {
    Data data;
    data.set("code", p.code);
    data.set("name", p.name);
    data.set("href", "/thu-tuc/" + UrlEncode(p.code));
    data.set("processing_time", ProcessingTimeText(p));
    data.set("fees", p.fees.empty() ? std::string("Chưa có thông tin") : p.fees);
    data.set("settling", SettlingSelectData(units, values.settling_unit, errors));
    data.set("components", ComponentRowsData(values.components));
    data.set("has_components", !values.components.empty());
    data.set("component_count", std::to_string(values.components.size()));
    data.set("oob_clear", false);
    return data;
}

Response IntakeForm(const Site& site, const Request& req, const app::Actor& actor, int status,
                    IntakeValues values, const std::string& q, const FormErrors& errors) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const std::vector<Option> desks = ReceivingDeskOptions(actor.user->roles, *units);
    if (values.receiving_unit.empty() && !desks.empty()) {
        values.receiving_unit = desks.front().value;
    }
    if (values.idempotency_key.empty()) {
        values.idempotency_key = app::RandomToken(18);
    }
    Data data;
    auto suggestions = SuggestionsData(site, q);
    if (!suggestions) {
        return site.ForError(suggestions.error(), req, actor);
    }
    data.set("search", *suggestions);
    data.set("q", q);
    data.set("search_error", OptionalText(errors.For("tim")));
    Data procedure(false);
    if (!values.procedure_code.empty()) {
        auto p = app::GetProcedure(site.Context(), values.procedure_code);
        if (p) {
            procedure = ProcedureData(*p, *units, values, errors);
        } else if (p.error().code != base::ErrorCode::kNotFound) {
            return site.ForError(p.error(), req, actor);
        }
    }
    data.set("procedure", procedure);
    data.set("can_receive", !desks.empty());
    data.set("receiving", desks.size() > 1 ? SelectData({.name = "receiving_unit",
                                                         .label = "Bộ phận tiếp nhận",
                                                         .value = values.receiving_unit,
                                                         .required = true},
                                                        desks, errors)
                                           : Data(false));
    data.set("receiving_code", values.receiving_unit);
    data.set("receiving_name", desks.size() == 1 ? Data(desks.front().label) : Data(false));
    DataList channels;
    channels.push_back(Choice("channel-direct", "direct", "Trực tiếp tại bộ phận một cửa",
                              values.channel != "postal"));
    channels.push_back(Choice("channel-postal", "postal", "Qua dịch vụ bưu chính công ích",
                              values.channel == "postal"));
    data.set("channels", channels);
    SetApplicantFields(data, "name",
                       {values.applicant_kind, values.name, values.id_number, values.phone,
                        values.email, values.address, values.owner_name},
                       /*own=*/false, errors);
    DataList outcomes;
    outcomes.push_back(Choice(
        "completeness-complete", "complete", "Đủ: tiếp nhận, lập giấy tiếp nhận và hẹn trả kết quả",
        values.completeness != "incomplete" && values.completeness != "refuse"));
    outcomes.push_back(Choice("completeness-incomplete", "incomplete",
                              "Thiếu: lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (các thành phần "
                              "chưa đánh dấu được liệt kê tự động)",
                              values.completeness == "incomplete"));
    outcomes.push_back(Choice("completeness-refuse", "refuse",
                              "Không đủ điều kiện: lập phiếu từ chối tiếp nhận",
                              values.completeness == "refuse"));
    data.set("outcomes", outcomes);
    data.set("outcome_error", OptionalText(errors.For("completeness-complete")));
    data.set("channel_error", OptionalText(errors.For("channel-direct")));
    Data reason = FieldData({.name = "reason",
                             .label = "Lý do, nội dung cần bổ sung",
                             .value = values.reason,
                             .hint = "Bắt buộc khi từ chối; khi yêu cầu bổ sung, ghi thêm nội dung "
                                     "cần hoàn thiện nếu có."},
                            errors);
    data.set("reason", reason);
    data.set("idempotency_key", values.idempotency_key);
    Chrome chrome = site.MakeChrome(req, actor, "Tiếp nhận hồ sơ", Section::kIntake);
    Response r = site.Page(status, "page_intake", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Vary", "HX-Request");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response IntakePage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    if (const base::Status staff = Require(site.Context(), actor, app::Permission::kStaff);
        !staff) {
        return site.ForError(staff.error(), req, actor);
    }
    const std::string q = text::TrimAndCollapseSpaces(req.Query("tim").value_or(""));
    const std::string code(req.Query("thu-tuc").value_or(""));
    if (WantsFragment(req)) {
        Response r;
        if (!code.empty()) {
            auto p = app::GetProcedure(site.Context(), code);
            auto units = app::ListUnits(site.Context());
            if (!p || !units) {
                return site.ForError(!p ? p.error() : units.error(), req, actor);
            }
            IntakeValues values;
            const std::vector<Option> desks = ReceivingDeskOptions(actor.user->roles, *units);
            values.settling_unit =
                DefaultSettlingUnit(*p, *units, desks.empty() ? "" : desks.front().value);
            values.components = ComponentsOf(*p);
            Data data = ProcedureData(*p, *units, values, FormErrors());
            data.set("oob_clear", true);
            r = site.Fragment("part_intake_procedure", data);
        } else {
            auto suggestions = SuggestionsData(site, q);
            if (!suggestions) {
                return site.ForError(suggestions.error(), req, actor);
            }
            r = site.Fragment("part_intake_suggestions", *suggestions);
        }
        r.AddHeader("Vary", "HX-Request");
        return r;
    }
    IntakeValues values;
    if (!code.empty()) {
        auto p = app::GetProcedure(site.Context(), code);
        if (!p) {
            return site.ForError(p.error(), req, actor);
        }
        auto units = app::ListUnits(site.Context());
        if (!units) {
            return site.ForError(units.error(), req, actor);
        }
        const std::vector<Option> desks = ReceivingDeskOptions(actor.user->roles, *units);
        values.procedure_code = p->code;
        values.settling_unit =
            DefaultSettlingUnit(*p, *units, desks.empty() ? "" : desks.front().value);
        values.components = ComponentsOf(*p);
    }
    return IntakeForm(site, req, actor, 200, std::move(values), q, FormErrors());
}

Response IntakePost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    const IntakeValues values = IntakeValuesFromForm(form);
    FormErrors errors;
    if (auto request = IntakeRequest(values, *units, errors)) {
        auto received = app::ReceiveDossier(site.Context(), actor, std::move(*request));
        if (received) {
            return Redirect("/ho-so/" + UrlEncode(received->dossier.code) + "?tiep-nhan=1");
        }
        const base::Error& error = received.error();
        if (error.code == base::ErrorCode::kNotFound) {
            errors.Add("", Sentence(error.message));
        } else if (!AddInputError(error, errors, "")) {
            return site.ForError(error, req, actor);
        }
    }
    return IntakeForm(site, req, actor, 422, values, "", errors);
}

}  // namespace

void RegisterIntakePages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/ho-so/tiep-nhan", IntakePage,
            "Tiếp nhận hồ sơ trực tiếp, bưu chính (tim, thu-tuc; htmx: gợi ý, thành phần) (HTML)",
            "session");
    AddForm(router, site, "/ho-so/tiep-nhan", IntakePost, Audience::kSignedIn,
            "Tiếp nhận hồ sơ (HTML)");
}

}  // namespace motcua::web
