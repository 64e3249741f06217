// The internal-process editor (issue #4): /quy-trinh/{procedure}[?don-vi=<unit code>] shows the
// process a new dossier would follow as an editable table of steps; TTHC-control officers save
// it as a new version (app::SaveProcess validates and authorises) and see the version history.
// Rows are added and removed by posting the form (op=add, op=remove-N), so it works without
// JavaScript and keeps what was typed.
#include "app/catalogue.hpp"
#include "app/dossiers.hpp"
#include "app/organisation.hpp"
#include "text/unicode.hpp"
#include "web/dossier_views.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;

constexpr size_t kMaxSteps = 50;

struct StepRow {
    std::string key;
    std::string name;
    std::string kind = "appraise";
    std::string unit = "settling";
    std::string unit_code;
    std::string role = "specialist";
    std::string days = "0";
    std::string next;
};

struct ProcessValues {
    std::string scope;  // unit code, "" = every unit
    std::string version = "0";
    std::string note;
    std::vector<StepRow> steps;
};

std::string_view StepUnitName(domain::StepUnit unit) {
    switch (unit) {
        case domain::StepUnit::kReceiving:
            return "receiving";
        case domain::StepUnit::kSettling:
            return "settling";
        case domain::StepUnit::kNamed:
            return "named";
    }
    return "settling";
}

ProcessValues ValuesOf(const domain::Process& p, std::string scope) {
    ProcessValues v;
    v.scope = std::move(scope);
    v.version = std::to_string(p.version);
    v.note = p.note;
    for (const domain::ProcessStep& s : p.steps) {
        std::string next;
        for (const std::string& key : s.next) {
            next += (next.empty() ? "" : ", ") + key;
        }
        v.steps.push_back({s.key, s.name, std::string(domain::StepKindName(s.kind)),
                           std::string(StepUnitName(s.unit)), s.unit_code,
                           std::string(domain::RoleName(s.role)), MilliText(s.share_milli), next});
    }
    return v;
}

std::string Row(size_t n, std::string_view field) {
    return "s" + std::to_string(n) + "_" + std::string(field);
}

ProcessValues ValuesFromForm(const Form& form) {
    ProcessValues v;
    v.scope = form.Get("don_vi");
    v.version = form.Get("version");
    v.note = text::TrimAndCollapseSpaces(form.Get("note"));
    const size_t count =
        std::min(static_cast<size_t>(ParseIndex(form.Get("step_count")).value_or(0)), kMaxSteps);
    for (size_t n = 1; n <= count; ++n) {
        StepRow row;
        row.key = text::TrimAndCollapseSpaces(form.Get(Row(n, "key")));
        row.name = text::TrimAndCollapseSpaces(form.Get(Row(n, "name")));
        row.kind = form.Get(Row(n, "kind"));
        row.unit = form.Get(Row(n, "unit"));
        row.unit_code = text::TrimAndCollapseSpaces(form.Get(Row(n, "unit_code")));
        row.role = form.Get(Row(n, "role"));
        row.days = text::TrimAndCollapseSpaces(form.Get(Row(n, "days")));
        row.next = text::TrimAndCollapseSpaces(form.Get(Row(n, "next")));
        v.steps.push_back(std::move(row));
    }
    return v;
}

// The process to save, or nullopt with the problems in `errors`.
std::optional<domain::Process> ProcessFromValues(const ProcessValues& v,
                                                 std::string_view procedure_code,
                                                 std::optional<std::int64_t> unit_id,
                                                 FormErrors& errors) {
    domain::Process p;
    p.procedure_code = std::string(procedure_code);
    p.unit_id = unit_id;
    p.note = v.note;
    const auto version = ParseIndex(v.version);
    if (!version) {
        errors.Add("", "Biểu mẫu thiếu phiên bản của quy trình. Hãy tải lại trang.");
    }
    p.version = version.value_or(0);
    for (size_t i = 0; i < v.steps.size(); ++i) {
        const StepRow& row = v.steps[i];
        const size_t n = i + 1;
        domain::ProcessStep step;
        step.key = row.key;
        step.name = row.name;
        if (auto kind = domain::ParseStepKind(row.kind)) {
            step.kind = *kind;
        } else {
            errors.Add(Row(n, "kind"), "Chọn loại của bước " + std::to_string(n) + ".");
        }
        step.unit = row.unit == "receiving" ? domain::StepUnit::kReceiving
                    : row.unit == "named"   ? domain::StepUnit::kNamed
                                            : domain::StepUnit::kSettling;
        step.unit_code = step.unit == domain::StepUnit::kNamed ? row.unit_code : std::string();
        if (auto role = domain::ParseRole(row.role)) {
            step.role = *role;
        } else {
            errors.Add(Row(n, "role"), "Chọn vai trò thực hiện bước " + std::to_string(n) + ".");
        }
        if (auto milli = ParseMilli(row.days)) {
            step.share_milli = *milli;
        } else {
            errors.Add(Row(n, "days"), "Thời gian của bước " + std::to_string(n) +
                                           " phải là số không âm, ví dụ 2 hoặc 0,5.");
        }
        std::string_view rest = row.next;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            std::string key = text::TrimAndCollapseSpaces(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
            if (!key.empty()) {
                step.next.push_back(std::move(key));
            }
        }
        p.steps.push_back(std::move(step));
    }
    if (!errors.Empty()) {
        return std::nullopt;
    }
    return p;
}

