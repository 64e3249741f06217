#include "store/postgres_database.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <libpq-fe.h>

namespace motcua::store::internal {

namespace {

// Pool size (issue #3): connections are opened on demand up to kMaxConnections; at most
// kMaxIdle stay open when idle. Waiting longer than kAcquireTimeout for one → kAborted.
constexpr size_t kMaxConnections = 8;
constexpr size_t kMaxIdle = 4;
constexpr auto kAcquireTimeout = std::chrono::seconds(10);

// Session settings of every connection: UTF-8, dates as 'YYYY-MM-DD' (database.hpp), UTC, and
// no NOTICE chatter ("relation already exists, skipping").
constexpr const char* kSessionSetup =
    "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; "
    "SET client_min_messages = 'warning'";
// Reads see one snapshot, as an SQLite read transaction does; READ ONLY rejects writes.
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// Writes: READ COMMITTED plus version checks (UPDATE … WHERE version = $n) and row locks.
constexpr const char* kBeginWrite = "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE";

// Type OIDs of pg_type.h (the server headers are not needed for these stable values).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
struct ResultCloser {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ConnHandle = std::unique_ptr<PGconn, ConnCloser>;
using ResultHandle = std::unique_ptr<PGresult, ResultCloser>;

void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

std::string TrimNewlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

// Maps a failed result's SQLSTATE to the closed ErrorCode list (database.hpp).
base::Error MapError(PGconn* conn, const PGresult* result, std::string_view context) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string_view sqlstate = state != nullptr ? state : "";
    const char* primary =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message(context);
    message += ": ";
    message += primary != nullptr ? std::string(primary) : TrimNewlines(PQerrorMessage(conn));
    base::ErrorCode code = base::ErrorCode::kInternal;
    if (sqlstate == "23505") {  // unique_violation
        code = base::ErrorCode::kAlreadyExists;
    } else if (sqlstate.starts_with("23")) {  // 23503 foreign key, 23514 check, 23502 not null
        code = base::ErrorCode::kFailedPrecondition;
    } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
        code = base::ErrorCode::kAborted;  // serialization failure, deadlock, lock not available
    }
    return base::Error{code, std::move(message)};
}

base::Result<ConnHandle> Connect(const std::string& url) {
    ConnHandle conn(PQconnectdb(url.c_str()));
    if (conn == nullptr) {
        return base::Internal("cannot connect to PostgreSQL: out of memory");
    }
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        return base::Internal("cannot connect to PostgreSQL: " +
                              TrimNewlines(PQerrorMessage(conn.get())));
    }
    PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
    const ResultHandle setup(PQexec(conn.get(), kSessionSetup));
    if (PQresultStatus(setup.get()) != PGRES_COMMAND_OK) {
        return MapError(conn.get(), setup.get(), "session setup");
    }
    return conn;
}

// "postgresql://host:port/db" from a libpq URI, without user or password (Database::Describe).
std::string DescribeUrl(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (error != nullptr) {
        PQfreemem(error);
    }
    if (options == nullptr) {
        return "postgresql://?";
    }
    std::string host;
    std::string port;
    std::string dbname;
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        const std::string_view keyword = o->keyword;
        const std::string value = o->val != nullptr ? o->val : "";
        if (keyword == "host") {
            host = value;
        } else if (keyword == "port") {
            port = value;
        } else if (keyword == "dbname") {
            dbname = value;
        }
    }
    PQconninfoFree(options);
    return "postgresql://" + host + (port.empty() ? "" : ":" + port) + "/" + dbname;
}

Value Decode(Oid type, const char* text, int length) {
    const char* end = text + length;
    switch (type) {
        case kBoolOid:
            return std::int64_t{length > 0 && text[0] == 't' ? 1 : 0};
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
        case kOidOid:
        case kNumericOid: {
            std::int64_t integer = 0;
            const auto parsed = std::from_chars(text, end, integer);
            if (parsed.ec == std::errc() && parsed.ptr == end) {
                return integer;
            }
            if (type != kNumericOid) {
                return std::string(text, static_cast<size_t>(length));
            }
            [[fallthrough]];  // a non-integral NUMERIC reads as a double
        }
        case kFloat4Oid:
        case kFloat8Oid: {
            double real = 0;
            const auto parsed = std::from_chars(text, end, real);
            if (parsed.ec == std::errc() && parsed.ptr == end) {
                return real;
            }
            return std::string(text, static_cast<size_t>(length));
        }
        default:
            return std::string(text, static_cast<size_t>(length));
    }
}

