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
// /cong-dan/ho-so/{code}/thanh-toan and /cong-dan/thanh-toan/ket-qua: paying fees online
// (payment_pages.cpp, issue #5).
void RegisterPaymentPages(http::Router& router, const SitePtr& site);
// /cong-dan/ho-so/{code}/danh-gia (the applicant's rating) and /danh-gia (the nine evaluation
// indices of a unit) (rating_pages.cpp, issue #5).
void RegisterRatingPages(http::Router& router, const SitePtr& site);
// /dang-ky…, /cong-dan, /cong-dan/ho-so/{code}: the citizen portal (citizen_pages.cpp); calls
// RegisterCitizenEformPages.
void RegisterCitizenPages(http::Router& router, const SitePtr& site);
// /dich-vu-cong…, /cong-dan/nhap/{id}: the online e-form and drafts (citizen_eform_pages.cpp).
void RegisterCitizenEformPages(http::Router& router, const SitePtr& site);
// /ho-so/{code}/tai-lieu (a dossier's documents, uploads, digitisation, reuse) and
// /cong-dan/kho-du-lieu (the citizen's holdings) (document_pages.cpp, issue #5).
void RegisterDocumentPages(http::Router& router, const SitePtr& site);
// /bao-cao: form 06 / II.06a as a page with XLSX and PDF downloads (report_pages.cpp, issue #6).
void RegisterReportPages(http::Router& router, const SitePtr& site);
// /chi-so (Decision 766 scorecard), /bang-dieu-khien (dashboard with SVG charts) and the public
// monthly publication /cong-khai/chi-so-766[.csv] (indicator_pages.cpp, issue #6).
void RegisterIndicatorPages(http::Router& router, const SitePtr& site);
// /chi-tieu-ke-hoach and /chi-tieu-ke-hoach/khong-dat: plan targets per unit and the dossiers
// behind a failure (plan_target_pages.cpp, issue #6).
void RegisterPlanTargetPages(http::Router& router, const SitePtr& site);
// /xep-hang/{desk}, …/quay, …/man-hinh: queue tickets (queue_pages.cpp, issue #9, engineer Q).
void RegisterQueuePages(http::Router& router, const SitePtr& site);
// /phan-anh-kien-nghi, /phan-anh-kien-nghi/theo-doi, /pakn, /pakn/{code}: citizens' feedback
// (feedback_pages.cpp, issue #9, engineer F).
void RegisterFeedbackPages(http::Router& router, const SitePtr& site);
// /thanh-kiem-tra, /thanh-kiem-tra/{id}: inspection plans and inspections (inspection_pages.cpp,
// issue #7, engineer W).
void RegisterInspectionPages(http::Router& router, const SitePtr& site);
// /cong-bo-tthc, /cong-bo-tthc/{id}: publication decisions and the violation list
// (publication_decision_pages.cpp, issue #8, engineer D).
void RegisterPublicationDecisionPages(http::Router& router, const SitePtr& site);
// /ke-hoach, /ke-hoach/{id}: TTHC-control plans — import with a preview, tracking, progress
// (plan_pages.cpp, issue #7, engineer P).
void RegisterPlanPages(http::Router& router, const SitePtr& site);
// /danh-gia-tac-dong, /ra-soat-tthc (+ /{id}): impact assessment of draft procedures and review
// and simplification plans (control_pages.cpp, issue #8, engineer G).
void RegisterControlPages(http::Router& router, const SitePtr& site);
// /don-vi/{code}, /cong-khai, /cong-khai/bo-phan/{desk}(/niem-yet, /niem-yet.pdf): the public
// page of a unit and public posting at the desks (posting_pages.cpp, issue #8, engineer E).
void RegisterPostingPages(http::Router& router, const SitePtr& site);

}  // namespace motcua::web
