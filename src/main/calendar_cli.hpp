#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua calendar lunar|solar|holidays|add|between` (interface fixed by issue #2;
// other tools depend on it). Each command's callback sets `exit_code`: 0 on success, 2 on any
// error, with the message on stderr.
void RegisterCalendarCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
