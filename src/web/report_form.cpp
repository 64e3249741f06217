#include "web/report_form.hpp"

#include "app/report_exports.hpp"
#include "calendar/civil_date.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace r06 = domain::report06;

std::chrono::sys_days Today(const Site& site) {
    return std::chrono::floor<std::chrono::days>(site.Context().clock->Now() +
                                                 calendar::kVietnamOffset);
}

std::string QuarterOf(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return std::to_string(static_cast<int>(ymd.year())) + "-Q" +
           std::to_string((static_cast<unsigned>(ymd.month()) + 2) / 3);
}

std::string MonthText(std::chrono::year_month_day ymd) {
    const unsigned m = static_cast<unsigned>(ymd.month());
    return std::to_string(static_cast<int>(ymd.year())) + "-" + (m < 10 ? "0" : "") +
           std::to_string(m);
}

ReportUnits ReportUnitsOf(const Site& site, const http::Request& req, const app::Actor& actor,
                          std::string_view title, std::string_view text) {
    if (!actor.SignedIn()) {
        return {{}, site.SignInRedirect(req)};
    }
    auto units = app::ReportableUnits(site.Context(), actor);
    if (!units) {
        return {{}, site.ForError(units.error(), req, actor)};
    }
    if (units->empty()) {
        return {{}, site.ErrorPage(403, req, actor, std::string(title), std::string(text))};
    }
    return {std::move(*units), std::nullopt};
}

ReportForm ReadReportForm(const http::Request& req, std::chrono::sys_days today,
                          r06::WindowRule default_rule) {
    ReportForm form;
    form.unit_code = std::string(req.Query("don-vi").value_or(""));
    form.period = std::string(req.Query("ky").value_or(""));
    form.window = default_rule;
    if (auto window = req.Query("cach-tinh")) {
        if (auto rule = r06::ParseWindowRule(*window)) {
            form.window = *rule;
        } else {
            form.errors.Add("cach-tinh", "Cách tính kỳ số liệu không hợp lệ.");
            form.status = 400;
        }
    }
    form.asked = !form.unit_code.empty();
    if (!form.asked && form.period.empty()) {
        form.period = QuarterOf(today);
    }
    return form;
}

bool AddUseCaseError(const base::Error& error, FormErrors& errors, int& status,
                     const std::function<std::string(std::string_view)>& field_of) {
    const base::ErrorCode c = error.code;
    if (c != base::ErrorCode::kInvalidArgument && c != base::ErrorCode::kNotFound) {
        return false;
    }
    std::string field;
    if (field_of) {
        field = field_of(error.message);
    } else if (error.message.find("kỳ") != std::string::npos) {
        field = "ky";
    }
    errors.Add(std::move(field), Sentence(error.message) + ".");
    status = c == base::ErrorCode::kNotFound ? 404 : 400;
    return true;
}

Data UnitSelectData(const std::vector<domain::Unit>& units, const std::string& value,
                    const FormErrors& errors, std::string label) {
    return SelectData({.name = "don-vi",
                       .label = std::move(label),
                       .value = value,
                       .hint = "Gồm cả các đơn vị trực thuộc.",
                       .required = true},
                      UnitOptions(units, "— Chọn đơn vị —"), errors);
}

Data PeriodFieldData(const std::string& value, const FormErrors& errors, std::string label,
                     std::string hint) {
    return FieldData({.name = "ky",
                      .label = std::move(label),
                      .value = value,
                      .hint = std::move(hint),
                      .required = true},
                     errors);
}

Data WindowSelectData(r06::WindowRule rule, const FormErrors& errors, bool reporting_first) {
    const Option reporting{"reporting", "Kỳ số liệu theo Nghị định 09/2019 (15–14)"};
    const Option calendar{"calendar", "Theo tháng dương lịch"};
    return SelectData({.name = "cach-tinh",
                       .label = "Kỳ số liệu",
                       .value = std::string(r06::WindowRuleName(rule))},
                      reporting_first ? std::vector<Option>{reporting, calendar}
                                      : std::vector<Option>{calendar, reporting},
                      errors);
}

}  // namespace motcua::web
