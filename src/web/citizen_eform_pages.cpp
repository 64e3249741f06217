// The citizen's online submission (issue #5): /dich-vu-cong finds a procedure, /dich-vu-cong/{code}
// is the e-form generated from its required components (applicant block pre-filled from the
// profile), /cong-dan/nhap/{id} resumes a saved draft (with the upload controls of its
// components). "Lưu nháp" calls app::SaveDraft; "Nộp hồ sơ" saves and calls app::SubmitDraft
// with an idempotency key rendered into the form, so a double submit makes one dossier.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "app/catalogue.hpp"
#include "app/citizens.hpp"
#include "app/crypto.hpp"
#include "app/documents.hpp"
#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/assets.hpp"
#include "web/citizen_views.hpp"
#include "web/intake_views.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

constexpr int kServicesPageSize = 20;

// ---- /dich-vu-cong --------------------------------------------------------------------------

Response ServicesPage(const Site& site, const Request& req, const app::Actor& actor) {
    app::CatalogueQuery query;
    query.text = text::TrimAndCollapseSpaces(req.Query("q").value_or(""));
    query.limit = kServicesPageSize;
    auto page = app::SearchProcedures(site.Context(), query);
    if (!page) {
        return site.ForError(page.error(), req, actor);
    }
    DataList items;
    for (const domain::Procedure& p : page->items) {
        Data item;
        item.set("code", p.code);
        item.set("name", p.name);
        item.set("field", OptionalText(p.field));
        item.set("processing_time", ProcessingTimeText(p));
        item.set("fees", p.fees.empty() ? std::string("Chưa có thông tin") : p.fees);
        item.set("href", "/thu-tuc/" + UrlEncode(p.code));
        item.set("submit_href", "/dich-vu-cong/" + UrlEncode(p.code));
        items.push_back(item);
    }
    Data data;
    data.set("q", query.text);
    data.set("items", items);
    data.set("has_items", !page->items.empty());
    std::string summary;
    if (page->total == 0) {
        summary = "Không tìm thấy thủ tục nào.";
    } else {
        summary = "Tìm thấy " + GroupDigits(page->total) + " thủ tục";
        if (page->total > kServicesPageSize) {
            summary += ", hiển thị " + std::to_string(kServicesPageSize) +
                       " thủ tục đầu tiên; hãy gõ thêm từ khoá để thu hẹp";
        }
        summary += ".";
    }
    data.set("summary", summary);
    const bool citizen =
        actor.SignedIn() &&
        std::any_of(actor.user->roles.begin(), actor.user->roles.end(),
                    [](const domain::RoleGrant& g) { return g.role == domain::Role::kCitizen; });
    data.set("citizen_nav", citizen);
    data.set("nav_services", true);
    Chrome chrome = site.MakeChrome(req, actor, "Dịch vụ công trực tuyến", Section::kNone);
    return site.Page(200, "page_citizen_services", chrome, data);
}

// ---- the e-form -----------------------------------------------------------------------------

struct EformContext {
    domain::Procedure procedure;
    std::vector<domain::Unit> units;
};

base::Result<EformContext> LoadEformContext(const Site& site, std::string_view code) {
    auto procedure = app::GetProcedure(site.Context(), code);
    if (!procedure) {
        return std::move(procedure).error();
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return std::move(units).error();
    }
    return EformContext{std::move(*procedure), std::move(*units)};
}

