#include "web/views.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <fmt/core.h>

#include "calendar/civil_date.hpp"
#include "text/unicode.hpp"
#include "web/assets.hpp"

namespace motcua::web {

namespace {

constexpr std::string_view kSiteName = "Hệ thống thông tin giải quyết thủ tục hành chính";

Data NavItem(std::string_view href, std::string_view label, bool current) {
    Data item;
    item.set("href", std::string(href));
    item.set("label", std::string(label));
    item.set("current", current);
    return item;
}

int UnitKindOrder(domain::UnitType type) {
    switch (type) {
        case domain::UnitType::kProvince:
            return 0;
        case domain::UnitType::kServiceCentre:
            return 1;
        case domain::UnitType::kAgency:
            return 2;
        case domain::UnitType::kDistrict:
            return 3;
        case domain::UnitType::kCommune:
            return 4;
        case domain::UnitType::kOneStopDesk:
            return 5;
    }
    return 6;
}

bool SiblingOrder(const domain::Unit* a, const domain::Unit* b) {
    const int ka = UnitKindOrder(a->type);
    const int kb = UnitKindOrder(b->type);
    if (ka != kb) {
        return ka < kb;
    }
    return text::CompareVietnamese(a->name, b->name) < 0;
}

// True if the actor holds one of `roles` on some unit.
bool HoldsAnyRole(const app::Actor* actor, std::initializer_list<domain::Role> roles) {
    if (actor == nullptr || !actor->SignedIn()) {
        return false;
    }
    for (const domain::RoleGrant& grant : actor->user->roles) {
        for (const domain::Role role : roles) {
            if (grant.role == role && grant.unit_id) {
                return true;
            }
        }
    }
    return false;
}

bool IsHttpUrl(std::string_view url) {
    return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

Data OptionalText(const std::string& text) {
    if (text.empty()) {
        return {false};
    }
    return {text};
}

Data LayoutData(const Chrome& chrome) {
    Data data;
    data.set("title", chrome.title.empty() ? std::string(kSiteName)
                                           : chrome.title + " – " + std::string(kSiteName));
    data.set("site_name", std::string(kSiteName));
    Data assets;
    assets.set("normalize_css", StaticUrl("modern-normalize.css"));
    assets.set("app_css", StaticUrl("app.css"));
    assets.set("htmx_js", StaticUrl("htmx.min.js"));
    assets.set("app_js", StaticUrl("app.js"));
    assets.set("favicon", StaticUrl("favicon.svg"));
    data.set("assets", assets);
    data.set("print", chrome.print);
    data.set("flash", OptionalText(chrome.flash));

    const bool signed_in = chrome.actor != nullptr && chrome.actor->SignedIn();
    DataList nav;
    nav.push_back(NavItem("/thu-tuc", "Thủ tục hành chính", chrome.section == Section::kCatalogue));
    nav.push_back(NavItem("/don-vi", "Đơn vị", chrome.section == Section::kUnits));
    // Issue #9: anyone may send feedback without an account.
    nav.push_back(NavItem("/phan-anh-kien-nghi", "Phản ánh, kiến nghị", false));
    // Staff links: what the officer works on (the pages' use cases decide what they may do).
    if (HoldsAnyRole(chrome.actor, {domain::Role::kDeskOfficer, domain::Role::kSpecialist,
                                    domain::Role::kLeader, domain::Role::kControlOfficer})) {
        nav.push_back(NavItem("/ho-so", "Hồ sơ", chrome.section == Section::kDossiers));
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kDeskOfficer, domain::Role::kLeader})) {
        nav.push_back(NavItem("/ho-so/tiep-nhan", "Tiếp nhận", chrome.section == Section::kIntake));
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kLeader, domain::Role::kControlOfficer})) {
        nav.push_back(NavItem("/danh-gia", "Đánh giá", false));
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kLeader, domain::Role::kControlOfficer,
                                    domain::Role::kAdmin})) {
        // Issue #6: indicators, dashboard, plan targets, reports.
        nav.push_back(NavItem("/chi-so", "Chỉ số 766", false));
        nav.push_back(NavItem("/bang-dieu-khien", "Bảng điều khiển", false));
        nav.push_back(NavItem("/chi-tieu-ke-hoach", "Chỉ tiêu kế hoạch", false));
        nav.push_back(NavItem("/bao-cao", "Báo cáo", false));
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kDeskOfficer, domain::Role::kLeader,
                                    domain::Role::kControlOfficer})) {
        nav.push_back(NavItem("/pakn", "Xử lý PAKN", false));  // issue #9
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kLeader, domain::Role::kControlOfficer,
                                    domain::Role::kSpecialist})) {
        nav.push_back(NavItem("/thanh-kiem-tra", "Kiểm tra", false));  // issue #7
        nav.push_back(NavItem("/ke-hoach", "Kế hoạch", false));        // issue #7: plans
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kLeader, domain::Role::kControlOfficer})) {
        // Issue #8: publication decisions (D); impact assessment, review and simplification (G).
        nav.push_back(NavItem("/cong-bo-tthc", "Công bố TTHC", false));  // issue #8 (engineer D)
        nav.push_back(NavItem("/danh-gia-tac-dong", "Đánh giá tác động", false));
        nav.push_back(NavItem("/ra-soat-tthc", "Rà soát TTHC", false));
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kDeskOfficer, domain::Role::kLeader,
                                    domain::Role::kControlOfficer})) {
        nav.push_back(NavItem("/cong-khai", "Niêm yết", false));  // issue #8 (engineer E)
    }
    if (HoldsAnyRole(chrome.actor, {domain::Role::kAdmin, domain::Role::kLeader,
                                    domain::Role::kControlOfficer})) {
        nav.push_back(NavItem("/quan-tri/don-vi", "Quản trị", chrome.section == Section::kAdmin));
    }
    data.set("nav", nav);
    // Citizens' own links ("Dịch vụ công", "Hồ sơ của tôi"), on every page they see.
    data.set("citizen_nav", HoldsAnyRole(chrome.actor, {domain::Role::kCitizen}));
    data.set("signed_in", signed_in);
    data.set("user_name", signed_in ? chrome.actor->user->display_name : std::string());
    data.set("csrf", signed_in ? chrome.actor->csrf_token : std::string());
    std::string sign_in_href = "/dang-nhap";
    if (chrome.section != Section::kSignIn && IsSafeNext(chrome.current_target) &&
        chrome.current_target != "/") {
        sign_in_href += "?next=" + UrlEncode(chrome.current_target);
    }
    data.set("sign_in_href", sign_in_href);
    data.set("sign_in_current", chrome.section == Section::kSignIn);
    return data;
}

