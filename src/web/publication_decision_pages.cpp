// Publication decisions (issue #8; docs/control.md "Publication decisions", "Pages"):
//  - /cong-bo-tthc: the decisions the actor may manage with their deadline warnings, a form to
//    draft one (one legal document, procedures one per line "code change [replaced code]"), and
//    the violation list with its XLSX and DOCX exports (through the API);
//  - /cong-bo-tthc/{id}: one decision — its legal documents, procedures, warnings and a form per
//    allowed step (sign, apply to the catalogue, record the database entry / catalogue update);
//    in a draft, a form per procedure to edit the new version's fields;
//  - /thiet-lap/cong-bo-tthc: the province administrator's setting of the days convention that
//    decisions without a choice take (app/settings.hpp), with its history.
// Thin: decode, call app/publication_decisions.hpp (which authorises), render. PRG throughout.
#include <array>
#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "app/publication_decisions.hpp"
#include "app/settings.hpp"
#include "calendar/civil_date.hpp"
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
    std::string convention;  // empty: the system setting
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
    data.set("export_docx_href", "/api/v1/publication-decisions/violations?format=docx");
    data.set("error", OptionalText(error));
    data.set("unit", v.unit);
    data.set("number", v.number);
    data.set("title", v.title);
    data.set("ministry", v.issuer == "ministry");
    data.set("calendar_days", v.convention == "calendar_days");
    data.set("working_days", v.convention == "working_days");
    data.set("signed_on", v.signed_on);
    data.set("signer", v.signer);
    data.set("signer_position", v.signer_position);
    data.set("law_number", v.law_number);
    data.set("law_effective", v.law_effective);
    data.set("law_adopted", v.law_adopted);
    data.set("shortened", v.shortened);
    data.set("items_text", v.items);
    Chrome chrome = site.MakeChrome(req, actor, "Công bố thủ tục hành chính", Section::kDossiers);
    FlashIfSaved(req, chrome);
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
                      {"signer", v.signer},
                      {"signer_position", v.signer_position},
                      {"legal_documents", json::array{law}},
                      {"items", std::move(items)}};
    if (!v.signed_on.empty()) {
        body["signed_on"] = v.signed_on;
    }
    if (!v.convention.empty()) {
        body["convention"] = v.convention;
    }
    auto created = app::CreatePublicationDecision(site.Context(), actor, json::serialize(body));
    if (!created) {
        if (const int status = InputStatus(created.error(), true); status != 0) {
            return ListPage(site, req, actor, status, v, Sentence(created.error().message));
        }
        return site.ForError(created.error(), req, actor);
    }
    return Redirect(ItemPath(created->decision.id) + kSavedQuery);
}

// ---- Editing an item's fields -------------------------------------------------------------------

// The fields the per-item form names; anything else of the exchange format goes in "Các trường
// khác (JSON)". processing_milli is entered in days ("15" or "1,5").
constexpr std::array<std::string_view, 3> kNamedFields = {"name", "field", "implementing_units"};

Data ItemFieldsData(const spd::Item& item, std::size_t k) {
    json::object fields;
    if (!item.procedure_json.empty()) {
        std::error_code ec;
        json::value v = json::parse(item.procedure_json, ec);
        if (!ec && v.is_object()) {
            fields = std::move(v.as_object());
        }
    }
    Data e;
    e.set("index", std::to_string(k));
    e.set("id", "i" + std::to_string(k));
    for (const std::string_view key : kNamedFields) {
        const json::value* x = fields.if_contains(key);
        e.set(std::string(key), x && x->is_string() ? std::string(x->as_string()) : std::string());
        fields.erase(key);
    }
    std::string days;
    if (const json::value* x = fields.if_contains("processing_milli"); x && x->is_int64()) {
        const std::int64_t milli = x->as_int64();
        days = std::to_string(milli / 1000);
        if (milli % 1000 != 0) {
            std::string frac = std::to_string(1000 + milli % 1000).substr(1);
            while (!frac.empty() && frac.back() == '0') {
                frac.pop_back();
            }
            days += "," + frac;
        }
        fields.erase("processing_milli");
    }
    e.set("days", days);
    e.set("other", fields.empty() ? std::string() : json::serialize(fields));
    return e;
}

