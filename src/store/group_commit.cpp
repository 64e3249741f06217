#include "store/group_commit.hpp"

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

namespace motcua::store::internal {

base::Error CommitInsideWrite() {
    return base::Error{base::ErrorCode::kFailedPrecondition,
                       "Database::Write commits the transaction itself; do not call Commit() "
                       "inside its work"};
}

base::Error Busy() {
    return base::Error{base::ErrorCode::kAborted,
                       "Cơ sở dữ liệu đang bận; vui lòng thử lại sau giây lát."};
}

GroupCommit::GroupCommit(Operations operations, GroupCommitLimits limits,
                         std::chrono::milliseconds timeout)
    : operations_(std::move(operations)), limits_(limits), timeout_(timeout) {}

bool GroupCommit::Acquire(std::unique_lock<std::mutex>& lock, Kind kind, Waiter* self) {
    if (!held_) {
        assert(queue_.empty());
        held_ = true;
        return true;
    }
    Waiter local(kind);
    Waiter& me = self != nullptr ? *self : local;
    queue_.push_back(&me);
    if (me.cv.wait_for(lock, timeout_, [&me] { return me.granted || me.taken; })) {
        if (me.taken) {  // a holder runs this work in its batch: wait for the outcome
            me.cv.wait(lock, [&me] { return me.finished; });
        }
        return true;
    }
    queue_.erase(std::find(queue_.begin(), queue_.end(), &me));
    return false;
}

void GroupCommit::HandOver(std::unique_lock<std::mutex>& /*lock*/) {
    if (queue_.empty()) {
        held_ = false;
        return;
    }
    Waiter* next = queue_.front();
    queue_.pop_front();
    next->granted = true;
    // Notified with the mutex held: `next` lives on a stack that may unwind once it sees
    // `granted`.
    next->cv.notify_one();
}

bool GroupCommit::Lock() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!Acquire(lock, Kind::kLock)) {
        return false;
    }
    assert(batch_ == nullptr && "a batch is handed over only to RunInBatch callers");
    return true;
}

void GroupCommit::Unlock() {
    std::unique_lock<std::mutex> lock(mutex_);
    HandOver(lock);
}

bool GroupCommit::ShouldExtend(const Batch& batch) const {
    if (queue_.empty() || queue_.front()->kind != Kind::kBatch) {
        return false;  // nobody to take it, or a plain transaction must not run inside it
    }
    if (batch.works >= limits_.max_works) {
        return false;
    }
    return !batch.has_waiters ||
           std::chrono::steady_clock::now() - batch.first_waiting < limits_.max_delay;
}

void GroupCommit::Finish(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch,
                         const base::Status& outcome) {
    if (outcome.ok() && batch->members > 0) {
        writes_ += batch->members;
        ++commits_;
    }
    HandOver(lock);
    lock.unlock();
    {
        const std::lock_guard<std::mutex> done(batch->mutex);
        batch->done = true;
        batch->outcome = outcome;
    }
    batch->committed.notify_all();  // `batch` is kept alive by the caller's shared_ptr
}

base::Status GroupCommit::RunInBatch(const std::function<WorkOutcome()>& work) {
    std::unique_lock<std::mutex> lock(mutex_);
    Waiter self(Kind::kBatch);
    self.work = &work;
    if (!Acquire(lock, Kind::kBatch, &self)) {
        return Busy();
    }
    if (self.finished) {
        return self.result;  // run by another caller's batch
    }
    if (batch_ == nullptr) {
        lock.unlock();
        const base::Status begun = operations_.begin();
        lock.lock();
        if (!begun) {
            HandOver(lock);
            return begun;
        }
        batch_ = std::make_shared<Batch>();
    }
    const std::shared_ptr<Batch> batch = batch_;
    ++batch->works;
    lock.unlock();

    WorkOutcome outcome = work();

    // Flat combining: run the works of the batch callers queued behind, in order, while the batch
    // is within its limits. Their threads stay asleep until the batch's outcome is known.
    std::vector<Waiter*> combined;
    lock.lock();
    if (!outcome.batch_lost) {
        if (outcome.status.ok()) {
            ++batch->members;
            if (!batch->has_waiters) {
                batch->has_waiters = true;
                batch->first_waiting = std::chrono::steady_clock::now();
            }
        }
        while (ShouldExtend(*batch)) {
            Waiter* next = queue_.front();
            queue_.pop_front();
            next->taken = true;
            ++batch->works;
            lock.unlock();
            WorkOutcome theirs = (*next->work)();
            lock.lock();
            combined.push_back(next);
            if (theirs.batch_lost) {
                next->result = theirs.status;
                outcome = theirs;  // the batch is gone: everyone in it fails with this error
                break;
            }
            if (theirs.status.ok()) {
                ++batch->members;
                if (!batch->has_waiters) {
                    batch->has_waiters = true;
                    batch->first_waiting = std::chrono::steady_clock::now();
                }
            } else {
                next->result = theirs.status;
                next->finished = true;  // its own error is final; nothing of it was kept
            }
        }
    }
    batch_.reset();
    lock.unlock();
    base::Status committed;
    if (outcome.batch_lost) {
        assert(!outcome.status.ok());
        operations_.rollback();
        committed = outcome.status;
    } else if (batch->members > 0) {
        committed = operations_.commit();
    } else {
        operations_.rollback();
    }
    lock.lock();
    for (Waiter* w : combined) {
        if (!w->finished) {
            w->result = committed;
            w->finished = true;
        }
        // Notified with the mutex held: the waiter's stack may unwind once it sees `finished`.
        w->cv.notify_one();
    }
    Finish(lock, batch, committed);
    if (outcome.batch_lost) {
        return outcome.status;
    }
    return self.result.ok() && outcome.status.ok() ? committed : outcome.status;
}

WriteStats GroupCommit::Stats() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return WriteStats{writes_, commits_, queue_.size()};
}

}  // namespace motcua::store::internal
