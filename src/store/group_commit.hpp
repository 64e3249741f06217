#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include "base/result.hpp"
#include "store/database.hpp"

// Internal to the store module: the writer lock of the SQLite backend and its group commit
// (docs/storage.md "Group commit"). No SQLite here: the connection work comes in as functions.
namespace motcua::store::internal {

// The error a work's Transaction returns from Commit(): Write commits for it (database.hpp).
[[nodiscard]] base::Error CommitInsideWrite();

// kAborted with the Vietnamese "database busy" message: the writer or a connection was not free
// in time (database.hpp).
[[nodiscard]] base::Error Busy();

// Bounds on one batch. A batch stops taking works when it holds `max_works` works, or when its
// first member has been waiting for the commit `max_delay` or longer; it is then committed by the
// member that holds the writer, and the waiting callers start the next batch.
struct GroupCommitLimits {
    std::size_t max_works = 1000;
    std::chrono::microseconds max_delay{10'000};
};

// The single writer of a database, shared by plain write transactions and group commit.
//
// The writer is an exclusive lock with a FIFO queue of waiting threads. A plain write transaction
// holds it from Lock() to Unlock(). RunInBatch holds it only while its work runs inside the open
// batch transaction; then, if the next waiter is another RunInBatch and the batch is within its
// limits, it hands the writer over with the batch still open and sleeps until that batch is
// committed; otherwise it commits the batch itself and wakes every member of the batch with the
// outcome. A batch is therefore open only while the writer is held by (or being handed to) a
// RunInBatch caller: Lock() never finds one open.
//
// Flat combining: the holder of an open batch also runs the works of the RunInBatch callers
// queued behind it (each under its own savepoint, exactly as their own thread would), so a batch
// grows without waking a thread per work; those callers sleep once and are woken with the
// batch's outcome. A hand-over (one wake-up per work) cost about 20 µs on a 2-core machine
// against a few µs for a dossier action's statements (docs/storage.md).
//
// Threads sleep on condition variables, ThreadSanitizer-visible: one per waiter in the queue and
// one per batch for the members that ran their own work.
//
// Thread-safe. The operations are called by the thread that holds the writer, without the
// internal mutex held.
class GroupCommit final {
public:
    // The connection work the protocol drives.
    struct Operations {
        std::function<base::Status()> begin;   // opens the batch transaction (BEGIN IMMEDIATE)
        std::function<base::Status()> commit;  // commits it; on error nothing of it is kept
        std::function<void()> rollback;        // rolls back any open transaction
    };
    // What one work did inside the open batch.
    struct WorkOutcome {
        // Ok: the work's changes are part of the batch. An error: they were undone (rolled back
        // to the work's savepoint) and the batch is intact, unless `batch_lost`.
        base::Status status;
        // The batch transaction itself ended (SQLite rolled it back after an I/O error, or the
        // work ran ROLLBACK): every member of the batch fails with `status`, which is an error.
        bool batch_lost = false;
    };

    GroupCommit(Operations operations, GroupCommitLimits limits, std::chrono::milliseconds timeout);

    // Waits (first come, first served; up to the timeout) for the writer and holds it until
    // Unlock(). false if the timeout passed (nothing is held then).
    [[nodiscard]] bool Lock();
    // Gives the writer to the next waiter, or frees it. Only by the holder of Lock().
    void Unlock();

    // Waits for the writer as Lock() does, opens a batch if none is open, and runs `work` (which
    // must not throw) inside it. Returns once the outcome of the work is final: the work's error
    // if it failed (nothing of it is kept); else the outcome of the batch's commit, after which
    // the work's changes are durable, or the batch's error (nothing of it was kept). kAborted
    // (busy) if the writer was not free within the timeout; the work did not run then.
    [[nodiscard]] base::Status RunInBatch(const std::function<WorkOutcome()>& work);

    // Works committed, commits made, and threads waiting for the writer now (RunInBatch and
    // Lock alike).
    [[nodiscard]] WriteStats Stats() const;

private:
    enum class Kind { kLock, kBatch };
    // A thread in the queue; lives on that thread's stack. Under mutex_.
    struct Waiter {
        explicit Waiter(Kind k) : kind(k) {}
        Kind kind;
        bool granted = false;  // the writer is this thread's now
        std::condition_variable cv;
        // Flat combining (kBatch only): the holder may take this waiter's work out of the queue
        // and run it inside its own batch; the waiter then sleeps until `finished` and returns
        // `result` (its work's error, or the batch's commit outcome).
        const std::function<WorkOutcome()>* work = nullptr;
        bool taken = false;     // removed from the queue by a holder to run in its batch
        bool finished = false;  // its outcome is final
        base::Status result;
    };
    // The open batch, then its outcome. The counts are under mutex_ (only the writer's holder
    // changes them); `done` and `outcome` under `mutex`, which its members sleep on.
    struct Batch {
        std::size_t works = 0;     // run in it, failed ones too (the size limit)
        std::size_t members = 0;   // works kept in it, made durable by its commit
        bool has_waiters = false;  // a member is waiting for the commit, since first_waiting
        std::chrono::steady_clock::time_point first_waiting;
        std::mutex mutex;
        std::condition_variable committed;
        bool done = false;
        base::Status outcome;  // the commit's, once done
    };

    // Takes the writer, waiting in the queue if it is held. false on timeout. A kBatch waiter
    // (`self` given) may instead have its work run by the holder: then it returns true with
    // self->finished set and the writer not held.
    bool Acquire(std::unique_lock<std::mutex>& lock, Kind kind, Waiter* self = nullptr);
    // The holder gives the writer to the first waiter (ownership passes at once), or frees it.
    void HandOver(std::unique_lock<std::mutex>& lock);
    // Whether the holder should pass the open batch on to the next waiter.
    [[nodiscard]] bool ShouldExtend(const Batch& batch) const;
    // Ends `batch` (the holder's; no longer batch_) with `outcome`, hands the writer over and
    // wakes its members. Unlocks.
    void Finish(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch,
                const base::Status& outcome);

    const Operations operations_;
    const GroupCommitLimits limits_;
    const std::chrono::milliseconds timeout_;

    mutable std::mutex mutex_;
    bool held_ = false;             // someone holds the writer; false implies an empty queue
    std::deque<Waiter*> queue_;     // each Waiter lives on its waiting thread's stack
    std::shared_ptr<Batch> batch_;  // the open batch, if any
    std::uint64_t writes_ = 0;
    std::uint64_t commits_ = 0;
};

}  // namespace motcua::store::internal
