#pragma once

#include <cstdint>
#include <functional>

#include "base/result.hpp"
#include "store/database.hpp"

// A reusable driver for durable-write throughput (bench/group_commit_bench.cpp; later the dossier
// actions): many threads, each calling Database::Write in a loop.
namespace motcua::bench {

// One durable action: the statements of write number `i` of thread `thread`, inside the
// transaction Database::Write gives it. Called concurrently from every thread.
using WriteAction = std::function<base::Status(store::Transaction& tx, int thread, int i)>;

struct WriteLoadResult {
    double seconds = 0;         // from the moment every thread was ready to the last return
    std::int64_t writes = 0;    // Writes that returned ok (durable)
    std::int64_t failures = 0;  // Writes that returned an error
    store::WriteStats stats;    // the Database's counters over the run (difference)
};

// Runs `threads` threads that each call db.Write(action(tx, thread, first + k)) for k in
// [0, per_thread), all started together, and measures the wall time until the last returns.
[[nodiscard]] WriteLoadResult RunWriteLoad(store::Database& db, int threads, int per_thread,
                                           int first, const WriteAction& action);

}  // namespace motcua::bench
