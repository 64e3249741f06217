#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua report --db URL --unit CODE --period 2026-Q3 [--window reporting|calendar]
// [--format json]` (issue #6): form 06 / II.06a of Circular 01/2020 for the unit and its
// subtree, run as the system (no actor), printed as JSON on stdout. Formats xlsx and pdf are not
// yet available (exit 2). `exit_code`: 0 on success, 2 on any error (message on stderr).
void RegisterReportCommand(CLI::App& app, int& exit_code);

}  // namespace motcua::main
