// The document pages of issue #5 (docs/citizen.md "Documents"): /ho-so/{code}/tai-lieu lists a
// dossier's components and results with their upload controls (web/static/upload.js posts the
// file to /api/v1/dossiers/{code}/documents), the desk's "Đánh dấu đã số hóa" and the citizen's
// reuse of a digitised result; /cong-dan/kho-du-lieu lists the citizen's holdings. Every
// decision about who may see or change what is app/documents.cpp's; the flags here only choose
// which controls to offer.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/catalogue.hpp"
#include "app/documents.hpp"
#include "app/dossier_forms.hpp"
#include "app/dossiers.hpp"
#include "domain/dossier.hpp"
#include "web/assets.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using domain::DossierState;
using http::Request;
using http::Response;
using store::documents::Document;
using store::documents::Role;

constexpr std::string_view kAccept = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.xml";

std::string TypeText(std::string_view media_type) {
    if (media_type == "application/pdf") {
        return "PDF";
    }
    if (media_type == "image/png") {
        return "Ảnh PNG";
    }
    if (media_type == "image/jpeg") {
        return "Ảnh JPEG";
    }
    if (media_type.find("wordprocessingml") != std::string_view::npos) {
        return "Word (DOCX)";
    }
    if (media_type.find("spreadsheetml") != std::string_view::npos) {
        return "Excel (XLSX)";
    }
    if (media_type.find("xml") != std::string_view::npos) {
        return "XML (điện tử)";
    }
    return std::string(media_type);
}

std::chrono::sys_days VietnamDay(std::chrono::sys_seconds t) {
    return std::chrono::floor<std::chrono::days>(t + std::chrono::hours{7});
}

bool AcceptsCitizenComponents(DossierState s) {
    return s == DossierState::kSubmitted || s == DossierState::kAwaitingSupplement ||
           s == DossierState::kReturnedForSupplement;
}

bool Finished(DossierState s) {
    return s == DossierState::kReturned || s == DossierState::kRefused ||
           s == DossierState::kStopped || s == DossierState::kWithdrawn;
}

bool AcceptsResults(DossierState s) {
    return s == DossierState::kApproved || s == DossierState::kResultReady ||
           s == DossierState::kReturned;
}

std::string DocumentsPath(std::string_view code) {
    return "/ho-so/" + UrlEncode(code) + "/tai-lieu";
}

std::string UploadUrl(std::string_view code, std::string_view query) {
    return "/api/v1/dossiers/" + UrlEncode(code) + "/documents?" + std::string(query);
}

Data DocumentRow(const Document& d) {
    Data row;
    row.set("id", std::to_string(d.id));
    row.set("title", d.title.empty() ? d.component_name : d.title);
    row.set("file_name", d.file_name);
    row.set("size", FileSizeText(d.size));
    row.set("type", TypeText(d.media_type));
    row.set("digitised", d.digitised);
    row.set("reused", d.reused_from.has_value());
    row.set("uploaded_at", app::FormInstant(d.created_at));
    row.set("valid_until",
            d.valid_until ? Data(FormatDate(*d.valid_until)) : Data(std::string("Không thời hạn")));
    row.set("download_href", "/api/v1/documents/" + std::to_string(d.id));
    return row;
}

// What the page offers this actor (display only: the use cases decide on every post).
struct Offer {
    bool citizen_components = false;  // the owner may upload and reuse components
    bool desk_components = false;     // a desk officer may digitise paper components
    bool results = false;             // an officer may upload results
};

Offer OfferFor(const Site& site, const app::Actor& actor, const domain::Dossier& dossier) {
    Offer offer;
    const bool owner = actor.user && dossier.citizen_user_id == actor.user->id;
    if (owner) {
        offer.citizen_components = AcceptsCitizenComponents(dossier.state);
        return offer;
    }
    app::AppContext& ctx = site.Context();
    const bool at_desk =
        static_cast<bool>(Require(ctx, actor, app::Permission::kStaff, dossier.receiving_unit_id));
    offer.desk_components = at_desk && !Finished(dossier.state);
    offer.results = AcceptsResults(dossier.state) &&
                    (at_desk || static_cast<bool>(Require(ctx, actor, app::Permission::kStaff,
                                                          dossier.settling_unit_id)));
    return offer;
}

