// /tra-cuu: public tracking of a dossier by its code and the tracking code printed on the slip
// (the receipt's QR code opens it). No personal data is shown (app/tracking.hpp).
#include "app/dossier_forms.hpp"
#include "app/tracking.hpp"
#include "domain/dossier.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

std::string When(const std::optional<std::chrono::sys_seconds>& t) {
    return t ? app::FormInstant(*t) : std::string();
}

std::string TimingText(const std::string& timing) {
    if (timing == "early") {
        return "Trước hạn";
    }
    if (timing == "on_time") {
        return "Đúng hạn";
    }
    if (timing == "late") {
        return "Quá hạn";
    }
    return "";
}

Response TrackingPage(const Site& site, const Request& req, const app::Actor& actor) {
    const std::string code(req.Query("ma").value_or(""));
    const std::string key(req.Query("khoa").value_or(""));
    Data data;
    data.set("code", code);
    data.set("key", key);
    int status = 200;
    if (!code.empty() || !key.empty()) {
        auto view = app::TrackDossier(site.Context(), code, key, req.remote_ip);
        if (!view) {
            status = view.error().code == base::ErrorCode::kResourceExhausted ? 429 : 404;
            data.set("error", Sentence(view.error().message));
        } else {
            Data found;
            found.set("code", view->code);
            found.set("procedure", view->procedure_name);
            found.set("state", view->state);
            found.set("receiving_unit", view->receiving_unit);
            found.set("settling_unit", view->settling_unit);
            found.set("received_at", OptionalText(When(view->received_at)));
            found.set("appointment_at", OptionalText(When(view->appointment_at)));
            found.set("returned_at", OptionalText(When(view->returned_at)));
            found.set("timing", OptionalText(TimingText(view->timing)));
            DataList steps;
            for (const app::TrackingStep& s : view->steps) {
                Data step;
                step.set("at", app::FormInstant(s.at));
                step.set("action", s.action);
                step.set("state", s.state);
                step.set("unit", s.unit);
                steps.push_back(step);
            }
            found.set("steps", steps);
            data.set("found", found);
        }
    }
    Chrome chrome = site.MakeChrome(req, actor, "Tra cứu hồ sơ", Section::kHome);
    Response r = site.Page(status, "page_tracking", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterTrackingPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/tra-cuu", TrackingPage,
            "Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu (HTML)", "public");
}

}  // namespace motcua::web
