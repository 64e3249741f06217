#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"

namespace motcua::web {

// The view-model layer: turns domain values into the strings, lists and flags the logic-free
// templates show. Pure functions (no store, no request), so they are tested directly.

// Where a page sits in the site, for the navigation's aria-current.
enum class Section { kHome, kCatalogue, kUnits, kDossiers, kIntake, kAdmin, kSignIn, kNone };

// What the layout needs besides the page itself.
struct Chrome {
    std::string title;  // the page's own title; the layout appends the site name
    Section section = Section::kNone;
    const app::Actor* actor = nullptr;  // signed-in user's name, CSRF token for sign-out
    std::string current_target;         // this page's path+query, for the sign-in link's ?next=
    bool print = false;                 // print view: no header, navigation or footer
    std::string flash;                  // a success message after Post/Redirect/Get
};

// The layout's data: title, asset URLs, navigation, the user's name and CSRF token.
[[nodiscard]] Data LayoutData(const Chrome& chrome);

// Renders the page template `page` inside "layout"; `page_data`'s keys join the layout's.
[[nodiscard]] base::Result<std::string> RenderPage(const Renderer& renderer, std::string_view page,
                                                   const Chrome& chrome, const Data& page_data);

// A string, or false when `text` is empty (so that {{#x}}…{{/x}} hides it: Mustache treats
// every string, even "", as true).
[[nodiscard]] Data OptionalText(const std::string& text);

// "province" → "Cấp tỉnh", "commune" → "Cấp xã", "district" → "Cấp huyện", "ministry" →
// "Cấp bộ, ngành"; anything else as given.
[[nodiscard]] std::string LevelLabel(std::string_view level);
// The levels a catalogue filter offers, in display order.
[[nodiscard]] const std::vector<std::string>& FilterLevels();

// "3 ngày làm việc", "1,5 ngày", "24 giờ", "2 tháng"; "Chưa có thông tin" when unknown (0).
[[nodiscard]] std::string ProcessingTimeText(const domain::Procedure& procedure);

// "01/07/2025".
[[nodiscard]] std::string FormatDate(std::chrono::sys_days day);
// "6/1/2025" (day/month/year without leading zeros, as the plans and decisions write them); ""
// for none.
[[nodiscard]] std::string FormatDayShort(std::optional<std::chrono::sys_days> day);

// One {text} per non-blank line of `text` (paragraphs of published texts).
[[nodiscard]] Data Lines(std::string_view text);

// A procedure for the catalogue list and the detail page: code, name, field, levels_text,
// processing_time, fees, online_level, documents [{name, note}], legal_basis/steps/conditions/
// result as Lines, publication_decision, effective_from, source_url (http(s) only), href,
// print_href.
[[nodiscard]] Data ProcedureData(const domain::Procedure& procedure);

// The organisation tree: roots [{code, name, type_label, note, has_children, children […]}],
// children ordered by kind (centre, agencies, communes, desks) then Vietnamese name.
[[nodiscard]] Data UnitTreeData(const std::vector<domain::Unit>& units,
                                std::chrono::sys_days today);

// The units in tree order: each parent before its children, siblings ordered by kind (centre,
// agencies, communes, desks) then Vietnamese name.
[[nodiscard]] std::vector<const domain::Unit*> UnitsInTreeOrder(
    const std::vector<domain::Unit>& units);

// The unit with `id` / `code` in `units`, or nullptr.
[[nodiscard]] const domain::Unit* FindUnit(const std::vector<domain::Unit>& units, std::int64_t id);
[[nodiscard]] const domain::Unit* FindUnitByCode(const std::vector<domain::Unit>& units,
                                                 std::string_view code);

// {has_errors, errors: [{message, href: "#field" or false}]} for part_error_summary.
[[nodiscard]] Data ErrorSummaryData(const FormErrors& errors);

// A form control for part_field (type text/email/tel/password/date) or part_select.
// Members have initializers so that designated initializers may leave them out.
struct FieldSpec {
    std::string name = {};   // name and id
    std::string label = {};  // Vietnamese
    std::string type = "text";
    std::string value = {};
    std::string hint = {};
    std::string autocomplete = {};
    bool required = false;
};
struct Option {
    std::string value;
    std::string label;
};
[[nodiscard]] Data FieldData(const FieldSpec& spec, const FormErrors& errors);

// One radio button or check box of a group (part templates read id, value, label, checked).
[[nodiscard]] Data Choice(const std::string& id, const std::string& value, const std::string& label,
                          bool checked);
[[nodiscard]] Data SelectData(const FieldSpec& spec, const std::vector<Option>& options,
                              const FormErrors& errors);

// Options of a unit select: `first` (value "") then every unit in tree order, "Name (code)".
[[nodiscard]] std::vector<Option> UnitOptions(const std::vector<domain::Unit>& units,
                                              std::string first);

// Vietnamese label of a role grant: "Quản trị hệ thống – Thành phố Huế".
[[nodiscard]] std::string RoleGrantText(const domain::RoleGrant& grant,
                                        const std::vector<domain::Unit>& units);

}  // namespace motcua::web
