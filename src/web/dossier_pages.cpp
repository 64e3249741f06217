// The officer's dossier pages (issue #4): /ho-so (inboxes) and /ho-so/{code} (the dossier, its
// timeline and one form per allowed action).
#include <algorithm>
#include <array>

#include "app/catalogue.hpp"
#include "app/dossiers.hpp"
#include "app/organisation.hpp"
#include "calendar/working_time.hpp"
#include "domain/rule_set.hpp"
#include "text/unicode.hpp"
#include "web/dossier_actions.hpp"
#include "web/dossier_views.hpp"
#include "web/facts_pages.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using domain::Role;
using http::Request;
using http::Response;

constexpr int kInboxPageSize = 30;

constexpr std::array<app::Inbox, 9> kInboxOrder = {
    app::Inbox::kToReceive, app::Inbox::kToTransfer, app::Inbox::kToProcess,
    app::Inbox::kToApprove, app::Inbox::kToReturn,   app::Inbox::kSupplement,
    app::Inbox::kDueSoon,   app::Inbox::kOverdue,    app::Inbox::kAll};

// The inboxes worth a tab for the roles the actor holds (what each lists is decided by
// app::ListDossiers, which also authorises).
bool TabFits(app::Inbox inbox, Role role) {
    using I = app::Inbox;
    switch (role) {
        case Role::kLeader:
            return true;
        case Role::kDeskOfficer:
            return inbox != I::kToProcess && inbox != I::kToApprove;
        case Role::kSpecialist:
            return inbox == I::kToProcess || inbox == I::kSupplement || inbox == I::kDueSoon ||
                   inbox == I::kOverdue || inbox == I::kAll;
        case Role::kControlOfficer:
            return inbox == I::kSupplement || inbox == I::kDueSoon || inbox == I::kOverdue ||
                   inbox == I::kAll;
        default:
            return false;
    }
}

std::vector<app::Inbox> TabsFor(const app::Actor& actor) {
    std::vector<app::Inbox> tabs;
    for (const app::Inbox inbox : kInboxOrder) {
        for (const domain::RoleGrant& grant : actor.user->roles) {
            if (grant.unit_id && TabFits(inbox, grant.role)) {
                tabs.push_back(inbox);
                break;
            }
        }
    }
    if (tabs.empty()) {
        tabs.push_back(app::Inbox::kAll);
    }
    return tabs;
}

app::Inbox DefaultInbox(const app::Actor& actor, const std::vector<app::Inbox>& tabs) {
    const auto holds = [&](Role role) {
        return std::any_of(actor.user->roles.begin(), actor.user->roles.end(),
                           [&](const domain::RoleGrant& g) { return g.role == role; });
    };
    app::Inbox wanted = app::Inbox::kAll;
    if (holds(Role::kLeader)) {
        wanted = app::Inbox::kToApprove;
    } else if (holds(Role::kSpecialist)) {
        wanted = app::Inbox::kToProcess;
    } else if (holds(Role::kDeskOfficer)) {
        wanted = app::Inbox::kToTransfer;
    }
    return std::find(tabs.begin(), tabs.end(), wanted) != tabs.end() ? wanted : tabs.front();
}

std::string InboxHref(app::Inbox inbox, std::string_view q, std::optional<std::int64_t> before) {
    std::string href = "/ho-so?hop=" + std::string(app::InboxName(inbox));
    if (!q.empty()) {
        href += "&q=" + UrlEncode(q);
    }
    if (before) {
        href += "&truoc=" + std::to_string(*before);
    }
    return href;
}

// "Now" and the due-soon horizon (one working day, as the due-soon inbox counts it).
Urgency UrgencyNow(const app::AppContext& ctx) {
    static const auto default_calendar = calendar::WorkingCalendar::BuildDefault();
    Urgency urgency;
    urgency.now = ctx.clock->Now();
    urgency.due_soon_before = urgency.now + std::chrono::hours{24};
    if (default_calendar) {
        if (auto horizon = (*default_calendar)->AddWorkingDays(urgency.now, 1000)) {
            urgency.due_soon_before = *horizon;
        }
    }
    return urgency;
}

