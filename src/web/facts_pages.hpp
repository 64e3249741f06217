#pragma once

#include "app/actor.hpp"
#include "domain/dossier.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "web/render.hpp"
#include "web/site.hpp"

// "Dữ liệu liên thông" on the officer's dossier page (facts_pages.cpp, issue #6).
namespace motcua::web {

// The panel's data for part_dossier_facts ({items, action_href, saved, unchanged}), or false when
// the actor may not read the dossier's facts (no panel).
[[nodiscard]] Data DossierFactsPanel(const Site& site, const http::Request& req,
                                     const app::Actor& actor, const domain::Dossier& dossier);

// POST /ho-so/{code}/lien-thong (CSRF; app::RecordDossierFacts authorises and audits).
void RegisterFactsPages(http::Router& router, const SitePtr& site);

}  // namespace motcua::web
