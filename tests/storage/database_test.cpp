// Contract of store::Database / store::Transaction (database.hpp), on every backend.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "storage_test_support.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using domain::UnitType;

class DatabaseTest : public StoreTest {};
INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(Backends()), BackendName);

base::Result<std::int64_t> CountUnits(Transaction& tx) {
    auto row = tx.QueryOne("SELECT COUNT(*) FROM units", {});
    if (!row) {
        return std::move(row).error();
    }
    return (*row)->Int(0);
}

TEST(OpenTest, RejectsUnknownSchemesAndMemoryDatabases) {
    EXPECT_TRUE(HasCode(Open("mysql://localhost/motcua"), ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(Open("var/motcua.db"), ErrorCode::kInvalidArgument));
    // Each pooled connection would see its own in-memory database.
    EXPECT_TRUE(HasCode(Open("sqlite::memory:"), ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(Open("sqlite:"), ErrorCode::kInvalidArgument));
}

TEST(OpenTest, UnreachablePostgresIsInternal) {
    // Port 1 on the loopback refuses at once; no server is needed.
    EXPECT_TRUE(HasCode(Open("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2"),
                        ErrorCode::kInternal));
}

TEST_P(DatabaseTest, DescribesWithoutSecrets) {
    const std::string described = db_->Describe();
    if (IsPostgres()) {
        EXPECT_TRUE(described.starts_with("postgresql://")) << described;
        EXPECT_EQ(db_->dialect(), Dialect::kPostgres);
        // The test cluster's URL carries user:password@; neither appears.
        const auto at = url_.find('@');
        ASSERT_NE(at, std::string::npos) << "MOTCUA_TEST_PG should name a user and password";
        const auto scheme_end = url_.find("://") + 3;
        const std::string credentials = url_.substr(scheme_end, at - scheme_end);
        EXPECT_EQ(described.find(credentials), std::string::npos) << described;
        EXPECT_EQ(described.find('@'), std::string::npos) << described;
    } else {
        EXPECT_EQ(described, url_);
        EXPECT_EQ(db_->dialect(), Dialect::kSqlite);
    }
}

TEST_P(DatabaseTest, ValuesRoundTrip) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    EXPECT_EQ(tx->dialect(), db_->dialect());
    const Value params[] = {Value{std::int64_t{-9'007'199'254'740'993}}, Value{2.5},
                            Value{std::string("Xin chào — Đắk Lắk")}, Value{}};
    ASSIGN_OR_FAIL(auto rows, tx->Query("SELECT CAST($1 AS BIGINT), CAST($2 AS DOUBLE PRECISION), "
                                        "CAST($3 AS TEXT), CAST($4 AS BIGINT)",
                                        params));
    ASSERT_EQ(rows.size(), 1U);
    const Row& row = rows[0];
    EXPECT_EQ(row.Int(0), -9'007'199'254'740'993);
    EXPECT_DOUBLE_EQ(row.Real(1), 2.5);
    EXPECT_EQ(row.Text(2), "Xin chào — Đắk Lắk");
    EXPECT_TRUE(row.IsNull(3));
    EXPECT_EQ(row.OptInt(3), std::nullopt);
    EXPECT_EQ(row.OptText(3), std::nullopt);
    EXPECT_EQ(row.Int(3), 0);
    EXPECT_EQ(row.OptInt(0), -9'007'199'254'740'993);
}

TEST_P(DatabaseTest, ForEachStreamsRowsAndStopsAtTheCallbacksError) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    constexpr std::string_view kSql =
        "WITH RECURSIVE n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < "
        "CAST($1 AS BIGINT)) "
        "SELECT i, CAST(i AS TEXT) || 'đ', CASE WHEN i % 2 = 0 THEN NULL ELSE i END FROM n "
        "ORDER BY 1";
    const Value params[] = {Value{std::int64_t{5}}};
    std::vector<std::string> seen;
    const base::Status streamed =
        tx->ForEach(kSql, params, [&](const RowView& row) -> base::Status {
            seen.push_back(std::to_string(row.Int(0)) + ":" + std::string(row.Text(1)) + ":" +
                           (row.IsNull(2) ? "null" : std::to_string(row.Int(2))));
            return {};
        });
    ASSERT_TRUE(streamed) << streamed.error().message;
    EXPECT_EQ(seen,
              (std::vector<std::string>{"1:1đ:1", "2:2đ:null", "3:3đ:3", "4:4đ:null", "5:5đ:5"}));
    // The callback's error stops the scan and comes back; the transaction stays usable.
    int calls = 0;
    const base::Status stopped = tx->ForEach(kSql, params, [&](const RowView&) -> base::Status {
        return ++calls == 2 ? base::Status(base::InvalidArgument("enough")) : base::Status();
    });
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(calls, 2);
    EXPECT_TRUE(CountUnits(*tx));
    // A failing statement ends the transaction, as Query does.
    EXPECT_FALSE(tx->ForEach("SELECT no_such_column FROM units", {},
                             [](const RowView&) -> base::Status { return {}; }));
    EXPECT_FALSE(CountUnits(*tx));
}

TEST_P(DatabaseTest, QueryOneReturnsFirstRowOrNothing) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto none, tx->QueryOne("SELECT id FROM units WHERE id = $1",
                                           std::vector<Value>{Value{std::int64_t{42}}}));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_FAIL(auto one, tx->QueryOne("SELECT COUNT(*) FROM units", {}));
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->Int(0), 0);
}

TEST_P(DatabaseTest, WrongParameterCountIsInternal) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    EXPECT_TRUE(HasCode(tx->Query("SELECT CAST($1 AS BIGINT)", {}), ErrorCode::kInternal));
}

