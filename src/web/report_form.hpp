// The form shared by the figures pages (/chi-so, /bang-dieu-khien, /bao-cao, /chi-tieu-ke-hoach):
// a unit of the actor's reporting scope, a period and a window rule, read from the query string,
// and the mapping of a report use case's error onto that form. One place, so that the pages agree
// on parameter names (don-vi, ky, cach-tinh), defaults and messages.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/report06.hpp"
#include "http/message.hpp"
#include "web/forms.hpp"
#include "web/views.hpp"

namespace motcua::app {
struct Actor;
}
namespace motcua::domain {
struct Unit;
}

namespace motcua::web {

class Site;

// Today's civil date in Vietnam by the site's clock.
[[nodiscard]] std::chrono::sys_days Today(const Site& site);
// "2026-Q3": the quarter holding `day`.
[[nodiscard]] std::string QuarterOf(std::chrono::sys_days day);
// "2026-07": the month of `ymd`.
[[nodiscard]] std::string MonthText(std::chrono::year_month_day ymd);

// The units the actor may see figures of; a response when the page ends here (not signed in →
// sign-in redirect; no unit → 403 with `title` and `text`; a store error).
struct ReportUnits {
    std::vector<domain::Unit> units;
    std::optional<http::Response> end;
};
[[nodiscard]] ReportUnits ReportUnitsOf(const Site& site, const http::Request& req,
                                        const app::Actor& actor, std::string_view title,
                                        std::string_view text);

// don-vi, ky, cach-tinh of the query string. An empty period is the current quarter unless a unit
// was asked for (then the use case's own message names the missing period). A window rule that is
// not one of ours is a field error (400).
struct ReportForm {
    std::string unit_code;
    std::string period;
    domain::report06::WindowRule window = domain::report06::WindowRule::kReporting;
    bool asked = false;  // a unit was chosen: compute
    FormErrors errors;
    int status = 200;
};
[[nodiscard]] ReportForm ReadReportForm(const http::Request& req, std::chrono::sys_days today,
                                        domain::report06::WindowRule default_rule);

// Puts a use case's error on the form: invalid argument / not found become a message on the field
// `field_of(message)` names ("" = the whole form) with status 400 / 404; false for any other error,
// which ends the page (Site::ForError). The default field_of sends period messages ("kỳ") to `ky`.
[[nodiscard]] bool AddUseCaseError(
    const base::Error& error, FormErrors& errors, int& status,
    const std::function<std::string(std::string_view)>& field_of = {});

// The three controls: the unit select (`label`, subtree hint), the period field (`label`, `hint`)
// and the window-rule select (`reporting_first` puts the 15–14 rule first).
[[nodiscard]] Data UnitSelectData(const std::vector<domain::Unit>& units, const std::string& value,
                                  const FormErrors& errors, std::string label = "Đơn vị");
[[nodiscard]] Data PeriodFieldData(const std::string& value, const FormErrors& errors,
                                   std::string label, std::string hint);
[[nodiscard]] Data WindowSelectData(domain::report06::WindowRule rule, const FormErrors& errors,
                                    bool reporting_first);

}  // namespace motcua::web