Response InboxPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    const std::vector<app::Inbox> tabs = TabsFor(actor);
    app::InboxQuery query;
    query.inbox = DefaultInbox(actor, tabs);
    if (const auto name = req.Query("hop"); name && !name->empty()) {
        auto inbox = app::ParseInbox(*name);
        if (!inbox) {
            return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                                  "Không có hộp hồ sơ “" + std::string(*name) + "”.");
        }
        query.inbox = *inbox;
    }
    query.text = text::TrimAndCollapseSpaces(req.Query("q").value_or(""));
    query.before_id = ParsePositive(req.Query("truoc"));
    query.limit = kInboxPageSize;
    auto rows = app::ListDossiers(site.Context(), actor, query);
    if (!rows) {
        return site.ForError(rows.error(), req, actor);
    }
    const Urgency urgency = UrgencyNow(site.Context());
    Data data;
    DataList tab_list;
    for (const app::Inbox inbox : tabs) {
        Data tab;
        tab.set("label", std::string(app::InboxLabel(inbox)));
        tab.set("href", InboxHref(inbox, query.text, std::nullopt));
        tab.set("current", inbox == query.inbox);
        tab_list.push_back(tab);
    }
    data.set("tabs", tab_list);
    data.set("inbox", std::string(app::InboxName(query.inbox)));
    data.set("inbox_label", std::string(app::InboxLabel(query.inbox)));
    data.set("q", query.text);
    data.set("has_q", !query.text.empty());
    DataList list;
    for (const store::dossiers::Summary& s : *rows) {
        list.push_back(DossierRowData(s, urgency));
    }
    data.set("has_rows", !rows->empty());
    data.set("rows", list);
    std::string summary = rows->empty()
                              ? std::string("Không có hồ sơ nào")
                              : GroupDigits(static_cast<std::int64_t>(rows->size())) + " hồ sơ";
    summary += query.before_id ? " (tiếp theo)" : "";
    if (!query.text.empty()) {
        summary += " khớp “" + query.text + "”";
    }
    data.set("summary", summary + ".");
    const bool more = static_cast<int>(rows->size()) == query.limit;
    data.set("more_href",
             more ? Data(InboxHref(query.inbox, query.text, rows->back().id)) : Data(false));
    data.set("first_href", query.before_id ? Data(InboxHref(query.inbox, query.text, std::nullopt))
                                           : Data(false));
    return site.Page(
        200, "page_dossiers",
        site.MakeChrome(req, actor, "Hồ sơ – " + std::string(app::InboxLabel(query.inbox)),
                        Section::kDossiers),
        data);
}

// Officers who may be assigned the dossier: specialists and leaders of the unit handling it,
// from the users the caller may list (leaders); empty when the caller may not list users.
std::vector<Option> AssigneeOptions(const Site& site, const app::Actor& actor,
                                    const domain::Dossier& d) {
    std::vector<Option> out;
    auto users = app::ListUsers(site.Context(), actor);
    if (!users) {
        return out;
    }
    const std::int64_t unit =
        d.current_unit_id == d.receiving_unit_id ? d.settling_unit_id : d.current_unit_id;
    for (const domain::User& user : *users) {
        const bool fits =
            user.active &&
            std::any_of(user.roles.begin(), user.roles.end(), [&](const domain::RoleGrant& g) {
                return g.unit_id == unit &&
                       (g.role == Role::kSpecialist || g.role == Role::kLeader);
            });
        if (fits) {
            out.push_back(
                {std::to_string(user.id), user.display_name + " (" + user.username + ")"});
        }
    }
    return out;
}

Data ProcessData(const std::optional<domain::Process>& process, const std::string& step_key) {
    DataList steps;
    if (process) {
        int n = 0;
        for (const domain::ProcessStep& step : process->steps) {
            Data item;
            item.set("n", std::to_string(++n));
            item.set("name", step.name);
            item.set("kind", std::string(domain::StepKindLabel(step.kind)));
            item.set("days", MilliText(step.share_milli));
            item.set("current", step.key == step_key);
            steps.push_back(item);
        }
    }
    return {steps};
}

std::string FlashFor(const Request& req, const app::DossierView& view) {
    const domain::Dossier& d = view.dossier;
    if (req.Query("tiep-nhan")) {
        switch (d.state) {
            case domain::DossierState::kAwaitingSupplement:
                return "Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ " + d.code +
                       ". In phiếu và giao cho người nộp.";
            case domain::DossierState::kRefused:
                return "Đã từ chối tiếp nhận hồ sơ " + d.code +
                       ". In phiếu từ chối và giao cho người nộp.";
            default:
                return "Đã tiếp nhận hồ sơ " + d.code +
                       ". In giấy tiếp nhận và hẹn trả kết quả cho người nộp.";
        }
    }
    if (const auto done = req.Query("xong")) {
        if (auto kind = domain::ParseActionKind(*done)) {
            return "Đã thực hiện “" + std::string(domain::ActionKindLabel(*kind)) + "”.";
        }
    }
    return {};
}

