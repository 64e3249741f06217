#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "store/database.hpp"

namespace motcua::store::procedures {

// Adds a version of a procedure (code + effective_from unique: kAlreadyExists); returns it with
// version 1. The version in force on a day is the one with the latest effective_from ≤ day,
// provided its effective_to is empty or ≥ day: a later version supersedes earlier ones even if
// their effective_to was left empty, and when it ends nothing is in force. `search_key` is the
// folded text the search matches (text::SearchKey of name, code and field), computed by the
// caller; it is stored as its words (runs of ASCII letters/digits and non-ASCII bytes, ASCII
// lower-cased) separated by single spaces.
[[nodiscard]] base::Result<domain::Procedure> Insert(Transaction& tx,
                                                     const domain::Procedure& procedure,
                                                     std::string_view search_key);
// Replaces the version identified by (code, effective_from) if its version matches (kAborted;
// kNotFound); returns it with version + 1.
[[nodiscard]] base::Result<domain::Procedure> Update(Transaction& tx,
                                                     const domain::Procedure& procedure,
                                                     std::string_view search_key);
// The version in force on `day`, or nullopt.
[[nodiscard]] base::Result<std::optional<domain::Procedure>> GetInForce(Transaction& tx,
                                                                        std::string_view code,
                                                                        std::chrono::sys_days day);
// Every version of a code, oldest first.
[[nodiscard]] base::Result<std::vector<domain::Procedure>> History(Transaction& tx,
                                                                   std::string_view code);

// Every version of every procedure, by code then effective_from (export).
[[nodiscard]] base::Result<std::vector<domain::Procedure>> ListAll(Transaction& tx);

struct SearchQuery {
    std::string folded_terms;  // text::SearchKey of the user's text; empty = list all
    std::optional<std::string> field;
    std::optional<std::string> level;
    std::chrono::sys_days day{};       // versions in force that day
    std::optional<std::string> after;  // cursor: codes after this one (by code)
    int limit = 20;
};
struct SearchPage {
    std::vector<domain::Procedure> items;
    std::optional<std::string> next_cursor;
    std::int64_t total = 0;
};
// Every folded term must occur (as a word prefix) in the search key. SQLite: FTS5 over the key;
// PostgreSQL: the same semantics (e.g. LIKE/regex or tsvector over the key). Ordered by code.
// Precisely: terms are split at white space; a term of several words (e.g. "1.000123" → "1",
// "000123") matches those words consecutively, the last as a prefix. `level` matches one of the
// procedure's levels exactly. `total` counts every match (ignoring `after`); `next_cursor` is set
// when more follow. limit < 1 → kInvalidArgument; above 500 it is clamped.
[[nodiscard]] base::Result<SearchPage> Search(Transaction& tx, const SearchQuery& query);

// The distinct fields of the versions in force on `day`, with their counts, in byte order.
[[nodiscard]] base::Result<std::vector<std::pair<std::string, std::int64_t>>> Fields(
    Transaction& tx, std::chrono::sys_days day);

}  // namespace motcua::store::procedures
