#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua plan import FILE --dry-run --json [--year N]` (issue #7, docs/plans.md
// "Import"): reads the task table of a TTHC-control plan (domain/plan_import.hpp) and prints what
// an import would create as JSON on stdout, without writing anything. Without --dry-run: exit 2
// (storing plans comes in a later slice). Exit 1 with a message on stderr when FILE cannot be
// read, is larger than 5 MB or is not valid UTF-8.
void RegisterPlanCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