std::string EncodeDouble(double value) {
    std::array<char, 32> buffer{};  // the shortest round-trip form fits in 24 characters
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return {buffer.data(), result.ptr};
}

class PostgresDatabase;

class PostgresTransaction final : public Transaction {
public:
    PostgresTransaction(PostgresDatabase& db, ConnHandle conn) : db_(&db), conn_(std::move(conn)) {}
    PostgresTransaction(const PostgresTransaction&) = delete;
    PostgresTransaction& operator=(const PostgresTransaction&) = delete;
    ~PostgresTransaction() override;

    base::Result<std::vector<Row>> Query(std::string_view sql,
                                         std::span<const Value> params) override {
        auto result = Run(sql, params);
        if (!result) {
            return std::move(result).error();
        }
        PGresult* res = result->get();
        const int rows = PQntuples(res);
        const int columns = PQnfields(res);
        std::vector<Row> out;
        out.reserve(static_cast<size_t>(rows));
        for (int r = 0; r < rows; ++r) {
            Row row;
            row.values.reserve(static_cast<size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (PQgetisnull(res, r, c) != 0) {
                    row.values.emplace_back(std::monostate{});
                } else {
                    row.values.push_back(
                        Decode(PQftype(res, c), PQgetvalue(res, r, c), PQgetlength(res, r, c)));
                }
            }
            out.push_back(std::move(row));
        }
        return out;
    }

    base::Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const Value> params) override {
        auto result = Run(sql, params);
        if (!result) {
            return std::move(result).error();
        }
        const std::string_view tuples = PQcmdTuples(result->get());
        std::int64_t changed = 0;
        (void)std::from_chars(tuples.data(), tuples.data() + tuples.size(), changed);
        return changed;
    }

    base::Status ExecuteScript(std::string_view sql) override {
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        const ResultHandle result(PQexec(conn_.get(), std::string(sql).c_str()));
        const ExecStatusType status = PQresultStatus(result.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(MapError(conn_.get(), result.get(), "script"));
        }
        return {};
    }

    base::Status Commit() override {
        if (base::Status usable = CheckOpen(); !usable) {
            return usable;
        }
        const ResultHandle result(PQexec(conn_.get(), "COMMIT"));
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            return Fail(MapError(conn_.get(), result.get(), "commit"));
        }
        // A transaction the server had aborted answers COMMIT with ROLLBACK.
        if (std::string_view(PQcmdStatus(result.get())) != "COMMIT") {
            return Fail(base::Error{base::ErrorCode::kAborted, "the transaction was rolled back"});
        }
        state_ = State::kDone;
        Release();
        return {};
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }

private:
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

    // Ends the transaction after a failed statement (the server has aborted it already).
    base::Error Fail(base::Error error) {
        if (PQstatus(conn_.get()) == CONNECTION_OK &&
            PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) {
            const ResultHandle rollback(PQexec(conn_.get(), "ROLLBACK"));
        }
        state_ = State::kFailed;
        first_error_ = error;
        Release();
        return error;
    }

    // Gives the connection back to the pool as soon as the transaction has ended.
    void Release();

    base::Result<ResultHandle> Run(std::string_view sql, std::span<const Value> params) {
        if (const base::Status usable = CheckOpen(); !usable) {
            return usable.error();
        }
        // Text format for every parameter; the server infers the types from the SQL.
        std::vector<std::string> storage(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (const auto* integer = std::get_if<std::int64_t>(&v)) {
                storage[i] = std::to_string(*integer);
            } else if (const auto* real = std::get_if<double>(&v)) {
                storage[i] = EncodeDouble(*real);
            } else if (const auto* text = std::get_if<std::string>(&v)) {
                storage[i] = *text;
            } else {
                continue;  // NULL
            }
            values[i] = storage[i].c_str();
        }
        ResultHandle result(PQexecParams(conn_.get(), std::string(sql).c_str(),
                                         static_cast<int>(params.size()), nullptr, values.data(),
                                         nullptr, nullptr, 0));
        const ExecStatusType status = PQresultStatus(result.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            return Fail(MapError(conn_.get(), result.get(), "query"));
        }
        return result;
    }

    PostgresDatabase* db_;
    ConnHandle conn_;
    State state_ = State::kOpen;
    base::Error first_error_;
};

