// /xep-hang/{desk}…: queue tickets at the one-stop desk (issue #9). The kiosk (public, large
// touch buttons by service group), the counter page (desk officers of the desk) and the
// waiting-room display (public, polls the display state and speaks new calls). The pages are
// shells: web/static/queue_*.js drive them through /api/v1/queue (no inline script; strict CSP).
#include "app/queue.hpp"
#include "web/assets.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

Data DeskData(const app::queue::DeskSetup& setup, std::string_view script) {
    Data data;
    data.set("desk_code", setup.desk.code);
    data.set("desk_name", setup.desk.name);
    DataList groups;
    for (const auto& g : setup.groups) {
        Data item;
        item.set("code", g.code);
        item.set("prefix", g.prefix);
        item.set("label", g.label);
        groups.push_back(item);
    }
    data.set("groups", groups);
    data.set("has_groups", !setup.groups.empty());
    DataList counters;
    for (const auto& c : setup.counters) {
        Data item;
        item.set("code", c.code);
        item.set("label", c.label);
        counters.push_back(item);
    }
    data.set("counters", counters);
    data.set("has_counters", !setup.counters.empty());
    data.set("queue_css", StaticUrl("queue.css"));
    data.set("queue_js", StaticUrl(script));
    return data;
}

Response Shell(const Site& site, const Request& req, const app::Actor& actor, std::string_view page,
               std::string_view script, const std::string& title, bool bare) {
    auto setup = app::queue::GetSetup(site.Context(), req.path_params.at("desk"));
    if (!setup) {
        return site.ForError(setup.error(), req, actor);
    }
    Data data = DeskData(*setup, script);
    data.set("csrf", actor.csrf_token);
    Chrome chrome = site.MakeChrome(req, actor, title + " — " + setup->desk.name, Section::kNone);
    chrome.print = bare;  // the kiosk and the display fill the screen: no header or footer
    Response r = site.Page(200, page, chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response KioskPage(const Site& site, const Request& req, const app::Actor& actor) {
    return Shell(site, req, actor, "queue_kiosk", "queue_kiosk.js", "Lấy số thứ tự", true);
}

Response DisplayPage(const Site& site, const Request& req, const app::Actor& actor) {
    return Shell(site, req, actor, "queue_display", "queue_display.js", "Màn hình gọi số", true);
}

Response CounterPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    // Only the desk's officers: the same check as the counter actions.
    auto tickets = app::queue::TodaysTickets(site.Context(), actor, req.path_params.at("desk"));
    if (!tickets) {
        return site.ForError(tickets.error(), req, actor);
    }
    return Shell(site, req, actor, "queue_counter", "queue_counter.js", "Quầy tiếp nhận", false);
}

}  // namespace

void RegisterQueuePages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/xep-hang/{desk}", KioskPage,
            "Máy lấy số thứ tự của bộ phận một cửa (HTML, công khai)", "public");
    AddPage(router, site, "/xep-hang/{desk}/quay", CounterPage,
            "Trang quầy: gọi số, gọi lại, phục vụ, chuyển, bỏ qua (HTML, công chức một cửa)",
            "session");
    AddPage(router, site, "/xep-hang/{desk}/man-hinh", DisplayPage,
            "Màn hình phòng chờ: số đang gọi tại các quầy, đọc số bằng giọng nói (HTML, công khai)",
            "public");
}

}  // namespace motcua::web