// "15" or "1,5" / "1.5" days → thousandths; nullopt when not a number of days.
std::optional<std::int64_t> MilliDays(std::string text) {
    for (char& c : text) {
        if (c == ',') {
            c = '.';
        }
    }
    const std::size_t dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    std::string frac = dot == std::string::npos ? std::string() : text.substr(dot + 1);
    auto digits = [](const std::string& t) {
        return t.find_first_not_of("0123456789") == std::string::npos;
    };
    if (whole.empty() || whole.size() > 6 || !digits(whole) || frac.size() > 3 || !digits(frac)) {
        return std::nullopt;
    }
    frac.resize(3, '0');
    return std::stoll(whole) * 1000 + std::stoll(frac);
}

// The whole draft as the PUT body, with item `k`'s fields replaced from the form.
base::Result<app::PublicationDecisionView> EditItem(app::AppContext& ctx, const app::Actor& actor,
                                                    std::int64_t id, const Form& form) {
    auto view = app::GetPublicationDecision(ctx, actor, id);
    if (!view) {
        return view;
    }
    const spd::Decision& d = view->decision;
    const std::string index_text = form.Get("item");
    if (index_text.empty() || index_text.size() > 4 ||
        index_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoull(index_text) >= d.items.size()) {
        return base::InvalidArgument("Không có thủ tục này trong quyết định.");
    }
    const std::size_t index = std::stoull(index_text);
    json::object fields;
    if (const std::string other = form.Get("other"); !other.empty()) {
        std::error_code ec;
        json::value v = json::parse(other, ec);
        if (ec || !v.is_object()) {
            return base::InvalidArgument(
                "Các trường khác phải là một đối tượng JSON theo định dạng trao đổi, ví dụ "
                "{\"result\": \"Giấy phép\"}.");
        }
        fields = std::move(v.as_object());
    }
    for (const std::string_view key : kNamedFields) {
        if (std::string value = form.Get(std::string(key)); !value.empty()) {
            fields[key] = value;
        } else {
            fields.erase(key);
        }
    }
    if (const std::string days = form.Get("days"); !days.empty()) {
        const auto milli = MilliDays(days);
        if (!milli) {
            return base::InvalidArgument("Thời hạn giải quyết phải là số ngày, ví dụ 15 hoặc 1,5.");
        }
        fields["processing_milli"] = *milli;
    } else {
        fields.erase("processing_milli");
    }
    json::array docs;
    for (const spd::LegalDocument& x : d.documents) {
        json::object o{{"number", x.number},
                       {"title", x.title},
                       {"level", x.level},
                       {"effective_on", calendar::FormatIsoDate(x.effective)},
                       {"shortened", x.shortened}};
        if (x.adopted) {
            o["adopted_on"] = calendar::FormatIsoDate(*x.adopted);
        }
        docs.push_back(std::move(o));
    }
    json::array items;
    for (std::size_t n = 0; n < d.items.size(); ++n) {
        const spd::Item& i = d.items[n];
        json::object o{
            {"procedure_code", i.procedure_code}, {"change", i.change}, {"document", i.document}};
        if (i.replaced_code) {
            o["replaced_code"] = *i.replaced_code;
        }
        if (n == index) {
            if (!fields.empty()) {
                o["procedure"] = fields;
            }
        } else if (!i.procedure_json.empty()) {
            std::error_code ec;
            json::value v = json::parse(i.procedure_json, ec);
            if (!ec) {
                o["procedure"] = std::move(v);
            }
        }
        items.push_back(std::move(o));
    }
    json::object body{{"number", d.number},
                      {"title", d.title},
                      {"issuer", d.issuer},
                      {"signer", d.signer},
                      {"signer_position", d.signer_position},
                      {"legal_documents", std::move(docs)},
                      {"items", std::move(items)}};
    if (!d.convention_from_setting) {
        body["convention"] = d.convention;
    }
    if (d.signed_on) {
        body["signed_on"] = calendar::FormatIsoDate(*d.signed_on);
    }
    auto version = ParsePositive(form.Get("version"));
    if (!version) {
        return base::InvalidArgument("Thiếu phiên bản đang sửa.");
    }
    body["version"] = *version;
    return app::UpdatePublicationDecision(ctx, actor, id, json::serialize(body), std::nullopt);
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
                                           : "ngày làm việc (theo Cổng DVC quốc gia)") +
                               (d.convention_from_setting ? " — theo thiết lập hệ thống" : ""));
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
    const bool draft = d.state == "draft";
    for (std::size_t k = 0; k < d.items.size(); ++k) {
        const spd::Item& i = d.items[k];
        Data t;
        if (draft && i.change != "abolished") {
            t.set("edit", ItemFieldsData(i, k));
        }
        t.set("code", i.procedure_code);
        t.set("change", ChangeLabel(i.change));
        t.set("replaced", OptionalText(i.replaced_code.value_or("")));
        t.set("database", OptionalText(FormatDayShort(i.database_entered)));
        t.set("catalogue", OptionalText(FormatDayShort(i.catalogue_updated)));
        items.push_back(t);
    }
    data.set("items", items);
    data.set("editable_items", draft);
    const DataList warnings = WarningsData(view->warnings);
    data.set("warnings", warnings);
    data.set("has_warnings", !warnings.empty());
    for (const std::string& a : view->actions) {
        data.set("may_" + a, true);
    }
    Chrome chrome =
        site.MakeChrome(req, actor, "Quyết định công bố " + d.number, Section::kDossiers);
    FlashIfSaved(req, chrome);
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
    } else if (action == "edit_item") {
        done = EditItem(ctx, actor, *id, form);
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
    return Redirect(ItemPath(*id) + kSavedQuery);
}