Response EformPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                   const EformContext& ec, EformValues values, std::optional<std::int64_t> draft_id,
                   const FormErrors& errors, std::string flash = {}) {
    if (values.idempotency_key.empty()) {
        values.idempotency_key = app::RandomToken(18);
    }
    const domain::Procedure& p = ec.procedure;
    Data data;
    data.set("code", p.code);
    data.set("name", p.name);
    data.set("procedure_href", "/thu-tuc/" + UrlEncode(p.code));
    data.set("processing_time", ProcessingTimeText(p));
    data.set("fees", p.fees.empty() ? std::string("Chưa có thông tin") : p.fees);
    const std::string action = draft_id ? "/cong-dan/nhap/" + std::to_string(*draft_id)
                                        : "/dich-vu-cong/" + UrlEncode(p.code);
    data.set("action", action);
    data.set("is_draft", draft_id.has_value());
    data.set("delete_action", draft_id ? Data(action + "/xoa") : Data(false));
    data.set("version", std::to_string(values.version));
    data.set("idempotency_key", values.idempotency_key);
    data.set("settling", EformSettlingData(p, ec.units, values.settling_unit, errors));
    SetApplicantFields(data, "applicant_name",
                       {values.applicant_kind, values.name, values.id_number, values.phone,
                        values.email, values.address, values.owner_name},
                       /*own=*/true, errors);
    data.set("kind_error", OptionalText(errors.For("kind-person")));
    Data note = FieldData({.name = "note",
                           .label = "Ghi chú gửi Bộ phận Một cửa",
                           .value = values.note,
                           .hint = "Không bắt buộc, tối đa 2.000 ký tự."},
                          errors);
    data.set("note", note);
    std::map<std::string, std::vector<std::string>> attached;
    if (draft_id) {
        auto documents = app::ListDraftDocuments(site.Context(), actor, *draft_id);
        if (documents) {
            for (const store::documents::Document& d : *documents) {
                attached[d.component_name].push_back(d.file_name);
            }
        }
    }
    data.set("components", EformComponentRows(values.components, draft_id, attached));
    data.set("has_components", !values.components.empty());
    const StaticAsset* upload = FindStaticAsset("upload.js");
    data.set("upload_js",
             draft_id && upload != nullptr ? Data(StaticUrl("upload.js")) : Data(false));
    data.set("citizen_nav", true);
    data.set("nav_services", true);
    Chrome chrome = site.MakeChrome(req, actor, "Nộp hồ sơ trực tuyến: " + p.name, Section::kNone);
    chrome.flash = std::move(flash);
    Response r = site.Page(status, "page_eform", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response EformNewPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto profile = app::MyProfile(site.Context(), actor);
    if (!profile) {
        return site.ForError(profile.error(), req, actor);
    }
    auto ec = LoadEformContext(site, req.path_params.at("procedure"));
    if (!ec) {
        return site.ForError(ec.error(), req, actor);
    }
    EformValues values = EformValuesFromProfile(*profile, ec->procedure);
    values.settling_unit = EformDefaultSettlingUnit(ec->procedure, ec->units);
    return EformPage(site, req, actor, 200, *ec, std::move(values), std::nullopt, FormErrors());
}

// Adds a refusal of SaveDraft / SubmitDraft to the form's messages; false when it deserves its
// own page (403, 500).
bool AddEformError(const base::Error& error, FormErrors& errors) {
    switch (error.code) {
        case base::ErrorCode::kInvalidArgument:
            errors.Add(ApplicantFieldFor(error.message), Sentence(error.message));
            return true;
        case base::ErrorCode::kNotFound:
        case base::ErrorCode::kResourceExhausted:
            errors.Add("", Sentence(error.message));
            return true;
        default:
            return AddInputError(error, errors, "");
    }
}

std::string DossierHref(const domain::Dossier& dossier) {
    return "/cong-dan/ho-so/" + UrlEncode(dossier.code);
}

// Saves the posted e-form (a new draft when `draft_id` is empty) and, for op=submit, submits it.
Response EformSave(const Site& site, const Request& req, const app::Actor& actor, const Form& form,
                   const EformContext& ec, std::optional<std::int64_t> draft_id) {
    EformValues values = EformValuesFromForm(form, ec.procedure);
    const bool submit = form.Get("op") == "submit";
    FormErrors errors;
    auto input = EformDraftInput(values, ec.procedure, ec.units, errors);
    if (!input) {
        return EformPage(site, req, actor, 422, ec, std::move(values), draft_id, errors);
    }
    input->id = draft_id;
    auto saved = app::SaveDraft(site.Context(), actor, *input);
    if (!saved) {
        const base::Error& error = saved.error();
        if (error.code == base::ErrorCode::kAborted && draft_id) {
            // Changed elsewhere meanwhile: show the draft as it is now.
            auto current = app::GetDraft(site.Context(), actor, *draft_id);
            if (!current) {
                return site.ForError(current.error(), req, actor);
            }
            FormErrors conflict;
            conflict.Add("",
                         "Bản nháp vừa được thay đổi ở nơi khác (có thể trong một cửa sổ khác). "
                         "Dưới đây là bản mới nhất; hãy nhập lại thay đổi của bạn rồi lưu.");
            return EformPage(site, req, actor, 409, ec,
                             EformValuesFromDraft(*current, ec.procedure, ec.units), draft_id,
                             conflict);
        }
        if (!AddEformError(error, errors)) {
            return site.ForError(error, req, actor);
        }
        return EformPage(site, req, actor, 422, ec, std::move(values), draft_id, errors);
    }
    if (!submit) {
        return Redirect("/cong-dan/nhap/" + std::to_string(saved->id) + "?luu=1");
    }
    auto submitted =
        app::SubmitDraft(site.Context(), actor, saved->id, std::move(values.idempotency_key));
    if (!submitted) {
        // The draft is saved: show it (with its upload controls) and what stopped the submission.
        values.version = saved->version;
        values.idempotency_key.clear();
        if (!AddEformError(submitted.error(), errors)) {
            return site.ForError(submitted.error(), req, actor);
        }
        return EformPage(site, req, actor, 422, ec, std::move(values), saved->id, errors);
    }
    if (!submitted->created && !draft_id) {
        // A second click on a new e-form: the first one made the dossier; drop this copy.
        auto again = app::GetDraft(site.Context(), actor, saved->id);
        if (again && !again->submitted_dossier_id) {
            (void)app::DeleteDraft(site.Context(), actor, saved->id);
        }
    }
    return Redirect(DossierHref(submitted->dossier) + "?nop=1");
}

Response EformNewPost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    auto ec = LoadEformContext(site, req.path_params.at("procedure"));
    if (!ec) {
        return site.ForError(ec.error(), req, actor);
    }
    return EformSave(site, req, actor, form, *ec, std::nullopt);
}

