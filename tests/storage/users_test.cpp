// Contract of store::users, store::sessions and store::api_tokens (users.hpp), on every backend.
#include "store/users.hpp"

#include "storage_test_support.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using domain::Role;
using domain::RoleGrant;
using domain::UnitType;
using domain::User;

class UsersTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure()) {
            return;
        }
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(
            const domain::Unit province,
            units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(const domain::Unit desk,
                       units::Insert(*tx, MakeUnit("D01", UnitType::kOneStopDesk, province.id,
                                                   D(2025, 7, 1))));
        province_ = province.id;
        desk_ = desk.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    User AddUser(const User& user) {
        auto tx = db_->Begin(TxMode::kWrite);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return {};
        }
        auto stored = users::Insert(**tx, user);
        EXPECT_TRUE(IsOk(stored)) << user.username;
        EXPECT_TRUE(IsOk((*tx)->Commit()));
        return stored ? *stored : User{};
    }

    std::optional<User> LoadUser(std::int64_t id) {
        auto tx = db_->Begin(TxMode::kRead);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return std::nullopt;
        }
        auto user = users::Get(**tx, id);
        EXPECT_TRUE(IsOk(user));
        return user ? *user : std::nullopt;
    }

    domain::Session MakeSession(std::string token_hash, std::int64_t user_id,
                                std::int64_t expires_at) {
        domain::Session s;
        s.token_hash = std::move(token_hash);
        s.user_id = user_id;
        s.csrf_token = "csrf-" + s.token_hash;
        s.created_at = At(1'750'000'000);
        s.last_seen_at = At(1'750'000'000);
        s.expires_at = At(expires_at);
        s.ip = "203.0.113.7";
        s.user_agent = "Mozilla/5.0 (Cốc Cốc)";
        return s;
    }

    std::int64_t province_ = 0;
    std::int64_t desk_ = 0;
};
INSTANTIATE_TEST_SUITE_P(Backends, UsersTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(UsersTest, InsertStoresEveryFieldAndRolesInAStableOrder) {
    User user = MakeUser("can.bo", {{Role::kLeader, province_},
                                    {Role::kDeskOfficer, desk_},
                                    {Role::kDeskOfficer, desk_}});  // a duplicate grant
    user.active = false;
    user.failed_logins = 2;
    user.locked_until = At(1'760'000'000);
    const User stored = AddUser(user);
    EXPECT_GT(stored.id, 0);
    EXPECT_EQ(stored.version, 1);

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto loaded, users::GetByUsername(*tx, "can.bo"));
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->id, stored.id);
    EXPECT_EQ(loaded->display_name, "Nguyễn Văn can.bo");
    EXPECT_EQ(loaded->email, "can.bo@example.vn");
    EXPECT_EQ(loaded->phone, "0912345678");
    EXPECT_EQ(loaded->password_hash, user.password_hash);
    EXPECT_FALSE(loaded->active);
    EXPECT_EQ(loaded->failed_logins, 2);
    EXPECT_EQ(loaded->locked_until, At(1'760'000'000));
    EXPECT_EQ(loaded->created_at, At(1'750'000'000));
    EXPECT_EQ(loaded->version, 1);
    // By role (enum order), then unit; duplicates dropped.
    EXPECT_EQ(loaded->roles,
              (std::vector<RoleGrant>{{Role::kDeskOfficer, desk_}, {Role::kLeader, province_}}));
    ASSIGN_OR_FAIL(auto missing, users::GetByUsername(*tx, "khong.co"));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_FAIL(auto missing_id, users::Get(*tx, stored.id + 1000));
    EXPECT_FALSE(missing_id.has_value());
}

TEST_P(UsersTest, CitizenWithoutUnitIsAccepted) {
    const User stored = AddUser(MakeUser("cong.dan", {{Role::kCitizen, std::nullopt}}));
    const auto loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->roles, (std::vector<RoleGrant>{{Role::kCitizen, std::nullopt}}));
    EXPECT_TRUE(loaded->active);
}

TEST_P(UsersTest, DuplicateUsernameIsAlreadyExists) {
    AddUser(MakeUser("can.bo"));
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(users::Insert(*tx, MakeUser("can.bo")), ErrorCode::kAlreadyExists));
}

TEST_P(UsersTest, RoleOnUnknownUnitOrWithoutUnitIsFailedPrecondition) {
    for (const RoleGrant& grant :
         {RoleGrant{Role::kSpecialist, 9999}, RoleGrant{Role::kSpecialist, std::nullopt}}) {
        {
            ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
            EXPECT_TRUE(HasCode(users::Insert(*tx, MakeUser("chuyen.vien", {grant})),
                                ErrorCode::kFailedPrecondition));
            EXPECT_FALSE(IsOk(tx->Commit()));
        }
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto loaded, users::GetByUsername(*tx, "chuyen.vien"));
        EXPECT_FALSE(loaded.has_value());  // the user row rolled back with the grant
    }
}

TEST_P(UsersTest, UpdateReplacesProfileAndRolesAndBumpsVersion) {
    const User stored = AddUser(MakeUser("can.bo", {{Role::kDeskOfficer, desk_}}));
    User changed = stored;
    changed.display_name = "Trần Thị Bình";
    changed.email = "binh@example.vn";
    changed.phone = "0987654321";
    changed.active = false;
    changed.roles = {{Role::kSpecialist, province_}, {Role::kAdmin, province_}};
    changed.password_hash = "ignored by Update";
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto updated, users::Update(*tx, changed));
        EXPECT_EQ(updated.version, 2);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    const auto loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->display_name, "Trần Thị Bình");
    EXPECT_EQ(loaded->email, "binh@example.vn");
    EXPECT_EQ(loaded->phone, "0987654321");
    EXPECT_FALSE(loaded->active);
    EXPECT_EQ(loaded->password_hash, stored.password_hash);
    EXPECT_EQ(loaded->username, "can.bo");
    EXPECT_EQ(loaded->roles,
              (std::vector<RoleGrant>{{Role::kSpecialist, province_}, {Role::kAdmin, province_}}));
    EXPECT_EQ(loaded->version, 2);
}

