#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua plan import FILE --dry-run --json [--year N]` (issue #7, docs/plans.md
// "Import"): reads the task table of a TTHC-control plan (domain/plan_import.hpp) and prints what
// an import would create as JSON on stdout, without writing anything. Without --dry-run, with
// --unit CODE and --db URL (or MOTCUA_DB): stores the plan (app::ImportPlanAsSystem) and prints
// its id, counts, unmatched names and problems as JSON (exit 1 when the import is refused);
// without --unit: exit 2. Exit 1 with a message on stderr when FILE cannot be
// read, is larger than 5 MB or is not valid UTF-8.
// FILE may be a .docx, recognised by its content (render/docx_reader.hpp). `motcua plan export
// FILE --format docx|xlsx --out OUT [--year N]` writes the plan read from FILE as a Word document
// or a spreadsheet (render/plan_export.hpp; docs/plans.md "DOCX and XLSX").
void RegisterPlanCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