TEST_P(DatabaseTest, UncommittedTransactionRollsBack) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        // Destroyed without Commit.
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto found, units::GetByCode(*tx, "01"));
    EXPECT_FALSE(found.has_value());
    ASSIGN_OR_FAIL(auto count, CountUnits(*tx));
    EXPECT_EQ(count, 0);
}

TEST_P(DatabaseTest, CommittedTransactionIsVisibleToNewTransactions) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        ASSERT_TRUE(IsOk(tx->Commit()));
        EXPECT_TRUE(HasCode(tx->Commit(), ErrorCode::kFailedPrecondition));
        EXPECT_TRUE(HasCode(tx->Query("SELECT 1", {}), ErrorCode::kFailedPrecondition));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto found, units::GetByCode(*tx, "01"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->name, "Đơn vị 01");
}

TEST_P(DatabaseTest, FailedStatementEndsTheTransaction) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        EXPECT_TRUE(HasCode(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1))),
            ErrorCode::kAlreadyExists));
        // Later statements and the commit report the first error; nothing is written.
        EXPECT_TRUE(HasCode(tx->Query("SELECT 1", {}), ErrorCode::kAlreadyExists));
        EXPECT_TRUE(HasCode(tx->Commit(), ErrorCode::kAlreadyExists));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto count, CountUnits(*tx));
    EXPECT_EQ(count, 0);
}

TEST_P(DatabaseTest, ReadTransactionRejectsWrites) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    const auto inserted = tx->Execute(
        "INSERT INTO units (code, type, name, valid_from) VALUES ($1, 'province', 'X', "
        "'2025-07-01')",
        std::vector<Value>{Value{std::string("99")}});
    EXPECT_TRUE(HasCode(inserted, ErrorCode::kInternal));
}

TEST_P(DatabaseTest, ExecuteCountsChangedRows) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    for (const char* code : {"01", "02", "03"}) {
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit(code, UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
    }
    ASSIGN_OR_FAIL(auto changed, tx->Execute("UPDATE units SET name = $1 WHERE code <> $2",
                                             std::vector<Value>{Value{std::string("Tỉnh")},
                                                                Value{std::string("02")}}));
    EXPECT_EQ(changed, 2);
    ASSIGN_OR_FAIL(auto none, tx->Execute("DELETE FROM unit_parents WHERE unit_id = $1",
                                          std::vector<Value>{Value{std::int64_t{-1}}}));
    EXPECT_EQ(none, 0);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(DatabaseTest, ReadTransactionSeesOneSnapshot) {
    ASSIGN_OR_FAIL(auto reader, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto before, CountUnits(*reader));
    EXPECT_EQ(before, 0);
    {
        ASSIGN_OR_FAIL(auto writer, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(units::Insert(
            *writer, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        ASSERT_TRUE(IsOk(writer->Commit()));
    }
    ASSIGN_OR_FAIL(auto during, CountUnits(*reader));
    EXPECT_EQ(during, 0);  // the snapshot taken at the first read
    ASSERT_TRUE(IsOk(reader->Commit()));
    ASSIGN_OR_FAIL(auto fresh, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto after, CountUnits(*fresh));
    EXPECT_EQ(after, 1);
}

TEST_P(DatabaseTest, ConcurrentWritersLoseNothing) {
    constexpr int kThreads = 6;
    constexpr int kPerThread = 20;
    std::atomic<int> failures{0};
    std::atomic<int> reads{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads + 1);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                auto tx = db_->Begin(TxMode::kWrite);
                if (!tx) {
                    ++failures;
                    continue;
                }
                const std::string code = "T" + std::to_string(t) + "-" + std::to_string(i);
                if (!units::Insert(
                        **tx, MakeUnit(code, UnitType::kProvince, std::nullopt, D(2025, 7, 1))) ||
                    !(*tx)->Commit()) {
                    ++failures;
                }
            }
        });
    }
    // Readers run beside the writers.
    threads.emplace_back([&] {
        for (int i = 0; i < 40; ++i) {
            auto tx = db_->Begin(TxMode::kRead);
            if (!tx || !CountUnits(**tx)) {
                ++failures;
            } else {
                ++reads;
            }
        }
    });
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(reads.load(), 40);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, units::List(*tx));
    EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
}

TEST_P(DatabaseTest, SecondDatabaseOnTheSameTargetSeesCommits) {
    ASSIGN_OR_FAIL(auto other, OpenAnother());
    {
        ASSIGN_OR_FAIL(auto tx, other->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto found, units::GetByCode(*tx, "01"));
    EXPECT_TRUE(found.has_value());
}

}  // namespace
}  // namespace motcua::store::testing