class PostgresDatabase final : public Database {
public:
    explicit PostgresDatabase(std::string url)
        : url_(std::move(url)), description_(DescribeUrl(url_)) {}

    base::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
        const char* begin = mode == TxMode::kRead ? kBeginRead : kBeginWrite;
        base::Error last_error;
        // A pooled connection may have been broken since its last use (server restart, idle
        // timeout): BEGIN is the first statement, so retrying on another connection is safe.
        for (size_t attempt = 0; attempt <= kMaxConnections; ++attempt) {
            auto conn = Acquire();
            if (!conn) {
                return std::move(conn).error();
            }
            const ResultHandle result(PQexec(conn->get(), begin));
            if (PQresultStatus(result.get()) == PGRES_COMMAND_OK) {
                return std::unique_ptr<Transaction>(
                    std::make_unique<PostgresTransaction>(*this, std::move(*conn)));
            }
            last_error = MapError(conn->get(), result.get(), "begin");
            const bool broken = PQstatus(conn->get()) != CONNECTION_OK;
            Release(std::move(*conn));
            if (!broken) {
                break;
            }
        }
        return last_error;
    }

    [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }
    [[nodiscard]] std::string Describe() const override { return description_; }

    // Takes a connection back; broken ones, ones left inside a transaction, and ones beyond
    // kMaxIdle are closed.
    void Release(ConnHandle conn) {
        ConnHandle closing;  // destroyed after the lock is released
        const std::lock_guard<std::mutex> lock(mutex_);
        if (conn != nullptr && PQstatus(conn.get()) == CONNECTION_OK &&
            PQtransactionStatus(conn.get()) == PQTRANS_IDLE && idle_.size() < kMaxIdle) {
            idle_.push_back(std::move(conn));
        } else {
            closing = std::move(conn);
            --open_;
        }
        cv_.notify_one();
    }

    base::Result<ConnHandle> Acquire() {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!cv_.wait_for(lock, kAcquireTimeout,
                          [this] { return !idle_.empty() || open_ < kMaxConnections; })) {
            return base::Error{base::ErrorCode::kAborted,
                               "Cơ sở dữ liệu đang bận; vui lòng thử lại sau giây lát."};
        }
        if (!idle_.empty()) {
            ConnHandle conn = std::move(idle_.back());
            idle_.pop_back();
            return conn;
        }
        ++open_;
        lock.unlock();
        auto conn = Connect(url_);
        if (!conn) {
            lock.lock();
            --open_;
            cv_.notify_one();
        }
        return conn;
    }

private:
    std::string url_;
    std::string description_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<ConnHandle> idle_;
    size_t open_ = 0;
};

void PostgresTransaction::Release() {
    if (conn_ != nullptr) {
        db_->Release(std::move(conn_));
    }
}

PostgresTransaction::~PostgresTransaction() {
    if (state_ == State::kOpen && PQstatus(conn_.get()) == CONNECTION_OK) {
        const ResultHandle rollback(PQexec(conn_.get(), "ROLLBACK"));
    }
    Release();
}

}  // namespace

base::Result<std::unique_ptr<Database>> OpenPostgres(std::string_view url) {
    auto db = std::make_unique<PostgresDatabase>(std::string(url));
    // Connect once now so a wrong URL or a down server fails at start-up, not at first use.
    auto conn = db->Acquire();
    if (!conn) {
        return std::move(conn).error();
    }
    db->Release(std::move(*conn));
    return std::unique_ptr<Database>(std::move(db));
}

}  // namespace motcua::store::internal
