#include "store/instrumented.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace motcua::store {

namespace {

class Timer final {
public:
    Timer(const DbObserver& observer, std::string_view operation)
        : observer_(observer), operation_(operation), start_(std::chrono::steady_clock::now()) {}
    ~Timer() {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
        observer_(operation_, elapsed.count());
    }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

private:
    const DbObserver& observer_;
    std::string_view operation_;
    std::chrono::steady_clock::time_point start_;
};

class InstrumentedTransaction final : public Transaction {
public:
    // A transaction of Begin, owned.
    InstrumentedTransaction(std::unique_ptr<Transaction> inner, const DbObserver& observer)
        : owned_(std::move(inner)), inner_(owned_.get()), observer_(observer) {}
    // The transaction of a Write's work, borrowed for the work's duration.
    InstrumentedTransaction(Transaction& inner, const DbObserver& observer)
        : inner_(&inner), observer_(observer) {}

    base::Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params) override {
        const Timer timer(observer_, "query");
        return inner_->Query(sql, params);
    }
    base::Status ForEach(std::string_view sql, std::span<const Value> params,
                         const RowCallback& each) override {
        const Timer timer(observer_, "query");
        return inner_->ForEach(sql, params, each);
    }
    base::Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const Value> params) override {
        const Timer timer(observer_, "execute");
        return inner_->Execute(sql, params);
    }
    base::Status ExecuteScript(std::string_view sql) override {
        const Timer timer(observer_, "script");
        return inner_->ExecuteScript(sql);
    }
    base::Status Commit() override {
        const Timer timer(observer_, "commit");
        return inner_->Commit();
    }
    Dialect dialect() const override { return inner_->dialect(); }  // NOLINT

private:
    std::unique_ptr<Transaction> owned_;
    Transaction* inner_;
    const DbObserver& observer_;
};

class InstrumentedDatabase final : public Database {
public:
    InstrumentedDatabase(std::unique_ptr<Database> inner, DbObserver observer)
        : inner_(std::move(inner)), observer_(std::move(observer)) {}

    base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        auto tx = [&] {
            const Timer timer(observer_, mode == TxMode::kRead ? "begin_read" : "begin_write");
            return inner_->Begin(mode);
        }();
        if (!tx) {
            return tx;
        }
        return std::unique_ptr<Transaction>(
            std::make_unique<InstrumentedTransaction>(std::move(*tx), observer_));
    }
    // Timed as a whole ("write": the work, the wait for the batch and its commit); the work's
    // statements are timed too.
    base::Status Write(const std::function<base::Status(Transaction&)>& work) override {
        const Timer timer(observer_, "write");
        return inner_->Write([&](Transaction& tx) {
            InstrumentedTransaction timed(tx, observer_);
            return work(timed);
        });
    }
    WriteStats GetWriteStats() const override { return inner_->GetWriteStats(); }
    Dialect dialect() const override { return inner_->dialect(); }  // NOLINT
    std::string Describe() const override { return inner_->Describe(); }

private:
    std::unique_ptr<Database> inner_;
    DbObserver observer_;
};

}  // namespace

std::unique_ptr<Database> Instrument(std::unique_ptr<Database> inner, DbObserver observer) {
    return std::make_unique<InstrumentedDatabase>(std::move(inner), std::move(observer));
}

}  // namespace motcua::store
