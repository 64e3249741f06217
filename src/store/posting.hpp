#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Public posting of the procedures at the desks (issue #8; migration 0018, docs/control.md
// "Public posting"): what a one-stop desk or service centre put up on its board, and when.
namespace motcua::store::posting {

// One procedure version on the board: the catalogue's (code, effective_from).
struct PostedItem {
    std::string procedure_code;
    std::chrono::sys_days effective_from{};
    friend bool operator==(const PostedItem&, const PostedItem&) = default;
};

struct Posting {
    std::int64_t id = 0;  // 0 until stored
    std::int64_t desk_unit_id = 0;
    std::chrono::sys_days posted_on{};
    std::int64_t officer_user_id = 0;
    std::string officer_name;   // read only (users.display_name)
    std::string layout = "a4";  // a4, board, screen
    std::string note;
    std::chrono::sys_seconds recorded_at{};
    std::vector<PostedItem> items;  // by code; empty in List
    std::int64_t item_count = 0;    // read only
};

// Stores a posting and its items (codes unique: kAlreadyExists); returns it with its id.
[[nodiscard]] base::Result<Posting> Insert(Transaction& tx, const Posting& posting);

// The posting of `desk_unit_id` in force on `day`: the latest posted on or before it (the highest
// id among those of the same day), with its items; nullopt when none.
[[nodiscard]] base::Result<std::optional<Posting>> LatestOn(Transaction& tx,
                                                            std::int64_t desk_unit_id,
                                                            std::chrono::sys_days day);

// The postings of a desk, newest first (no items; item_count set), at most `limit`.
[[nodiscard]] base::Result<std::vector<Posting>> List(Transaction& tx, std::int64_t desk_unit_id,
                                                      int limit);

// True when any of `desk_unit_ids` has a posting on or before `day`.
[[nodiscard]] base::Result<bool> AnyOn(Transaction& tx,
                                       const std::vector<std::int64_t>& desk_unit_ids,
                                       std::chrono::sys_days day);

}  // namespace motcua::store::posting
