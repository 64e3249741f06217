// Contract of store::publication_decisions (publication_decisions.hpp; issue #8), on every
// backend: a decision round-trips with its legal documents and items, the number is unique per
// issuing unit, versions guard concurrent edits, progress (state and recorded days) is saved, the
// list filters by unit, state and signature day; and the catalogue's dated read
// (store::procedures::GetInForce) honours the versions a decision writes.
#include "store/publication_decisions.hpp"

#include "storage_test_support.hpp"
#include "store/procedures.hpp"
#include "store/settings.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

namespace spd = publication_decisions;

class PublicationDecisionsStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto other, units::Insert(*tx, MakeUnit("48", domain::UnitType::kProvince,
                                                               std::nullopt, D(2025, 7, 1))));
        province_ = province.id;
        other_ = other.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    spd::Decision Sample(std::string number) const {
        spd::Decision d;
        d.issuing_unit_id = province_;
        d.number = std::move(number);
        d.title = "Công bố TTHC lĩnh vực Hộ tịch";
        d.signer = "Nguyễn Văn A";
        d.signer_position = "Chủ tịch";
        d.signed_on = D(2026, 2, 13);
        d.version = 1;
        spd::LegalDocument law;
        law.number = "15/2026/NQ-HĐND";
        law.effective = D(2026, 2, 25);
        spd::LegalDocument shortened;
        shortened.number = "2/2026/QĐ-UBND";
        shortened.level = "ministry";
        shortened.shortened = true;
        shortened.adopted = D(2026, 2, 10);
        shortened.effective = D(2026, 2, 10);
        d.documents = {law, shortened};
        spd::Item added{"1.999001", "added", std::nullopt, 0, R"({"name":"Mới"})", {}, {}};
        spd::Item replaced{"1.999002", "replaced", std::string("1.000001"), 1, "", {}, {}};
        d.items = {added, replaced};
        return d;
    }

    std::int64_t province_ = 0;
    std::int64_t other_ = 0;
};

