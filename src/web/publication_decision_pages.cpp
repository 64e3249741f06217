// Publication decisions (issue #8; docs/control.md "Publication decisions", "Pages"):
//  - /cong-bo-tthc: the decisions the actor may manage with their deadline warnings, a form to
//    draft one (one legal document, procedures one per line "code change [replaced code]"), and
//    the violation list with its XLSX export (through the API);
//  - /cong-bo-tthc/{id}: one decision — its legal documents, procedures, warnings and a form per
//    allowed step (sign, apply to the catalogue, record the database entry / catalogue update).
// Thin: decode, call app/publication_decisions.hpp (which authorises), render. PRG throughout.
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/publication_decisions.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace motcua::web {

namespace {

namespace json = boost::json;
namespace spd = store::publication_decisions;
using http::Request;
using http::Response;

constexpr std::string_view kListPath = "/cong-bo-tthc";

std::string ItemPath(std::int64_t id) {
    return std::string(kListPath) + "/" + std::to_string(id);
}

std::string StateLabel(const std::string& state) {
    if (state == "draft") {
        return "Dự thảo";
    }
    if (state == "signed") {
        return "Đã ký";
    }
    return "Đã áp dụng vào danh mục";
}

std::string ChangeLabel(const std::string& change) {
    if (change == "added") {
        return "Công bố mới";
    }
    if (change == "amended") {
        return "Sửa đổi, bổ sung";
    }
    if (change == "replaced") {
        return "Thay thế";
    }
    return "Bãi bỏ";
}

DataList WarningsData(const std::vector<app::PublicationWarning>& warnings) {
    DataList out;
    for (const app::PublicationWarning& w : warnings) {
        Data d;
        d.set("rule", w.rule);
        d.set("code", OptionalText(w.procedure_code));
        d.set("message", w.message);
        d.set("due", OptionalText(FormatDayShort(w.due)));
        out.push_back(d);
    }
    return out;
}

// ---- /cong-bo-tthc -----------------------------------------------------------------------------

struct DraftValues {
    std::string unit = "46";
    std::string number;
    std::string title;
    std::string issuer = "province";
    std::string convention = "working_days";
    std::string signed_on;
    std::string signer;
    std::string signer_position;
    std::string law_number;
    std::string law_effective;
    std::string law_adopted;
    bool shortened = false;
    std::string items;  // one per line: code change [replaced code]
};

Response ListPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const DraftValues& v, const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    app::AppContext& ctx = site.Context();
    app::PublicationDecisionQuery q;
    auto list = app::ListPublicationDecisions(ctx, actor, q);
    if (!list) {
        return site.ForError(list.error(), req, actor);
    }
    auto violations = app::PublicationViolations(ctx, actor, q);
    if (!violations) {
        return site.ForError(violations.error(), req, actor);
    }
    DataList rows;
    for (const app::PublicationDecisionView& x : *list) {
        const spd::Decision& d = x.decision;
        Data r;
        r.set("href", ItemPath(d.id));
        r.set("number", d.number);
        r.set("unit", x.unit.name);
        r.set("signed_on", OptionalText(FormatDayShort(d.signed_on)));
        r.set("state", StateLabel(d.state));
        r.set("items", std::to_string(d.items.size()));
        r.set("warnings", std::to_string(x.warnings.size()));
        r.set("late", !x.warnings.empty());
        rows.push_back(r);
    }
    DataList vrows;
    for (const app::PublicationViolation& x : *violations) {
        Data r;
        r.set("href", ItemPath(x.decision.decision.id));
        r.set("number", x.decision.decision.number);
        r.set("rule", x.warning.rule);
        r.set("code", OptionalText(x.warning.procedure_code));
        r.set("message", x.warning.message);
        vrows.push_back(r);
    }
    Data data;
    data.set("decisions", rows);
    data.set("has_decisions", !rows.empty());
    data.set("violations", vrows);
    data.set("has_violations", !vrows.empty());
    data.set("export_href", "/api/v1/publication-decisions/violations?format=xlsx");
    data.set("error", OptionalText(error));
    data.set("unit", v.unit);
    data.set("number", v.number);
    data.set("title", v.title);
    data.set("ministry", v.issuer == "ministry");
    data.set("calendar_days", v.convention == "calendar_days");
    data.set("signed_on", v.signed_on);
    data.set("signer", v.signer);
    data.set("signer_position", v.signer_position);
    data.set("law_number", v.law_number);
    data.set("law_effective", v.law_effective);
    data.set("law_adopted", v.law_adopted);
    data.set("shortened", v.shortened);
    data.set("items_text", v.items);
    Chrome chrome = site.MakeChrome(req, actor, "Công bố thủ tục hành chính", Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") {
        chrome.flash = "Đã lưu.";
    }
    return site.Page(status, "publication_decisions", chrome, data);
}

Response ListGet(const Site& site, const Request& req, const app::Actor& actor) {
    return ListPage(site, req, actor, 200, DraftValues{}, "");
}

Response CreatePost(const Site& site, const Request& req, const app::Actor& actor,
                    const Form& form) {
    DraftValues v;
    v.unit = form.Get("issuing_unit");
    v.number = form.Get("number");
    v.title = form.Get("title");
    v.issuer = form.Get("issuer");
    v.convention = form.Get("convention");
    v.signed_on = form.Get("signed_on");
    v.signer = form.Get("signer");
    v.signer_position = form.Get("signer_position");
    v.law_number = form.Get("law_number");
    v.law_effective = form.Get("law_effective");
    v.law_adopted = form.Get("law_adopted");
    v.shortened = form.Get("shortened") == "1";
    v.items = form.Get("items");
    json::object law{{"number", v.law_number},
                     {"effective_on", v.law_effective},
                     {"level", v.issuer.empty() ? "province" : v.issuer},
                     {"shortened", v.shortened}};
    if (!v.law_adopted.empty()) {
        law["adopted_on"] = v.law_adopted;
    }
    json::array items;
    std::istringstream lines(v.items);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string code;
        std::string change;
        std::string replaced;
        words >> code >> change >> replaced;
        if (code.empty()) {
            continue;
        }
        json::object item{{"procedure_code", code},
                          {"change", change.empty() ? "amended" : change}};
        if (!replaced.empty()) {
            item["replaced_code"] = replaced;
        }
        items.push_back(std::move(item));
    }
    json::object body{{"issuing_unit", v.unit},
                      {"number", v.number},
                      {"title", v.title},
                      {"issuer", v.issuer.empty() ? "province" : v.issuer},
                      {"convention", v.convention.empty() ? "working_days" : v.convention},
                      {"signer", v.signer},
                      {"signer_position", v.signer_position},
                      {"legal_documents", json::array{law}},
                      {"items", std::move(items)}};
    if (!v.signed_on.empty()) {
        body["signed_on"] = v.signed_on;
    }
    auto created = app::CreatePublicationDecision(site.Context(), actor, json::serialize(body));
    if (!created) {
        if (const int status = InputStatus(created.error(), true); status != 0) {
            return ListPage(site, req, actor, status, v, Sentence(created.error().message));
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(ItemPath(created->decision.id) + "?da-luu=1");
}

// ---- /cong-bo-tthc/{id} ------------------------------------------------------------------------

Response ItemPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                  const std::string& error) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có quyết định công bố này.");
    }
    auto view = app::GetPublicationDecision(site.Context(), actor, *id);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    const spd::Decision& d = view->decision;
    Data data;
    data.set("action_href", ItemPath(d.id));
    data.set("number", d.number);
    data.set("title", OptionalText(d.title));
    data.set("unit", view->unit.name);
    data.set("issuer", std::string(d.issuer == "ministry" ? "Bộ, cơ quan ngang bộ" : "Tỉnh"));
    data.set("convention", std::string(d.convention == "calendar_days"
                                           ? "ngày (theo Nghị định 63/2010)"
                                           : "ngày làm việc (theo Cổng DVC quốc gia)"));
    data.set("signed_on", OptionalText(FormatDayShort(d.signed_on)));
    data.set("signer", OptionalText(d.signer));
    data.set("signer_position", OptionalText(d.signer_position));
    data.set("state", StateLabel(d.state));
    data.set("applied_on", OptionalText(FormatDayShort(d.applied_on)));
    data.set("version", std::to_string(d.version));
    data.set("database_due", OptionalText(FormatDayShort(view->database_due)));
    if (view->check) {
        data.set("latest", FormatDayShort(view->check->latest));
        data.set("explanation", view->check->explanation);
        data.set("on_time", view->check->on_time);
    }
    data.set("error", OptionalText(error));
    DataList docs;
    for (const spd::LegalDocument& x : d.documents) {
        Data t;
        t.set("number", x.number);
        t.set("title", OptionalText(x.title));
        t.set("effective", FormatDayShort(x.effective));
        t.set("adopted", OptionalText(FormatDayShort(x.adopted)));
        t.set("shortened", x.shortened);
        docs.push_back(t);
    }
    data.set("documents", docs);
    DataList items;
    for (const spd::Item& i : d.items) {
        Data t;
        t.set("code", i.procedure_code);
        t.set("change", ChangeLabel(i.change));
        t.set("replaced", OptionalText(i.replaced_code.value_or("")));
        t.set("database", OptionalText(FormatDayShort(i.database_entered)));
        t.set("catalogue", OptionalText(FormatDayShort(i.catalogue_updated)));
        items.push_back(t);
    }
    data.set("items", items);
    const DataList warnings = WarningsData(view->warnings);
    data.set("warnings", warnings);
    data.set("has_warnings", !warnings.empty());
    for (const std::string& a : view->actions) {
        data.set("may_" + a, true);
    }
    Chrome chrome =
        site.MakeChrome(req, actor, "Quyết định công bố " + d.number, Section::kDossiers);
    if (req.Query("da-luu").value_or("") == "1") {
        chrome.flash = "Đã lưu.";
    }
    return site.Page(status, "publication_decision", chrome, data);
}