Response RenderDocuments(const Site& site, const Request& req, const app::Actor& actor, int status,
                         const FormErrors& errors, std::string flash) {
    app::AppContext& ctx = site.Context();
    auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
    if (!id) {
        return site.ForError(id.error(), req, actor);
    }
    // First the documents: whoever may not see the dossier gets kNotFound (no existence leak,
    // where GetDossier would answer kPermissionDenied).
    auto documents = app::ListDossierDocuments(ctx, actor, *id);
    if (!documents) {
        return site.ForError(documents.error(), req, actor);
    }
    auto view = app::GetDossier(ctx, actor, *id);
    if (!view) {
        return site.ForError(view.error().code == base::ErrorCode::kPermissionDenied
                                 ? base::NotFound("Không tìm thấy hồ sơ.")
                                 : view.error(),
                             req, actor);
    }
    const domain::Dossier& dossier = view->dossier;
    const Offer offer = OfferFor(site, actor, dossier);
    std::vector<Document> holdings;
    if (offer.citizen_components) {
        auto held = app::ListHoldings(ctx, actor);
        if (!held) {
            return site.ForError(held.error(), req, actor);
        }
        holdings = std::move(*held);
    }

    // Components in the dossier's order, then any other name a document was filed under.
    std::vector<std::string> names;
    std::set<std::string, std::less<>> seen;
    for (const domain::Component& c : dossier.components) {
        if (seen.insert(c.name).second) {
            names.push_back(c.name);
        }
    }
    std::map<std::string, DataList, std::less<>> by_component;
    DataList results;
    for (const Document& d : *documents) {
        Data row = DocumentRow(d);
        if (d.role == Role::kResult) {
            results.push_back(row);
            continue;
        }
        row.set("may_digitise", offer.desk_components && !d.digitised);
        if (seen.insert(d.component_name).second) {
            names.push_back(d.component_name);
        }
        by_component[d.component_name].push_back(row);
    }

    const std::string code = dossier.code;
    const std::string path = DocumentsPath(code);
    DataList components;
    int index = 0;
    for (const std::string& name : names) {
        ++index;
        Data group;
        group.set("index", std::to_string(index));
        group.set("name", name);
        const auto found = by_component.find(name);
        const DataList docs = found == by_component.end() ? DataList() : found->second;
        group.set("documents", docs);
        group.set("has_documents", !docs.empty());
        const bool may_upload = offer.citizen_components || offer.desk_components;
        group.set("upload_url",
                  may_upload ? Data(UploadUrl(code, "component=" + UrlEncode(name))) : Data(false));
        DataList reuse;
        for (const Document& h : holdings) {
            Data item;
            item.set("id", std::to_string(h.id));
            item.set("title", h.title.empty() ? h.component_name : h.title);
            item.set("file_name", h.file_name);
            item.set("valid_until", h.valid_until ? Data(FormatDate(*h.valid_until))
                                                  : Data(std::string("Không thời hạn")));
            reuse.push_back(item);
        }
        group.set("holdings", reuse);
        group.set("has_holdings", !reuse.empty());
        components.push_back(group);
    }

    Data data;
    data.set("code", code);
    data.set("procedure_name", dossier.procedure_name);
    data.set("state_label", std::string(domain::DossierStateLabel(dossier.state)));
    const bool owner = actor.user && dossier.citizen_user_id == actor.user->id;
    data.set("back_href",
             owner ? "/cong-dan/ho-so/" + UrlEncode(code) : "/ho-so/" + UrlEncode(code));
    data.set("action", path);
    data.set("reload", path + "?tai-len=1");
    data.set("components", components);
    data.set("has_components", !components.empty());
    data.set("results", results);
    data.set("has_results", !results.empty());
    data.set("citizen", offer.citizen_components);
    data.set("desk", offer.desk_components);
    data.set("accept", std::string(kAccept));
    data.set("result_upload_url",
             offer.results ? Data(UploadUrl(code, "role=result")) : Data(false));
    const bool any_upload = offer.citizen_components || offer.desk_components || offer.results;
    data.set("upload_js", any_upload && FindStaticAsset("upload.js") != nullptr
                              ? Data(StaticUrl("upload.js"))
                              : Data(false));
    data.set("citizen_nav", owner);
    Chrome chrome = site.MakeChrome(req, actor, "Tài liệu hồ sơ " + code,
                                    owner ? Section::kNone : Section::kDossiers);
    chrome.flash = std::move(flash);
    Response r = site.Page(status, "page_documents", chrome, WithErrors(std::move(data), errors));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response DocumentsPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    std::string flash;
    if (req.Query("tai-len") == "1") {
        flash = "Đã tải lên tệp.";
    } else if (req.Query("so-hoa") == "1") {
        flash = "Đã đánh dấu tài liệu là đã số hóa.";
    } else if (req.Query("dung-lai") == "1") {
        flash = "Đã dùng lại giấy tờ đã số hóa; bạn không cần tải lên lại.";
    }
    return RenderDocuments(site, req, actor, 200, FormErrors(), std::move(flash));
}

// A refused form post: the page again with the use case's message, or the error page.
Response Refused(const Site& site, const Request& req, const app::Actor& actor,
                 const base::Error& error) {
    FormErrors errors;
    if (!AddInputError(error, errors, "")) {
        return site.ForError(error, req, actor);
    }
    const int status = error.code == base::ErrorCode::kInvalidArgument ? 400 : 409;
    return RenderDocuments(site, req, actor, status, errors, "");
}

