#include "storage_test_support.hpp"

#include <atomic>
#include <cstdlib>
#include <random>

#include <unistd.h>

namespace motcua::store::testing {

namespace {

std::string Env(const char* name) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
    return value != nullptr ? value : "";
}

bool PostgresWanted() {
    return !Env("MOTCUA_TEST_PG").empty() || Env("MOTCUA_REQUIRE_PG") == "1";
}

std::string RandomSuffix() {
    static std::atomic<int> counter{0};
    std::random_device device;
    std::string suffix = std::to_string(getpid()) + "_" + std::to_string(counter++) + "_";
    constexpr std::string_view kHex = "0123456789abcdef";
    for (int i = 0; i < 8; ++i) {
        suffix += kHex[device() % 16];
    }
    return suffix;
}

base::Status RunScript(Database& db, const std::string& sql) {
    auto tx = db.Begin(TxMode::kWrite);
    if (!tx) {
        return tx.error();
    }
    if (base::Status s = (*tx)->ExecuteScript(sql); !s) {
        return s;
    }
    return (*tx)->Commit();
}

const char* Name(Backend backend) {
    switch (backend) {
        case Backend::kSqlite:
            return "sqlite";
        case Backend::kPostgres:
            return "postgres";
        case Backend::kSqliteGroupCommitOff:
            return "sqlite_group_commit_off";
    }
    return "?";
}

}  // namespace

void PrintTo(Backend backend, std::ostream* out) {
    *out << Name(backend);
}

std::vector<Backend> Backends() {
    std::vector<Backend> backends{Backend::kSqlite};
    if (PostgresWanted()) {
        backends.push_back(Backend::kPostgres);
    }
    return backends;
}

std::vector<Backend> WriteBackends() {
    std::vector<Backend> backends{Backend::kSqlite, Backend::kSqliteGroupCommitOff};
    if (PostgresWanted()) {
        backends.push_back(Backend::kPostgres);
    }
    return backends;
}

std::vector<Backend> PostgresBackends() {
    if (PostgresWanted()) {
        return {Backend::kPostgres};
    }
    return {};
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
    return Name(info.param);
}

void BackendTest::SetUp() {
    if (GetParam() != Backend::kPostgres) {
        dir_ = std::filesystem::temp_directory_path() / ("motcua-store-" + RandomSuffix());
        // A nested path whose directories do not exist yet: Open creates them.
        sqlite_path_ = dir_ / "var" / "motcua.db";
        url_ = "sqlite:" + sqlite_path_.string();
        if (GetParam() == Backend::kSqliteGroupCommitOff) {
            url_ += "?group_commit=off";
        }
    } else {
        const std::string base = Env("MOTCUA_TEST_PG");
        ASSERT_FALSE(base.empty())
            << "MOTCUA_REQUIRE_PG=1 but MOTCUA_TEST_PG is not set: start a throw-away cluster "
               "with `eval \"$(scripts/pg-test-cluster start)\"`";
        auto admin = Open(base);
        ASSERT_TRUE(IsOk(admin)) << "cannot open MOTCUA_TEST_PG";
        admin_ = std::move(*admin);
        schema_ = "motcua_test_" + RandomSuffix();
        ASSERT_TRUE(IsOk(RunScript(*admin_, "CREATE SCHEMA " + schema_)));
        // Every connection of this test's Database works in its own schema.
        url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
               "options=-csearch_path%3D" + schema_;
    }
    auto db = Open(url_);
    ASSERT_TRUE(IsOk(db)) << url_;
    db_ = std::move(*db);
}

void BackendTest::TearDown() {
    db_.reset();
    if (!dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    if (admin_ != nullptr && !schema_.empty()) {
        EXPECT_TRUE(IsOk(RunScript(*admin_, "DROP SCHEMA " + schema_ + " CASCADE")));
    }
}

base::Result<std::unique_ptr<Database>> BackendTest::OpenAnother() const {
    return Open(url_);
}

void StoreTest::SetUp() {
    BackendTest::SetUp();
    if (HasFatalFailure()) {
        return;
    }
    auto applied = Migrate(*db_);
    ASSERT_TRUE(IsOk(applied));
    ASSERT_EQ(*applied, LatestSchemaVersion());
}

std::chrono::sys_days D(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} /
                                 std::chrono::day{d}};
}

std::chrono::sys_seconds At(std::int64_t unix_seconds) {
    return std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}};
}

domain::Unit MakeUnit(std::string code, domain::UnitType type, std::optional<std::int64_t> parent,
                      std::chrono::sys_days valid_from) {
    domain::Unit unit;
    unit.name = "Đơn vị " + code;
    unit.code = std::move(code);
    unit.type = type;
    unit.parent_id = parent;
    unit.valid_from = valid_from;
    return unit;
}

domain::User MakeUser(std::string username, std::vector<domain::RoleGrant> roles) {
    domain::User user;
    user.display_name = "Nguyễn Văn " + username;
    user.username = std::move(username);
    user.email = user.username + "@example.vn";
    user.phone = "0912345678";
    user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    user.roles = std::move(roles);
    user.created_at = At(1'750'000'000);
    return user;
}

domain::Procedure MakeProcedure(std::string code, std::string name, std::string field,
                                std::chrono::sys_days effective_from) {
    domain::Procedure p;
    p.code = std::move(code);
    p.name = std::move(name);
    p.field = std::move(field);
    p.levels = {"commune"};
    p.implementing_units = "Ủy ban nhân dân cấp xã";
    p.processing_milli = 3000;
    p.time_unit = domain::TimeUnit::kWorkingDays;
    p.fees = "Không";
    p.online_level = domain::OnlineLevel::kFull;
    p.documents = {{"Tờ khai", "Bản chính"}};
    p.effective_from = effective_from;
    return p;
}

}  // namespace motcua::store::testing
