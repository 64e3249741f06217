// Contract of store::Migrate (database.hpp), on every backend.
#include <thread>

#include "storage_test_support.hpp"
#include "store/migrations.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;

class MigrateTest : public BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, MigrateTest, ::testing::ValuesIn(Backends()), BackendName);

TEST(MigrationFilesTest, BothDialectsHaveTheSameNumberedMigrations) {
    const auto sqlite = internal::EmbeddedMigrations(Dialect::kSqlite);
    const auto postgres = internal::EmbeddedMigrations(Dialect::kPostgres);
    ASSERT_FALSE(sqlite.empty());
    ASSERT_EQ(sqlite.size(), postgres.size());
    for (size_t i = 0; i < sqlite.size(); ++i) {
        EXPECT_EQ(sqlite[i].version, static_cast<int>(i) + 1);  // 0001, 0002, … without gaps
        EXPECT_EQ(postgres[i].version, sqlite[i].version);
        EXPECT_EQ(postgres[i].name, sqlite[i].name);
        EXPECT_FALSE(sqlite[i].sql.empty());
        EXPECT_FALSE(postgres[i].sql.empty());
    }
    EXPECT_EQ(LatestSchemaVersion(), sqlite.back().version);
}

TEST_P(MigrateTest, AppliesEachMigrationOnceInOrder) {
    ASSIGN_OR_FAIL(const int first, Migrate(*db_));
    EXPECT_EQ(first, LatestSchemaVersion());
    ASSIGN_OR_FAIL(const int second, Migrate(*db_));
    EXPECT_EQ(second, 0);

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto rows, tx->Query("SELECT version, name, applied_at FROM schema_migrations "
                                        "ORDER BY version",
                                        {}));
    const auto expected = internal::EmbeddedMigrations(db_->dialect());
    ASSERT_EQ(rows.size(), expected.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].Int(0), expected[i].version);
        EXPECT_EQ(rows[i].Text(1), expected[i].name);
        EXPECT_GT(rows[i].Int(2), 1'700'000'000);  // the database's clock, Unix seconds
    }
}

TEST_P(MigrateTest, TwoProcessesMigratingAtOnceApplyEachMigrationOnce) {
    ASSIGN_OR_FAIL(auto other, OpenAnother());
    base::Result<int> a = 0;
    base::Result<int> b = 0;
    std::thread first([&] { a = Migrate(*db_); });
    std::thread second([&] { b = Migrate(*other); });
    first.join();
    second.join();
    ASSERT_TRUE(IsOk(a));
    ASSERT_TRUE(IsOk(b));
    EXPECT_EQ(*a + *b, LatestSchemaVersion());
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto count, tx->QueryOne("SELECT COUNT(*) FROM schema_migrations", {}));
    EXPECT_EQ(count->Int(0), LatestSchemaVersion());
}

TEST_P(MigrateTest, RefusesASchemaNewerThanTheProgram) {
    ASSERT_TRUE(IsOk(Migrate(*db_)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(tx->Execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 0)",
            std::vector<Value>{Value{std::int64_t{LatestSchemaVersion() + 1}}})));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    EXPECT_TRUE(HasCode(Migrate(*db_), ErrorCode::kFailedPrecondition));
}

}  // namespace
}  // namespace motcua::store::testing