TEST_P(UsersTest, StaleOrUnknownUpdateWritesNothing) {
    const User stored = AddUser(MakeUser("can.bo", {{Role::kDeskOfficer, desk_}}));
    User stale = stored;
    stale.version = 5;
    stale.display_name = "Khác";
    stale.roles = {};
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(users::Update(*tx, stale), ErrorCode::kAborted));
        User ghost = stored;
        ghost.id = stored.id + 1000;
        EXPECT_TRUE(HasCode(users::Update(*tx, ghost), ErrorCode::kNotFound));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    const auto loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->display_name, stored.display_name);
    EXPECT_EQ(loaded->roles, stored.roles);
    EXPECT_EQ(loaded->version, 1);
}

TEST_P(UsersTest, PasswordAndFailedSignIns) {
    const User stored = AddUser(MakeUser("can.bo"));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(users::SetPasswordHash(*tx, stored.id, "$argon2id$new")));
        ASSERT_TRUE(IsOk(users::RecordFailedLogin(*tx, stored.id, std::nullopt)));
        ASSERT_TRUE(IsOk(users::RecordFailedLogin(*tx, stored.id, std::nullopt)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    auto loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->password_hash, "$argon2id$new");
    EXPECT_EQ(loaded->failed_logins, 2);
    EXPECT_EQ(loaded->locked_until, std::nullopt);
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(users::RecordFailedLogin(*tx, stored.id, At(1'760'000'900))));
        ASSERT_TRUE(IsOk(users::RecordFailedLogin(*tx, stored.id, std::nullopt)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->failed_logins, 4);
    EXPECT_EQ(loaded->locked_until, At(1'760'000'900));  // kept when not given
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(users::ResetFailedLogins(*tx, stored.id)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    loaded = LoadUser(stored.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->failed_logins, 0);
    EXPECT_EQ(loaded->locked_until, std::nullopt);
    EXPECT_EQ(loaded->version, 1);  // sign-in bookkeeping does not conflict with profile edits

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(users::SetPasswordHash(*tx, 9999, "x"), ErrorCode::kNotFound));
    EXPECT_TRUE(HasCode(users::RecordFailedLogin(*tx, 9999, std::nullopt), ErrorCode::kNotFound));
    EXPECT_TRUE(HasCode(users::ResetFailedLogins(*tx, 9999), ErrorCode::kNotFound));
}

TEST_P(UsersTest, ListAllOrByUnitsOrderedByUsername) {
    const User a = AddUser(MakeUser("b.desk", {{Role::kDeskOfficer, desk_}}));
    const User b = AddUser(MakeUser("a.leader", {{Role::kLeader, province_}}));
    const User c = AddUser(MakeUser("c.citizen", {{Role::kCitizen, std::nullopt}}));
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, users::List(*tx, {}));
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[0].username, "a.leader");
    EXPECT_EQ(all[1].username, "b.desk");
    EXPECT_EQ(all[2].username, "c.citizen");
    EXPECT_EQ(all[1].roles, a.roles);
    EXPECT_EQ(all[2].roles, c.roles);

    const std::vector<std::int64_t> desk_only = {desk_};
    ASSIGN_OR_FAIL(auto at_desk, users::List(*tx, desk_only));
    ASSERT_EQ(at_desk.size(), 1U);
    EXPECT_EQ(at_desk[0].id, a.id);
    const std::vector<std::int64_t> both = {province_, desk_};
    ASSIGN_OR_FAIL(auto staff, users::List(*tx, both));
    ASSERT_EQ(staff.size(), 2U);
    EXPECT_EQ(staff[0].id, b.id);
    EXPECT_EQ(staff[0].roles, b.roles);
}

TEST_P(UsersTest, SessionsLifecycle) {
    const User user = AddUser(MakeUser("can.bo"));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession("h1", user.id, 1'750'001'000))));
        ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession("h2", user.id, 1'750'002'000))));
        ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession("h3", user.id, 1'750'003'000))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto s, sessions::Get(*tx, "h1"));
        ASSERT_TRUE(s.has_value());
        EXPECT_EQ(s->user_id, user.id);
        EXPECT_EQ(s->csrf_token, "csrf-h1");
        EXPECT_EQ(s->created_at, At(1'750'000'000));
        EXPECT_EQ(s->last_seen_at, At(1'750'000'000));
        EXPECT_EQ(s->expires_at, At(1'750'001'000));
        EXPECT_EQ(s->ip, "203.0.113.7");
        EXPECT_EQ(s->user_agent, "Mozilla/5.0 (Cốc Cốc)");
        ASSIGN_OR_FAIL(auto none, sessions::Get(*tx, "nope"));
        EXPECT_FALSE(none.has_value());
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(sessions::Touch(*tx, "h1", At(1'750'000'500), At(1'750'005'000))));
        EXPECT_TRUE(HasCode(sessions::Touch(*tx, "nope", At(1), At(2)), ErrorCode::kNotFound));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto s, sessions::Get(*tx, "h1"));
        ASSERT_TRUE(s.has_value());
        EXPECT_EQ(s->last_seen_at, At(1'750'000'500));
        EXPECT_EQ(s->expires_at, At(1'750'005'000));
        // Expired: expires_at ≤ now. h2 (…2000) goes; h1 (…5000) and h3 (…3000) stay.
        ASSIGN_OR_FAIL(auto expired, sessions::DeleteExpired(*tx, At(1'750'002'000)));
        EXPECT_EQ(expired, 1);
        ASSERT_TRUE(IsOk(sessions::Delete(*tx, "h3")));
        ASSERT_TRUE(IsOk(sessions::Delete(*tx, "h3")));  // idempotent
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto h2, sessions::Get(*tx, "h2"));
        EXPECT_FALSE(h2.has_value());
        ASSIGN_OR_FAIL(auto h3, sessions::Get(*tx, "h3"));
        EXPECT_FALSE(h3.has_value());
        ASSIGN_OR_FAIL(auto h1, sessions::Get(*tx, "h1"));
        EXPECT_TRUE(h1.has_value());
    }
}

TEST_P(UsersTest, DeleteForUserKeepsTheGivenSessionOnly) {
    const User user = AddUser(MakeUser("can.bo"));
    const User other = AddUser(MakeUser("nguoi.khac"));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        for (const char* hash : {"a", "b", "c"}) {
            ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession(hash, user.id, 1'760'000'000))));
        }
        ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession("o", other.id, 1'760'000'000))));
        ASSERT_TRUE(IsOk(sessions::DeleteForUser(*tx, user.id, std::string_view("b"))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        for (const auto& [hash, present] : std::vector<std::pair<std::string, bool>>{
                 {"a", false}, {"b", true}, {"c", false}, {"o", true}}) {
            ASSIGN_OR_FAIL(auto s, sessions::Get(*tx, hash));
            EXPECT_EQ(s.has_value(), present) << hash;
        }
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(sessions::DeleteForUser(*tx, user.id, std::nullopt)));
    ASSIGN_OR_FAIL(auto b, sessions::Get(*tx, "b"));
    EXPECT_FALSE(b.has_value());
    ASSIGN_OR_FAIL(auto o, sessions::Get(*tx, "o"));
    EXPECT_TRUE(o.has_value());
}

TEST_P(UsersTest, SessionConstraints) {
    const User user = AddUser(MakeUser("can.bo"));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(sessions::Insert(*tx, MakeSession("h1", user.id, 1'760'000'000))));
        EXPECT_TRUE(HasCode(sessions::Insert(*tx, MakeSession("h1", user.id, 1'760'000'000)),
                            ErrorCode::kAlreadyExists));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(sessions::Insert(*tx, MakeSession("h2", 9999, 1'760'000'000)),
                        ErrorCode::kFailedPrecondition));
}

TEST_P(UsersTest, ApiTokensLifecycle) {
    const User user = AddUser(MakeUser("tich.hop"));
    domain::ApiToken token;
    token.user_id = user.id;
    token.name = "Cổng dịch vụ công";
    token.token_hash = "sha256-1";
    token.created_at = At(1'750'000'000);
    domain::ApiToken second = token;
    second.token_hash = "sha256-2";
    second.name = "Báo cáo";
    std::int64_t first_id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto stored, api_tokens::Insert(*tx, token));
        EXPECT_GT(stored.id, 0);
        first_id = stored.id;
        ASSERT_TRUE(IsOk(api_tokens::Insert(*tx, second)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto found, api_tokens::GetByHash(*tx, "sha256-1"));
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->id, first_id);
        EXPECT_EQ(found->user_id, user.id);
        EXPECT_EQ(found->name, "Cổng dịch vụ công");
        EXPECT_EQ(found->created_at, At(1'750'000'000));
        EXPECT_EQ(found->revoked_at, std::nullopt);
        ASSIGN_OR_FAIL(auto none, api_tokens::GetByHash(*tx, "nope"));
        EXPECT_FALSE(none.has_value());
        ASSERT_TRUE(IsOk(api_tokens::Revoke(*tx, first_id, At(1'750'100'000))));
        ASSERT_TRUE(IsOk(api_tokens::Revoke(*tx, first_id, At(1'750'200'000))));  // kept first
        EXPECT_TRUE(HasCode(api_tokens::Revoke(*tx, 9999, At(1)), ErrorCode::kNotFound));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto listed, api_tokens::ListForUser(*tx, user.id));
        ASSERT_EQ(listed.size(), 2U);
        EXPECT_EQ(listed[0].id, first_id);
        EXPECT_EQ(listed[0].revoked_at, At(1'750'100'000));
        EXPECT_EQ(listed[1].name, "Báo cáo");
        EXPECT_EQ(listed[1].revoked_at, std::nullopt);
        ASSIGN_OR_FAIL(auto nobody, api_tokens::ListForUser(*tx, 9999));
        EXPECT_TRUE(nobody.empty());
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(api_tokens::Insert(*tx, token), ErrorCode::kAlreadyExists));
}

}  // namespace
}  // namespace motcua::store::testing