base::Result<std::string> RenderPage(const Renderer& renderer, std::string_view page,
                                     const Chrome& chrome, const Data& page_data) {
    Data data = LayoutData(chrome);
    if (page_data.is_object()) {
        // Copy the page's keys next to the layout's (the page wins on a clash).
        Data merged(page_data);
        for (const char* key :
             {"title", "site_name", "assets", "print", "flash", "nav", "signed_in", "user_name",
              "csrf", "sign_in_href", "sign_in_current", "citizen_nav"}) {
            if (merged.get(key) == nullptr) {
                merged.set(key, *data.get(key));
            }
        }
        return renderer.Render("layout", merged, page);
    }
    return renderer.Render("layout", data, page);
}

std::string LevelLabel(std::string_view level) {
    if (level == "province") {
        return "Cấp tỉnh";
    }
    if (level == "commune") {
        return "Cấp xã";
    }
    if (level == "district") {
        return "Cấp huyện";
    }
    if (level == "ministry") {
        return "Cấp bộ, ngành";
    }
    return std::string(level);
}

const std::vector<std::string>& FilterLevels() {
    static const std::vector<std::string> levels = {"province", "commune", "ministry", "district"};
    return levels;
}

std::string ProcessingTimeText(const domain::Procedure& procedure) {
    if (procedure.processing_milli <= 0) {
        return "Chưa có thông tin";
    }
    const std::int64_t whole = procedure.processing_milli / 1000;
    std::int64_t fraction = procedure.processing_milli % 1000;
    std::string number = std::to_string(whole);
    if (fraction != 0) {
        std::string digits = fmt::format("{:03d}", fraction);
        while (!digits.empty() && digits.back() == '0') {
            digits.pop_back();
        }
        number += "," + digits;  // Vietnamese decimal comma
    }
    return number + " " + std::string(domain::TimeUnitWords(procedure.time_unit));
}

std::string FormatDate(std::chrono::sys_days day) {
    return calendar::FormatVietnameseDate(day);
}