TEST_P(PublicationDecisionsStoreTest, RoundTripWithDocumentsAndItems) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id,
                   spd::Create(*tx, Sample("10/QĐ-UBND"), std::nullopt, At(1'770'000'000)));
    ASSIGN_OR_FAIL(auto got, spd::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->number, "10/QĐ-UBND");
    EXPECT_EQ(got->state, "draft");
    EXPECT_EQ(got->version, 1);
    EXPECT_EQ(got->signed_on, D(2026, 2, 13));
    ASSERT_EQ(got->documents.size(), 2U);
    EXPECT_EQ(got->documents[1].level, "ministry");
    EXPECT_TRUE(got->documents[1].shortened);
    EXPECT_EQ(got->documents[1].adopted, D(2026, 2, 10));
    EXPECT_FALSE(got->documents[0].adopted.has_value());
    ASSERT_EQ(got->items.size(), 2U);
    EXPECT_EQ(got->items[0].procedure_json, R"({"name":"Mới"})");
    EXPECT_EQ(got->items[1].replaced_code, "1.000001");
    EXPECT_EQ(got->items[1].document, 1);
    EXPECT_FALSE(got->items[1].database_entered.has_value());
    ASSIGN_OR_FAIL(auto missing, spd::Get(*tx, id + 100));
    EXPECT_FALSE(missing.has_value());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(PublicationDecisionsStoreTest, NumberIsUniquePerUnit) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(spd::Create(*tx, Sample("11/QĐ-UBND"), std::nullopt, At(1))));
        spd::Decision elsewhere = Sample("11/QĐ-UBND");
        elsewhere.issuing_unit_id = other_;
        ASSERT_TRUE(IsOk(spd::Create(*tx, elsewhere, std::nullopt, At(1))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(spd::Create(*tx, Sample("11/QĐ-UBND"), std::nullopt, At(2)),
                        base::ErrorCode::kAlreadyExists));
}

TEST_P(PublicationDecisionsStoreTest, VersionsGuardEditsAndProgress) {
    std::int64_t id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(id, spd::Create(*tx, Sample("12/QĐ-UBND"), std::nullopt, At(1)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    spd::Decision d = Sample("12/QĐ-UBND");
    d.id = id;
    d.items.pop_back();
    d.title = "Sửa";
    ASSIGN_OR_FAIL(const std::int64_t v2, spd::Replace(*tx, d, 1, At(2)));
    EXPECT_EQ(v2, 2);
    EXPECT_TRUE(HasCode(spd::Replace(*tx, d, 1, At(3)), base::ErrorCode::kAborted));
    d.id = id + 100;
    EXPECT_TRUE(HasCode(spd::Replace(*tx, d, 1, At(3)), base::ErrorCode::kNotFound));
    ASSIGN_OR_FAIL(auto got, spd::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->title, "Sửa");
    ASSERT_EQ(got->items.size(), 1U);

    got->state = "applied";
    got->applied_on = D(2026, 2, 20);
    got->items[0].database_entered = D(2026, 2, 19);
    got->items[0].catalogue_updated = D(2026, 2, 25);
    ASSIGN_OR_FAIL(const std::int64_t v3, spd::SaveProgress(*tx, *got, 2, At(4)));
    EXPECT_EQ(v3, 3);
    ASSIGN_OR_FAIL(auto saved, spd::Get(*tx, id));
    EXPECT_EQ(saved->state, "applied");
    EXPECT_EQ(saved->applied_on, D(2026, 2, 20));
    EXPECT_EQ(saved->items[0].database_entered, D(2026, 2, 19));
    EXPECT_EQ(saved->items[0].catalogue_updated, D(2026, 2, 25));
    EXPECT_TRUE(HasCode(spd::SaveProgress(*tx, *got, 2, At(5)), base::ErrorCode::kAborted));
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(PublicationDecisionsStoreTest, ListFiltersByUnitStateAndDay) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    spd::Decision early = Sample("1/QĐ-UBND");
    early.signed_on = D(2026, 1, 5);
    early.state = "signed";
    spd::Decision late = Sample("2/QĐ-UBND");
    late.signed_on = D(2026, 3, 5);
    spd::Decision elsewhere = Sample("3/QĐ-UBND");
    elsewhere.issuing_unit_id = other_;
    for (const spd::Decision& d : {early, late, elsewhere}) {
        ASSERT_TRUE(IsOk(spd::Create(*tx, d, std::nullopt, At(1))));
    }
    spd::ListQuery q;
    q.unit_ids = {province_};
    ASSIGN_OR_FAIL(auto all, spd::List(*tx, q));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].number, "2/QĐ-UBND");  // newest signature first
    EXPECT_EQ(all[0].items.size(), 2U);
    q.state = "signed";
    ASSIGN_OR_FAIL(auto signed_only, spd::List(*tx, q));
    ASSERT_EQ(signed_only.size(), 1U);
    EXPECT_EQ(signed_only[0].number, "1/QĐ-UBND");
    q.state.reset();
    q.from = D(2026, 2, 1);
    q.to = D(2026, 3, 31);
    ASSIGN_OR_FAIL(auto window, spd::List(*tx, q));
    ASSERT_EQ(window.size(), 1U);
    EXPECT_EQ(window[0].number, "2/QĐ-UBND");
    ASSIGN_OR_FAIL(const bool any, spd::AnyOf(*tx, {other_}));
    EXPECT_TRUE(any);
    ASSIGN_OR_FAIL(const bool none, spd::AnyOf(*tx, {other_ + 100}));
    EXPECT_FALSE(none);
    ASSIGN_OR_FAIL(auto nothing, spd::List(*tx, spd::ListQuery{}));
    EXPECT_TRUE(nothing.empty());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

// What applying a decision writes (app/publication_decisions.cpp): the previous version closed
// the day before the new one's effective day. The dated read returns each in its own days.
TEST_P(PublicationDecisionsStoreTest, DatedCatalogueReadHonoursClosedVersions) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(
        auto old_version,
        procedures::Insert(*tx, MakeProcedure("1.000001", "Cũ", "Hộ tịch", D(2025, 7, 1)),
                           "1 000001 cu"));
    old_version.effective_to = D(2026, 3, 1);
    ASSERT_TRUE(IsOk(procedures::Update(*tx, old_version, "1 000001 cu")));
    ASSERT_TRUE(IsOk(procedures::Insert(
        *tx, MakeProcedure("1.000001", "Mới", "Hộ tịch", D(2026, 3, 2)), "1 000001 moi")));
    ASSIGN_OR_FAIL(
        auto abolished,
        procedures::Insert(*tx, MakeProcedure("1.000002", "Bãi bỏ", "Hộ tịch", D(2025, 7, 1)),
                           "1 000002 bai bo"));
    abolished.effective_to = D(2026, 3, 1);
    ASSERT_TRUE(IsOk(procedures::Update(*tx, abolished, "1 000002 bai bo")));

    ASSIGN_OR_FAIL(auto before, procedures::GetInForce(*tx, "1.000001", D(2026, 3, 1)));
    ASSERT_TRUE(before.has_value());
    EXPECT_EQ(before->name, "Cũ");
    ASSIGN_OR_FAIL(auto after, procedures::GetInForce(*tx, "1.000001", D(2026, 3, 2)));
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->name, "Mới");
    ASSIGN_OR_FAIL(auto gone, procedures::GetInForce(*tx, "1.000002", D(2026, 3, 2)));
    EXPECT_FALSE(gone.has_value());
    ASSIGN_OR_FAIL(auto there, procedures::GetInForce(*tx, "1.000002", D(2026, 3, 1)));
    EXPECT_TRUE(there.has_value());

    procedures::SearchQuery q;
    q.day = D(2026, 3, 2);
    q.limit = 50;
    ASSIGN_OR_FAIL(auto page, procedures::Search(*tx, q));
    ASSERT_EQ(page.items.size(), 1U);
    EXPECT_EQ(page.items[0].name, "Mới");
    q.day = D(2026, 3, 1);
    ASSIGN_OR_FAIL(auto earlier, procedures::Search(*tx, q));
    EXPECT_EQ(earlier.items.size(), 2U);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

// An instant on the day (midnight UTC): the settings' change times.
std::chrono::sys_seconds T(int y, unsigned m, unsigned d) {
    return std::chrono::sys_seconds{D(y, m, d).time_since_epoch()};
}

TEST_P(PublicationDecisionsStoreTest, ConventionFromTheSettingRoundTrips) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    spd::Decision d = Sample("30/QĐ-UBND");
    d.convention = "calendar_days";
    d.convention_from_setting = true;
    ASSIGN_OR_FAIL(const std::int64_t id, spd::Create(*tx, d, std::nullopt, T(2026, 2, 1)));
    ASSIGN_OR_FAIL(auto back, spd::Get(*tx, id));
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(back->convention_from_setting);
    EXPECT_EQ(back->convention, "calendar_days");
    // Signing fixes the convention (SaveProgress writes it).
    back->state = "signed";
    back->convention = "working_days";
    ASSERT_TRUE(IsOk(spd::SaveProgress(*tx, *back, back->version, T(2026, 2, 2))));
    ASSIGN_OR_FAIL(auto signed_d, spd::Get(*tx, id));
    ASSERT_TRUE(signed_d.has_value());
    EXPECT_EQ(signed_d->convention, "working_days");
    EXPECT_TRUE(signed_d->convention_from_setting);
    back->id = id;
    back->convention_from_setting = false;
    ASSERT_TRUE(IsOk(spd::Replace(*tx, *back, signed_d->version, T(2026, 2, 3))));
    ASSIGN_OR_FAIL(auto replaced, spd::Get(*tx, id));
    ASSERT_TRUE(replaced.has_value());
    EXPECT_FALSE(replaced.value().convention_from_setting);
}

