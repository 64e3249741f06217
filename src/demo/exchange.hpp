#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"

namespace motcua::demo {

// The exchange formats (docs/exchange.md): the same ones data/demo uses, so an export can be
// imported again and the demo files are valid imports.

// One procedure version as one JSON line (no trailing newline) with the keys ParseDemoProcedures
// reads: code, name, field, levels, implementing_units, processing_milli, time_unit, fees,
// fee_amount, online_level, documents [{name, note}], legal_basis, publication_decision, steps,
// conditions, result, source_url, effective_from, effective_to (when set).
[[nodiscard]] std::string ProcedureToExchangeLine(const domain::Procedure& procedure);

// Writes the descriptive text of a procedure into `o`: implementing_units, fees, documents
// [{name, note}], legal_basis, publication_decision, steps, conditions, result, source_url.
// Shared by the exchange line and the API's full representation.
void PutProcedureText(boost::json::object& o, const domain::Procedure& procedure);

// The unit CSV header and one row (RFC 4180 quoting): code,type,name,parent_code,valid_from,
// valid_to.
inline constexpr std::string_view kUnitCsvHeader = "code,type,name,parent_code,valid_from,valid_to";
[[nodiscard]] std::string UnitToCsvRow(const domain::Unit& unit, const std::string& parent_code);

// The catalogue as a flat CSV summary (one version per row) for spreadsheets. Documents, steps,
// conditions and result are not in it: JSON Lines is the complete format.
inline constexpr std::string_view kProcedureCsvHeader =
    "code,name,field,levels,implementing_units,processing_time,time_unit,fees,fee_amount,"
    "online_level,legal_basis,publication_decision,source_url,effective_from,effective_to";
[[nodiscard]] std::string ProcedureToCsvRow(const domain::Procedure& procedure);

// Parses that CSV (header required; levels separated by ';'); errors name the line.
[[nodiscard]] base::Result<std::vector<domain::Procedure>> ParseProcedureCsv(std::string_view csv);

}  // namespace motcua::demo