std::vector<Option> ScopeOptions(const std::vector<domain::Unit>& units) {
    std::vector<Option> options = {{"", "Tất cả cơ quan giải quyết thủ tục"}};
    for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
        if ((unit->type == domain::UnitType::kAgency || unit->type == domain::UnitType::kCommune) &&
            !unit->valid_to) {
            options.push_back({unit->code, unit->name});
        }
    }
    return options;
}

DataList OptionList(const std::vector<Option>& options, const std::string& selected) {
    DataList list;
    for (const Option& o : options) {
        Data item;
        item.set("value", o.value);
        item.set("label", o.label);
        item.set("selected", o.value == selected);
        list.push_back(item);
    }
    return list;
}

std::string ProcessHref(std::string_view code, std::string_view scope) {
    std::string href = "/quy-trinh/" + UrlEncode(code);
    if (!scope.empty()) {
        href += "?don-vi=" + UrlEncode(scope);
    }
    return href;
}

Response EditorPage(const Site& site, const Request& req, const app::Actor& actor, int status,
                    const domain::Procedure& procedure, const std::vector<domain::Unit>& units,
                    const ProcessValues& v, const FormErrors& errors) {
    std::vector<Option> kinds;
    for (const domain::StepKind k :
         {domain::StepKind::kReceive, domain::StepKind::kAppraise, domain::StepKind::kInterAgency,
          domain::StepKind::kApprove, domain::StepKind::kResult, domain::StepKind::kReturn}) {
        kinds.push_back(
            {std::string(domain::StepKindName(k)), std::string(domain::StepKindLabel(k))});
    }
    const std::vector<Option> step_units = {{"receiving", "Bộ phận tiếp nhận"},
                                            {"settling", "Cơ quan giải quyết"},
                                            {"named", "Đơn vị khác (ghi mã)"}};
    std::vector<Option> roles;
    for (const domain::Role r : {domain::Role::kDeskOfficer, domain::Role::kSpecialist,
                                 domain::Role::kLeader, domain::Role::kControlOfficer}) {
        roles.push_back({std::string(domain::RoleName(r)), std::string(domain::RoleLabel(r))});
    }
    DataList rows;
    std::int64_t total = 0;
    for (size_t i = 0; i < v.steps.size(); ++i) {
        const StepRow& s = v.steps[i];
        const size_t n = i + 1;
        Data row;
        row.set("n", std::to_string(n));
        for (const char* field :
             {"key", "name", "kind", "unit", "unit_code", "role", "days", "next"}) {
            row.set(std::string(field) + "_id", Row(n, field));
            const std::string error = errors.For(Row(n, field));
            row.set(std::string(field) + "_error", OptionalText(error));
        }
        row.set("key", s.key);
        row.set("name", s.name);
        row.set("unit_code", s.unit_code);
        row.set("days", s.days);
        row.set("next", s.next);
        row.set("kinds", OptionList(kinds, s.kind));
        row.set("units", OptionList(step_units, s.unit));
        row.set("roles", OptionList(roles, s.role));
        total += ParseMilli(s.days).value_or(0);
        rows.push_back(row);
    }
    Data data;
    data.set("procedure", ProcedureData(procedure));
    data.set("scopes", OptionList(ScopeOptions(units), v.scope));
    data.set("scope", v.scope);
    const domain::Unit* scope_unit = FindUnitByCode(units, v.scope);
    data.set("scope_label", v.scope.empty() ? std::string("tất cả cơ quan giải quyết")
                            : scope_unit != nullptr ? scope_unit->name
                                                    : v.scope);
    data.set("action", ProcessHref(procedure.code, ""));
    data.set("version", v.version);
    data.set("version_text", v.version == "0"
                                 ? std::string("Chưa có phiên bản riêng cho phạm vi này: đang "
                                               "hiển thị quy trình đang áp dụng.")
                                 : "Phiên bản " + v.version + ".");
    data.set("note", v.note);
    data.set("rows", rows);
    data.set("step_count", std::to_string(v.steps.size()));
    data.set("time_unit", std::string(domain::TimeUnitLabel(procedure.time_unit)));
    data.set("total", "Tổng thời gian các bước: " + MilliText(total) + " / thời hạn giải quyết " +
                          ProcessingTimeText(procedure) + ".");
    data.set("total_ok", total == procedure.processing_milli);
    auto history = app::ProcessHistory(site.Context(), procedure.code);
    if (!history) {
        return site.ForError(history.error(), req, actor);
    }
    DataList versions;
    for (const domain::Process& p : *history) {
        Data item;
        item.set("version", std::to_string(p.version));
        item.set("scope", p.unit_id ? UnitName(units, *p.unit_id)
                                    : std::string("Tất cả cơ quan giải quyết"));
        item.set("note", OptionalText(p.note));
        std::string steps;
        for (const domain::ProcessStep& s : p.steps) {
            steps += (steps.empty() ? "" : " → ") + s.name + " (" + MilliText(s.share_milli) + ")";
        }
        item.set("steps", steps);
        versions.push_back(item);
    }
    data.set("has_history", !versions.empty());
    data.set("history", versions);
    Chrome chrome =
        site.MakeChrome(req, actor, "Quy trình nội bộ – " + procedure.name, Section::kCatalogue);
    if (const auto saved = req.Query("luu"); saved && status == 200) {
        chrome.flash = "Đã lưu phiên bản " + std::string(*saved) + " của quy trình nội bộ.";
    }
    return site.Page(status, "page_process", chrome, WithErrors(std::move(data), errors));
}

