#include "web/citizen_views.hpp"

#include <algorithm>
#include <utility>

#include <boost/json.hpp>

#include "text/unicode.hpp"
#include "web/dossier_views.hpp"
#include "web/intake_views.hpp"

namespace motcua::web {

namespace {

namespace json = boost::json;

constexpr size_t kMaxNote = 2000;  // code points of the free note

std::string Trim(const Form& form, std::string_view name) {
    return text::TrimAndCollapseSpaces(form.Get(name));
}

std::string ComponentField(size_t n) {
    return "c" + std::to_string(n);
}

bool HasLevel(const domain::Procedure& procedure, std::string_view level) {
    return std::find(procedure.levels.begin(), procedure.levels.end(), level) !=
           procedure.levels.end();
}

// The unit types a citizen may pick as settling unit for `procedure`, in display order.
std::vector<std::pair<domain::UnitType, const char*>> SettlingTypes(
    const domain::Procedure& procedure) {
    std::vector<std::pair<domain::UnitType, const char*>> types;
    const bool commune = HasLevel(procedure, "commune");
    const bool other = !commune || HasLevel(procedure, "province") ||
                       HasLevel(procedure, "district") || HasLevel(procedure, "ministry");
    if (other) {
        types.emplace_back(domain::UnitType::kAgency, "Cơ quan chuyên môn cấp tỉnh");
    }
    if (commune) {
        types.emplace_back(domain::UnitType::kCommune, "Xã, phường");
    }
    return types;
}

std::vector<const domain::Unit*> SettlingUnits(const domain::Procedure& procedure,
                                               const std::vector<domain::Unit>& units) {
    std::vector<const domain::Unit*> out;
    for (const auto& [type, label] : SettlingTypes(procedure)) {
        for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
            if (unit->type == type && !unit->valid_to) {
                out.push_back(unit);
            }
        }
    }
    return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

std::vector<EformComponent> EformComponentsOf(const domain::Procedure& procedure) {
    std::vector<EformComponent> out;
    for (const domain::RequiredDocument& doc : procedure.documents) {
        out.push_back({doc.name, doc.note, true});
    }
    return out;
}

EformValues EformValuesFromForm(const Form& form, const domain::Procedure& procedure) {
    EformValues v;
    v.procedure_code = procedure.code;
    v.settling_unit = Trim(form, "settling_unit");
    v.applicant_kind = form.Get("applicant_kind");
    v.name = Trim(form, "name");
    v.id_number = Trim(form, "id_number");
    v.phone = Trim(form, "phone");
    v.email = Trim(form, "email");
    v.address = Trim(form, "address");
    v.owner_name = Trim(form, "owner_name");
    v.note = text::TrimAndCollapseSpaces(form.Get("note"));
    v.idempotency_key = form.Get("idempotency_key");
    v.version = ParseIndex(form.Get("version")).value_or(0);
    v.components = EformComponentsOf(procedure);
    for (size_t n = 1; n <= v.components.size(); ++n) {
        v.components[n - 1].provided = form.Has(ComponentField(n));
    }
    return v;
}

EformValues EformValuesFromProfile(const app::CitizenProfile& profile,
                                   const domain::Procedure& procedure) {
    EformValues v;
    v.procedure_code = procedure.code;
    v.applicant_kind = profile.profile.kind == "organisation" ? "organisation" : "person";
    v.name = profile.user.display_name;
    v.id_number = profile.profile.id_number;
    v.phone = profile.user.phone;
    v.email = profile.user.email;
    v.address = profile.profile.address;
    v.components = EformComponentsOf(procedure);
    return v;
}

EformValues EformValuesFromDraft(const store::citizens::Draft& draft,
                                 const domain::Procedure& procedure,
                                 const std::vector<domain::Unit>& units) {
    EformValues v;
    v.procedure_code = procedure.code;
    v.version = draft.version;
    if (const domain::Unit* unit = FindUnit(units, draft.settling_unit_id)) {
        v.settling_unit = unit->code;
    }
    v.components = EformComponentsOf(procedure);
    auto content = app::DecodeDraftBody(draft.body);
    if (!content) {
        return v;  // a body the API stored and the page cannot read: start from the procedure
    }
    const domain::Applicant& a = content->applicant;
    v.applicant_kind = a.kind == domain::ApplicantKind::kOrganisation ? "organisation" : "person";
    v.name = a.name;
    v.id_number = a.id_number;
    v.phone = a.phone;
    v.email = a.email;
    v.address = a.address;
    v.owner_name = a.owner_name;
    if (!content->components.empty()) {
        for (EformComponent& c : v.components) {
            const auto saved =
                std::find_if(content->components.begin(), content->components.end(),
                             [&](const domain::Component& s) { return s.name == c.name; });
            c.provided = saved == content->components.end() || saved->provided;
        }
    }
    boost::system::error_code ec;
    const json::value body = json::parse(draft.body, ec);
    if (!ec && body.is_object()) {
        if (const json::value* fields = body.as_object().if_contains("fields");
            fields != nullptr && fields->is_object()) {
            if (const json::value* note = fields->as_object().if_contains("note");
                note != nullptr && note->is_string()) {
                v.note = std::string(note->as_string());
            }
        }
    }
    return v;
}

std::string DraftBodyJson(const EformValues& values) {
    json::object applicant;
    applicant["kind"] = values.applicant_kind == "organisation" ? "organisation" : "person";
    applicant["name"] = values.name;
    applicant["id_number"] = values.id_number;
    applicant["address"] = values.address;
    applicant["phone"] = values.phone;
    applicant["email"] = values.email;
    applicant["owner_name"] = values.owner_name;
    json::array components;
    for (const EformComponent& c : values.components) {
        json::object item;
        item["name"] = c.name;
        item["provided"] = c.provided;
        item["note"] = c.note;
        components.push_back(std::move(item));
    }
    json::object fields;
    fields["note"] = values.note;
    json::object body;
    body["applicant"] = std::move(applicant);
    body["components"] = std::move(components);
    body["fields"] = std::move(fields);
    return json::serialize(body);
}

std::optional<app::DraftInput> EformDraftInput(const EformValues& values,
                                               const domain::Procedure& procedure,
                                               const std::vector<domain::Unit>& units,
                                               FormErrors& errors) {
    app::DraftInput input;
    input.procedure_code = procedure.code;
    input.version = values.version;
    if (values.settling_unit.empty()) {
        errors.Add("settling_unit", "Chọn cơ quan giải quyết.");
    } else {
        const std::vector<const domain::Unit*> allowed = SettlingUnits(procedure, units);
        const auto unit = std::find_if(allowed.begin(), allowed.end(), [&](const domain::Unit* u) {
            return u->code == values.settling_unit;
        });
        if (unit == allowed.end()) {
            errors.Add("settling_unit",
                       "Cơ quan giải quyết đã chọn không giải quyết thủ tục này; hãy chọn lại.");
        } else {
            input.settling_unit_id = (*unit)->id;
        }
    }
    if (values.applicant_kind != "person" && values.applicant_kind != "organisation") {
        errors.Add("kind-person", "Chọn người nộp là cá nhân hay tổ chức.");
    }
    if (values.name.empty()) {
        errors.Add("name", "Nhập họ tên người nộp (tên tổ chức).");
    }
    if (text::CodePointCount(values.note) > kMaxNote) {
        errors.Add("note", "Ghi chú tối đa 2.000 ký tự.");
    }
    if (!errors.Empty()) {
        return std::nullopt;
    }
    input.body = DraftBodyJson(values);
    return input;
}

Data EformSettlingData(const domain::Procedure& procedure, const std::vector<domain::Unit>& units,
                       const std::string& selected, const FormErrors& errors) {
    Data data = FieldData({.name = "settling_unit",
                           .label = "Cơ quan giải quyết",
                           .value = selected,
                           .hint = "Cơ quan có thẩm quyền giải quyết thủ tục; hồ sơ được Bộ phận "
                                   "Một cửa của cơ quan này tiếp nhận.",
                           .required = true},
                          errors);
    data.set("groups", UnitOptionGroups(units, SettlingTypes(procedure), selected));
    data.set("none_selected", selected.empty());
    return data;
}

std::string EformDefaultSettlingUnit(const domain::Procedure& procedure,
                                     const std::vector<domain::Unit>& units) {
    const std::vector<const domain::Unit*> allowed = SettlingUnits(procedure, units);
    if (allowed.size() == 1) {
        return allowed.front()->code;
    }
    const std::string guess = DefaultSettlingUnit(procedure, units, "");
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const domain::Unit* u) { return u->code == guess; });
    return known ? guess : std::string();
}

