#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Issue #6:
// `motcua indicators --db URL --unit CODE --period 2026-Q3 [--window calendar|reporting]`: the
//   Decision 766 indicators of the unit's subtree, its children ranked, as JSON on stdout;
// `motcua rebuild-aggregates --db URL`: recomputes the aggregates from the dossiers and prints
//   the counts and the time taken.
// Both run as the system; `exit_code` 0 on success, 2 on any error (message on stderr).
void RegisterIndicatorCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
