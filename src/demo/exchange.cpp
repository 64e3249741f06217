#include "demo/exchange.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "calendar/civil_date.hpp"
#include "demo/csv.hpp"

namespace motcua::demo {

namespace json = boost::json;

void PutProcedureText(json::object& o, const domain::Procedure& p) {
    o["implementing_units"] = p.implementing_units;
    o["fees"] = p.fees;
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
}

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
    o["processing_milli"] = p.processing_milli;
    o["time_unit"] = domain::TimeUnitName(p.time_unit);
    o["fee_amount"] = p.fee_amount;
    o["online_level"] = domain::OnlineLevelName(p.online_level);
    PutProcedureText(o, p);
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

std::string ProcedureToCsvRow(const domain::Procedure& p) {
    std::string levels;
    for (const auto& l : p.levels) {
        levels += (levels.empty() ? "" : ";") + l;
    }
    // processing_time as a decimal: 3, 0.5, 1.25
    std::string amount = std::to_string(p.processing_milli / 1000);
    if (const std::int64_t frac = p.processing_milli % 1000; frac != 0) {
        std::string digits = std::to_string(1000 + frac).substr(1);
        while (!digits.empty() && digits.back() == '0') {
            digits.pop_back();
        }
        amount += "." + digits;
    }
    std::string row;
    for (const std::string& field :
         {p.code, p.name, p.field, levels, p.implementing_units, amount,
          std::string(domain::TimeUnitName(p.time_unit)), p.fees, std::to_string(p.fee_amount),
          std::string(domain::OnlineLevelName(p.online_level)), p.legal_basis,
          p.publication_decision, p.source_url, calendar::FormatIsoDate(p.effective_from),
          p.effective_to ? calendar::FormatIsoDate(*p.effective_to) : std::string()}) {
        if (!row.empty()) {
            row += ',';
        }
        row += CsvField(field);
    }
    return row;
}

base::Result<std::vector<domain::Procedure>> ParseProcedureCsv(std::string_view csv) {
    auto records = ParseCsv(csv, "CSV");
    if (!records) {
        return std::move(records).error();
    }
    auto fail = [](int line, std::string_view what) {
        return base::InvalidArgument("CSV:" + std::to_string(line) + ": " + std::string(what));
    };
    std::vector<std::string> header;
    {
        std::string_view rest = kProcedureCsvHeader;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            header.emplace_back(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    if (records->empty() || records->front().fields != header) {
        return fail(
            1, "the first line must be the header \"" + std::string(kProcedureCsvHeader) + "\"");
    }
    std::vector<domain::Procedure> out;
    for (size_t i = 1; i < records->size(); ++i) {
        const CsvRecord& r = (*records)[i];
        if (r.fields.size() != header.size()) {
            return fail(r.line, "expected " + std::to_string(header.size()) + " fields");
        }
        const auto& f = r.fields;
        domain::Procedure p;
        p.code = f[0];
        p.name = f[1];
        p.field = f[2];
        std::string_view levels = f[3];
        while (!levels.empty()) {
            const size_t semi = levels.find(';');
            p.levels.emplace_back(levels.substr(0, semi));
            levels = semi == std::string_view::npos ? std::string_view() : levels.substr(semi + 1);
        }
        p.implementing_units = f[4];
        // processing_time: digits with up to three decimals.
        const std::string& amount = f[5];
        const size_t dot = amount.find('.');
        const std::string whole = amount.substr(0, dot);
        const std::string frac = dot == std::string::npos ? "" : amount.substr(dot + 1);
        if (whole.empty() || whole.size() > 6 || frac.size() > 3 ||
            whole.find_first_not_of("0123456789") != std::string::npos ||
            frac.find_first_not_of("0123456789") != std::string::npos) {
            return fail(r.line, "processing_time must be a number like 3 or 0.5");
        }
        p.processing_milli =
            std::stoll(whole) * 1000 + (frac.empty() ? 0 : std::stoll((frac + "00").substr(0, 3)));
        auto unit = domain::ParseTimeUnit(f[6]);
        if (!unit) {
            return fail(r.line, "time_unit: " + unit.error().message);
        }
        p.time_unit = *unit;
        p.fees = f[7];
        if (f[8].empty() || f[8].size() > 15 ||
            f[8].find_first_not_of("0123456789") != std::string::npos) {
            return fail(r.line, "fee_amount must be a whole number of đồng");
        }
        p.fee_amount = std::stoll(f[8]);
        auto online = domain::ParseOnlineLevel(f[9]);
        if (!online) {
            return fail(r.line, "online_level: " + online.error().message);
        }
        p.online_level = *online;
        p.legal_basis = f[10];
        p.publication_decision = f[11];
        p.source_url = f[12];
        const auto from = calendar::ParseIsoDate(f[13]);
        if (!from) {
            return fail(r.line, "effective_from must be YYYY-MM-DD");
        }
        p.effective_from = std::chrono::sys_days{*from};
        if (!f[14].empty()) {
            const auto to = calendar::ParseIsoDate(f[14]);
            if (!to) {
                return fail(r.line, "effective_to must be YYYY-MM-DD");
            }
            p.effective_to = std::chrono::sys_days{*to};
        }
        if (const base::Status valid = domain::ValidateProcedure(p); !valid) {
            return fail(r.line, valid.error().message);
        }
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace motcua::demo
