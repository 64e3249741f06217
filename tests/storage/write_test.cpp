// Contract of store::Database::Write (database.hpp, docs/storage.md "Group commit"), on SQLite with
// group commit, SQLite with `group_commit=off`, and PostgreSQL.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "storage_test_support.hpp"
#include "store/instrumented.hpp"
#include "store/sqlite_database.hpp"  // internal: batch limits that make batches deterministic

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using internal::GroupCommitLimits;
using std::chrono::steady_clock;

constexpr const char* kSchema =
    "CREATE TABLE events (thread BIGINT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (thread, seq));"
    "CREATE TABLE counters (thread BIGINT PRIMARY KEY, n BIGINT NOT NULL);";

base::Status InsertEvent(Transaction& tx, std::int64_t thread, std::int64_t seq) {
    auto inserted = tx.Execute("INSERT INTO events (thread, seq) VALUES ($1, $2)",
                               std::vector<Value>{Value{thread}, Value{seq}});
    if (!inserted) {
        return inserted.error();
    }
    return {};
}

base::Status Bump(Transaction& tx, std::int64_t thread) {
    auto updated = tx.Execute("UPDATE counters SET n = n + 1 WHERE thread = $1",
                              std::vector<Value>{Value{thread}});
    if (!updated) {
        return updated.error();
    }
    if (*updated != 1) {
        return base::Internal("no counter for thread " + std::to_string(thread));
    }
    return {};
}

base::Result<std::int64_t> CountEvents(Database& db) {
    auto tx = db.Begin(TxMode::kRead);
    if (!tx) {
        return std::move(tx).error();
    }
    auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM events", {});
    if (!row) {
        return std::move(row).error();
    }
    return (*row)->Int(0);
}

// The `thread` column of every event, in order.
base::Result<std::vector<std::int64_t>> EventThreads(Database& db) {
    auto tx = db.Begin(TxMode::kRead);
    if (!tx) {
        return std::move(tx).error();
    }
    auto rows = (*tx)->Query("SELECT thread FROM events ORDER BY thread, seq", {});
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<std::int64_t> threads;
    for (const Row& row : *rows) {
        threads.push_back(row.Int(0));
    }
    return threads;
}

// Collects the errors of many threads for one readable failure message.
class Failures final {
public:
    void Add(const base::Status& status) {
        if (status.ok()) {
            return;
        }
        const std::lock_guard<std::mutex> lock(mutex_);
        if (count_++ == 0) {
            first_ = std::string(base::ErrorCodeName(status.error().code)) + ": " +
                     status.error().message;
        }
    }
    [[nodiscard]] int Count() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return count_;
    }
    [[nodiscard]] std::string First() const {
        const std::lock_guard<std::mutex> lock(mutex_);
        return first_;
    }

private:
    mutable std::mutex mutex_;
    int count_ = 0;
    std::string first_;
};

class WriteTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        ASSERT_TRUE(IsOk(db_->Write([](Transaction& tx) { return tx.ExecuteScript(kSchema); })));
    }

    // Reopens db_ with these batch limits (SQLite with group commit; other backends keep theirs).
    void ReopenWithLimits(GroupCommitLimits limits) {
        if (!GroupsCommits()) {
            return;
        }
        db_.reset();
        internal::SqliteOptions options;
        options.batch_limits = limits;
        ASSIGN_OR_FAIL(db_, internal::OpenSqlite(sqlite_path_.string(), options));
    }

    // Inside a work holding SQLite's writer: waits until `n` other threads wait for the writer,
    // so that they join this work's batch. PostgreSQL has no writer to wait for.
    void AwaitWaiting(std::uint64_t n) const {
        if (IsPostgres()) {
            return;
        }
        const auto deadline = steady_clock::now() + std::chrono::seconds(30);
        while (db_->GetWriteStats().waiting < n && steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        EXPECT_GE(db_->GetWriteStats().waiting, n) << "the other writers never queued";
    }

    // Runs `threads` threads that each call Write `per_thread` times with work(tx, thread, i),
    // collecting the errors in `failures` and counting the successes in `acknowledged`.
    void WriteConcurrently(int threads, int per_thread,
                           const std::function<base::Status(Transaction&, int, int)>& work,
                           Failures& failures, std::atomic<std::int64_t>* acknowledged = nullptr) {
        std::vector<std::thread> pool;
        pool.reserve(static_cast<size_t>(threads));
        for (int t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                for (int i = 0; i < per_thread; ++i) {
                    const base::Status written =
                        db_->Write([&](Transaction& tx) { return work(tx, t, i); });
                    failures.Add(written);
                    if (written.ok() && acknowledged != nullptr) {
                        acknowledged->fetch_add(1);
                    }
                }
            });
        }
        for (std::thread& thread : pool) {
            thread.join();
        }
    }
};
INSTANTIATE_TEST_SUITE_P(Backends, WriteTest, ::testing::ValuesIn(WriteBackends()), BackendName);