Response ItemGet(const Site& site, const Request& req, const app::Actor& actor) {
    return ItemPage(site, req, actor, 200, "");
}

Response ActPost(const Site& site, const Request& req, const app::Actor& actor, const Form& form) {
    auto id = ParsePositive(req.path_params.at("id"));
    if (!id) {
        return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                              "Không có quyết định công bố này.");
    }
    json::object body;
    if (auto v = ParsePositive(form.Get("version"))) {
        body["version"] = *v;
    }
    const std::string action = form.Get("action");
    app::AppContext& ctx = site.Context();
    base::Result<app::PublicationDecisionView> done =
        base::InvalidArgument("Thao tác không hợp lệ.");
    if (action == "sign") {
        if (std::string on = form.Get("on"); !on.empty()) {
            body["signed_on"] = on;
        }
        done = app::SignPublicationDecision(ctx, actor, *id, json::serialize(body));
    } else if (action == "apply") {
        done = app::ApplyPublicationDecision(ctx, actor, *id, json::serialize(body));
    } else if (action == "record_database" || action == "record_catalogue") {
        body["on"] = form.Get("on");
        done = app::RecordPublicationDay(ctx, actor, *id, json::serialize(body),
                                         action == "record_database");
    }
    if (!done) {
        if (const int status = InputStatus(done.error(), true); status != 0) {
            return ItemPage(site, req, actor, status, Sentence(done.error().message));
        }
        return site.ForError(done.error(), req, actor);
    }
    return Redirect(ItemPath(*id) + "?da-luu=1");
}

}  // namespace

void RegisterPublicationDecisionPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/cong-bo-tthc", ListGet,
            "Quyết định công bố TTHC, cảnh báo thời hạn và danh sách vi phạm (HTML)", "session");
    AddForm(router, site, "/cong-bo-tthc", CreatePost, Audience::kSignedIn,
            "Lập dự thảo quyết định công bố TTHC (HTML)");
    AddPage(router, site, "/cong-bo-tthc/{id}", ItemGet,
            "Một quyết định công bố: văn bản, TTHC, cảnh báo, các bước (HTML)", "session");
    AddForm(router, site, "/cong-bo-tthc/{id}", ActPost, Audience::kSignedIn,
            "Ký, áp dụng vào danh mục, ghi nhận ngày cập nhật CSDL/danh mục (HTML)");
}

}  // namespace motcua::web