std::string FormatDayShort(std::optional<std::chrono::sys_days> day) {
    if (!day) {
        return {};
    }
    const std::chrono::year_month_day ymd{*day};
    return fmt::format("{}/{}/{}", static_cast<unsigned>(ymd.day()),
                       static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

Data Lines(std::string_view text) {
    DataList lines;
    while (!text.empty()) {
        const size_t newline = text.find('\n');
        std::string line = text::TrimAndCollapseSpaces(text.substr(0, newline));
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        if (!line.empty()) {
            Data item;
            item.set("text", line);
            lines.push_back(item);
        }
    }
    return {lines};
}

Data ProcedureData(const domain::Procedure& procedure) {
    Data data;
    data.set("code", procedure.code);
    data.set("name", procedure.name);
    data.set("field", OptionalText(procedure.field));
    std::string levels;
    for (const std::string& level : procedure.levels) {
        levels += (levels.empty() ? "" : ", ") + LevelLabel(level);
    }
    data.set("levels_text", levels.empty() ? std::string("Chưa có thông tin") : levels);
    data.set("implementing_units", OptionalText(procedure.implementing_units));
    data.set("processing_time", ProcessingTimeText(procedure));
    data.set("fees", procedure.fees.empty() ? std::string("Chưa có thông tin") : procedure.fees);
    data.set("online_level", std::string(domain::OnlineLevelLabel(procedure.online_level)));
    DataList documents;
    for (const domain::RequiredDocument& doc : procedure.documents) {
        Data item;
        item.set("name", doc.name);
        item.set("note", OptionalText(doc.note));
        documents.push_back(item);
    }
    data.set("has_documents", !documents.empty());
    data.set("documents", documents);
    Data legal_basis = Lines(procedure.legal_basis);
    data.set("has_legal_basis", legal_basis.is_non_empty_list());
    data.set("legal_basis", legal_basis);
    data.set("steps", Lines(procedure.steps));
    data.set("conditions", Lines(procedure.conditions));
    data.set("result", Lines(procedure.result));
    data.set("publication_decision", OptionalText(procedure.publication_decision));
    data.set("effective_from", FormatDate(procedure.effective_from));
    data.set("effective_to",
             procedure.effective_to ? Data(FormatDate(*procedure.effective_to)) : Data(false));
    data.set("source_url",
             OptionalText(IsHttpUrl(procedure.source_url) ? procedure.source_url : ""));
    const std::string href = "/thu-tuc/" + UrlEncode(procedure.code);
    data.set("href", href);
    data.set("print_href", href + "?print=1");
    return data;
}

Data UnitTreeData(const std::vector<domain::Unit>& units, std::chrono::sys_days today) {
    std::map<std::int64_t, std::vector<const domain::Unit*>> children;
    std::vector<const domain::Unit*> roots;
    std::map<std::int64_t, const domain::Unit*> by_id;
    for (const domain::Unit& unit : units) {
        by_id[unit.id] = &unit;
    }
    for (const domain::Unit& unit : units) {
        if (unit.parent_id && by_id.count(*unit.parent_id) != 0) {
            children[*unit.parent_id].push_back(&unit);
        } else {
            roots.push_back(&unit);
        }
    }
    std::sort(roots.begin(), roots.end(), SiblingOrder);
    for (auto& [id, list] : children) {
        std::sort(list.begin(), list.end(), SiblingOrder);
    }
    // Depth-first; the organisation tree is shallow (province → commune → desk).
    std::function<Data(const domain::Unit&, int)> node = [&](const domain::Unit& unit,
                                                             int depth) -> Data {
        Data item;
        item.set("code", unit.code);
        item.set("name", unit.name);
        item.set("type_label", std::string(domain::UnitTypeLabel(unit.type)));
        std::string note;
        if (unit.merged_into) {
            note = "Đã sáp nhập";
        } else if (unit.valid_to && *unit.valid_to < today) {
            note = "Hết hiệu lực sau " + FormatDate(*unit.valid_to);
        } else if (unit.valid_from > today) {
            note = "Hiệu lực từ " + FormatDate(unit.valid_from);
        }
        item.set("note", OptionalText(note));
        DataList kids;
        if (depth < 16) {
            const auto it = children.find(unit.id);
            if (it != children.end()) {
                for (const domain::Unit* child : it->second) {
                    kids.push_back(node(*child, depth + 1));
                }
            }
        }
        item.set("has_children", !kids.empty());
        item.set("child_count", std::to_string(kids.size()));
        item.set("children", kids);
        return item;
    };
    DataList list;
    for (const domain::Unit* root : roots) {
        list.push_back(node(*root, 0));
    }
    Data data;
    data.set("roots", list);
    data.set("unit_count", std::to_string(units.size()));
    return data;
}

std::vector<const domain::Unit*> UnitsInTreeOrder(const std::vector<domain::Unit>& units) {
    std::map<std::int64_t, const domain::Unit*> by_id;
    for (const domain::Unit& unit : units) {
        by_id[unit.id] = &unit;
    }
    std::map<std::int64_t, std::vector<const domain::Unit*>> children;
    std::vector<const domain::Unit*> roots;
    for (const domain::Unit& unit : units) {
        if (unit.parent_id && by_id.count(*unit.parent_id) != 0) {
            children[*unit.parent_id].push_back(&unit);
        } else {
            roots.push_back(&unit);
        }
    }
    std::sort(roots.begin(), roots.end(), SiblingOrder);
    for (auto& [id, list] : children) {
        std::sort(list.begin(), list.end(), SiblingOrder);
    }
    std::vector<const domain::Unit*> out;
    std::function<void(const domain::Unit*, int)> visit = [&](const domain::Unit* unit, int depth) {
        out.push_back(unit);
        const auto it = children.find(unit->id);
        if (it == children.end() || depth >= 16) {
            return;
        }
        for (const domain::Unit* child : it->second) {
            visit(child, depth + 1);
        }
    };
    for (const domain::Unit* root : roots) {
        visit(root, 0);
    }
    return out;
}

const domain::Unit* FindUnit(const std::vector<domain::Unit>& units, std::int64_t id) {
    for (const domain::Unit& unit : units) {
        if (unit.id == id) {
            return &unit;
        }
    }
    return nullptr;
}

const domain::Unit* FindUnitByCode(const std::vector<domain::Unit>& units, std::string_view code) {
    for (const domain::Unit& unit : units) {
        if (unit.code == code) {
            return &unit;
        }
    }
    return nullptr;
}

std::vector<Option> UnitOptions(const std::vector<domain::Unit>& units, std::string first) {
    std::vector<Option> options = {{"", std::move(first)}};
    for (const domain::Unit* unit : UnitsInTreeOrder(units)) {
        options.push_back({unit->code, unit->name + " (" + unit->code + ")"});
    }
    return options;
}

Data ErrorSummaryData(const FormErrors& errors) {
    Data data;
    DataList list;
    for (const FormErrors::Entry& entry : errors.Entries()) {
        Data item;
        item.set("message", entry.message);
        item.set("href", entry.field.empty() ? Data(false) : Data("#" + entry.field));
        list.push_back(item);
    }
    data.set("has_errors", !errors.Empty());
    data.set("errors", list);
    return data;
}

Data FieldData(const FieldSpec& spec, const FormErrors& errors) {
    Data data;
    data.set("id", spec.name);
    data.set("name", spec.name);
    data.set("label", spec.label);
    data.set("type", spec.type);
    data.set("value", spec.value);
    data.set("hint", OptionalText(spec.hint));
    data.set("autocomplete", OptionalText(spec.autocomplete));
    data.set("required", spec.required);
    const std::string error = errors.For(spec.name);
    data.set("error", OptionalText(error));
    std::string described;
    if (!spec.hint.empty()) {
        described = spec.name + "-hint";
    }
    if (!error.empty()) {
        described += (described.empty() ? "" : " ") + spec.name + "-error";
    }
    data.set("describedby", OptionalText(described));
    return data;
}

Data SelectData(const FieldSpec& spec, const std::vector<Option>& options,
                const FormErrors& errors) {
    Data data = FieldData(spec, errors);
    DataList list;
    for (const Option& option : options) {
        Data item;
        item.set("value", option.value);
        item.set("label", option.label);
        item.set("selected", option.value == spec.value);
        list.push_back(item);
    }
    data.set("options", list);
    return data;
}

std::string RoleGrantText(const domain::RoleGrant& grant, const std::vector<domain::Unit>& units) {
    std::string out(domain::RoleLabel(grant.role));
    if (grant.unit_id) {
        for (const domain::Unit& unit : units) {
            if (unit.id == *grant.unit_id) {
                return out + " – " + unit.name;
            }
        }
    }
    return out;
}

Data Choice(const std::string& id, const std::string& value, const std::string& label,
            bool checked) {
    Data data;
    data.set("id", id);
    data.set("value", value);
    data.set("label", label);
    data.set("checked", checked);
    return data;
}

}  // namespace motcua::web
