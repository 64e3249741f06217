// "Dữ liệu liên thông" on the officer's dossier page (issue #6; docs/indicators.md): the three
// facts from outside systems (National Portal sync, population data / VNeID, e-result pushed to
// the citizen's data store) and a form to set them. Thin: app/dossier_facts.hpp authorises
// (staff who may view the dossier) and audits.
#include "web/facts_pages.hpp"

#include <optional>
#include <string>

#include "app/dossier_facts.hpp"
#include "app/dossiers.hpp"
#include "web/dossier_views.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

struct FactSpec {
    std::string_view name;   // form field
    std::string_view label;  // Vietnamese
};
constexpr FactSpec kSynced{"cong-dvc", "Đồng bộ lên Cổng DVC quốc gia"};
constexpr FactSpec kPopulation{"dan-cu", "Khai thác dữ liệu dân cư/VNeID"};
constexpr FactSpec kPushed{"kho-du-lieu", "Đẩy kết quả vào Kho dữ liệu công dân"};

std::string FactsPath(std::string_view code) {
    return "/ho-so/" + UrlEncode(code) + "/lien-thong";
}

Data FactData(const FactSpec& spec, const std::optional<std::chrono::sys_seconds>& at,
              bool recorded) {
    Data d;
    d.set("name", std::string(spec.name));
    d.set("label", std::string(spec.label));
    d.set("value", at         ? "Có (lúc " + FormatDateTime(*at) + ")"
                   : recorded ? std::string("Không")
                              : std::string("Chưa rõ"));
    d.set("known_yes", at.has_value());
    return d;
}

// "co" → true, "khong" → false, "" → unchanged; anything else is an error.
bool ParseChoice(const Form& form, const FactSpec& spec, std::optional<bool>& out,
                 FormErrors& errors) {
    const std::string v = form.Get(std::string(spec.name));
    if (v.empty()) {
        return true;
    }
    if (v == "co" || v == "khong") {
        out = v == "co";
        return true;
    }
    errors.Add(std::string(spec.name), "Chọn “Có”, “Không” hoặc “Giữ nguyên”.");
    return false;
}

Response FactsPost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    const std::string& code = req.path_params.at("code");
    auto id = app::DossierIdByCode(site.Context(), code);
    if (!id) {
        return site.ForError(id.error(), req, actor);
    }
    app::DossierFactsUpdate update;
    FormErrors errors;
    bool ok = ParseChoice(form, kSynced, update.synced_to_portal, errors);
    ok = ParseChoice(form, kPopulation, update.population_data, errors) && ok;
    ok = ParseChoice(form, kPushed, update.pushed_to_store, errors) && ok;
    if (ok && !update.synced_to_portal && !update.population_data && !update.pushed_to_store) {
        return Redirect("/ho-so/" + UrlEncode(code) + "?lien-thong=khong-doi#lien-thong");
    }
    if (!ok) {
        return site.ErrorPage(400, req, actor, "Dữ liệu liên thông không hợp lệ",
                              errors.Entries().front().message);
    }
    auto saved = app::RecordDossierFacts(site.Context(), actor, *id, update);
    if (!saved) {
        return site.ForError(saved.error(), req, actor);
    }
    return Redirect("/ho-so/" + UrlEncode(code) + "?lien-thong=da-luu#lien-thong");
}

}  // namespace

Data DossierFactsPanel(const Site& site, const Request& req, const app::Actor& actor,
                       const domain::Dossier& dossier) {
    auto facts = app::GetDossierFacts(site.Context(), actor, dossier.id);
    if (!facts) {
        return Data(false);  // not for this viewer: no panel
    }
    const bool recorded = facts->updated_at != std::chrono::sys_seconds{};
    Data panel;
    DataList items;
    items.push_back(FactData(kSynced, facts->synced_at, recorded));
    items.push_back(FactData(kPopulation, facts->population_data_at, recorded));
    items.push_back(FactData(kPushed, facts->pushed_to_store_at, recorded));
    panel.set("items", items);
    panel.set("action_href", FactsPath(dossier.code));
    const auto flag = req.Query("lien-thong");
    panel.set("saved", flag && *flag == "da-luu");
    panel.set("unchanged", flag && *flag == "khong-doi");
    return panel;
}

void RegisterFactsPages(http::Router& router, const SitePtr& site) {
    AddForm(router, site, "/ho-so/{code}/lien-thong", FactsPost, Audience::kSignedIn,
            "Ghi dữ liệu liên thông của hồ sơ: đồng bộ Cổng DVC quốc gia, dữ liệu dân cư/VNeID, "
            "Kho dữ liệu công dân (cong-dvc, dan-cu, kho-du-lieu: co|khong) (HTML)");
}

}  // namespace motcua::web
