#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "demo/demo_data.hpp"

namespace motcua::app {

// Import and export of the organisation tree and the catalogue (issue #3), in the exchange
// formats of docs/exchange.md. Imports are all-or-nothing: every row is checked first; any
// problem → kInvalidArgument listing each row's line and reason, and nothing is written. A dry
// run reports what would happen without writing.

struct ImportReport {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<std::string> problems;  // "dòng 12: ..." (Vietnamese)
    bool dry_run = false;
};

// CSV (code,type,name,parent_code,valid_from,valid_to) of every unit, parents first.
[[nodiscard]] base::Result<std::string> ExportUnitsCsv(AppContext& ctx);

// Creates units whose code is new, updates name/type/validity of existing ones; a different
// parent is a problem (moves go through reparent, which keeps history). Administrators, with
// every touched unit (or its parent, for a new one) in scope. Audited as one record.
[[nodiscard]] base::Result<ImportReport> ImportUnitsCsv(AppContext& ctx, const Actor& actor,
                                                        std::string_view csv, bool dry_run);

// The same from rows already decoded (e.g. from JSON); line numbers count from 2 as in a CSV
// file with its header.
[[nodiscard]] base::Result<ImportReport> ImportUnitRows(AppContext& ctx, const Actor& actor,
                                                        const std::vector<demo::DemoUnit>& rows,
                                                        bool dry_run);

// The catalogue as the flat CSV summary (demo::ProcedureToCsvRow).
[[nodiscard]] base::Result<std::string> ExportProceduresCsv(AppContext& ctx);
// Imports procedures already decoded (from JSON Lines or CSV); same rules as below.
[[nodiscard]] base::Result<ImportReport> ImportProcedures(
    AppContext& ctx, const Actor& actor, const std::vector<domain::Procedure>& rows, bool dry_run);

// JSON Lines, one procedure version per line, every version of every procedure, by code.
[[nodiscard]] base::Result<std::string> ExportProceduresJsonl(AppContext& ctx);

// Adds the versions whose (code, effective_from) is new; an identical existing version is
// unchanged; a different one is a problem (edit it instead). TTHC-control officers of a province.
[[nodiscard]] base::Result<ImportReport> ImportProceduresJsonl(AppContext& ctx, const Actor& actor,
                                                               std::string_view jsonl,
                                                               bool dry_run);

}  // namespace motcua::app
