#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua report --db URL --unit CODE --period 2026-Q3 [--window reporting|calendar]
// [--format json|xlsx|pdf] [--output FILE]` (issue #6): form 06 / II.06a of Circular 01/2020 for
// the unit and its subtree, run as the system (no actor), as JSON or the XLSX/PDF form on stdout
// or into FILE; and `motcua letter ... --format docx|pdf [--output FILE]`, the quarterly
// correction letter (app/correction_letters.hpp). `exit_code`: 0 on success, 2 on any error
// (message on stderr).
void RegisterReportCommand(CLI::App& app, int& exit_code);

}  // namespace motcua::main
