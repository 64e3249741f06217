#include "demo/exchange.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "calendar/civil_date.hpp"

namespace motcua::demo {

namespace json = boost::json;

std::string ProcedureToExchangeLine(const domain::Procedure& p) {
    json::object o;
    o["code"] = p.code;
    o["name"] = p.name;
    o["field"] = p.field;
    json::array levels;
    for (const auto& l : p.levels) {
        levels.emplace_back(l);
    }
    o["levels"] = std::move(levels);
    o["implementing_units"] = p.implementing_units;
    o["processing_milli"] = p.processing_milli;
    o["time_unit"] = domain::TimeUnitName(p.time_unit);
    o["fees"] = p.fees;
    o["fee_amount"] = p.fee_amount;
    o["online_level"] = domain::OnlineLevelName(p.online_level);
    json::array documents;
    for (const auto& d : p.documents) {
        documents.emplace_back(json::object{{"name", d.name}, {"note", d.note}});
    }
    o["documents"] = std::move(documents);
    o["legal_basis"] = p.legal_basis;
    o["publication_decision"] = p.publication_decision;
    o["steps"] = p.steps;
    o["conditions"] = p.conditions;
    o["result"] = p.result;
    o["source_url"] = p.source_url;
    o["effective_from"] = calendar::FormatIsoDate(p.effective_from);
    if (p.effective_to) {
        o["effective_to"] = calendar::FormatIsoDate(*p.effective_to);
    }
    return json::serialize(o);
}

namespace {

// RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes.
std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

}  // namespace

std::string UnitToCsvRow(const domain::Unit& unit, const std::string& parent_code) {
    return CsvField(unit.code) + "," + std::string(domain::UnitTypeName(unit.type)) + "," +
           CsvField(unit.name) + "," + CsvField(parent_code) + "," +
           calendar::FormatIsoDate(unit.valid_from) + "," +
           (unit.valid_to ? calendar::FormatIsoDate(*unit.valid_to) : std::string());
}

}  // namespace motcua::demo
