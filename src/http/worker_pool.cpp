#include "http/worker_pool.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace motcua::http {
namespace {

// How long one worker polls for the next task before it sleeps. Under steady load the next task
// usually arrives within this window and is taken without a futex wake-up and a context switch.
// Idle, it costs at most this much CPU per burst of work.
constexpr auto kSpinTime = std::chrono::microseconds(50);
// Iterations between two clock reads while polling.
constexpr int kPollsPerClockRead = 64;

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

}  // namespace

WorkerPool::WorkerPool(size_t threads) {
    threads = std::max<size_t>(threads, 1);
    workers_.reserve(threads);
    threads_.reserve(threads);
    for (size_t i = 0; i < threads; ++i) {
        workers_.push_back(std::make_unique<Worker>());
    }
    for (size_t i = 0; i < threads; ++i) {
        threads_.emplace_back([this, worker = workers_[i].get()] { Loop(*worker); });
    }
}

WorkerPool::~WorkerPool() {
    Shutdown();
}

void WorkerPool::Post(std::function<void()> task) {
    Worker* to_wake = nullptr;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        queue_.push_back(std::move(task));
        queued_.store(queue_.size(), std::memory_order_release);
        // A polling worker takes one task without a wake-up; any more need sleepers woken.
        bool poller_takes_it = spinning_.load(std::memory_order_acquire) && queue_.size() == 1;
        if (!idle_.empty() && !poller_takes_it) {
            to_wake = idle_.back();
            idle_.pop_back();
            to_wake->woken = true;
        }
    }
    if (to_wake != nullptr) {
        to_wake->wake.notify_one();
    }
}

void WorkerPool::Loop(Worker& self) {
    std::unique_lock lock(mutex_);
    while (true) {
        if (stopping_) {
            return;
        }
        if (!queue_.empty()) {
            std::function<void()> task = std::move(queue_.front());
            queue_.pop_front();
            queued_.store(queue_.size(), std::memory_order_release);
            // More tasks waiting (posted while no one was idle, or behind a poller's): pass the
            // baton to a sleeper, so that a blocking task never holds up the ones behind it.
            Worker* helper = nullptr;
            if (!queue_.empty() && !idle_.empty()) {
                helper = idle_.back();
                idle_.pop_back();
                helper->woken = true;
            }
            lock.unlock();
            if (helper != nullptr) {
                helper->wake.notify_one();
            }
            task();
            task = nullptr;  // destroy captures outside the lock
            lock.lock();
            continue;
        }
        // Poll briefly before sleeping: under steady load the next task arrives within
        // microseconds, and taking it without a futex wake-up is the main saving.
        if (!spinning_.exchange(true, std::memory_order_acq_rel)) {
            lock.unlock();
            bool found = false;
            auto deadline = std::chrono::steady_clock::now() + kSpinTime;
            while (!found) {
                for (int i = 0; i < kPollsPerClockRead && !found; ++i) {
                    found = queued_.load(std::memory_order_acquire) > 0;
                    CpuRelax();
                }
                if (std::chrono::steady_clock::now() >= deadline) {
                    break;
                }
            }
            lock.lock();
            spinning_.store(false, std::memory_order_release);
            if (found || !queue_.empty()) {
                continue;
            }
        }
        self.woken = false;
        idle_.push_back(&self);
        self.wake.wait(lock, [&] { return self.woken || stopping_; });
    }
}

void WorkerPool::Shutdown() {
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped.swap(queue_);
        idle_.clear();
    }
    for (const auto& worker : workers_) {
        worker->wake.notify_all();
    }
    for (std::thread& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    dropped.clear();
}

}  // namespace motcua::http
