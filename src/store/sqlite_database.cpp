#include "store/sqlite_database.hpp"

#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "store/sqlite_connection.hpp"

namespace motcua::store::internal {

namespace {

constexpr size_t kMaxReaders = 16;

// Every work of a group-committed Write runs under this savepoint, so that a failure undoes that
// work alone and leaves the rest of the batch intact (docs/storage.md "Group commit").
constexpr std::string_view kSavepoint = "SAVEPOINT motcua_write";
constexpr std::string_view kReleaseSavepoint = "RELEASE motcua_write";
constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO motcua_write";

class SqliteDatabase;

// A transaction on one connection of the SQLite backend.
class SqliteTransaction final : public Transaction {
public:
    // A write transaction (Begin(kWrite)) on the writer connection, holding the writer until it
    // ends.
    SqliteTransaction(Connection& writer, GroupCommit& writer_lock)
        : kind_(Kind::kWrite), conn_(&writer), writer_lock_(&writer_lock) {}
    // A read transaction on a pooled reader connection, returned to `db` at the end.
    SqliteTransaction(SqliteDatabase& db, std::unique_ptr<Connection> reader)
        : kind_(Kind::kRead), db_(&db), reader_(std::move(reader)), conn_(reader_.get()) {}
    // The work of a group-committed Write: inside the open batch, under the work's savepoint.
    // Commit is refused; a failed statement marks it failed (later calls return that error)
    // and SqliteDatabase::RunWork rolls the work back to its savepoint.
    explicit SqliteTransaction(Connection& writer) : kind_(Kind::kWork), conn_(&writer) {}
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    ~SqliteTransaction() override;

    base::Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params) override {
        auto outcome = Run(sql, params);
        if (!outcome) {
            return std::move(outcome).error();
        }
        return std::move(outcome->rows);
    }

    base::Status ForEach(std::string_view sql, std::span<const Value> params,
                         const RowCallback& each) override {
        if (const base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        bool callback_failed = false;
        base::Status s = conn_->ForEach(sql, params, each, callback_failed);
        if (!s && !callback_failed) {
            return Fail(std::move(s).error());  // the statement failed: the transaction ends
        }
        return s;
    }

    base::Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const Value> params) override {
        auto outcome = Run(sql, params);
        if (!outcome) {
            return std::move(outcome).error();
        }
        return outcome->changes;
    }

    base::Status ExecuteScript(std::string_view sql) override {
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        if (const base::Status s = conn_->Exec(sql); !s) {
            return Fail(s.error());
        }
        return {};
    }

    base::Status Commit() override {
        if (kind_ == Kind::kWork) {
            return CommitInsideWrite();
        }
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        if (const base::Status s = conn_->Run("COMMIT"); !s) {
            return Fail(s.error());
        }
        state_ = State::kDone;
        Release();
        return {};
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }

    // Ok while statements may run: the first error of a failed statement otherwise.
    [[nodiscard]] base::Status Usable() const { return CheckOpen(); }

private:
    enum class Kind { kRead, kWrite, kWork };
    enum class State { kOpen, kFailed, kDone };

    base::Status CheckOpen() const {
        switch (state_) {
            case State::kOpen:
                return {};
            case State::kFailed:
                return first_error_;
            case State::kDone:
                break;
        }
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "the transaction has already been committed"};
    }

    // Ends the transaction after a failed statement (PostgreSQL's behaviour, database.hpp). A
    // work of a batch is undone by its Write instead, which keeps the rest of the batch.
    base::Error Fail(base::Error error) {
        if (kind_ != Kind::kWork) {
            if (conn_->InTransaction()) {
                (void)conn_->Run("ROLLBACK");
            }
            Release();
        }
        state_ = State::kFailed;
        first_error_ = error;
        return error;
    }

    // Gives the connection (and the writer) back as soon as the transaction has ended, so the
    // next transaction need not wait for this object's destruction.
    void Release();

    base::Result<StepOutcome> Run(std::string_view sql, std::span<const Value> params) {
        if (const base::Status usable = CheckOpen(); !usable) {
            return usable.error();
        }
        auto outcome = conn_->Step(sql, params);
        if (!outcome) {
            return Fail(std::move(outcome).error());  // after Step has reset the statement
        }
        return outcome;
    }

