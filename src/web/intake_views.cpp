#include "web/intake_views.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "text/unicode.hpp"
#include "web/dossier_views.hpp"

namespace motcua::web {

namespace {

constexpr int kMaxCopies = 100;
constexpr size_t kMaxComponents = 100;

std::string Trim(const Form& form, std::string_view name) {
    return text::TrimAndCollapseSpaces(form.Get(name));
}

bool AllDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int> Count(const std::string& text) {
    if (text.empty()) {
        return 0;
    }
    const auto value = ParseIndex(text);
    if (!value || *value > kMaxCopies) {
        return std::nullopt;
    }
    return value;
}

std::string Field(size_t n, std::string_view what) {
    return "c" + std::to_string(n) + "_" + std::string(what);
}

}  // namespace

std::vector<IntakeComponent> ComponentsOf(const domain::Procedure& procedure) {
    std::vector<IntakeComponent> out;
    for (const domain::RequiredDocument& doc : procedure.documents) {
        const ComponentCounts counts = CountsFromNote(doc.note);
        out.push_back({doc.name, doc.note, true, std::to_string(counts.originals),
                       std::to_string(counts.certified_copies), std::to_string(counts.copies)});
    }
    return out;
}

IntakeValues IntakeValuesFromForm(const Form& form) {
    IntakeValues v;
    v.procedure_code = Trim(form, "procedure_code");
    v.settling_unit = Trim(form, "settling_unit");
    v.receiving_unit = Trim(form, "receiving_unit");
    v.channel = form.Get("channel");
    v.applicant_kind = form.Get("applicant_kind");
    v.name = Trim(form, "name");
    v.id_number = Trim(form, "id_number");
    v.phone = Trim(form, "phone");
    v.email = Trim(form, "email");
    v.address = Trim(form, "address");
    v.owner_name = Trim(form, "owner_name");
    v.completeness = form.Get("completeness");
    v.reason = Trim(form, "reason");
    v.idempotency_key = form.Get("idempotency_key");
    const size_t count = std::min(
        static_cast<size_t>(ParseIndex(form.Get("component_count")).value_or(0)), kMaxComponents);
    for (size_t n = 1; n <= count; ++n) {
        IntakeComponent c;
        c.name = Trim(form, Field(n, "name"));
        c.note = Trim(form, Field(n, "note"));
        c.provided = form.Has(Field(n, "provided"));
        c.originals = Trim(form, Field(n, "originals"));
        c.certified_copies = Trim(form, Field(n, "certified"));
        c.copies = Trim(form, Field(n, "copies"));
        if (!c.name.empty()) {
            v.components.push_back(std::move(c));
        }
    }
    return v;
}

std::optional<app::ReceiveRequest> IntakeRequest(const IntakeValues& v,
                                                 const std::vector<domain::Unit>& units,
                                                 FormErrors& errors) {
    app::ReceiveRequest r;
    if (v.procedure_code.empty()) {
        errors.Add("tim", "Chọn thủ tục hành chính.");
    }
    r.procedure_code = v.procedure_code;
    if (const domain::Unit* unit = FindUnitByCode(units, v.settling_unit)) {
        r.settling_unit_id = unit->id;
    } else if (!v.procedure_code.empty()) {
        errors.Add("settling_unit", "Chọn cơ quan giải quyết.");
    }
    if (!v.receiving_unit.empty()) {
        if (const domain::Unit* unit = FindUnitByCode(units, v.receiving_unit)) {
            r.receiving_unit_id = unit->id;
        } else {
            errors.Add("receiving_unit", "Bộ phận tiếp nhận không tồn tại.");
        }
    }
    if (v.channel == "postal") {
        r.channel = domain::Channel::kPostal;
    } else if (v.channel == "direct") {
        r.channel = domain::Channel::kDirect;
    } else {
        errors.Add("channel-direct", "Chọn hình thức nộp hồ sơ.");
    }
    r.applicant.kind = v.applicant_kind == "organisation" ? domain::ApplicantKind::kOrganisation
                                                          : domain::ApplicantKind::kPerson;
    r.applicant.name = v.name;
    r.applicant.id_number = v.id_number;
    r.applicant.phone = v.phone;
    r.applicant.email = v.email;
    r.applicant.address = v.address;
    r.applicant.owner_name = v.owner_name;
    if (v.name.empty()) {
        errors.Add("name", "Nhập họ tên (tên tổ chức) người nộp.");
    }
    if (r.applicant.kind == domain::ApplicantKind::kPerson && !v.id_number.empty() &&
        (v.id_number.size() != 12 || !AllDigits(v.id_number))) {
        errors.Add("id_number", "Số định danh cá nhân gồm đúng 12 chữ số.");
    }
    if (!v.email.empty() && v.email.find('@') == std::string::npos) {
        errors.Add("email", "Thư điện tử không hợp lệ (thiếu @).");
    }
    bool missing = false;
    for (size_t i = 0; i < v.components.size(); ++i) {
        const IntakeComponent& c = v.components[i];
        const size_t n = i + 1;
        const auto originals = Count(c.originals);
        const auto certified = Count(c.certified_copies);
        const auto copies = Count(c.copies);
        if (!originals) {
            errors.Add(Field(n, "originals"),
                       "Số bản chính dòng " + std::to_string(n) + " phải là số từ 0 đến 100.");
        }
        if (!certified) {
            errors.Add(Field(n, "certified"), "Số bản sao chứng thực dòng " + std::to_string(n) +
                                                  " phải là số từ 0 đến 100.");
        }
        if (!copies) {
            errors.Add(Field(n, "copies"),
                       "Số bản sao dòng " + std::to_string(n) + " phải là số từ 0 đến 100.");
        }
        missing = missing || !c.provided;
        r.components.push_back(domain::Component{c.name, originals.value_or(0),
                                                 certified.value_or(0), copies.value_or(0),
                                                 c.provided, c.note});
    }
    if (v.completeness == "incomplete") {
        r.completeness = domain::Completeness::kIncomplete;
        if (!missing && v.reason.empty()) {
            errors.Add("reason",
                       "Bỏ chọn thành phần còn thiếu hoặc ghi nội dung cần bổ sung, hoàn thiện.");
        }
    } else if (v.completeness == "refuse") {
        r.completeness = domain::Completeness::kRefuse;
        if (v.reason.empty()) {
            errors.Add("reason", "Nhập lý do từ chối tiếp nhận.");
        }
    } else if (v.completeness == "complete") {
        r.completeness = domain::Completeness::kComplete;
        if (missing) {
            errors.Add("completeness-complete",
                       "Hồ sơ còn thiếu thành phần: chọn “Thiếu” để lập phiếu yêu cầu bổ sung, "
                       "hoặc đánh dấu đã nộp.");
        }
    } else {
        errors.Add("completeness-complete", "Chọn kết quả kiểm tra hồ sơ.");
    }
    if (text::CodePointCount(v.reason) > 4000) {
        errors.Add("reason", "Nội dung tối đa 4.000 ký tự.");
    }
    r.reason = v.reason;
    r.idempotency_key = v.idempotency_key.substr(0, 128);
    if (!errors.Empty()) {
        return std::nullopt;
    }
    return r;
}

std::vector<Option> ReceivingDeskOptions(const std::vector<domain::RoleGrant>& grants,
                                         const std::vector<domain::Unit>& units) {
    std::map<std::int64_t, std::vector<const domain::Unit*>> children;
    for (const domain::Unit& unit : units) {
        if (unit.parent_id) {
            children[*unit.parent_id].push_back(&unit);
        }
    }
    std::set<std::int64_t> chosen;
    std::vector<std::int64_t> pending;
    for (const domain::RoleGrant& grant : grants) {
        if (!grant.unit_id) {
            continue;
        }
        if (grant.role == domain::Role::kDeskOfficer) {
            chosen.insert(*grant.unit_id);
        } else if (grant.role == domain::Role::kLeader) {
            chosen.insert(*grant.unit_id);
            pending.push_back(*grant.unit_id);
        }
    }
    for (size_t i = 0; i < pending.size() && i < units.size(); ++i) {
        for (const domain::Unit* child : children[pending[i]]) {
            if (child->type == domain::UnitType::kServiceCentre ||
                child->type == domain::UnitType::kOneStopDesk) {
                chosen.insert(child->id);
            }
            pending.push_back(child->id);
        }
    }
    std::vector<Option> out;
    for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
        if (chosen.count(unit->id) != 0 && !unit->valid_to) {
            out.push_back({unit->code, unit->name});
        }
    }
    return out;
}

