// /xep-hang/{desk}…: queue tickets at the one-stop desk (issue #9). The kiosk (public, large
// touch buttons by service group), the counter page (desk officers of the desk) and the
// waiting-room display (public, polls the display state and speaks new calls). The pages are
// shells: web/static/queue_*.js drive them through /api/v1/queue (no inline script; strict CSP).
// The desk's setup (service groups and counters) is a plain form for administrators
// (/xep-hang/{desk}/cai-dat), no script.
#include <algorithm>
#include <string>
#include <vector>

#include "app/queue.hpp"
#include "web/assets.hpp"
#include "web/forms.hpp"
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

// --- /xep-hang/{desk}/cai-dat: the desk's service groups and counters --------------------------

constexpr int kBlankRows = 3;  // empty rows offered for new groups and counters

std::string Trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// "HT, DD;CT" → {"HT", "DD", "CT"}.
std::vector<std::string> GroupCodes(std::string_view text) {
    std::vector<std::string> codes;
    std::string current;
    auto flush = [&] {
        if (std::string code = Trimmed(current); !code.empty()) {
            codes.push_back(std::move(code));
        }
        current.clear();
    };
    for (const char c : text) {
        if (c == ',' || c == ';' || c == ' ') {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return codes;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& code : codes) {
        out += (out.empty() ? "" : ", ") + code;
    }
    return out;
}

struct SetupRows {
    std::vector<store::queue::Group> groups;
    std::vector<store::queue::Counter> counters;
};

// The rows of the form, in order; rows left entirely empty are dropped.
SetupRows RowsOf(const Form& form) {
    SetupRows rows;
    const auto codes = form.All("group_code");
    const auto prefixes = form.All("group_prefix");
    const auto labels = form.All("group_label");
    for (std::size_t i = 0; i < codes.size(); ++i) {
        store::queue::Group g;
        g.code = Trimmed(codes[i]);
        g.prefix = i < prefixes.size() ? Trimmed(prefixes[i]) : "";
        g.label = i < labels.size() ? Trimmed(labels[i]) : "";
        if (!g.code.empty() || !g.prefix.empty() || !g.label.empty()) {
            rows.groups.push_back(std::move(g));
        }
    }
    const auto counter_codes = form.All("counter_code");
    const auto counter_labels = form.All("counter_label");
    const auto counter_groups = form.All("counter_groups");
    for (std::size_t i = 0; i < counter_codes.size(); ++i) {
        store::queue::Counter c;
        c.code = Trimmed(counter_codes[i]);
        c.label = i < counter_labels.size() ? Trimmed(counter_labels[i]) : "";
        c.groups =
            i < counter_groups.size() ? GroupCodes(counter_groups[i]) : std::vector<std::string>{};
        if (!c.code.empty() || !c.label.empty() || !c.groups.empty()) {
            rows.counters.push_back(std::move(c));
        }
    }
    return rows;
}

Response SetupPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                   const SetupRows& rows, const std::string& error) {
    auto setup = app::queue::GetSetup(site.Context(), req.path_params.at("desk"));
    if (!setup) {
        return site.ForError(setup.error(), req, actor);
    }
    Data data;
    data.set("desk_code", setup->desk.code);
    data.set("desk_name", setup->desk.name);
    data.set("csrf", actor.csrf_token);
    data.set("saved", req.Query("da-luu").value_or("") == "1");
    data.set("error", error);
    data.set("has_error", !error.empty());
    DataList groups;
    for (const auto& g : rows.groups) {
        Data item;
        item.set("code", g.code);
        item.set("prefix", g.prefix);
        item.set("label", g.label);
        groups.push_back(item);
    }
    for (int i = 0; i < kBlankRows; ++i) {
        groups.push_back(Data{});
    }
    data.set("groups", groups);
    DataList counters;
    for (const auto& c : rows.counters) {
        Data item;
        item.set("code", c.code);
        item.set("label", c.label);
        item.set("groups", JoinCodes(c.groups));
        counters.push_back(item);
    }
    for (int i = 0; i < kBlankRows; ++i) {
        counters.push_back(Data{});
    }
    data.set("counters", counters);
    Chrome chrome =
        site.MakeChrome(req, actor, "Cài đặt xếp hàng — " + setup->desk.name, Section::kNone);
    Response r = site.Page(status, "queue_setup", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// Administrators covering the desk (the same check as the save).
base::Status MayManageDesk(const Site& site, const app::Actor& actor, std::string_view desk) {
    auto setup = app::queue::GetSetup(site.Context(), desk);
    if (!setup) {
        return setup.error();
    }
    return Require(site.Context(), actor, app::Permission::kManageUnits, setup->desk.id);
}

Response SetupGet(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    const std::string& desk = req.path_params.at("desk");
    if (base::Status s = MayManageDesk(site, actor, desk); !s) {
        return site.ForError(s.error(), req, actor);
    }
    auto setup = app::queue::GetSetup(site.Context(), desk);
    if (!setup) {
        return site.ForError(setup.error(), req, actor);
    }
    return SetupPage(site, req, actor, 200, SetupRows{setup->groups, setup->counters}, "");
}

Response SetupPost(const Site& site, const Request& req, const app::Actor& actor,
                   const Form& form) {
    const std::string& desk = req.path_params.at("desk");
    if (base::Status s = MayManageDesk(site, actor, desk); !s) {
        return site.ForError(s.error(), req, actor);
    }
    SetupRows rows = RowsOf(form);
    auto saved = app::queue::SaveSetup(site.Context(), actor, desk, rows.groups, rows.counters);
    if (!saved) {
        const base::ErrorCode code = saved.error().code;
        if (code == base::ErrorCode::kInvalidArgument || code == base::ErrorCode::kNotFound ||
            code == base::ErrorCode::kAlreadyExists ||
            code == base::ErrorCode::kFailedPrecondition) {
            return SetupPage(site, req, actor, 422, rows, Sentence(saved.error().message));
        }
        return site.ForError(saved.error(), req, actor);
    }
    return Redirect("/xep-hang/" + UrlEncode(desk) + "/cai-dat?da-luu=1");
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
    AddPage(router, site, "/xep-hang/{desk}/cai-dat", SetupGet,
            "Cài đặt nhóm dịch vụ và quầy của bộ phận một cửa (HTML, quản trị đơn vị)", "session");
    AddForm(router, site, "/xep-hang/{desk}/cai-dat", SetupPost, Audience::kSignedIn,
            "Lưu nhóm dịch vụ và quầy của bộ phận một cửa");
}

}  // namespace motcua::web