TEST_P(WriteTest, ConcurrentWritesAreDurableAndVisibleAfterReopening) {
    constexpr int kThreads = 16;
    constexpr int kPerThread = 40;
    ASSERT_TRUE(IsOk(db_->Write([](Transaction& tx) -> base::Status {
        for (std::int64_t t = 0; t < kThreads; ++t) {
            auto inserted = tx.Execute("INSERT INTO counters (thread, n) VALUES ($1, 0)",
                                       std::vector<Value>{Value{t}});
            if (!inserted) {
                return inserted.error();
            }
        }
        return {};
    })));
    Failures failures;
    std::atomic<std::int64_t> acknowledged{0};
    std::atomic<bool> writing{true};
    int stale_reads = 0;
    int reads = 0;
    // A write acknowledged before a read transaction starts is visible to it (on another
    // connection: it was committed, not only applied to the writer's open transaction).
    std::thread reader([&] {
        while (writing.load()) {
            const std::int64_t before = acknowledged.load();
            auto count = CountEvents(*db_);
            failures.Add(count.ok() ? base::Status() : base::Status(count.error()));
            if (count.ok() && *count < before) {
                ++stale_reads;
            }
            ++reads;
        }
    });
    WriteConcurrently(
        kThreads, kPerThread,
        [&](Transaction& tx, int t, int i) -> base::Status {
            if (base::Status s = InsertEvent(tx, t, i); !s) {
                return s;
            }
            return Bump(tx, t);
        },
        failures, &acknowledged);
    writing.store(false);
    reader.join();
    EXPECT_EQ(failures.Count(), 0) << failures.First();
    EXPECT_EQ(stale_reads, 0) << "of " << reads << " reads";

    db_.reset();  // every connection closed: only what reached the file remains
    ASSIGN_OR_FAIL(db_, Open(url_));
    ASSIGN_OR_FAIL(const std::int64_t events, CountEvents(*db_));
    EXPECT_EQ(events, kThreads * kPerThread);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto range, tx->QueryOne("SELECT MIN(n), MAX(n), COUNT(*) FROM counters", {}));
    ASSERT_TRUE(range.has_value());
    EXPECT_EQ(range->Int(0), kPerThread);
    EXPECT_EQ(range->Int(1), kPerThread);
    EXPECT_EQ(range->Int(2), kThreads);
}

TEST_P(WriteTest, BatchesFormUnderConcurrency) {
    constexpr int kThreads = 64;
    // One fsync per write without group commit: fewer writes show the same.
    const int per_thread = GetParam() == Backend::kSqliteGroupCommitOff ? 10 : 100;
    const WriteStats before = db_->GetWriteStats();
    Failures failures;
    WriteConcurrently(
        kThreads, per_thread, [](Transaction& tx, int t, int i) { return InsertEvent(tx, t, i); },
        failures);
    EXPECT_EQ(failures.Count(), 0) << failures.First();
    const WriteStats after = db_->GetWriteStats();
    const std::uint64_t writes = after.writes - before.writes;
    const std::uint64_t commits = after.commits - before.commits;
    EXPECT_EQ(writes, static_cast<std::uint64_t>(kThreads * per_thread));
    EXPECT_EQ(after.waiting, 0U);
    if (GroupsCommits()) {
        // Each COMMIT (one fsync) carries many works: well below one per write.
        EXPECT_GE(commits, 1U);
        EXPECT_LE(commits * 4, writes) << commits << " commits for " << writes << " writes";
    } else {
        EXPECT_EQ(commits, writes);  // one transaction per Write
    }
    ASSIGN_OR_FAIL(const std::int64_t events, CountEvents(*db_));
    EXPECT_EQ(events, kThreads * per_thread);
}

