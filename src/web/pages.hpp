#pragma once

#include "http/router.hpp"
#include "web/site.hpp"

// The page modules RegisterWebRoutes wires (docs/web.md "Routes"). Each registers its routes
// with AddPage/AddForm; handlers decode, call one use case of src/app (which authorises) and
// render.
namespace motcua::web {

// /quan-tri, /quan-tri/don-vi… (admin_pages.cpp); calls RegisterAdminUserPages.
void RegisterAdminPages(http::Router& router, const SitePtr& site);
// /quan-tri/nguoi-dung… (admin_user_pages.cpp).
void RegisterAdminUserPages(http::Router& router, const SitePtr& site);

// /ho-so (inboxes), /ho-so/{code} (the dossier and its actions) (dossier_pages.cpp).
void RegisterDossierPages(http::Router& router, const SitePtr& site);

// /ho-so/tiep-nhan: receiving a walk-in or postal dossier at the desk (intake_pages.cpp).
void RegisterIntakePages(http::Router& router, const SitePtr& site);

// /quy-trinh/{procedure}: the internal-process editor (process_pages.cpp).
void RegisterProcessPages(http::Router& router, const SitePtr& site);
// /tra-cuu: public tracking by dossier code and tracking code (tracking_pages.cpp).
void RegisterTrackingPages(http::Router& router, const SitePtr& site);

}  // namespace motcua::web
