// PostgreSQL-only guarantees (issue #3): SQLSTATE mapping, the pool, reconnection, TRUNCATE.
#include <string>
#include <vector>

#include "storage_test_support.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;

class PostgresTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Backends, PostgresTest, ::testing::ValuesIn(PostgresBackends()),
                         BackendName);
// Without MOTCUA_TEST_PG (and without MOTCUA_REQUIRE_PG) this suite has no instance on purpose.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresTest);

// Raises `sqlstate` inside the server and returns how the store maps it.
base::Status Raise(Database& db, const std::string& sqlstate) {
    auto tx = db.Begin(TxMode::kWrite);
    if (!tx) {
        return tx.error();
    }
    return (*tx)->ExecuteScript("DO $$ BEGIN RAISE EXCEPTION 'test' USING ERRCODE = '" + sqlstate +
                                "'; END $$");
}

TEST_P(PostgresTest, MapsSqlStatesToErrorCodes) {
    EXPECT_TRUE(HasCode(Raise(*db_, "23505"), ErrorCode::kAlreadyExists));
    EXPECT_TRUE(HasCode(Raise(*db_, "23503"), ErrorCode::kFailedPrecondition));
    EXPECT_TRUE(HasCode(Raise(*db_, "23514"), ErrorCode::kFailedPrecondition));
    EXPECT_TRUE(HasCode(Raise(*db_, "23502"), ErrorCode::kFailedPrecondition));
    EXPECT_TRUE(HasCode(Raise(*db_, "40001"), ErrorCode::kAborted));
    EXPECT_TRUE(HasCode(Raise(*db_, "40P01"), ErrorCode::kAborted));
    EXPECT_TRUE(HasCode(Raise(*db_, "22012"), ErrorCode::kInternal));
}

TEST_P(PostgresTest, AuditLogRejectsTruncate) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(tx->ExecuteScript("TRUNCATE audit_log"), ErrorCode::kFailedPrecondition));
}

TEST_P(PostgresTest, PoolOpensUpToEightConnections) {
    std::vector<std::unique_ptr<Transaction>> open;
    std::vector<std::int64_t> pids;
    for (int i = 0; i < 8; ++i) {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(i % 2 == 0 ? TxMode::kRead : TxMode::kWrite));
        ASSIGN_OR_FAIL(auto pid, tx->QueryOne("SELECT pg_backend_pid()", {}));
        pids.push_back(pid->Int(0));
        open.push_back(std::move(tx));
    }
    std::sort(pids.begin(), pids.end());
    EXPECT_EQ(std::unique(pids.begin(), pids.end()), pids.end());  // eight distinct connections
    open.clear();
    ASSIGN_OR_FAIL(auto again, db_->Begin(TxMode::kRead));
    EXPECT_TRUE(IsOk(again->Commit()));
}

TEST_P(PostgresTest, ReplacesABrokenConnection) {
    std::int64_t pid = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto row, tx->QueryOne("SELECT pg_backend_pid()", {}));
        pid = row->Int(0);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        // The server ends the pooled connection (restart, idle timeout, administrator).
        ASSIGN_OR_FAIL(auto other, OpenAnother());
        ASSIGN_OR_FAIL(auto tx, other->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto killed, tx->QueryOne("SELECT pg_terminate_backend(CAST($1 AS INTEGER))",
                                                 std::vector<Value>{Value{pid}}));
        EXPECT_EQ(killed->Int(0), 1);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto row, tx->QueryOne("SELECT pg_backend_pid()", {}));
    EXPECT_NE(row->Int(0), pid);
}

TEST_P(PostgresTest, ReadTransactionsAreReadOnlyAndWritesReadCommitted) {
    ASSIGN_OR_FAIL(auto reader, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto read_mode,
                   reader->QueryOne("SELECT current_setting('transaction_read_only'), "
                                    "current_setting('transaction_isolation')",
                                    {}));
    EXPECT_EQ(read_mode->Text(0), "on");
    EXPECT_EQ(read_mode->Text(1), "repeatable read");
    ASSIGN_OR_FAIL(auto writer, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto write_mode,
                   writer->QueryOne("SELECT current_setting('transaction_read_only'), "
                                    "current_setting('transaction_isolation')",
                                    {}));
    EXPECT_EQ(write_mode->Text(0), "off");
    EXPECT_EQ(write_mode->Text(1), "read committed");
}

}  // namespace
}  // namespace motcua::store::testing
