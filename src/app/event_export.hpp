#pragma once

#include <cstdint>
#include <ostream>

#include "base/result.hpp"
#include "store/database.hpp"

// The whole dossier event log as CSV (`motcua export events`, issue #6), so anyone can recompute
// an indicator or a report cell independently. Columns: docs/indicators.md "Event export".
namespace motcua::app {

// Writes the header and one line per event in (dossier_id, seq) order, reading in pages of
// `page_size` events inside one read transaction; RFC 4180 quoting, CRLF line ends. Returns the
// number of events written.
[[nodiscard]] base::Result<std::int64_t> WriteEventsCsv(store::Database& db, std::ostream& out,
                                                        int page_size = 10'000);

}  // namespace motcua::app