std::string DefaultSettlingUnit(const domain::Procedure& procedure,
                                const std::vector<domain::Unit>& units,
                                const std::string& desk_code) {
    const bool commune_level = std::find(procedure.levels.begin(), procedure.levels.end(),
                                         "commune") != procedure.levels.end();
    if (commune_level) {
        const domain::Unit* unit = FindUnitByCode(units, desk_code);
        for (int depth = 0; unit != nullptr && depth < 16; ++depth) {
            if (unit->type == domain::UnitType::kCommune) {
                return unit->code;
            }
            unit = unit->parent_id ? FindUnit(units, *unit->parent_id) : nullptr;
        }
    }
    const std::string implementing = " " + text::SearchKey(procedure.implementing_units) + " ";
    std::string best;
    size_t best_length = 0;
    for (const domain::Unit& unit : units) {
        if (unit.type != domain::UnitType::kAgency || unit.valid_to) {
            continue;
        }
        std::string key = text::SearchKey(unit.name);
        // "Sở Tư pháp thành phố Huế" is published as "Sở Tư pháp".
        if (const domain::Unit* parent =
                unit.parent_id ? FindUnit(units, *unit.parent_id) : nullptr) {
            const std::string suffix = " " + text::SearchKey(parent->name);
            if (key.size() > suffix.size() && key.ends_with(suffix)) {
                key.resize(key.size() - suffix.size());
            }
        }
        if (!key.empty() && implementing.find(" " + key + " ") != std::string::npos &&
            key.size() > best_length) {
            best = unit.code;
            best_length = key.size();
        }
    }
    return best;
}

