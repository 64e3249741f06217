#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/reports.hpp"
#include "base/result.hpp"
#include "domain/unit.hpp"
#include "store/database.hpp"
#include "store/dossiers.hpp"

// Shared by the reports and the indicators (issue #6): who may see a unit's figures, and the
// unit's subtree.
namespace motcua::app::internal {

// The unit and its subtree, breadth first (the root first).
[[nodiscard]] base::Result<std::vector<domain::Unit>> Subtree(store::Transaction& tx,
                                                              const domain::Unit& root);

// Leaders, TTHC-control officers and administrators whose scope covers the unit; kUnauthenticated
// or kPermissionDenied (Vietnamese) otherwise.
[[nodiscard]] base::Status MayReport(store::Transaction& tx, const Actor& actor,
                                     std::int64_t unit_id);

struct ReportScope {
    domain::Unit unit;
    std::vector<domain::Unit> units;  // the unit and its subtree, breadth first
};
// The prelude of every report and indicator read: the unit `unit_code` (kNotFound), the caller
// allowed to see its figures (`actor` null: the system), and its subtree.
[[nodiscard]] base::Result<ReportScope> ResolveReportScope(store::Transaction& tx,
                                                           const Actor* actor,
                                                           const std::string& unit_code);

// The prelude of a report read: the window of `query`, then in one read transaction the unit's
// scope (ResolveReportScope) and `read(tx, window, scope)`.
template <typename T, typename Read>
base::Result<T> ReadInReportScope(AppContext& ctx, const Actor* actor,
                                  const SettlementReportQuery& query, Read read) {
    auto window = ReportWindow(query);
    if (!window) {
        return std::move(window).error();
    }
    return InReadTransaction<T>(*ctx.db, [&](store::Transaction& tx) -> base::Result<T> {
        auto scope = ResolveReportScope(tx, actor, query.unit_code);
        if (!scope) {
            return std::move(scope).error();
        }
        return read(tx, *window, *scope);
    });
}

// The report facts of the dossiers of the units `ids` in `window`; kInvalidArgument ("`what` có
// quá nhiều hồ sơ …") beyond kMaxReportDossiers.
[[nodiscard]] base::Result<std::vector<store::dossiers::ReportFact>> CappedReportFacts(
    store::Transaction& tx, const std::vector<std::int64_t>& ids,
    const domain::report06::Window& window, std::string_view what);

// "province", "district", "commune" for units of those types; `inherited` for the others.
[[nodiscard]] std::string_view LevelOf(domain::UnitType type, std::string_view inherited);
// The level of `unit`: its own, else the nearest ancestor's (province at the top).
[[nodiscard]] base::Result<std::string> LevelOfUnit(store::Transaction& tx,
                                                    const domain::Unit& unit);

}  // namespace motcua::app::internal
