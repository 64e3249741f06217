// SQLite-only guarantees (issue #3): durability settings and crash safety of committed writes.
#include <filesystem>
#include <random>

#include <sys/wait.h>
#include <unistd.h>

#include "storage_test_support.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

using domain::UnitType;

class SqliteFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device device;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-sqlite-" + std::to_string(getpid()) + "-" + std::to_string(device()));
        path_ = dir_ / "a" / "b" / "motcua.db";
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    [[nodiscard]] std::string Url() const { return "sqlite:" + path_.string(); }

    std::filesystem::path dir_;
    std::filesystem::path path_;
};

std::string Pragma(Transaction& tx, const std::string& name) {
    auto row = tx.QueryOne("PRAGMA " + name, {});
    if (!row || !*row) {
        return "?";
    }
    const Row& r = **row;
    return r.values[0].index() == 1 ? std::to_string(r.Int(0)) : r.Text(0);
}

TEST_F(SqliteFileTest, CreatesTheDirectoryAndUsesDurableSettings) {
    ASSIGN_OR_FAIL(auto db, Open(Url()));
    EXPECT_TRUE(std::filesystem::exists(path_));
    ASSIGN_OR_FAIL(auto writer, db->Begin(TxMode::kWrite));
    EXPECT_EQ(Pragma(*writer, "journal_mode"), "wal");
    EXPECT_EQ(Pragma(*writer, "synchronous"), "2");  // FULL
    EXPECT_EQ(Pragma(*writer, "foreign_keys"), "1");
    EXPECT_EQ(Pragma(*writer, "busy_timeout"), "5000");
    ASSERT_TRUE(IsOk(writer->Commit()));
    ASSIGN_OR_FAIL(auto reader, db->Begin(TxMode::kRead));
    EXPECT_EQ(Pragma(*reader, "journal_mode"), "wal");
    EXPECT_EQ(Pragma(*reader, "foreign_keys"), "1");
    EXPECT_EQ(Pragma(*reader, "query_only"), "1");
    EXPECT_EQ(Pragma(*reader, "busy_timeout"), "5000");
}

TEST_F(SqliteFileTest, CommittedWriteSurvivesReopening) {
    {
        ASSIGN_OR_FAIL(auto db, Open(Url()));
        ASSERT_TRUE(IsOk(Migrate(*db)));
        ASSIGN_OR_FAIL(auto tx, db->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto db, Open(Url()));
    ASSIGN_OR_FAIL(const int applied, Migrate(*db));
    EXPECT_EQ(applied, 0);
    ASSIGN_OR_FAIL(auto tx, db->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto found, units::GetByCode(*tx, "01"));
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->name, "Đơn vị 01");
}

TEST_F(SqliteFileTest, CommittedWriteSurvivesAProcessCrash) {
    // A child process commits, then dies without closing anything (no destructors, no
    // checkpoint): the data lives only in the WAL, which recovery must replay.
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto db = Open(Url());
        if (!db || !Migrate(**db)) {
            _exit(2);
        }
        auto tx = (*db)->Begin(TxMode::kWrite);
        if (!tx ||
            !units::Insert(**tx,
                           MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1))) ||
            !(*tx)->Commit()) {
            _exit(3);
        }
        auto uncommitted = (*db)->Begin(TxMode::kWrite);
        if (!uncommitted || !units::Insert(**uncommitted, MakeUnit("02", UnitType::kProvince,
                                                                   std::nullopt, D(2025, 7, 1)))) {
            _exit(4);
        }
        _exit(0);  // crash: the second transaction is neither committed nor rolled back
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0);
    const auto wal = std::filesystem::path(path_.string() + "-wal");
    ASSERT_TRUE(std::filesystem::exists(wal));
    EXPECT_GT(std::filesystem::file_size(wal), 0U);

    ASSIGN_OR_FAIL(auto db, Open(Url()));
    ASSIGN_OR_FAIL(auto tx, db->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto committed, units::GetByCode(*tx, "01"));
    ASSERT_TRUE(committed.has_value());
    EXPECT_EQ(committed->name, "Đơn vị 01");
    ASSIGN_OR_FAIL(auto lost, units::GetByCode(*tx, "02"));
    EXPECT_FALSE(lost.has_value());
}

TEST_F(SqliteFileTest, GroupCommitCanBeSwitchedOffInTheUrl) {
    {
        ASSIGN_OR_FAIL(auto db, Open(Url() + "?group_commit=off"));
        EXPECT_EQ(db->Describe(), Url() + "?group_commit=off");
        EXPECT_TRUE(std::filesystem::exists(path_));  // the path ends before the `?`
    }
    ASSIGN_OR_FAIL(auto on, Open(Url() + "?group_commit=on"));
    EXPECT_EQ(on->Describe(), Url());
    EXPECT_TRUE(HasCode(Open(Url() + "?group_commit=maybe"), base::ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(Open(Url() + "?cache=shared"), base::ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(Open(Url() + "?group_commit=off&x=1"), base::ErrorCode::kInvalidArgument));
}

TEST_F(SqliteFileTest, AcceptsTheSlashSlashForm) {
    ASSIGN_OR_FAIL(auto db, Open("sqlite://" + path_.string()));
    EXPECT_EQ(db->Describe(), "sqlite:" + path_.string());
    EXPECT_TRUE(std::filesystem::exists(path_));
}

}  // namespace
}  // namespace motcua::store::testing
