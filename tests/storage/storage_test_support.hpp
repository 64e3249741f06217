#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/error_code.hpp"
#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"

// Shared fixtures of the storage contract suite (issue #3): every TEST_P runs unchanged against
// each backend of Backends().
namespace motcua::store::testing {

// kSqliteGroupCommitOff: SQLite opened with `?group_commit=off` (Database::Write makes one
// transaction per call), for the tests of Write.
enum class Backend { kSqlite, kPostgres, kSqliteGroupCommitOff };
// For gtest's messages: "sqlite" / "postgres" / "sqlite_group_commit_off".
void PrintTo(Backend backend, std::ostream* out);

// SQLite always; PostgreSQL when MOTCUA_TEST_PG is set, or when MOTCUA_REQUIRE_PG=1 (then the
// PostgreSQL tests fail in SetUp if the URL is missing: a missing database is never silent).
[[nodiscard]] std::vector<Backend> Backends();
// Backends() with kSqliteGroupCommitOff after kSqlite.
[[nodiscard]] std::vector<Backend> WriteBackends();
// Only PostgreSQL, under the same rule (empty when PostgreSQL is neither set nor required).
[[nodiscard]] std::vector<Backend> PostgresBackends();
[[nodiscard]] std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

// Success, or a failure naming the error.
template <typename R>
::testing::AssertionResult IsOk(const R& result) {
    if (result.ok()) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << base::ErrorCodeName(result.error().code) << ": " << result.error().message;
}

// An error with `code`, or a failure saying what happened instead.
template <typename R>
::testing::AssertionResult HasCode(const R& result, base::ErrorCode code) {
    if (result.ok()) {
        return ::testing::AssertionFailure() << "succeeded; expected " << base::ErrorCodeName(code);
    }
    if (result.error().code != code) {
        return ::testing::AssertionFailure()
               << base::ErrorCodeName(result.error().code) << " (" << result.error().message
               << "); expected " << base::ErrorCodeName(code);
    }
    return ::testing::AssertionSuccess();
}

#define MOTCUA_CAT_INNER(a, b) a##b
#define MOTCUA_CAT(a, b) MOTCUA_CAT_INNER(a, b)
#define MOTCUA_ASSIGN_OR_FAIL_IMPL(tmp, lhs, expr)             \
    auto tmp = (expr);                                         \
    ASSERT_TRUE(::motcua::store::testing::IsOk(tmp)) << #expr; \
    lhs = std::move(tmp).value()
// `lhs = value of expr`, or a fatal failure naming the error (a Result-returning expression).
#define ASSIGN_OR_FAIL(lhs, expr) \
    MOTCUA_ASSIGN_OR_FAIL_IMPL(MOTCUA_CAT(result_, __LINE__), lhs, expr)

// A fresh, empty database per test: a temporary SQLite file (in a directory that does not exist
// yet; `sqlite_path_`), or a new schema in the PostgreSQL database of MOTCUA_TEST_PG (dropped
// afterwards).
class BackendTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    // Another Database on the same target, as a second process would open it.
    [[nodiscard]] base::Result<std::unique_ptr<Database>> OpenAnother() const;
    [[nodiscard]] bool IsPostgres() const { return GetParam() == Backend::kPostgres; }
    // SQLite with group commit (the default `sqlite:PATH`).
    [[nodiscard]] bool GroupsCommits() const { return GetParam() == Backend::kSqlite; }

    std::string url_;
    std::filesystem::path sqlite_path_;  // empty on PostgreSQL
    std::unique_ptr<Database> db_;

private:
    std::filesystem::path dir_;
    std::string schema_;
    std::unique_ptr<Database> admin_;
};

// BackendTest with the schema migrated.
class StoreTest : public BackendTest {
protected:
    void SetUp() override;
};

[[nodiscard]] std::chrono::sys_days D(int y, unsigned m, unsigned d);
[[nodiscard]] std::chrono::sys_seconds At(std::int64_t unix_seconds);

[[nodiscard]] domain::Unit MakeUnit(std::string code, domain::UnitType type,
                                    std::optional<std::int64_t> parent,
                                    std::chrono::sys_days valid_from);
[[nodiscard]] domain::User MakeUser(std::string username,
                                    std::vector<domain::RoleGrant> roles = {});
[[nodiscard]] domain::Procedure MakeProcedure(std::string code, std::string name, std::string field,
                                              std::chrono::sys_days effective_from);

}  // namespace motcua::store::testing
