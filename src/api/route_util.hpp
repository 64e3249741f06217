#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "api/response_cache.hpp"
#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/indicators.hpp"
#include "app/reports.hpp"
#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "store/dossiers.hpp"

// Shared by the route files of api/ (routes.cpp, dossier_routes.cpp).
namespace motcua::api {

[[nodiscard]] http::Response Json(int status, const boost::json::value& value);
[[nodiscard]] http::Response Problem(const base::Error& error);
// A file to download: 200, `content_type`, Content-Disposition attachment with `filename` (ASCII),
// Cache-Control no-store.
[[nodiscard]] http::Response Download(std::string bytes, const std::string& content_type,
                                      const std::string& filename);

// The parameters shared by reports, letters, indicators and plan targets: `unit` (required),
// `period` (required unless `period_optional`), `window` (reporting|calendar; absent keeps
// `window`). A missing or malformed one is a 400 naming it.
struct ReportParams {
    std::string unit_code;
    std::string period;
    domain::report06::WindowRule window;
};
[[nodiscard]] base::Result<ReportParams> ReportParamsOf(const http::Request& req,
                                                        domain::report06::WindowRule window,
                                                        bool period_optional = false);

// A handler that needs the actor: resolves it, enforces the CSRF token on cookie-authenticated
// state changes, requires one of `body_types` where a body is sent, and invalidates the public
// response cache after a successful change.
using ActorHandler = std::function<http::Response(const http::Request&, const app::Actor&)>;
using CachePtr = std::shared_ptr<ResponseCache>;
[[nodiscard]] http::Handler WithActor(app::AppContext& ctx, const CachePtr& cache,
                                      ActorHandler handler,
                                      std::vector<std::string_view> body_types = {
                                          "application/json"});

// WithActor for a route on one resource: the path parameter `id` is parsed first (malformed or
// not positive: 404 before anything is looked up), then `handler(req, actor, id)`.
using IdHandler =
    std::function<http::Response(const http::Request&, const app::Actor&, std::int64_t)>;
[[nodiscard]] http::Handler WithActorAndId(app::AppContext& ctx, const CachePtr& cache,
                                           IdHandler handler,
                                           std::vector<std::string_view> body_types = {
                                               "application/json"});

// `r` with "Cache-Control: no-store" (answers holding personal or changing data).
[[nodiscard]] http::Response NoStore(http::Response r);
// The result as JSON with `status` (no-store), or its problem.
template <typename T, typename F>
[[nodiscard]] http::Response Reply(int status, const base::Result<T>& r, F to_json) {
    if (!r) {
        return Problem(r.error());
    }
    return NoStore(Json(status, to_json(*r)));
}
// `year` query parameter, 2000..2100; empty when absent or empty.
[[nodiscard]] base::Result<std::optional<int>> YearOf(const http::Request& req);

// `limit` query parameter, 1..100 (default 20).
[[nodiscard]] base::Result<int> ParseLimit(const http::Request& req);
// A positive id in a path; kNotFound otherwise.
[[nodiscard]] base::Result<std::int64_t> ParseId(std::string_view text);
// The version of an If-Match header ("v3", "\"v3\"" or "3"); empty without the header;
// kInvalidArgument naming `what` ("hồ sơ", "kế hoạch" …) when it is not one.
[[nodiscard]] base::Result<std::optional<std::int64_t>> IfMatchVersion(const http::Request& req,
                                                                       std::string_view what);

// The dossier's JSON form (dossier_routes.cpp), shared with the citizen routes.
[[nodiscard]] boost::json::object DossierToJson(const domain::Dossier& d);
[[nodiscard]] boost::json::object DossierSummaryToJson(const store::dossiers::Summary& s);
// Citizen accounts, drafts and online submission (citizen_routes.cpp, issue #5).
void RegisterCitizenRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);

// Dossier routes (dossier_routes.cpp, issue #4).
void RegisterDossierRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Documents: uploads, digitisation, holdings and reuse (document_routes.cpp, issue #5).
void RegisterDocumentRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Ratings and the nine evaluation indices (rating_routes.cpp, issue #5).
void RegisterRatingRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Payment routes (payment_routes.cpp, issue #5).
void RegisterPaymentRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Periodic reports of Circular 01/2020 (report_routes.cpp, issue #6, engineer G).
void RegisterReportRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// The quarterly correction letter (letter_routes.cpp, issue #6).
void RegisterLetterRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Decision 766 indicators (indicator_routes.cpp, issue #6).
void RegisterIndicatorRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// The monthly publication of the Decision 766 results (publication_routes.cpp, issue #6).
void RegisterPublicationRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Plan targets: target sets, evaluation per unit, failures (plan_target_routes.cpp, issue #6).
void RegisterPlanTargetRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// TTHC-control plans: import, fixes, cascading, progress, dashboards (plan_routes.cpp, issue #7).
void RegisterPlanRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache);
// Its JSON (also printed by `motcua indicators`).
[[nodiscard]] boost::json::object IndicatorReportJson(const app::IndicatorReport& report);
// The JSON form of form 06 (report_routes.cpp), also printed by `motcua report`.
[[nodiscard]] boost::json::object SettlementReportJson(const app::SettlementReport& report);
// Its PAKN form (issue #9) and plans' progress (issue #7) sections (report_sections.cpp).
[[nodiscard]] boost::json::object FeedbackFormJson(const app::FeedbackForm& form);
[[nodiscard]] boost::json::object PlanProgressJson(const app::PlanProgressSection& section);

}  // namespace motcua::api