// store::settings (migration 0024): the value in force on a day is the latest change whose
// valid_from is on or before it; the latest entered wins a tie; the history keeps every change.
TEST_P(PublicationDecisionsStoreTest, SettingsAreVersionedByEffectiveDay) {
    namespace ss = settings;
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    const std::string key = "publication.day_convention";
    ASSIGN_OR_FAIL(auto none, ss::ValueOn(*tx, key, D(2026, 1, 1)));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_FAIL(auto first, ss::Append(*tx, {.key = key,
                                                .value = "calendar_days",
                                                .valid_from = D(2026, 3, 1),
                                                .changed_by = std::nullopt,
                                                .changed_at = T(2026, 2, 1)}));
    ASSIGN_OR_FAIL(auto second, ss::Append(*tx, {.key = key,
                                                 .value = "working_days",
                                                 .valid_from = D(2026, 6, 1),
                                                 .changed_by = std::nullopt,
                                                 .changed_at = T(2026, 2, 2)}));
    ASSIGN_OR_FAIL(auto tie, ss::Append(*tx, {.key = key,
                                              .value = "calendar_days",
                                              .valid_from = D(2026, 6, 1),
                                              .changed_by = std::nullopt,
                                              .changed_at = T(2026, 2, 3)}));
    EXPECT_LT(first, second);
    EXPECT_LT(second, tie);
    ASSIGN_OR_FAIL(auto other, ss::Append(*tx, {.key = "other.key",
                                                .value = "x",
                                                .valid_from = D(2025, 1, 1),
                                                .changed_by = std::nullopt,
                                                .changed_at = T(2026, 2, 3)}));
    (void)other;
    ASSIGN_OR_FAIL(auto before, ss::ValueOn(*tx, key, D(2026, 2, 28)));
    EXPECT_FALSE(before.has_value());
    ASSIGN_OR_FAIL(auto on_first, ss::ValueOn(*tx, key, D(2026, 3, 1)));
    EXPECT_EQ(on_first.value_or(""), "calendar_days");
    ASSIGN_OR_FAIL(auto may, ss::ValueOn(*tx, key, D(2026, 5, 31)));
    EXPECT_EQ(may.value_or(""), "calendar_days");
    ASSIGN_OR_FAIL(auto june, ss::ValueOn(*tx, key, D(2026, 6, 1)));
    EXPECT_EQ(june.value_or(""), "calendar_days") << "the latest change on a tie";
    ASSIGN_OR_FAIL(auto history, ss::History(*tx, key));
    ASSERT_EQ(history.size(), 3U);
    EXPECT_EQ(history[0].valid_from, D(2026, 3, 1));
    EXPECT_EQ(history[1].value, "working_days");
    EXPECT_EQ(history[2].changed_at, T(2026, 2, 3));
    EXPECT_FALSE(history[2].changed_by.has_value());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicationDecisionsStoreTest, ::testing::ValuesIn(Backends()),
                         BackendName);

}  // namespace
}  // namespace motcua::store::testing