Data EformComponentRows(const std::vector<EformComponent>& components,
                        std::optional<std::int64_t> draft_id,
                        const std::map<std::string, std::vector<std::string>>& attached) {
    DataList rows;
    size_t n = 0;
    for (const EformComponent& c : components) {
        ++n;
        Data row;
        row.set("n", std::to_string(n));
        row.set("field", ComponentField(n));
        row.set("name", c.name);
        row.set("note", OptionalText(c.note));
        row.set("provided", c.provided);
        DataList files;
        if (const auto it = attached.find(c.name); it != attached.end()) {
            for (const std::string& file : it->second) {
                files.push_back(Data("name", file));
            }
        }
        row.set("has_files", !files.empty());
        row.set("files", files);
        row.set("upload_url", draft_id ? Data("/api/v1/drafts/" + std::to_string(*draft_id) +
                                              "/documents?component=" + UrlEncode(c.name))
                                       : Data(false));
        rows.push_back(row);
    }
    return Data(rows);
}

std::string ApplicantFieldFor(std::string_view message) {
    const std::string key = text::SearchKey(message);
    if (Contains(key, "nhan ma xac thuc qua")) {
        return "verify-email";
    }
    if (Contains(key, "thu dien tu hoac so dien thoai")) {
        return "email";
    }
    // Before "mật khẩu": "Số định danh … đã có tài khoản; hãy … lấy lại mật khẩu."
    if (Contains(key, "so dinh danh") || Contains(key, "ma so doanh nghiep") ||
        Contains(key, "ma so thue")) {
        return "id_number";
    }
    if (Contains(key, "mat khau")) {
        return "password";
    }
    if (Contains(key, "ho ten")) {
        return "name";
    }
    if (Contains(key, "so dien thoai")) {
        return "phone";
    }
    if (Contains(key, "thu dien tu")) {
        return "email";
    }
    if (Contains(key, "dia chi")) {
        return "address";
    }
    return {};
}

