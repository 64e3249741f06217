#pragma once

#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/transfer.hpp"
#include "base/result.hpp"

// The catalogue exchange document for the national TTHC database (issue #8; docs/exchange.md
// "Catalogue — exchange document"): one JSON document
//   {"format":"motcua-catalogue/1","exported_at":"…Z","unit":{code,name,level}|null,
//    "procedures":[…every version, the keys of the JSON Lines format…]}
// Unlike the JSON Lines import (one version per code), it carries every version of a procedure
// and round-trips.
namespace motcua::app {

inline constexpr std::string_view kCatalogueFormat = "motcua-catalogue/1";

// Every version of every procedure, by code then effective_from. With `unit_code`: the
// procedures of which some version is in the competence of that unit's level (all their
// versions), and `unit` names it. Public (the catalogue is public). kNotFound for an unknown unit.
[[nodiscard]] base::Result<std::string> ExportCatalogueDocument(AppContext& ctx,
                                                                std::string_view unit_code);

// Imports such a document, all-or-nothing, with the rules of ImportProcedures (new (code,
// effective_from) added, identical ones unchanged, different ones refused). kInvalidArgument
// naming every bad entry ("mục 3 (1.001234): …"): malformed JSON, a missing or unknown format,
// `procedures` not an array, an entry that is not a valid procedure version, the same version
// twice. TTHC-control officers or administrators of a province.
[[nodiscard]] base::Result<ImportReport> ImportCatalogueDocument(AppContext& ctx,
                                                                 const Actor& actor,
                                                                 std::string_view document,
                                                                 bool dry_run);
// The same for the command line (`motcua catalogue import`): no actor, audited as the system.
[[nodiscard]] base::Result<ImportReport> ImportCatalogueDocumentAsSystem(AppContext& ctx,
                                                                         std::string_view document,
                                                                         bool dry_run);

}  // namespace motcua::app