// ---- /thiet-lap/cong-bo-tthc -------------------------------------------------------------------

constexpr std::string_view kSettingsPath = "/thiet-lap/cong-bo-tthc";

std::string ConventionLabel(const std::string& value) {
    return value == "calendar_days" ? "Ngày (theo Nghị định 63/2010)"
                                    : "Ngày làm việc (theo Cổng DVC quốc gia)";
}

Response SettingsPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                      const std::string& error, const std::string& value,
                      const std::string& valid_from) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    auto setting = app::GetSetting(site.Context(), actor, app::kPublicationDayConvention);
    if (!setting) {
        return site.ForError(setting.error(), req, actor);
    }
    Data data;
    data.set("action_href", std::string(kSettingsPath));
    data.set("label", setting->label);
    data.set("today", ConventionLabel(setting->value_today));
    if (setting->next_value && setting->next_from) {
        data.set("next", ConventionLabel(*setting->next_value) + " từ ngày " +
                             calendar::FormatVietnameseDate(*setting->next_from));
    }
    data.set("version", std::to_string(setting->version));
    data.set("calendar_days", (value.empty() ? setting->value_today : value) == "calendar_days");
    data.set("valid_from", valid_from);
    data.set("error", OptionalText(error));
    DataList history;
    for (std::size_t k = 0; k < setting->history.size(); ++k) {
        const store::settings::Change& c = setting->history[k];
        Data h;
        h.set("value", ConventionLabel(c.value));
        h.set("valid_from", calendar::FormatVietnameseDate(c.valid_from));
        h.set("by", OptionalText(setting->changed_by_names.at(k)));
        h.set("at", FormatDayShort(std::chrono::floor<std::chrono::days>(
                        c.changed_at + calendar::kVietnamOffset)));
        history.push_back(h);
    }
    data.set("history", history);
    data.set("has_history", !history.empty());
    Chrome chrome = site.MakeChrome(req, actor, "Thiết lập cách tính thời hạn công bố TTHC",
                                    Section::kDossiers);
    FlashIfSaved(req, chrome);
    return site.Page(status, "publication_settings", chrome, data);
}

Response SettingsGet(const Site& site, const Request& req, const app::Actor& actor) {
    return SettingsPage(site, req, actor, 200, "", "", "");
}

Response SettingsPost(const Site& site, const Request& req, const app::Actor& actor,
                      const Form& form) {
    const std::string value = form.Get("value");
    const std::string valid_from = form.Get("valid_from");
    json::object body{{"value", value}, {"valid_from", valid_from}};
    if (auto v = ParsePositive(form.Get("version")); v) {
        body["version"] = *v;
    } else if (form.Get("version") == "0") {
        body["version"] = 0;
    }
    auto changed = app::ChangeSetting(site.Context(), actor, app::kPublicationDayConvention,
                                      json::serialize(body), std::nullopt);
    if (!changed) {
        if (const int status = InputStatus(changed.error(), true); status != 0) {
            return SettingsPage(site, req, actor, status, Sentence(changed.error().message), value,
                                valid_from);
        }
        return site.ForError(changed.error(), req, actor);
    }
    return Redirect(std::string(kSettingsPath) + kSavedQuery);
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
            "Ký, áp dụng vào danh mục, ghi nhận ngày cập nhật CSDL/danh mục, sửa nội dung TTHC "
            "của dự thảo (HTML)");
    AddPage(router, site, kSettingsPath, SettingsGet,
            "Thiết lập cách tính thời hạn công bố TTHC theo ngày áp dụng (HTML, quản trị)",
            "session");
    AddForm(router, site, kSettingsPath, SettingsPost, Audience::kSignedIn,
            "Đổi cách tính thời hạn công bố TTHC từ một ngày (HTML, quản trị)");
}

}  // namespace motcua::web