Response DigitisePost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    const std::string& code = req.path_params.at("code");
    auto dossier_id = app::DossierIdByCode(site.Context(), code);
    if (!dossier_id) {
        return site.ForError(dossier_id.error(), req, actor);
    }
    const auto document_id = ParsePositive(form.Get("document"));
    if (!document_id) {
        return Refused(site, req, actor, base::InvalidArgument("Không rõ tài liệu cần đánh dấu."));
    }
    // The document must belong to this dossier (the use case checks access to its own dossier).
    auto docs = app::ListDossierDocuments(site.Context(), actor, *dossier_id);
    if (!docs) {
        return site.ForError(docs.error(), req, actor);
    }
    if (std::none_of(docs->begin(), docs->end(),
                     [&](const Document& d) { return d.id == *document_id; })) {
        return site.ForError(base::NotFound("Không tìm thấy tài liệu."), req, actor);
    }
    auto marked = app::MarkDocumentDigitised(site.Context(), actor, *document_id);
    if (!marked) {
        return Refused(site, req, actor, marked.error());
    }
    return Redirect(DocumentsPath(code) + "?so-hoa=1");
}

Response ReusePost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    const std::string& code = req.path_params.at("code");
    auto dossier_id = app::DossierIdByCode(site.Context(), code);
    if (!dossier_id) {
        return site.ForError(dossier_id.error(), req, actor);
    }
    const std::string component = form.Get("component");
    const auto holding_id = ParsePositive(form.Get("document"));
    if (component.empty() || !holding_id) {
        return Refused(site, req, actor,
                       base::InvalidArgument("Chọn thành phần hồ sơ và giấy tờ cần dùng lại."));
    }
    auto reused = app::ReuseForDossier(site.Context(), actor, *dossier_id, component, *holding_id);
    if (!reused) {
        return Refused(site, req, actor, reused.error());
    }
    return Redirect(DocumentsPath(code) + "?dung-lai=1");
}

Response HoldingsPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    app::AppContext& ctx = site.Context();
    auto holdings = app::ListHoldings(ctx, actor);
    if (!holdings) {
        return site.ForError(holdings.error(), req, actor);
    }
    // The dossier each result came from, when the citizen may see it (their online dossiers);
    // a result issued to their identity number on someone else's dossier shows no code.
    std::map<std::int64_t, std::optional<app::DossierView>> dossiers;
    DataList items;
    for (const Document& d : *holdings) {
        Data item = DocumentRow(d);
        item.set("issued", FormatDate(VietnamDay(d.created_at)));
        item.set("component", d.component_name);
        item.set("from", false);
        if (d.dossier_id) {
            auto [at, inserted] = dossiers.try_emplace(*d.dossier_id);
            if (inserted) {
                auto view = app::GetDossier(ctx, actor, *d.dossier_id);
                if (view) {
                    at->second = std::move(*view);
                } else if (view.error().code != base::ErrorCode::kNotFound &&
                           view.error().code != base::ErrorCode::kPermissionDenied) {
                    return site.ForError(view.error(), req, actor);
                }
            }
            if (at->second) {
                Data source;
                source.set("code", at->second->dossier.code);
                source.set("href", "/cong-dan/ho-so/" + UrlEncode(at->second->dossier.code));
                source.set("procedure", at->second->dossier.procedure_name);
                item.set("from", source);
            }
        }
        items.push_back(item);
    }
    Data data;
    data.set("items", items);
    data.set("has_items", !items.empty());
    data.set("count", GroupDigits(static_cast<std::int64_t>(items.size())));
    data.set("today", FormatDate(app::TodayInVietnam(*ctx.clock)));
    data.set("citizen_nav", true);
    Chrome chrome = site.MakeChrome(req, actor, "Kho dữ liệu của tôi", Section::kNone);
    Response r = site.Page(200, "page_holdings", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterDocumentPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/ho-so/{code}/tai-lieu", DocumentsPage,
            "Tài liệu số hóa của hồ sơ: thành phần, kết quả, tải lên, dùng lại (HTML)", "session");
    AddForm(router, site, "/ho-so/{code}/tai-lieu/so-hoa", DigitisePost, Audience::kSignedIn,
            "Đánh dấu thành phần hồ sơ đã số hóa (Bộ phận Một cửa)");
    AddForm(router, site, "/ho-so/{code}/tai-lieu/dung-lai", ReusePost, Audience::kSignedIn,
            "Dùng lại giấy tờ đã số hóa làm thành phần hồ sơ (người nộp)");
    AddPage(router, site, "/cong-dan/kho-du-lieu", HoldingsPage,
            "Kho dữ liệu của tôi: giấy tờ, kết quả đã số hóa còn hiệu lực (HTML)", "session");
}

}  // namespace motcua::web
