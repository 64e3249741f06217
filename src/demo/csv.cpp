#include "demo/csv.hpp"

#include <utility>

#include "text/unicode.hpp"

namespace motcua::demo {

namespace {

base::Error LineError(std::string_view origin, int line, std::string_view what) {
    std::string message(origin);
    message += ':';
    message += std::to_string(line);
    message += ": ";
    message += what;
    return base::InvalidArgument(std::move(message));
}

}  // namespace

base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, std::string_view origin) {
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (text.substr(0, kBom.size()) == kBom) {
        text.remove_prefix(kBom.size());
    }
    std::vector<CsvRecord> records;
    int line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Skip empty lines between records.
        if (text[pos] == '\n') {
            ++pos;
            ++line;
            continue;
        }
        if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
            pos += 2;
            ++line;
            continue;
        }
        CsvRecord record;
        record.line = line;
        bool end_of_record = false;
        while (!end_of_record) {
            std::string field;
            if (pos < text.size() && text[pos] == '"') {
                const int opened_at = line;
                ++pos;
                while (true) {
                    if (pos >= text.size()) {
                        return LineError(origin, opened_at,
                                         "quoted field not closed before the end of the text");
                    }
                    const char c = text[pos++];
                    if (c == '"') {
                        if (pos < text.size() && text[pos] == '"') {
                            field.push_back('"');
                            ++pos;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                    }
                    field.push_back(c);
                }
                if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
                    text[pos] != '\r') {
                    return LineError(origin, line, "text after the closing quote of a field");
                }
            } else {
                while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
                       text[pos] != '\r') {
                    if (text[pos] == '"') {
                        return LineError(origin, line,
                                         "quote inside an unquoted field (quote the whole field "
                                         "and double the quote)");
                    }
                    field.push_back(text[pos++]);
                }
            }
            if (!text::IsValidUtf8(field)) {
                return LineError(origin, line, "not valid UTF-8");
            }
            record.fields.push_back(std::move(field));
            if (pos >= text.size()) {
                end_of_record = true;
            } else if (text[pos] == ',') {
                ++pos;
            } else if (text[pos] == '\n') {
                ++pos;
                ++line;
                end_of_record = true;
            } else {  // '\r'
                if (pos + 1 >= text.size() || text[pos + 1] != '\n') {
                    return LineError(origin, line, "CR not followed by LF");
                }
                pos += 2;
                ++line;
                end_of_record = true;
            }
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace motcua::demo
