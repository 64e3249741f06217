#include <algorithm>
#include <chrono>

#include "app/control_facts.hpp"
#include "app/publication_decisions.hpp"
#include "store/publication_decisions.hpp"

// Indicators fed by publication decisions (issue #8): see app/control_facts.hpp and
// docs/control.md "Indicators 1.1 and 1.2".
namespace motcua::app::internal {

base::Status FillPublicationFacts(store::Transaction& tx, const std::vector<std::int64_t>& unit_ids,
                                  domain::indicators::Day from, domain::indicators::Day to,
                                  domain::indicators::ControlFacts& facts) {
    // A scope that holds no decision at all shows "Chưa có dữ liệu" (the system does not know
    // what was published there); one that holds decisions but none counted in the window gets a
    // 0/0 ratio (no rate, nothing fell due).
    auto any = store::publication_decisions::AnyOf(tx, unit_ids);
    if (!any) {
        return any.error();
    }
    if (!*any) {
        return {};
    }
    auto rows = PublicationsOf(tx, unit_ids);
    if (!rows) {
        return rows.error();
    }
    using std::chrono::days;
    using std::chrono::sys_days;
    const sys_days first{days{from}};
    const sys_days last{days{to}};
    // Rows not yet entered are judged at the end of the window, or today while it runs (the
    // real date: the hook has no clock; a past window is judged at its end either way).
    const sys_days now{days{domain::indicators::VietnamDay(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()))}};
    const sys_days today = std::min(last + days{1}, now);
    const auto ind = domain::publication::Indicators(*rows, first, last, today);
    auto note = [](const std::vector<std::string>& late, const char* what) {
        std::string n;
        if (!late.empty()) {
            n = std::string(what);
            for (std::size_t k = 0; k < late.size() && k < 10; ++k) {
                n += (k == 0 ? " " : ", ") + late[k];
            }
            if (late.size() > 10) {
                n += " …";
            }
            n += ".";
        }
        return n;
    };
    facts.published_on_time = domain::indicators::ControlRatio{
        ind.on_time_decisions.numerator, ind.on_time_decisions.denominator,
        note(ind.late_decisions, "Công bố muộn:")};
    facts.database_on_time = domain::indicators::ControlRatio{
        ind.on_time_database.numerator, ind.on_time_database.denominator,
        note(ind.late_database, "Cập nhật CSDL quốc gia muộn:")};
    return {};
}

}  // namespace motcua::app::internal