void SetApplicantFields(Data& data, const std::string& name_key, const ApplicantFieldValues& values,
                        bool own, const FormErrors& errors) {
    DataList kinds;
    kinds.push_back(Choice("kind-person", "person", "Cá nhân", values.kind != "organisation"));
    kinds.push_back(Choice("kind-organisation", "organisation", "Tổ chức, doanh nghiệp",
                           values.kind == "organisation"));
    data.set("kinds", kinds);
    auto complete = [own](const char* what) { return std::string(own ? what : "off"); };
    data.set(name_key, FieldData({.name = "name",
                                  .label = "Họ tên người nộp (tên tổ chức)",
                                  .value = values.name,
                                  .autocomplete = complete("name"),
                                  .required = true},
                                 errors));
    data.set("id_number",
             FieldData({.name = "id_number",
                        .label = "Số định danh cá nhân (mã số doanh nghiệp)",
                        .value = values.id_number,
                        .hint = "Cá nhân: 12 chữ số trên căn cước. Tổ chức: mã số thuế 10 chữ số "
                                "hoặc dạng 0123456789-001.",
                        .autocomplete = "off"},
                       errors));
    data.set("phone", FieldData({.name = "phone",
                                 .label = "Số điện thoại",
                                 .type = "tel",
                                 .value = values.phone,
                                 .autocomplete = complete("tel")},
                                errors));
    data.set("email", FieldData({.name = "email",
                                 .label = "Thư điện tử",
                                 .type = "email",
                                 .value = values.email,
                                 .autocomplete = complete("email")},
                                errors));
    data.set("address", FieldData({.name = "address",
                                   .label = "Địa chỉ",
                                   .value = values.address,
                                   .autocomplete = complete("street-address")},
                                  errors));
    data.set("owner_name", FieldData({.name = "owner_name",
                                      .label = "Chủ hồ sơ (nếu khác người nộp)",
                                      .value = values.owner_name,
                                      .autocomplete = "off"},
                                     errors));
}

DataList UnitOptionGroups(const std::vector<domain::Unit>& units,
                          const std::vector<std::pair<domain::UnitType, const char*>>& types,
                          const std::string& selected) {
    DataList groups;
    for (const auto& [type, label] : types) {
        DataList options;
        for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
            if (unit->type != type || unit->valid_to) {
                continue;
            }
            Data option;
            option.set("value", unit->code);
            option.set("label", unit->name);
            option.set("selected", unit->code == selected);
            options.push_back(option);
        }
        Data group;
        group.set("label", std::string(label));
        group.set("options", options);
        groups.push_back(group);
    }
    return groups;
}

Data SettlingSelectData(const std::vector<domain::Unit>& units, const std::string& selected,
                        const FormErrors& errors) {
    Data data = FieldData({.name = "settling_unit",
                           .label = "Cơ quan giải quyết",
                           .value = selected,
                           .hint = "Tiếp nhận không phụ thuộc địa giới hành chính: chọn cơ "
                                   "quan có thẩm quyền giải quyết.",
                           .required = true},
                          errors);
    data.set("groups", UnitOptionGroups(units,
                                        {{domain::UnitType::kAgency, "Cơ quan chuyên môn cấp tỉnh"},
                                         {domain::UnitType::kCommune, "Xã, phường"}},
                                        selected));
    data.set("none_selected", selected.empty());
    return data;
}

Data ComponentRowsData(const std::vector<IntakeComponent>& components) {
    DataList rows;
    size_t n = 0;
    for (const IntakeComponent& c : components) {
        ++n;
        Data row;
        row.set("n", std::to_string(n));
        row.set("name", c.name);
        row.set("note", OptionalText(c.note));
        row.set("note_value", c.note);
        row.set("provided", c.provided);
        row.set("originals", c.originals);
        row.set("certified_copies", c.certified_copies);
        row.set("copies", c.copies);
        row.set("name_field", Field(n, "name"));
        row.set("note_field", Field(n, "note"));
        row.set("provided_field", Field(n, "provided"));
        row.set("originals_field", Field(n, "originals"));
        row.set("certified_field", Field(n, "certified"));
        row.set("copies_field", Field(n, "copies"));
        rows.push_back(row);
    }
    return {rows};
}

}  // namespace motcua::web
