#include "demo/demo_data.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <unordered_set>
#include <utility>

#include "calendar/civil_date.hpp"
#include "demo/csv.hpp"
#include "text/unicode.hpp"

namespace motcua::demo {

namespace {

constexpr std::string_view kUnitsOrigin = "units.csv";
constexpr std::array<std::string_view, 6> kUnitsHeader = {"code",        "type",       "name",
                                                          "parent_code", "valid_from", "valid_to"};

base::Error LineError(std::string_view origin, int line, std::string_view what) {
    std::string message(origin);
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += what;
    return base::InvalidArgument(std::move(message));
}

std::optional<std::chrono::sys_days> ParseDay(std::string_view text) {
    const auto ymd = calendar::ParseIsoDate(text);
    if (!ymd) {
        return std::nullopt;
    }
    return std::chrono::sys_days{*ymd};
}

bool IsUnitsHeader(const std::vector<std::string>& fields) {
    if (fields.size() != kUnitsHeader.size()) {
        return false;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] != kUnitsHeader[i]) {
            return false;
        }
    }
    return true;
}

// One data record of units.csv (fields already counted), without the cross-row checks.
base::Result<DemoUnit> ParseUnitRecord(const CsvRecord& record, std::string_view origin) {
    const std::vector<std::string>& f = record.fields;
    DemoUnit demo;
    demo.unit.code = f[0];
    const auto type = domain::ParseUnitType(f[1]);
    if (!type.ok()) {
        return LineError(origin, record.line, type.error().message);
    }
    demo.unit.type = *type;
    auto name = text::Nfc(f[2]);
    if (!name.ok()) {
        return LineError(origin, record.line, name.error().message);
    }
    demo.unit.name = std::move(name).value();
    demo.parent_code = f[3];
    const auto valid_from = ParseDay(f[4]);
    if (!valid_from) {
        return LineError(origin, record.line,
                         "valid_from \"" + f[4] + "\" is not a date YYYY-MM-DD");
    }
    demo.unit.valid_from = *valid_from;
    if (!f[5].empty()) {
        const auto valid_to = ParseDay(f[5]);
        if (!valid_to) {
            return LineError(origin, record.line,
                             "valid_to \"" + f[5] + "\" is not a date YYYY-MM-DD");
        }
        demo.unit.valid_to = *valid_to;
    }
    // ValidateUnit judges the parent by parent_id, which only exists once stored: stand in a
    // placeholder when the row names a parent.
    domain::Unit check = demo.unit;
    if (!demo.parent_code.empty()) {
        check.parent_id = 1;
    }
    const base::Status valid = domain::ValidateUnit(check);
    if (!valid.ok()) {
        return LineError(origin, record.line, valid.error().message);
    }
    return demo;
}

}  // namespace

base::Result<std::vector<DemoUnit>> ParseDemoUnits(std::string_view csv) {
    return ParseUnitRows(csv, kUnitsOrigin, true);
}

base::Result<std::vector<DemoUnit>> ParseUnitRows(std::string_view csv, std::string_view origin,
                                                  bool parents_in_file) {
    const auto records = ParseCsv(csv, origin);
    if (!records.ok()) {
        return records.error();
    }
    if (records->empty() || !IsUnitsHeader(records->front().fields)) {
        return LineError(origin, records->empty() ? 1 : records->front().line,
                         "the first line must be the header "
                         "\"code,type,name,parent_code,valid_from,valid_to\"");
    }
    std::vector<DemoUnit> units;
    std::unordered_set<std::string> codes;
    for (std::size_t i = 1; i < records->size(); ++i) {
        const CsvRecord& record = (*records)[i];
        if (record.fields.size() != kUnitsHeader.size()) {
            return LineError(origin, record.line,
                             "expected 6 fields, found " + std::to_string(record.fields.size()));
        }
        auto unit = ParseUnitRecord(record, origin);
        if (!unit.ok()) {
            return unit.error();
        }
        if (parents_in_file && !unit->parent_code.empty() && codes.count(unit->parent_code) == 0) {
            return LineError(origin, record.line,
                             "parent_code \"" + unit->parent_code + "\" names no earlier unit");
        }
        if (!codes.insert(unit->unit.code).second) {
            return LineError(origin, record.line, "duplicate code \"" + unit->unit.code + "\"");
        }
        units.push_back(std::move(unit).value());
    }
    return units;
}

}  // namespace motcua::demo
