// Contract of store::audit (audit.hpp), on every backend.
#include "store/audit.hpp"

#include "storage_test_support.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using domain::AuditRecord;

class AuditTest : public StoreTest {
protected:
    static AuditRecord Record(std::optional<std::int64_t> actor, std::string entity,
                              std::string entity_id, std::int64_t at) {
        AuditRecord r;
        r.at = At(at);
        r.actor_user_id = actor;
        r.actor_name = actor ? "Cán bộ " + std::to_string(*actor) : "";
        r.action = entity + ".update";
        r.entity = std::move(entity);
        r.entity_id = std::move(entity_id);
        r.detail_json = R"({"name":"Phường Ba Đình"})";
        r.ip = "198.51.100.4";
        r.user_agent = "curl/8";
        return r;
    }
};
INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(AuditTest, AppendThenListNewestFirstWithFiltersAndCursor) {
    std::vector<std::int64_t> ids;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        const AuditRecord records[] = {
            Record(1, "unit", "10", 1'750'000'001), Record(2, "unit", "10", 1'750'000'002),
            Record(1, "user", "7", 1'750'000'003), Record(std::nullopt, "user", "", 1'750'000'004),
            Record(1, "unit", "11", 1'750'000'005)};
        for (const AuditRecord& r : records) {
            ASSIGN_OR_FAIL(auto id, audit::Append(*tx, r));
            if (!ids.empty()) {
                EXPECT_GT(id, ids.back());
            }
            ids.push_back(id);
        }
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, audit::List(*tx, {}));
    ASSERT_EQ(all.size(), 5U);
    EXPECT_EQ(all[0].id, ids[4]);
    EXPECT_EQ(all[4].id, ids[0]);
    const AuditRecord& newest = all[0];
    EXPECT_EQ(newest.at, At(1'750'000'005));
    EXPECT_EQ(newest.actor_user_id, 1);
    EXPECT_EQ(newest.actor_name, "Cán bộ 1");
    EXPECT_EQ(newest.action, "unit.update");
    EXPECT_EQ(newest.entity, "unit");
    EXPECT_EQ(newest.entity_id, "11");
    EXPECT_EQ(newest.detail_json, R"({"name":"Phường Ba Đình"})");
    EXPECT_EQ(newest.ip, "198.51.100.4");
    EXPECT_EQ(newest.user_agent, "curl/8");
    EXPECT_EQ(all[1].actor_user_id, std::nullopt);

    audit::AuditQuery by_entity;
    by_entity.entity = "unit";
    by_entity.entity_id = "10";
    ASSIGN_OR_FAIL(auto unit10, audit::List(*tx, by_entity));
    ASSERT_EQ(unit10.size(), 2U);
    EXPECT_EQ(unit10[0].id, ids[1]);
    EXPECT_EQ(unit10[1].id, ids[0]);

    audit::AuditQuery by_actor;
    by_actor.actor_user_id = 1;
    by_actor.limit = 2;
    ASSIGN_OR_FAIL(auto page1, audit::List(*tx, by_actor));
    ASSERT_EQ(page1.size(), 2U);
    EXPECT_EQ(page1[0].id, ids[4]);
    EXPECT_EQ(page1[1].id, ids[2]);
    by_actor.before_id = page1.back().id;
    ASSIGN_OR_FAIL(auto page2, audit::List(*tx, by_actor));
    ASSERT_EQ(page2.size(), 1U);
    EXPECT_EQ(page2[0].id, ids[0]);

    audit::AuditQuery zero;
    zero.limit = 0;
    EXPECT_TRUE(HasCode(audit::List(*tx, zero), ErrorCode::kInvalidArgument));
}

TEST_P(AuditTest, TheLogIsAppendOnly) {
    std::int64_t id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(id, audit::Append(*tx, Record(1, "unit", "10", 1'750'000'001)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    const std::vector<Value> key = {Value{id}};
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(tx->Execute("UPDATE audit_log SET actor_name = 'x' WHERE id = $1", key),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(tx->Execute("DELETE FROM audit_log WHERE id = $1", key),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(
            HasCode(tx->ExecuteScript("DELETE FROM audit_log"), ErrorCode::kFailedPrecondition));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, audit::List(*tx, {}));
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0].actor_name, "Cán bộ 1");
}

}  // namespace
}  // namespace motcua::store::testing
