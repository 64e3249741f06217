// Contract of store::posting (posting.hpp; issue #8, engineer E), on every backend: a posting
// and its items round-trip; the posting in force on a day is the latest posted on or before it
// (the latest recorded among those of one day); the history is newest first with item counts; a
// code listed twice is refused and writes nothing; AnyOn looks only at the desks given.
#include "store/posting.hpp"

#include "storage_test_support.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

class PostingStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto commune,
                       units::Insert(*tx, MakeUnit("19753", domain::UnitType::kCommune,
                                                   std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto desk,
                       units::Insert(*tx, MakeUnit("19753.BPMC", domain::UnitType::kOneStopDesk,
                                                   commune.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto other,
                       units::Insert(*tx, MakeUnit("19774.BPMC", domain::UnitType::kOneStopDesk,
                                                   commune.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto officer, users::Insert(*tx, MakeUser("motcuaxa")));
        desk_ = desk.id;
        other_ = other.id;
        officer_ = officer.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    posting::Posting Make(std::chrono::sys_days day, std::vector<posting::PostedItem> items,
                          std::int64_t recorded) const {
        posting::Posting p;
        p.desk_unit_id = desk_;
        p.posted_on = day;
        p.officer_user_id = officer_;
        p.layout = "board";
        p.note = "Bảng tầng 1";
        p.recorded_at = At(recorded);
        p.items = std::move(items);
        return p;
    }

    base::Result<posting::Posting> Store(const posting::Posting& p) {
        auto tx = db_->Begin(TxMode::kWrite);
        if (!tx) {
            return std::move(tx).error();
        }
        auto stored = posting::Insert(**tx, p);
        if (!stored) {
            return stored;
        }
        if (base::Status s = (*tx)->Commit(); !s) {
            return s.error();
        }
        return stored;
    }

    std::int64_t desk_ = 0;
    std::int64_t other_ = 0;
    std::int64_t officer_ = 0;
};

TEST_P(PostingStoreTest, RoundTripsAndPicksThePostingInForceOnADay) {
    const std::vector<posting::PostedItem> first{{"1.000001", D(2025, 7, 1)},
                                                 {"2.000002", D(2026, 1, 1)}};
    ASSIGN_OR_FAIL(auto a, Store(Make(D(2026, 11, 1), first, 1'800'000'000)));
    EXPECT_GT(a.id, 0);
    ASSIGN_OR_FAIL(auto b,
                   Store(Make(D(2026, 11, 20), {{"1.000001", D(2026, 11, 15)}}, 1'800'000'100)));
    // Recorded later but dated the same day: it replaces b on that day.
    ASSIGN_OR_FAIL(auto c,
                   Store(Make(D(2026, 11, 20), {{"3.000003", D(2025, 7, 1)}}, 1'800'000'200)));

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto none, posting::LatestOn(*tx, desk_, D(2026, 10, 31)));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_FAIL(auto on_first, posting::LatestOn(*tx, desk_, D(2026, 11, 19)));
    ASSERT_TRUE(on_first.has_value());
    EXPECT_EQ(on_first->id, a.id);
    EXPECT_EQ(on_first->items, first);
    EXPECT_EQ(on_first->officer_name, "Nguyễn Văn motcuaxa");  // users.display_name
    EXPECT_EQ(on_first->layout, "board");
    EXPECT_EQ(on_first->note, "Bảng tầng 1");
    EXPECT_EQ(on_first->recorded_at, At(1'800'000'000));
    EXPECT_EQ(on_first->item_count, 2);
    ASSIGN_OR_FAIL(auto latest, posting::LatestOn(*tx, desk_, D(2026, 12, 31)));
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->id, c.id);
    ASSERT_EQ(latest->items.size(), 1U);
    EXPECT_EQ(latest->items[0].procedure_code, "3.000003");

    ASSIGN_OR_FAIL(auto history, posting::List(*tx, desk_, 10));
    ASSERT_EQ(history.size(), 3U);
    EXPECT_EQ(history[0].id, c.id);
    EXPECT_EQ(history[1].id, b.id);
    EXPECT_EQ(history[2].id, a.id);
    EXPECT_EQ(history[2].item_count, 2);
    EXPECT_TRUE(history[0].items.empty());
    ASSIGN_OR_FAIL(auto two, posting::List(*tx, desk_, 2));
    EXPECT_EQ(two.size(), 2U);

    ASSIGN_OR_FAIL(auto any, posting::AnyOn(*tx, {desk_, other_}, D(2026, 11, 1)));
    EXPECT_TRUE(any);
    ASSIGN_OR_FAIL(auto before, posting::AnyOn(*tx, {desk_}, D(2026, 10, 31)));
    EXPECT_FALSE(before);
    ASSIGN_OR_FAIL(auto elsewhere, posting::AnyOn(*tx, {other_}, D(2026, 12, 31)));
    EXPECT_FALSE(elsewhere);
    ASSIGN_OR_FAIL(auto nobody, posting::AnyOn(*tx, {}, D(2026, 12, 31)));
    EXPECT_FALSE(nobody);
}

TEST_P(PostingStoreTest, ACodeListedTwiceIsRefusedAndWritesNothing) {
    auto twice = Store(Make(
        D(2026, 11, 1), {{"1.000001", D(2025, 7, 1)}, {"1.000001", D(2026, 1, 1)}}, 1'800'000'000));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, base::ErrorCode::kAlreadyExists);
    EXPECT_NE(twice.error().message.find("1.000001"), std::string::npos);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto none, posting::LatestOn(*tx, desk_, D(2026, 12, 31)));
    EXPECT_FALSE(none.has_value());
}

TEST_P(PostingStoreTest, AnUnknownDeskOrOfficerIsRefused) {
    posting::Posting p = Make(D(2026, 11, 1), {{"1.000001", D(2025, 7, 1)}}, 1'800'000'000);
    p.desk_unit_id = 999'999;
    auto bad_desk = Store(p);
    ASSERT_FALSE(bad_desk.ok());
    EXPECT_EQ(bad_desk.error().code, base::ErrorCode::kFailedPrecondition);
    p = Make(D(2026, 11, 1), {{"1.000001", D(2025, 7, 1)}}, 1'800'000'000);
    p.layout = "poster";
    auto bad_layout = Store(p);
    ASSERT_FALSE(bad_layout.ok());
    EXPECT_EQ(bad_layout.error().code, base::ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Backends, PostingStoreTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace motcua::store::testing
