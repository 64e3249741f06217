#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers the catalogue exchange commands (issue #8; docs/exchange.md "Catalogue — exchange
// document"):
//   motcua catalogue export [--unit CODE] [--out FILE] --db URL   the motcua-catalogue/1 document
//                                                                 on stdout (or FILE)
//   motcua catalogue import FILE [--dry-run] --db URL             all-or-nothing; prints
//                                                                 {"created","unchanged","dry_run"}
// --db defaults to MOTCUA_DB. Exit 1 with the Vietnamese reason on stderr (every bad entry
// named) when the document is refused or FILE cannot be read; 2 for a usage error.
void RegisterCatalogueCommands(CLI::App& app, int& exit_code);

}  // namespace motcua::main
