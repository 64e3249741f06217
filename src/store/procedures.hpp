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

// Adds a version of a procedure (code + effective_from unique: kAlreadyExists). The version in
// force on a day is the one with the latest effective_from ≤ day whose effective_to is empty or
// ≥ day. `search_key` is the folded text the search matches (text::SearchKey of name, code and
// field), computed by the caller.
[[nodiscard]] base::Result<domain::Procedure> Insert(Transaction& tx,
                                                     const domain::Procedure& procedure,
                                                     std::string_view search_key);
// Replaces the version identified by (code, effective_from) if its version matches (kAborted).
[[nodiscard]] base::Result<domain::Procedure> Update(Transaction& tx,
                                                     const domain::Procedure& procedure,
                                                     std::string_view search_key);
// The version in force on `day`, or nullopt.
[[nodiscard]] base::Result<std::optional<domain::Procedure>> GetInForce(
    Transaction& tx, std::string_view code, std::chrono::sys_days day);
// Every version of a code, oldest first.
[[nodiscard]] base::Result<std::vector<domain::Procedure>> History(Transaction& tx,
                                                                   std::string_view code);

struct SearchQuery {
    std::string folded_terms;  // text::SearchKey of the user's text; empty = list all
    std::optional<std::string> field;
    std::optional<std::string> level;
    std::chrono::sys_days day{};        // versions in force that day
    std::optional<std::string> after;   // cursor: codes after this one (by code)
    int limit = 20;
};
struct SearchPage {
    std::vector<domain::Procedure> items;
    std::optional<std::string> next_cursor;
    std::int64_t total = 0;
};
// Every folded term must occur (as a word prefix) in the search key. SQLite: FTS5 over the key;
// PostgreSQL: the same semantics (e.g. LIKE/regex or tsvector over the key). Ordered by code.
[[nodiscard]] base::Result<SearchPage> Search(Transaction& tx, const SearchQuery& query);

// The distinct fields with their counts, for browsing.
[[nodiscard]] base::Result<std::vector<std::pair<std::string, std::int64_t>>> Fields(
    Transaction& tx, std::chrono::sys_days day);

}  // namespace motcua::store::procedures