Response ProcessPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (const base::Status allowed =
            Require(site.Context(), actor, app::Permission::kManageProcesses);
        !allowed) {
        return site.ForError(allowed.error(), req, actor);
    }
    const std::string& code = req.path_params.at("procedure");
    auto procedure = app::GetProcedure(site.Context(), code);
    auto units = app::ListUnits(site.Context());
    if (!procedure || !units) {
        return site.ForError(!procedure ? procedure.error() : units.error(), req, actor);
    }
    const std::string scope(req.Query("don-vi").value_or(""));
    std::optional<std::int64_t> unit_id;
    if (!scope.empty()) {
        const domain::Unit* unit = FindUnitByCode(*units, scope);
        if (unit == nullptr) {
            return site.ErrorPage(404, req, actor, "Không tìm thấy trang",
                                  "Không có đơn vị mã " + scope + ".");
        }
        unit_id = unit->id;
    }
    auto process = app::ProcessFor(site.Context(), code, unit_id);
    if (!process) {
        return site.ForError(process.error(), req, actor);
    }
    return EditorPage(site, req, actor, 200, *procedure, *units, ValuesOf(*process, scope),
                      FormErrors());
}

Response ProcessPost(const Site& site, const Request& req, const app::Actor& actor,
                     const Form& form) {
    const std::string& code = req.path_params.at("procedure");
    auto procedure = app::GetProcedure(site.Context(), code);
    auto units = app::ListUnits(site.Context());
    if (!procedure || !units) {
        return site.ForError(!procedure ? procedure.error() : units.error(), req, actor);
    }
    ProcessValues values = ValuesFromForm(form);
    const std::string op = form.Get("op");
    if (op != "save") {
        // Adding or removing a row saves nothing; still only for those who edit processes.
        if (const base::Status allowed =
                Require(site.Context(), actor, app::Permission::kManageProcesses);
            !allowed) {
            return site.ForError(allowed.error(), req, actor);
        }
    }
    if (op == "add") {
        if (values.steps.size() < kMaxSteps) {
            values.steps.emplace_back();
        }
        return EditorPage(site, req, actor, 200, *procedure, *units, values, FormErrors());
    }
    if (op.starts_with("remove-")) {
        const auto n = ParseIndex(std::string_view(op).substr(7));
        if (n && *n >= 1 && static_cast<size_t>(*n) <= values.steps.size()) {
            values.steps.erase(values.steps.begin() + (*n - 1));
        }
        return EditorPage(site, req, actor, 200, *procedure, *units, values, FormErrors());
    }
    FormErrors errors;
    std::optional<std::int64_t> unit_id;
    if (!values.scope.empty()) {
        const domain::Unit* unit = FindUnitByCode(*units, values.scope);
        if (unit == nullptr) {
            errors.Add("don_vi", "Đơn vị áp dụng không tồn tại.");
        } else {
            unit_id = unit->id;
        }
    }
    auto process = ProcessFromValues(values, procedure->code, unit_id, errors);
    int status = 422;
    if (process && errors.Empty()) {
        auto saved = app::SaveProcess(site.Context(), actor, std::move(*process));
        if (saved) {
            std::string href = ProcessHref(procedure->code, values.scope);
            href += (values.scope.empty() ? "?" : "&") + std::string("luu=") +
                    std::to_string(saved->version);
            return Redirect(href);
        }
        if (saved.error().code == base::ErrorCode::kAborted) {
            errors.Add("", "Quy trình vừa được người khác lưu phiên bản mới, hãy tải lại.");
            status = 409;
        } else if (!AddInputError(saved.error(), errors, "")) {
            return site.ForError(saved.error(), req, actor);
        }
    }
    return EditorPage(site, req, actor, status, *procedure, *units, values, errors);
}

}  // namespace

void RegisterProcessPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/quy-trinh/{procedure}", ProcessPage,
            "Quy trình nội bộ của thủ tục (don-vi): xem, sửa, lịch sử phiên bản (HTML)", "session");
    AddForm(router, site, "/quy-trinh/{procedure}", ProcessPost, Audience::kSignedIn,
            "Lưu phiên bản mới của quy trình nội bộ (HTML)");
}

}  // namespace motcua::web
