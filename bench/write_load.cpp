#include "write_load.hpp"

#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

namespace motcua::bench {

WriteLoadResult RunWriteLoad(store::Database& db, int threads, int per_thread, int first,
                             const WriteAction& action) {
    std::atomic<std::int64_t> writes{0};
    std::atomic<std::int64_t> failures{0};
    std::latch ready(threads + 1);
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            ready.arrive_and_wait();
            for (int i = first; i < first + per_thread; ++i) {
                const base::Status written =
                    db.Write([&](store::Transaction& tx) { return action(tx, t, i); });
                (written.ok() ? writes : failures).fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    const store::WriteStats before = db.GetWriteStats();
    ready.arrive_and_wait();
    const auto start = std::chrono::steady_clock::now();
    for (std::thread& thread : pool) {
        thread.join();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const store::WriteStats after = db.GetWriteStats();
    WriteLoadResult result;
    result.seconds = elapsed.count();
    result.writes = writes.load();
    result.failures = failures.load();
    result.stats.writes = after.writes - before.writes;
    result.stats.commits = after.commits - before.commits;
    result.stats.waiting = after.waiting;
    return result;
}

}  // namespace motcua::bench
