#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua generate --db URL --dossiers N --seed S [--year 2026] [--append]
// [--batch 20000]` (issue #6, docs/generate.md): a synthetic province-year for benchmarks and
// demos. Progress and the rate go to stderr, a summary line to stdout. `exit_code`: 0 on
// success, 2 on any error (bad arguments, a database that already has dossiers without
// --append, storage errors), with the message on stderr.
void RegisterGenerateCommand(CLI::App& app, int& exit_code);

}  // namespace motcua::main
