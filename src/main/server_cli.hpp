#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua migrate`, `motcua seed-demo` and `motcua serve` (interface fixed by issue #3:
// other tools depend on it). Database URL: --db, else MOTCUA_DB, else the config file's `db`,
// else sqlite:var/motcua.db. Errors: message on stderr, exit code 2.
void RegisterServerCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
