#include "store/group_commit.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

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

bool GroupCommit::Acquire(std::unique_lock<std::mutex>& lock, Kind kind) {
    if (!held_) {
        assert(queue_.empty());
        held_ = true;
        return true;
    }
    Waiter self(kind);
    queue_.push_back(&self);
    if (self.cv.wait_for(lock, timeout_, [&self] { return self.granted; })) {
        return true;
    }
    queue_.erase(std::find(queue_.begin(), queue_.end(), &self));
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

base::Status GroupCommit::AwaitCommit(Batch& batch) {
    std::unique_lock<std::mutex> lock(batch.mutex);
    batch.committed.wait(lock, [&batch] { return batch.done; });
    return batch.outcome;
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
    if (!Acquire(lock, Kind::kBatch)) {
        return Busy();
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

    const WorkOutcome outcome = work();

    if (outcome.batch_lost) {
        assert(!outcome.status.ok());
        operations_.rollback();
        lock.lock();
        batch_.reset();
        Finish(lock, batch, outcome.status);
        return outcome.status;
    }
    lock.lock();
    if (outcome.status.ok()) {
        ++batch->members;
        if (!batch->has_waiters) {
            batch->has_waiters = true;
            batch->first_waiting = std::chrono::steady_clock::now();
        }
    }
    if (ShouldExtend(*batch)) {
        HandOver(lock);  // the next caller adds its work to the open batch
        lock.unlock();
        if (!outcome.status.ok()) {
            return outcome.status;
        }
        return AwaitCommit(*batch);
    }
    // This caller ends the batch: it commits what the batch kept (a batch whose works all failed
    // holds nothing and is rolled back).
    batch_.reset();
    lock.unlock();
    base::Status committed;
    if (batch->members > 0) {
        committed = operations_.commit();
    } else {
        operations_.rollback();
    }
    lock.lock();
    Finish(lock, batch, committed);
    return outcome.status.ok() ? committed : outcome.status;
}

WriteStats GroupCommit::Stats() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return WriteStats{writes_, commits_, queue_.size()};
}

}  // namespace motcua::store::internal
