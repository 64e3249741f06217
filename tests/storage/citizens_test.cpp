// Contract of store::citizens and store::outbox (citizens.hpp, issue #5), on every backend.
#include "store/citizens.hpp"

#include "storage_test_support.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;

class CitizensTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        unit_ = province.id;
        ASSIGN_OR_FAIL(
            auto user,
            users::Insert(*tx, MakeUser("dan@example.vn", {domain::RoleGrant{domain::Role::kCitizen,
                                                                             std::nullopt}})));
        user_ = user.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    std::int64_t unit_ = 0;
    std::int64_t user_ = 0;
};
INSTANTIATE_TEST_SUITE_P(Backends, CitizensTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(CitizensTest, ProfileOncePerUserFoundByIdNumberAndVerifiedOnce) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    citizens::Profile p;
    p.user_id = user_;
    p.kind = "person";
    p.id_number = "046190001234";
    p.address = "Huế";
    p.created_at = At(1'780'000'000);
    ASSERT_TRUE(IsOk(citizens::InsertProfile(*tx, p)));
    ASSERT_TRUE(IsOk(tx->Commit()));
    {
        // An error poisons its transaction (database.hpp): checked in one of its own.
        ASSIGN_OR_FAIL(auto again, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(citizens::InsertProfile(*again, p), ErrorCode::kAlreadyExists));
    }

    ASSIGN_OR_FAIL(auto tx2, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto holder, citizens::UserWithIdNumber(*tx2, "046190001234"));
    ASSERT_TRUE(holder.has_value());
    EXPECT_EQ(*holder, user_);
    ASSIGN_OR_FAIL(auto nobody, citizens::UserWithIdNumber(*tx2, "046190009999"));
    EXPECT_FALSE(nobody.has_value());
    ASSERT_TRUE(IsOk(citizens::SetVerified(*tx2, user_, At(1'780'000'100))));
    ASSERT_TRUE(IsOk(citizens::SetVerified(*tx2, user_, At(1'780'000'200))));  // keeps the first
    ASSIGN_OR_FAIL(auto stored, citizens::GetProfile(*tx2, user_));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->verified_at, At(1'780'000'100));
    EXPECT_EQ(stored->identity_provider, "self");
}

TEST_P(CitizensTest, CodesNewestFirstWithAttemptsAndUse) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    citizens::Code c;
    c.user_id = user_;
    c.channel = "email";
    c.destination = "dan@example.vn";
    c.code_hash = "aa";
    c.created_at = At(1'780'000'000);
    c.expires_at = At(1'780'000'900);
    ASSIGN_OR_FAIL(auto first, citizens::InsertCode(*tx, c));
    c.code_hash = "bb";
    ASSIGN_OR_FAIL(auto second, citizens::InsertCode(*tx, c));
    EXPECT_GT(second, first);
    ASSERT_TRUE(IsOk(citizens::CountAttempt(*tx, second)));
    ASSERT_TRUE(IsOk(citizens::CountAttempt(*tx, second)));
    ASSERT_TRUE(IsOk(citizens::MarkCodeUsed(*tx, second, At(1'780'000'050))));
    ASSIGN_OR_FAIL(auto latest, citizens::LatestCode(*tx, user_));
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->code_hash, "bb");
    EXPECT_EQ(latest->attempts, 2);
    EXPECT_EQ(latest->used_at, At(1'780'000'050));
    EXPECT_TRUE(IsOk(tx->Commit()));
}

TEST_P(CitizensTest, DraftsVersionedListedSubmittedOnce) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    citizens::Draft d;
    d.user_id = user_;
    d.procedure_code = "1.002010";
    d.settling_unit_id = unit_;
    d.body = R"({"fields":{"a":"Nguyễn"}})";
    d.created_at = At(1'780'000'000);
    d.updated_at = d.created_at;
    ASSIGN_OR_FAIL(auto id, citizens::InsertDraft(*tx, d));
    d.id = id;
    d.version = 1;
    d.body = R"({"fields":{"a":"Trần"}})";
    ASSIGN_OR_FAIL(auto v2, citizens::UpdateDraft(*tx, d));
    EXPECT_EQ(v2, 2);
    EXPECT_TRUE(HasCode(citizens::UpdateDraft(*tx, d), ErrorCode::kAborted)) << "stale version";
    d.id = id + 100;
    EXPECT_TRUE(HasCode(citizens::UpdateDraft(*tx, d), ErrorCode::kNotFound));
    ASSIGN_OR_FAIL(auto listed, citizens::ListDrafts(*tx, user_));
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0].body, R"({"fields":{"a":"Trần"}})");
    EXPECT_EQ(listed[0].version, 2);
    ASSERT_TRUE(IsOk(tx->Commit()));
    {
        // A draft naming an unknown unit is refused by the database.
        ASSIGN_OR_FAIL(auto tx2, db_->Begin(TxMode::kWrite));
        citizens::Draft bad = listed[0];
        bad.settling_unit_id = unit_ + 999;
        EXPECT_TRUE(HasCode(citizens::InsertDraft(*tx2, bad), ErrorCode::kFailedPrecondition));
    }
    ASSIGN_OR_FAIL(auto tx3, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(citizens::DeleteDraft(*tx3, id)));
    EXPECT_TRUE(HasCode(citizens::DeleteDraft(*tx3, id), ErrorCode::kNotFound));
}

TEST_P(CitizensTest, OutboxDueRetryAndSent) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    outbox::Message m;
    m.recipient_user_id = user_;
    m.kind = "verification";
    m.channel = "email";
    m.destination = "dan@example.vn";
    m.subject = "Mã";
    m.message = "Mã xác thực 123456";
    m.created_at = At(1'780'000'000);
    ASSIGN_OR_FAIL(auto a, outbox::Enqueue(*tx, m));
    m.kind = "dossier_submit";
    m.message = "Hồ sơ đã được gửi";
    ASSIGN_OR_FAIL(auto b, outbox::Enqueue(*tx, m));
    m.channel = "inbox";  // shown in the portal only: never due for a sender
    ASSIGN_OR_FAIL(auto c, outbox::Enqueue(*tx, m));
    ASSIGN_OR_FAIL(auto due, outbox::Due(*tx, At(1'780'000'000), 10));
    ASSERT_EQ(due.size(), 2U);
    EXPECT_EQ(due[0].id, a);
    EXPECT_EQ(due[1].id, b);
    ASSERT_TRUE(IsOk(outbox::MarkFailed(*tx, a, At(1'780'000'060), "smtp down")));
    ASSERT_TRUE(IsOk(outbox::MarkSent(*tx, b, At(1'780'000'001))));
    ASSIGN_OR_FAIL(auto later, outbox::Due(*tx, At(1'780'000'030), 10));
    EXPECT_TRUE(later.empty()) << "a failed message waits for its retry time";
    ASSIGN_OR_FAIL(auto retry, outbox::Due(*tx, At(1'780'000'060), 10));
    ASSERT_EQ(retry.size(), 1U);
    EXPECT_EQ(retry[0].attempts, 1);
    // The citizen's own list leaves the verification codes out.
    ASSIGN_OR_FAIL(auto mine, outbox::ForUser(*tx, user_, 10));
    ASSERT_EQ(mine.size(), 2U);
    EXPECT_EQ(mine[0].id, c);
    EXPECT_EQ(mine[1].id, b);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

}  // namespace
}  // namespace motcua::store::testing