Response RenderDossier(const Site& site, const Request& req, const app::Actor& actor,
                       const app::DossierView& view, int status, const Form* posted,
                       const FormErrors& errors) {
    const domain::Dossier& d = view.dossier;
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    auto rules = domain::RuleBook::Embedded()->Find(d.rule_set_id);
    const domain::RuleSet* rule_set = rules ? *rules : nullptr;
    const Urgency urgency = UrgencyNow(site.Context());

    ActionFormInput input;
    input.view = &view;
    input.units = &*units;
    if (std::find(view.allowed.begin(), view.allowed.end(), domain::ActionKind::kAssign) !=
        view.allowed.end()) {
        input.assignees = AssigneeOptions(site, actor, d);
    }
    input.posted = posted;
    input.posted_action = posted != nullptr ? posted->Get("action") : std::string();

    Data data;
    data.set("dossier", DossierHeaderData(d, *units, rule_set, view.process, urgency));
    Data components = ComponentsData(d.components);
    data.set("has_components", components.is_non_empty_list());
    data.set("components", components);
    Data tasks = TasksData(d.tasks, *units);
    data.set("has_tasks", tasks.is_non_empty_list());
    data.set("tasks", tasks);
    data.set("timeline", TimelineData(view.events, *units, view.process));
    data.set("event_count", std::to_string(view.events.size()));
    Data steps = ProcessData(view.process, d.step_key);
    data.set("has_steps", steps.is_non_empty_list());
    data.set("steps", steps);
    Data actions = ActionFormsData(view.allowed, input, errors);
    data.set("has_actions", actions.is_non_empty_list());
    data.set("actions", actions);
    data.set("action_href", "/ho-so/" + UrlEncode(d.code) + "/thao-tac");
    data.set("version", std::to_string(d.version));
    data.set("print_forms", PrintFormsData(d, rule_set));
    data.set("finished", domain::IsTerminal(d.state));
    data.set("facts", DossierFactsPanel(site, req, actor, d));  // issue #6: facts_pages.cpp
    Chrome chrome = site.MakeChrome(req, actor, "Hồ sơ " + d.code, Section::kDossiers);
    if (status == 200) {
        chrome.flash = FlashFor(req, view);
    }
    return site.Page(status, "page_dossier", chrome, WithErrors(std::move(data), errors));
}

Response DossierPage(const Site& site, const Request& req, const app::Actor& actor) {
    auto view = app::GetDossierByCode(site.Context(), actor, req.path_params.at("code"));
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    return RenderDossier(site, req, actor, *view, 200, nullptr, FormErrors());
}

Response ActionPost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    const std::string& code = req.path_params.at("code");
    auto view = app::GetDossierByCode(site.Context(), actor, code);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    auto units = app::ListUnits(site.Context());
    if (!units) {
        return site.ForError(units.error(), req, actor);
    }
    FormErrors errors;
    auto request = ParseActionForm(form, *view, *units, errors);
    if (request) {
        const std::string name(domain::ActionKindName(request->action.kind));
        auto done = app::ActOnDossier(site.Context(), actor, view->dossier.id, std::move(*request));
        if (done) {
            return Redirect("/ho-so/" + UrlEncode(done->code) + "?xong=" + name);
        }
        if (done.error().code == base::ErrorCode::kAborted) {
            // Someone acted first: show the dossier as it is now; nothing was changed.
            errors.Add("", "Hồ sơ vừa được người khác xử lý, hãy tải lại.");
            return RenderDossier(site, req, actor, *view, 409, nullptr, errors);
        }
        if (!AddInputError(done.error(), errors, "")) {
            return site.ForError(done.error(), req, actor);
        }
    }
    return RenderDossier(site, req, actor, *view, 422, &form, errors);
}

}  // namespace

void RegisterDossierPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/ho-so", InboxPage, "Hộp hồ sơ của cán bộ (hop, q, truoc) (HTML)",
            "session");
    AddPage(router, site, "/ho-so/{code}", DossierPage,
            "Hồ sơ: thông tin, dòng thời gian, thao tác được phép (HTML)", "session");
    AddForm(router, site, "/ho-so/{code}/thao-tac", ActionPost, Audience::kSignedIn,
            "Thao tác trên hồ sơ (action, version, …) (HTML)");
}

}  // namespace motcua::web
