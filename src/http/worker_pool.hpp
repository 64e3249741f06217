#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace motcua::http {

// The pool that runs handlers (which may block) off the network threads.
//
// Waking a sleeping thread (a futex call and a context switch on each side) was the largest cost
// of a trivial request with asio::thread_pool: three futex calls per request, and 0.41 of nginx
// on the 2-core bench. Two changes bring it to about 0.6 (docs/http.md):
// - idle workers are woken last-in-first-out, so a lightly loaded server keeps one hot worker
//   instead of rotating over all of them; another wakes only when a task arrives while every
//   awake worker is busy;
// - one worker at a time polls for up to 50 µs before it sleeps; a task posted meanwhile is
//   taken without a wake-up.
//
// Thread-safe. Tasks must not throw (the server wraps handlers in InvokeHandler).
class WorkerPool final {
public:
    // Starts `threads` (≥ 1) worker threads.
    explicit WorkerPool(size_t threads);
    // Shutdown().
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues `task`; it runs on some worker thread. Ignored after Shutdown().
    void Post(std::function<void()> task);

    // Drops the tasks not started yet, waits for the running ones, joins the threads.
    // Idempotent; must not be called from a worker thread.
    void Shutdown();

private:
    struct Worker {
        std::condition_variable wake;
        bool woken = false;  // guarded by mutex_
    };

    void Loop(Worker& self);

    std::mutex mutex_;
    std::deque<std::function<void()>> queue_;
    std::atomic<size_t> queued_{0};      // queue_.size(), readable without the lock
    std::atomic<bool> spinning_{false};  // one worker polls queued_ before sleeping
    std::vector<Worker*> idle_;          // LIFO: the back is the most recently idle worker
    bool stopping_ = false;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::thread> threads_;
};

}  // namespace motcua::http
