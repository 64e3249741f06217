#include "http/worker_pool.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace motcua::http {
namespace {

using std::chrono::milliseconds;

TEST(WorkerPoolTest, RunsEveryTask) {
    std::atomic<int> done{0};
    {
        WorkerPool pool(3);
        std::promise<void> all;
        constexpr int kTasks = 10000;
        for (int i = 0; i < kTasks; ++i) {
            pool.Post([&done, &all] {
                if (done.fetch_add(1) + 1 == kTasks) {
                    all.set_value();
                }
            });
        }
        EXPECT_EQ(all.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
    }
    EXPECT_EQ(done.load(), 10000);
}

// Four blocking tasks on four workers run at once: (a) posted before the workers reached their
// idle wait, (b) posted while one worker polls after a quick task. Regression: both ran the
// tasks two at a time or one after another (lost wake-ups).
class WorkerPoolParallelTest : public ::testing::TestWithParam<bool> {};

TEST_P(WorkerPoolParallelTest, BlockingTasksRunInParallel) {
    WorkerPool pool(4);
    if (GetParam()) {
        std::this_thread::sleep_for(milliseconds(50));
        std::promise<void> quick;
        pool.Post([&quick] { quick.set_value(); });
        quick.get_future().wait();
        // Give that worker ~20 µs to return from the task and start its 50 µs poll.
        auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(20);
        while (std::chrono::steady_clock::now() < until) {
        }
    }
    std::atomic<int> running{0};
    std::atomic<int> peak{0};
    std::atomic<int> finished{0};
    for (int i = 0; i < 4; ++i) {
        pool.Post([&] {
            int now = running.fetch_add(1) + 1;
            int seen = peak.load();
            while (now > seen && !peak.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(milliseconds(200));
            running.fetch_sub(1);
            finished.fetch_add(1);
        });
    }
    auto start = std::chrono::steady_clock::now();
    while (finished.load() < 4 &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
        std::this_thread::sleep_for(milliseconds(5));
    }
    EXPECT_EQ(finished.load(), 4);
    EXPECT_EQ(peak.load(), 4);  // one slow task never holds up the others
    EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(700));
}

INSTANTIATE_TEST_SUITE_P(WorkerPoolTest, WorkerPoolParallelTest, ::testing::Bool());

TEST(WorkerPoolTest, LightLoadStaysOnOneHotWorker) {
    WorkerPool pool(4);
    std::this_thread::sleep_for(milliseconds(50));  // every worker reaches its idle wait
    std::set<std::thread::id> used;
    std::mutex mutex;
    for (int i = 0; i < 50; ++i) {
        std::promise<void> done;
        pool.Post([&] {
            {
                std::lock_guard lock(mutex);
                used.insert(std::this_thread::get_id());
            }
            done.set_value();
        });
        done.get_future().wait();
        std::this_thread::sleep_for(milliseconds(1));  // the worker goes idle again
    }
    // Sequential tasks go to the most recently idle worker (LIFO), not round-robin.
    EXPECT_LE(used.size(), 2u);
}

TEST(WorkerPoolTest, ShutdownDropsQueuedTasksAndWaitsForRunningOnes) {
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    auto pool = std::make_unique<WorkerPool>(1);
    pool->Post([&] {
        started.fetch_add(1);
        std::this_thread::sleep_for(milliseconds(200));
        finished.fetch_add(1);
    });
    while (started.load() == 0) {
        std::this_thread::sleep_for(milliseconds(1));
    }
    pool->Post([&] { started.fetch_add(1); });  // queued behind the running task
    pool->Shutdown();
    EXPECT_EQ(finished.load(), 1);              // waited for the running one
    EXPECT_EQ(started.load(), 1);               // dropped the queued one
    pool->Post([&] { started.fetch_add(1); });  // ignored after shutdown
    pool.reset();
    EXPECT_EQ(started.load(), 1);
}

}  // namespace
}  // namespace motcua::http