Data CitizenDossierRow(const store::dossiers::Summary& s) {
    Data row;
    row.set("code", s.code);
    row.set("href", "/cong-dan/ho-so/" + UrlEncode(s.code));
    row.set("procedure_name", s.procedure_name);
    row.set("procedure_code", s.procedure_code);
    row.set("received", OptionalDateTime(s.received_at));
    row.set("appointment", OptionalDateTime(s.appointment_at));
    row.set("state_label", std::string(domain::DossierStateLabel(s.state)));
    row.set("state_tone", std::string(StateTone(s.state)));
    return row;
}

Data CitizenTimelineData(const std::vector<domain::DossierEvent>& events,
                         const std::vector<domain::Unit>& units) {
    using A = domain::ActionKind;
    using S = domain::DossierState;
    DataList items;
    for (const domain::DossierEvent& e : events) {
        if (e.action == A::kWarn || e.action == A::kMarkLate || e.action == A::kAssign) {
            continue;  // internal to the administration
        }
        // Reasons addressed to the applicant; officers' notes on their steps stay internal.
        const bool public_reason =
            (e.action == A::kReceive && (e.to == S::kAwaitingSupplement || e.to == S::kRefused)) ||
            e.action == A::kRequestSupplement || e.action == A::kRefuse || e.action == A::kStop ||
            e.action == A::kWithdraw || e.action == A::kApologize;
        Data item;
        item.set("time", FormatDateTime(e.at));
        item.set("action_label", std::string(domain::ActionKindLabel(e.action)));
        item.set("state_label", std::string(domain::DossierStateLabel(e.to)));
        item.set("unit", UnitName(units, e.unit_id));
        item.set("reason", OptionalText(public_reason ? e.reason : std::string()));
        items.push_back(item);
    }
    return Data(items);
}

std::string SupplementReason(const domain::Dossier& dossier,
                             const std::vector<domain::DossierEvent>& events) {
    using S = domain::DossierState;
    if (dossier.state != S::kAwaitingSupplement && dossier.state != S::kReturnedForSupplement) {
        return {};
    }
    const auto latest =
        std::find_if(events.rbegin(), events.rend(), [](const domain::DossierEvent& e) {
            return e.to == S::kAwaitingSupplement || e.to == S::kReturnedForSupplement;
        });
    return latest == events.rend() ? std::string() : latest->reason;
}

}  // namespace motcua::web