TEST_P(WriteTest, FailingWorksWriteNothingWhileTheRestOfTheirBatchCommits) {
    // One batch on SQLite: the leader holds the writer until the four others wait for it, and
    // the batch is not cut short by its age.
    ASSERT_NO_FATAL_FAILURE(ReopenWithLimits(GroupCommitLimits{1000, std::chrono::minutes(1)}));
    ASSERT_TRUE(IsOk(db_->Write([](Transaction& tx) { return InsertEvent(tx, 9, 9); })));
    const WriteStats before = db_->GetWriteStats();

    std::atomic<bool> leader_inside{false};
    base::Status leader;
    std::thread leader_thread([&] {
        leader = db_->Write([&](Transaction& tx) -> base::Status {
            if (base::Status s = InsertEvent(tx, 0, 0); !s) {
                return s;
            }
            leader_inside.store(true);
            AwaitWaiting(4);
            return {};
        });
    });
    while (!leader_inside.load()) {
        std::this_thread::yield();
    }
    base::Status refused;
    base::Status duplicate;
    base::Status first_ok;
    base::Status second_ok;
    std::vector<std::thread> others;
    others.emplace_back([&] {
        refused = db_->Write([](Transaction& tx) -> base::Status {
            if (base::Status s = InsertEvent(tx, 1, 0); !s) {
                return s;
            }
            return base::InvalidArgument("the work refuses");  // after writing: undone
        });
    });
    others.emplace_back([&] {
        duplicate = db_->Write([](Transaction& tx) -> base::Status {
            EXPECT_TRUE(IsOk(InsertEvent(tx, 2, 0)));
            EXPECT_TRUE(HasCode(InsertEvent(tx, 9, 9), ErrorCode::kAlreadyExists));
            // The failed statement ended the work: later statements repeat its error.
            EXPECT_TRUE(HasCode(InsertEvent(tx, 2, 1), ErrorCode::kAlreadyExists));
            return {};  // ignoring the error does not make the work succeed
        });
    });
    others.emplace_back(
        [&] { first_ok = db_->Write([](Transaction& tx) { return InsertEvent(tx, 3, 0); }); });
    others.emplace_back(
        [&] { second_ok = db_->Write([](Transaction& tx) { return InsertEvent(tx, 4, 0); }); });
    leader_thread.join();
    for (std::thread& thread : others) {
        thread.join();
    }
    EXPECT_TRUE(IsOk(leader));
    EXPECT_TRUE(HasCode(refused, ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(duplicate, ErrorCode::kAlreadyExists));
    EXPECT_TRUE(IsOk(first_ok));
    EXPECT_TRUE(IsOk(second_ok));
    ASSIGN_OR_FAIL(auto threads, EventThreads(*db_));
    EXPECT_EQ(threads, (std::vector<std::int64_t>{0, 3, 4, 9}));
    const WriteStats after = db_->GetWriteStats();
    EXPECT_EQ(after.writes - before.writes, 3U);
    if (GroupsCommits()) {
        EXPECT_EQ(after.commits - before.commits, 1U) << "the five works shared one batch";
    }
}

TEST_P(WriteTest, CommitInsideTheWorkIsRefused) {
    ASSERT_TRUE(IsOk(db_->Write([](Transaction& tx) -> base::Status {
        if (base::Status s = InsertEvent(tx, 1, 1); !s) {
            return s;
        }
        EXPECT_TRUE(HasCode(tx.Commit(), ErrorCode::kFailedPrecondition));
        return InsertEvent(tx, 1, 2);  // the refused Commit changed nothing
    })));
    EXPECT_TRUE(HasCode(db_->Write([](Transaction& tx) -> base::Status {
        if (base::Status s = InsertEvent(tx, 2, 1); !s) {
            return s;
        }
        return tx.Commit();
    }),
                        ErrorCode::kFailedPrecondition));
    ASSIGN_OR_FAIL(auto threads, EventThreads(*db_));
    EXPECT_EQ(threads, (std::vector<std::int64_t>{1, 1}));
}

TEST_P(WriteTest, PlainWriteTransactionsInterleaveWithBatches) {
    constexpr int kWriters = 16;
    constexpr int kPerWriter = 30;
    constexpr int kPlain = 2;
    constexpr int kPerPlain = 30;
    Failures failures;
    std::atomic<int> plain_failures{0};
    std::vector<std::thread> plain;
    plain.reserve(kPlain);
    for (int p = 0; p < kPlain; ++p) {
        plain.emplace_back([&, p] {
            const std::int64_t thread = 100 + p;
            for (int i = 0; i < kPerPlain; ++i) {
                auto tx = db_->Begin(TxMode::kWrite);
                if (!tx) {
                    ++plain_failures;
                    continue;
                }
                if (!InsertEvent(**tx, thread, i)) {
                    ++plain_failures;
                    continue;
                }
                if (i % 10 == 9) {
                    // A duplicate ends the transaction: nothing of it is written.
                    if (!HasCode(InsertEvent(**tx, thread, i - 1), ErrorCode::kAlreadyExists)) {
                        ++plain_failures;
                    }
                    continue;
                }
                if (!(*tx)->Commit()) {
                    ++plain_failures;
                }
            }
        });
    }
    // Every seventh work fails after writing, so savepoints roll back between the others.
    WriteConcurrently(
        kWriters, kPerWriter,
        [](Transaction& tx, int t, int i) -> base::Status {
            if (base::Status s = InsertEvent(tx, t, i); !s) {
                return s;
            }
            if (i % 7 == 6) {
                return base::Error{ErrorCode::kAborted, "planned failure"};
            }
            return {};
        },
        failures);
    for (std::thread& thread : plain) {
        thread.join();
    }
    EXPECT_EQ(plain_failures.load(), 0);
    const int failing_per_writer = kPerWriter / 7;
    EXPECT_EQ(failures.Count(), kWriters * failing_per_writer) << failures.First();
    const int expected = kWriters * (kPerWriter - failing_per_writer) + kPlain * (kPerPlain - 3);
    db_.reset();
    ASSIGN_OR_FAIL(db_, Open(url_));
    ASSIGN_OR_FAIL(const std::int64_t events, CountEvents(*db_));
    EXPECT_EQ(events, expected);
}

TEST_P(WriteTest, WorkThatThrowsIsUndoneAndTheWriterStaysUsable) {
    EXPECT_THROW((void)db_->Write([](Transaction& tx) -> base::Status {
        EXPECT_TRUE(IsOk(InsertEvent(tx, 1, 1)));
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_TRUE(IsOk(db_->Write([](Transaction& tx) { return InsertEvent(tx, 2, 1); })));
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));  // the writer was given back
    ASSERT_TRUE(IsOk(tx->Commit()));
    ASSIGN_OR_FAIL(auto threads, EventThreads(*db_));
    EXPECT_EQ(threads, (std::vector<std::int64_t>{2}));
}

TEST_P(WriteTest, InstrumentedDatabaseTimesWriteAndItsStatements) {
    std::mutex mutex;
    std::vector<std::string> operations;
    const WriteStats before = db_->GetWriteStats();
    const std::unique_ptr<Database> timed =
        Instrument(std::move(db_), [&](std::string_view operation, double seconds) {
            EXPECT_GE(seconds, 0.0);
            const std::lock_guard<std::mutex> lock(mutex);
            operations.emplace_back(operation);
        });
    ASSERT_TRUE(IsOk(timed->Write([](Transaction& tx) -> base::Status {
        EXPECT_TRUE(HasCode(tx.Commit(), ErrorCode::kFailedPrecondition));
        return InsertEvent(tx, 1, 1);
    })));
    EXPECT_EQ(operations, (std::vector<std::string>{"commit", "execute", "write"}));
    EXPECT_EQ(timed->GetWriteStats().writes - before.writes, 1U);
    ASSIGN_OR_FAIL(auto threads, EventThreads(*timed));
    EXPECT_EQ(threads, (std::vector<std::int64_t>{1}));
}

// Group commit only (SQLite, `sqlite:PATH`).
class GroupCommitTest : public WriteTest {};
INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::Values(Backend::kSqlite),
                         BackendName);

TEST_P(GroupCommitTest, WorkEndingTheTransactionFailsItsWholeBatch) {
    ASSERT_NO_FATAL_FAILURE(ReopenWithLimits(GroupCommitLimits{1000, std::chrono::minutes(1)}));
    std::atomic<bool> leader_inside{false};
    base::Status leader;
    std::thread leader_thread([&] {
        leader = db_->Write([&](Transaction& tx) -> base::Status {
            if (base::Status s = InsertEvent(tx, 0, 0); !s) {
                return s;
            }
            leader_inside.store(true);
            AwaitWaiting(1);
            return {};
        });
    });
    while (!leader_inside.load()) {
        std::this_thread::yield();
    }
    const base::Status rogue = db_->Write([](Transaction& tx) -> base::Status {
        if (base::Status s = InsertEvent(tx, 1, 0); !s) {
            return s;
        }
        return tx.ExecuteScript("ROLLBACK");  // against the contract: ends the batch
    });
    leader_thread.join();
    EXPECT_TRUE(HasCode(rogue, ErrorCode::kInternal));
    // The leader's work was in the rolled-back batch: it is told so, not acknowledged.
    EXPECT_TRUE(HasCode(leader, ErrorCode::kInternal));
    EXPECT_TRUE(IsOk(db_->Write([](Transaction& tx) { return InsertEvent(tx, 2, 0); })));
    ASSIGN_OR_FAIL(auto threads, EventThreads(*db_));
    EXPECT_EQ(threads, (std::vector<std::int64_t>{2}));
}

TEST_P(GroupCommitTest, BatchSizeIsCapped) {
    constexpr std::size_t kMaxWorks = 4;
    ASSERT_NO_FATAL_FAILURE(
        ReopenWithLimits(GroupCommitLimits{kMaxWorks, std::chrono::minutes(1)}));
    const WriteStats before = db_->GetWriteStats();
    Failures failures;
    WriteConcurrently(
        32, 20, [](Transaction& tx, int t, int i) { return InsertEvent(tx, t, i); }, failures);
    EXPECT_EQ(failures.Count(), 0) << failures.First();
    const WriteStats after = db_->GetWriteStats();
    const std::uint64_t writes = after.writes - before.writes;
    const std::uint64_t commits = after.commits - before.commits;
    EXPECT_EQ(writes, 32U * 20U);
    EXPECT_GE(commits * kMaxWorks, writes) << commits << " commits for " << writes << " writes";
}

TEST_P(GroupCommitTest, AcknowledgedWritesSurviveAProcessCrash) {
    // A child process writes from many threads and dies as soon as every Write has returned,
    // without closing anything: an acknowledged work must already be committed (in the WAL).
    constexpr int kThreads = 16;
    constexpr int kPerThread = 25;
    db_.reset();
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto db = Open(url_);
        if (!db) {
            _exit(2);
        }
        std::atomic<int> failed{0};
        std::vector<std::thread> pool;
        pool.reserve(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            pool.emplace_back([&, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    if (!(*db)->Write([&](Transaction& tx) { return InsertEvent(tx, t, i); })) {
                        ++failed;
                    }
                }
            });
        }
        for (std::thread& thread : pool) {
            thread.join();
        }
        _exit(failed.load() == 0 ? 0 : 3);  // crash: no destructor, no checkpoint
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0);
    ASSIGN_OR_FAIL(db_, Open(url_));
    ASSIGN_OR_FAIL(const std::int64_t events, CountEvents(*db_));
    EXPECT_EQ(events, kThreads * kPerThread);
}

}  // namespace
}  // namespace motcua::store::testing