    Kind kind_;
    SqliteDatabase* db_ = nullptr;
    std::unique_ptr<Connection> reader_;
    Connection* conn_ = nullptr;
    GroupCommit* writer_lock_ = nullptr;  // held by a write transaction until it ends
    State state_ = State::kOpen;
    base::Error first_error_;
};

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, std::unique_ptr<Connection> writer,
                   const SqliteOptions& options)
        : path_(std::move(path)),
          writer_(std::move(writer)),
          group_commit_(options.group_commit),
          writer_lock_(GroupCommit::Operations{[this] { return BeginBatch(); },
                                               [this] { return CommitBatch(); },
                                               [this] { RollbackWriter(); }},
                       options.batch_limits, kBusyTimeout) {}

    base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        if (mode == TxMode::kWrite) {
            if (!writer_lock_.Lock()) {
                return Busy();
            }
            RollbackWriter();  // a rollback that failed earlier (I/O error)
            // IMMEDIATE takes SQLite's write lock now (waiting up to the busy timeout for other
            // processes), so a write transaction never fails later on a lock upgrade.
            if (const base::Status s = writer_->Run("BEGIN IMMEDIATE"); !s) {
                writer_lock_.Unlock();
                return s.error();
            }
            return std::unique_ptr<Transaction>(
                std::make_unique<SqliteTransaction>(*writer_, writer_lock_));
        }
        auto reader = AcquireReader();
        if (!reader) {
            return std::move(reader).error();
        }
        if (const base::Status s = (*reader)->Run("BEGIN"); !s) {
            ReturnReader(std::move(*reader));
            return s.error();
        }
        return std::unique_ptr<Transaction>(
            std::make_unique<SqliteTransaction>(*this, std::move(*reader)));
    }

    base::Status Write(const std::function<base::Status(Transaction&)>& work) override {
        if (!group_commit_) {
            return Database::Write(work);
        }
        std::exception_ptr thrown;
        const base::Status written = writer_lock_.RunInBatch([&] { return RunWork(work, thrown); });
        if (thrown) {
            std::rethrow_exception(thrown);  // after the work was undone and its batch went on
        }
        return written;
    }

    [[nodiscard]] WriteStats GetWriteStats() const override {
        const WriteStats writer = writer_lock_.Stats();
        WriteStats stats = group_commit_ ? writer : Database::GetWriteStats();
        stats.waiting = writer.waiting;
        return stats;
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
    [[nodiscard]] std::string Describe() const override {
        return "sqlite:" + path_ + (group_commit_ ? "" : "?group_commit=off");
    }

    void ReturnReader(std::unique_ptr<Connection> reader) {
        const std::lock_guard<std::mutex> lock(readers_mutex_);
        if (reader != nullptr && !reader->InTransaction()) {
            idle_readers_.push_back(std::move(reader));
        } else {
            --open_readers_;
        }
        readers_cv_.notify_one();
    }

private:
    // Group commit's connection work (GroupCommit::Operations), run by the writer's holder.
    base::Status BeginBatch() {
        RollbackWriter();
        return writer_->Run("BEGIN IMMEDIATE");
    }
    base::Status CommitBatch() {
        if (const base::Status s = writer_->Run("COMMIT"); !s) {
            RollbackWriter();  // a failed COMMIT may leave the transaction open
            return s;
        }
        return {};
    }
    void RollbackWriter() {
        if (writer_->InTransaction()) {
            (void)writer_->Run("ROLLBACK");
        }
    }

    // Runs `work` inside the open batch under its own savepoint, keeping its changes if it
    // succeeds and undoing them (rollback to the savepoint) if it fails. An exception from
    // `work` is stored in `thrown` and handled as a failure.
    GroupCommit::WorkOutcome RunWork(const std::function<base::Status(Transaction&)>& work,
                                     std::exception_ptr& thrown) {
        if (const base::Status s = writer_->Run(kSavepoint); !s) {
            return {s, !writer_->InTransaction()};
        }
        base::Status status;
        {
            SqliteTransaction tx(*writer_);
            try {
                status = work(tx);
            } catch (...) {
                thrown = std::current_exception();
                status = base::Internal("the work of Database::Write threw an exception");
            }
            if (status.ok()) {
                status = tx.Usable();  // a failed statement that `work` ignored
            }
        }
        if (!writer_->InTransaction()) {
            // SQLite rolled the whole batch back (I/O error, disk full…), or `work` ended it.
            if (status.ok()) {
                status = base::Internal("the write transaction ended inside Database::Write");
            }
            return {status, true};
        }
        if (!status.ok()) {
            if (const base::Status undone = writer_->Run(kRollbackToSavepoint); !undone) {
                return {undone, true};
            }
        }
        if (const base::Status released = writer_->Run(kReleaseSavepoint); !released) {
            return {released, true};
        }
        return {status, false};
    }

    base::Result<std::unique_ptr<Connection>> AcquireReader() {
        std::unique_lock<std::mutex> lock(readers_mutex_);
        if (!readers_cv_.wait_for(lock, kBusyTimeout, [this] {
                return !idle_readers_.empty() || open_readers_ < kMaxReaders;
            })) {
            return Busy();
        }
        if (!idle_readers_.empty()) {
            auto reader = std::move(idle_readers_.back());
            idle_readers_.pop_back();
            return reader;
        }
        ++open_readers_;
        lock.unlock();
        auto reader = Connection::Open(path_, false);
        if (!reader) {
            lock.lock();
            --open_readers_;
            readers_cv_.notify_one();
        }
        return reader;
    }

    std::string path_;
    std::unique_ptr<Connection> writer_;
    bool group_commit_;
    GroupCommit writer_lock_;  // after writer_: its operations use it
    std::mutex readers_mutex_;
    std::condition_variable readers_cv_;
    std::vector<std::unique_ptr<Connection>> idle_readers_;
    size_t open_readers_ = 0;
};

void SqliteTransaction::Release() {
    if (writer_lock_ != nullptr) {
        writer_lock_->Unlock();
        writer_lock_ = nullptr;
    }
    if (db_ != nullptr && reader_ != nullptr) {
        db_->ReturnReader(std::move(reader_));
    }
    conn_ = nullptr;
}

SqliteTransaction::~SqliteTransaction() {
    if (kind_ != Kind::kWork && state_ == State::kOpen && conn_->InTransaction()) {
        (void)conn_->Run("ROLLBACK");
    }
    Release();
}

}  // namespace

base::Result<std::unique_ptr<Database>> OpenSqlite(std::string_view path,
                                                   const SqliteOptions& options) {
    if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
        // Each connection of the pool would see its own in-memory database.
        return base::InvalidArgument("sqlite: cần đường dẫn tới một tệp (không hỗ trợ :memory:)");
    }
    const std::filesystem::path file{std::string(path)};
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            return base::Internal("cannot create directory " + file.parent_path().string() + ": " +
                                  ec.message());
        }
    }
    auto writer = Connection::Open(std::string(path), true);
    if (!writer) {
        return std::move(writer).error();
    }
    return std::unique_ptr<Database>(
        std::make_unique<SqliteDatabase>(std::string(path), std::move(*writer), options));
}

}  // namespace motcua::store::internal
