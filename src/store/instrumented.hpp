#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "store/database.hpp"

namespace motcua::store {

// Called with an operation name (begin_read, begin_write, query, execute, script, commit, write)
// and its duration in seconds; "write" is a whole Database::Write, from the call until its
// changes are durable. Must be thread-safe and cheap.
using DbObserver = std::function<void(std::string_view operation, double seconds)>;

// Wraps a Database so that every operation is timed and reported (the server feeds
// motcua_db_duration_seconds on /metrics). Behaviour is otherwise unchanged.
[[nodiscard]] std::unique_ptr<Database> Instrument(std::unique_ptr<Database> inner,
                                                   DbObserver observer);

}  // namespace motcua::store
