#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace motcua::demo {

// One CSV record and the 1-based line it starts on (a quoted field may span lines).
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

// Parses CSV as RFC 4180 describes it: fields separated by ',', records by LF or CRLF; a field
// in double quotes may contain ',', '"' written as '""', CR and LF. A UTF-8 byte-order mark at
// the start is skipped; empty lines are skipped. Pure.
// Error kInvalidArgument "<origin>:<line>: <what>" at the first malformed record: a quote inside
// an unquoted field, text after a closing quote, a quoted field not closed before the end
// (reported at the line where it opened), a CR not followed by LF, invalid UTF-8.
[[nodiscard]] base::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text,
                                                            std::string_view origin);

}  // namespace motcua::demo