// ---- drafts ---------------------------------------------------------------------------------

// The caller's draft `{id}` (kNotFound for someone else's or a malformed id).
base::Result<store::citizens::Draft> DraftOf(const Site& site, const Request& req,
                                             const app::Actor& actor) {
    const auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return base::NotFound("không có bản nháp này");
    }
    return app::GetDraft(site.Context(), actor, *id);
}

// The dossier a submitted draft became, as a redirect.
Response ToSubmittedDossier(const Site& site, const Request& req, const app::Actor& actor,
                            std::int64_t dossier_id) {
    auto view = app::GetDossier(site.Context(), actor, dossier_id);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    return Redirect(DossierHref(view->dossier));
}

Response DraftPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto draft = DraftOf(site, req, actor);
    if (!draft) {
        return site.ForError(draft.error(), req, actor);
    }
    if (draft->submitted_dossier_id) {
        return ToSubmittedDossier(site, req, actor, *draft->submitted_dossier_id);
    }
    auto ec = LoadEformContext(site, draft->procedure_code);
    if (!ec) {
        return site.ForError(ec.error(), req, actor);
    }
    return EformPage(site, req, actor, 200, *ec,
                     EformValuesFromDraft(*draft, ec->procedure, ec->units), draft->id,
                     FormErrors(),
                     req.Query("luu") == "1" ? "Đã lưu bản nháp. Bạn có thể đính kèm giấy tờ, "
                                               "sửa tiếp hoặc nộp hồ sơ."
                                             : "");
}

Response DraftPost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    auto draft = DraftOf(site, req, actor);
    if (!draft) {
        return site.ForError(draft.error(), req, actor);
    }
    if (draft->submitted_dossier_id) {
        // Already submitted (a second click, another tab): the dossier it became.
        return ToSubmittedDossier(site, req, actor, *draft->submitted_dossier_id);
    }
    auto ec = LoadEformContext(site, draft->procedure_code);
    if (!ec) {
        return site.ForError(ec.error(), req, actor);
    }
    return EformSave(site, req, actor, form, *ec, draft->id);
}

Response DraftDeletePost(const Site& site, const Request& req, const app::Actor& actor,
                         const Form&) {
    auto draft = DraftOf(site, req, actor);
    if (!draft) {
        return site.ForError(draft.error(), req, actor);
    }
    if (const base::Status done = app::DeleteDraft(site.Context(), actor, draft->id); !done) {
        return site.ForError(done.error(), req, actor);
    }
    return Redirect("/cong-dan?xoa-nhap=1");
}

}  // namespace

void RegisterCitizenEformPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/dich-vu-cong", ServicesPage,
            "Dịch vụ công trực tuyến: tìm thủ tục để nộp hồ sơ (q) (HTML)", "public");
    AddPage(router, site, "/dich-vu-cong/{procedure}", EformNewPage,
            "Tờ khai điện tử của thủ tục (công dân) (HTML)", "session");
    AddForm(router, site, "/dich-vu-cong/{procedure}", EformNewPost, Audience::kSignedIn,
            "Lưu nháp hoặc nộp hồ sơ trực tuyến (op=save|submit) (HTML)");
    AddPage(router, site, "/cong-dan/nhap/{id}", DraftPage,
            "Bản nháp hồ sơ trực tuyến của công dân (HTML)", "session");
    AddForm(router, site, "/cong-dan/nhap/{id}", DraftPost, Audience::kSignedIn,
            "Lưu hoặc nộp bản nháp (op=save|submit; version) (HTML)");
    AddForm(router, site, "/cong-dan/nhap/{id}/xoa", DraftDeletePost, Audience::kSignedIn,
            "Xóa bản nháp (HTML)");
}

}  // namespace motcua::web
