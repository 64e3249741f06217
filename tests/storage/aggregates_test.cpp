// Contract of store::aggregates (aggregates.hpp; issue #6), on every backend: the inputs query
// joins what the indicators read, counters add up and sum per window, contributions round-trip,
// the rebuild's bulk inserts and the built flag.
#include "store/aggregates.hpp"

#include "storage_test_support.hpp"
#include "store/documents.hpp"
#include "store/dossier_facts.hpp"
#include "store/dossiers.hpp"
#include "store/payments.hpp"
#include "store/ratings.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

namespace ind = domain::indicators;
using M = ind::Metric;

class AggregatesTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency, units::Insert(*tx, MakeUnit("46.STP", domain::UnitType::kAgency,
                                                                province.id, D(2025, 7, 1))));
        province_ = province.id;
        agency_ = agency.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    std::int64_t province_ = 0;
    std::int64_t agency_ = 0;
};

TEST_P(AggregatesTest, InputsJoinTheDossierAndItsFacts) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    domain::Dossier d;
    d.code = "46.TT-260701-0001";
    d.rule_set_id = "nd118-2025";
    d.procedure_code = "1.001193";
    d.receiving_unit_id = province_;
    d.settling_unit_id = agency_;
    d.current_unit_id = agency_;
    d.channel = domain::Channel::kOnline;
    d.applicant.name = "Nguyễn Văn An";
    d.state = domain::DossierState::kReturned;
    d.received_at = At(1'782'000'000);
    d.appointment_at = At(1'782'500'000);
    d.finished_at = At(1'782'400'000);
    d.timing = domain::Timing::kEarly;
    d.fee_amount = 50000;
    d.result_kind = "issued";
    d.created_at = At(1'782'000'000);
    d.updated_at = d.created_at;
    d.version = 1;
    ASSIGN_OR_FAIL(auto id, dossiers::Insert(*tx, d));
    dossier_facts::Facts f;
    f.dossier_id = id;
    f.synced_at = At(1'782'100'000);
    f.updated_at = At(1'782'100'000);
    ASSERT_TRUE(IsOk(dossier_facts::Put(*tx, f)));
    ASSIGN_OR_FAIL(auto one, aggregates::InputsOf(*tx, id));
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->settling_unit_id, agency_);
    EXPECT_EQ(one->procedure_code, "1.001193");
    EXPECT_EQ(one->channel, domain::Channel::kOnline);
    EXPECT_EQ(one->due_at, d.appointment_at);  // no due_at: the appointment
    EXPECT_EQ(one->timing, domain::Timing::kEarly);
    EXPECT_TRUE(one->result_issued);
    EXPECT_TRUE(one->fee_bearing);
    EXPECT_FALSE(one->paid_online);
    EXPECT_TRUE(one->facts_known);
    EXPECT_TRUE(one->synced);
    EXPECT_FALSE(one->population_data);
    EXPECT_FALSE(one->rated);
    ASSIGN_OR_FAIL(auto page, aggregates::Inputs(*tx, 0, 10));
    ASSERT_EQ(page.size(), 1U);
    EXPECT_EQ(page[0].dossier_id, id);
    ASSIGN_OR_FAIL(auto none, aggregates::InputsOf(*tx, id + 100));
    EXPECT_FALSE(none.has_value());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

// The rebuild reads pages (one range query per table, merged by id); a single dossier is read
// with joins. Both must see the same facts, across page boundaries.
TEST_P(AggregatesTest, InputPagesMergeEveryTableLikeTheOneDossierQuery) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    std::vector<std::int64_t> ids;
    for (int i = 1; i <= 8; ++i) {
        domain::Dossier d;
        d.code = "46.TT-260701-000" + std::to_string(i);
        d.rule_set_id = "nd118-2025";
        d.procedure_code = i % 2 == 0 ? "1.001193" : "1.000001";
        d.receiving_unit_id = province_;
        d.settling_unit_id = agency_;
        d.current_unit_id = agency_;
        d.channel = domain::Channel::kOnline;
        d.applicant.name = "Nguyễn Văn An";
        d.state = domain::DossierState::kReturned;
        d.received_at = At(1'782'000'000 + i);
        d.finished_at = At(1'782'400'000 + i);
        d.timing = domain::Timing::kOnTime;
        d.fee_amount = 10000;
        d.result_kind = "issued";
        d.created_at = At(1'782'000'000);
        d.updated_at = d.created_at;
        d.version = 1;
        ASSIGN_OR_FAIL(auto id, dossiers::Insert(*tx, d));
        ids.push_back(id);
    }
    auto pay = [&](std::int64_t dossier, payments::Method method, payments::Status status,
                   const std::string& ref) {
        payments::Payment p;
        p.dossier_id = dossier;
        p.order_ref = ref;
        p.amount = 10000;
        p.status = status;
        p.method = method;
        p.provider = method == payments::Method::kOnline ? "sandbox" : "desk";
        p.created_at = At(1'782'000'100);
        p.updated_at = p.created_at;
        if (status == payments::Status::kPaid) {
            p.paid_at = p.created_at;
        }
        return payments::Insert(*tx, p);
    };
    ASSERT_TRUE(pay(ids[0], payments::Method::kOnline, payments::Status::kPaid, "A1").ok());
    ASSERT_TRUE(pay(ids[1], payments::Method::kOnline, payments::Status::kPending, "A2").ok());
    ASSERT_TRUE(pay(ids[1], payments::Method::kCash, payments::Status::kPaid, "A3").ok());
    ASSERT_TRUE(pay(ids[3], payments::Method::kOnline, payments::Status::kPaid, "A4").ok());
    const std::string sha(64, 'a');
    ASSERT_TRUE(documents::InsertFile(*tx, sha, 10, "application/pdf", At(1)).ok());
    auto doc = [&](std::int64_t dossier, documents::Role role, bool digitised,
                   std::optional<std::int64_t> reused_from) {
        documents::Document d;
        d.dossier_id = dossier;
        d.role = role;
        d.component_name = "Tờ khai";
        d.file_sha256 = sha;
        d.file_name = "tệp.pdf";
        d.media_type = "application/pdf";
        d.size = 10;
        d.owner_id_number = "046190001234";
        d.digitised = digitised;
        d.reused_from = reused_from;
        d.created_at = At(1'782'000'200);
        return documents::Insert(*tx, d);
    };
    ASSIGN_OR_FAIL(auto digitised, doc(ids[2], documents::Role::kComponent, true, std::nullopt));
    ASSERT_TRUE(doc(ids[2], documents::Role::kResult, false, std::nullopt).ok());
    ASSERT_TRUE(doc(ids[3], documents::Role::kComponent, false, digitised).ok());
    ASSERT_TRUE(doc(ids[4], documents::Role::kResult, true, std::nullopt).ok());
    ASSERT_TRUE(doc(ids[4], documents::Role::kComponent, false, std::nullopt).ok());
    dossier_facts::Facts f;
    f.dossier_id = ids[5];
    f.population_data_at = At(1'782'100'000);
    f.pushed_to_store_at = At(1'782'100'000);
    f.updated_at = At(1'782'100'000);
    ASSERT_TRUE(IsOk(dossier_facts::Put(*tx, f)));
    f.dossier_id = ids[2];
    f.population_data_at.reset();
    f.synced_at = At(1'782'100'000);
    ASSERT_TRUE(IsOk(dossier_facts::Put(*tx, f)));
    for (int i : {6, 7}) {
        ratings::Rating r;
        r.dossier_id = ids[static_cast<std::size_t>(i)];
        r.channel = domain::evaluation::RatingChannel::kPaper;
        r.answers.satisfaction = i == 6 ? domain::evaluation::Satisfaction::kDissatisfied
                                        : domain::evaluation::Satisfaction::kSatisfied;
        r.rated_at = At(1'782'500'000);
        r.settling_unit_id = agency_;
        r.receiving_unit_id = province_;
        ASSERT_TRUE(IsOk(ratings::Insert(*tx, r)));
    }

    auto flags = [](const ind::Inputs& in) {
        return std::vector<bool>{in.paid_online,         in.facts_known,      in.synced,
                                 in.population_data,     in.pushed_to_store,  in.reused,
                                 in.digitised_component, in.digitised_result, in.rated,
                                 in.dissatisfied};
    };
    std::vector<ind::Inputs> paged;
    std::int64_t after = 0;
    for (;;) {  // pages of 3: boundaries inside the runs of documents and payments
        ASSIGN_OR_FAIL(auto page, aggregates::Inputs(*tx, after, 3));
        if (page.empty()) {
            break;
        }
        after = page.back().dossier_id;
        paged.insert(paged.end(), page.begin(), page.end());
    }
    ASSERT_EQ(paged.size(), ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        ASSIGN_OR_FAIL(auto one, aggregates::InputsOf(*tx, ids[i]));
        ASSERT_TRUE(one.has_value());
        EXPECT_EQ(paged[i].dossier_id, ids[i]);
        EXPECT_EQ(paged[i].procedure_code, one->procedure_code);
        EXPECT_EQ(paged[i].received_at, one->received_at);
        EXPECT_EQ(flags(paged[i]), flags(*one)) << "dossier " << i + 1;
    }
    using F = std::vector<bool>;
    //                paid   facts  synced popul  store  reused dcomp  dres   rated  dissat
    EXPECT_EQ(flags(paged[0]),
              (F{true, false, false, false, false, false, false, false, false, false}));
    EXPECT_EQ(flags(paged[1]),
              (F{false, false, false, false, false, false, false, false, false, false}));
    EXPECT_EQ(flags(paged[2]),
              (F{false, true, true, false, true, false, true, false, false, false}));
    EXPECT_EQ(flags(paged[3]),
              (F{true, false, false, false, false, true, false, false, false, false}));
    EXPECT_EQ(flags(paged[4]),
              (F{false, false, false, false, false, false, false, true, false, false}));
    EXPECT_EQ(flags(paged[5]),
              (F{false, true, false, true, true, false, false, false, false, false}));
    EXPECT_EQ(flags(paged[6]),
              (F{false, false, false, false, false, false, false, false, true, true}));
    EXPECT_EQ(flags(paged[7]),
              (F{false, false, false, false, false, false, false, false, true, false}));
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(AggregatesTest, CountersAddUpAndSumPerWindow) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.001193", 100, M::kReceivedDirect, 1)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.001193", 100, M::kReceivedDirect, 1)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.000001", 105, M::kReceivedDirect, 1)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.000001", 110, M::kFinishedLate, 1)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, province_, "1.000001", 90, M::kReceivedOnline, 1)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.000001", 105, M::kReceivedDirect, -1)));
    ASSIGN_OR_FAIL(auto all, aggregates::All(*tx));
    ASSERT_EQ(all.size(), 3U);  // the counter back at 0 is not listed
    EXPECT_EQ(all[0].unit_id, std::min(agency_, province_));
    ASSIGN_OR_FAIL(auto by_unit, aggregates::SumsByUnit(*tx, {agency_}, 100, 109));
    ASSERT_EQ(by_unit.size(), 1U);
    EXPECT_EQ(by_unit[agency_].In(M::kReceivedDirect), 2);
    EXPECT_EQ(by_unit[agency_].In(M::kFinishedLate), 0);  // day 110 is after the window
    ASSIGN_OR_FAIL(auto later, aggregates::SumsByUnit(*tx, {}, 101, 120));
    EXPECT_EQ(later[agency_].Before(M::kReceivedDirect), 2);
    EXPECT_EQ(later[agency_].In(M::kFinishedLate), 1);
    EXPECT_EQ(later[province_].Before(M::kReceivedOnline), 1);
    ASSIGN_OR_FAIL(auto by_procedure, aggregates::SumsByProcedure(*tx, {agency_}, 100, 120));
    EXPECT_EQ(by_procedure["1.001193"].In(M::kReceivedDirect), 2);
    EXPECT_EQ(by_procedure["1.000001"].In(M::kFinishedLate), 1);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(AggregatesTest, StoredInputsRoundTripAndTheRebuildWritesThemInBulk) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto built, aggregates::BuiltVersion(*tx));
    EXPECT_EQ(built, 0);  // a fresh database waits for its first rebuild
    ASSIGN_OR_FAIL(auto complete, aggregates::InputsComplete(*tx));
    EXPECT_FALSE(complete);
    ind::Inputs in;
    in.dossier_id = 1;
    in.settling_unit_id = agency_;
    in.procedure_code = "1.001193";
    in.channel = domain::Channel::kPostal;
    in.received_at = At(1'780'000'000);
    in.due_at = At(1'781'000'000);
    in.timing = domain::Timing::kLate;
    in.fee_bearing = true;
    in.dissatisfied = true;  // the last flag bit
    ASSIGN_OR_FAIL(auto none, aggregates::StoredInputs(*tx, 1));
    EXPECT_FALSE(none.has_value());
    ASSERT_TRUE(IsOk(aggregates::SaveInputs(*tx, in)));
    ASSIGN_OR_FAIL(auto first, aggregates::StoredInputs(*tx, 1));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(*first, in);
    in.finished_at = At(1'782'000'000);
    in.late = true;  // the first flag bit
    in.dissatisfied = false;
    ASSERT_TRUE(IsOk(aggregates::SaveInputs(*tx, in)));  // replaces
    ASSIGN_OR_FAIL(auto stored, aggregates::StoredInputs(*tx, 1));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(*stored, in);

    ASSERT_TRUE(IsOk(aggregates::ClearInputs(*tx)));
    ASSIGN_OR_FAIL(auto cleared, aggregates::StoredInputs(*tx, 1));
    EXPECT_FALSE(cleared.has_value());
    std::vector<ind::Inputs> rows;
    for (int i = 1; i <= 700; ++i) {  // more than one statement's worth
        in.dossier_id = i;
        in.synced = i % 2 == 0;
        rows.push_back(in);
    }
    ASSERT_TRUE(IsOk(aggregates::InsertInputs(*tx, rows)));
    ASSERT_TRUE(IsOk(aggregates::SetInputsComplete(*tx)));
    ASSIGN_OR_FAIL(auto now_complete, aggregates::InputsComplete(*tx));
    EXPECT_TRUE(now_complete);
    ASSIGN_OR_FAIL(auto page, aggregates::StoredInputsPage(*tx, 100, 650, 1000));
    ASSERT_EQ(page.size(), 550U);  // ids 101..650
    EXPECT_EQ(page.front(), rows[100]);
    EXPECT_EQ(page.back(), rows[649]);
    ASSIGN_OR_FAIL(auto limited, aggregates::StoredInputsPage(*tx, 0, 700, 7));
    ASSERT_EQ(limited.size(), 7U);
    rows[4].procedure_code = "1.000001";
    rows[4].rated = true;
    ASSERT_TRUE(IsOk(aggregates::PutInputs(*tx, {rows[4]})));
    ASSERT_TRUE(IsOk(aggregates::DeleteInputs(*tx, {3, 699})));
    ASSIGN_OR_FAIL(auto all, aggregates::StoredInputsPage(*tx, 0, 1'000'000, 1000));
    ASSERT_EQ(all.size(), 698U);
    EXPECT_EQ(all[2].dossier_id, 4);
    EXPECT_EQ(all[3], rows[4]);
    ASSIGN_OR_FAIL(auto max_id, aggregates::MaxInputId(*tx));
    EXPECT_EQ(max_id, 700);
    ASSERT_TRUE(IsOk(aggregates::SetBuiltVersion(*tx, 7)));
    ASSIGN_OR_FAIL(auto now_built, aggregates::BuiltVersion(*tx));
    EXPECT_EQ(now_built, 7);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(AggregatesTest, TheRebuildComparesRangesAndWritesOnlyTheDifferences) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    std::vector<aggregates::Cell> cells;
    for (int i = 0; i < 1000; ++i) {  // more than one statement's worth
        cells.push_back({i < 400 ? std::min(agency_, province_) : std::max(agency_, province_),
                         100 + i, M::kReceivedOnline, "1.001193", i + 1});
    }
    ASSERT_TRUE(IsOk(aggregates::InsertCells(*tx, cells)));
    ASSERT_TRUE(IsOk(aggregates::Add(*tx, agency_, "1.000001", 50, M::kIssued, 0)));  // a 0 row
    ASSIGN_OR_FAIL(auto all, aggregates::All(*tx));
    EXPECT_EQ(all, cells);
    ASSIGN_OR_FAIL(auto units, aggregates::AllByUnit(*tx));
    ASSERT_EQ(units.size(), cells.size());
    EXPECT_EQ(units[999].value, 1000);
    EXPECT_EQ(units[999].procedure_code, "");
    // RangePage: one unit's rows, zero rows included, in pages.
    std::vector<aggregates::Cell> ranged;
    std::optional<aggregates::Cell> after;
    for (;;) {
        ASSIGN_OR_FAIL(auto page, aggregates::RangePage(*tx, true, agency_, agency_, after, 150));
        ranged.insert(ranged.end(), page.begin(), page.end());
        if (page.size() < 150) {
            break;
        }
        after = page.back();
    }
    const std::size_t agency_rows = agency_ < province_ ? 400 : 600;
    ASSERT_EQ(ranged.size(), agency_rows + 1);
    EXPECT_EQ(ranged[0].value, 0);  // day 50 first
    EXPECT_EQ(ranged[0].procedure_code, "1.000001");
    ASSIGN_OR_FAIL(auto unit_rows,
                   aggregates::RangePage(*tx, false, agency_, agency_, std::nullopt, 5000));
    EXPECT_EQ(unit_rows.size(), agency_rows + 1);  // with the 0 row of aggregates_unit
    // PutCells replaces or inserts; DeleteCells removes.
    aggregates::Cell changed = cells[10];
    changed.value = 77;
    aggregates::Cell added{agency_, 5, M::kFinishedLate, "1.000001", 3};
    ASSERT_TRUE(IsOk(aggregates::PutCells(*tx, true, {changed, added})));
    ASSERT_TRUE(IsOk(aggregates::DeleteCells(*tx, true, {cells[20]})));
    aggregates::Cell unit_changed = changed;
    unit_changed.procedure_code.clear();
    ASSERT_TRUE(IsOk(aggregates::PutCells(*tx, false, {unit_changed})));
    ASSERT_TRUE(IsOk(aggregates::DeleteCells(*tx, false, {units[21]})));
    ASSIGN_OR_FAIL(auto after_diff, aggregates::All(*tx));
    ASSERT_EQ(after_diff.size(), cells.size());                   // one added, one deleted
    EXPECT_EQ(after_diff[agency_ < province_ ? 0 : 399], added);  // cells[20] went before it
    ASSIGN_OR_FAIL(auto units_after, aggregates::AllByUnit(*tx));
    ASSERT_EQ(units_after.size(), cells.size() - 1);
    EXPECT_EQ(units_after[10].value, 77);
    ASSERT_TRUE(IsOk(aggregates::ClearChanges(*tx)));
    ASSIGN_OR_FAIL(auto range, aggregates::ChangeRange(*tx));
    EXPECT_EQ(range.second, 0);
    ASSERT_TRUE(IsOk(aggregates::Clear(*tx)));
    ASSIGN_OR_FAIL(auto empty, aggregates::All(*tx));
    EXPECT_TRUE(empty.empty());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(AggregatesTest, CellsAreWrittenInKeyOrderAndReadBackInPages) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    std::vector<aggregates::Cell> cells;
    for (int i = 0; i < 700; ++i) {     // given out of order: InsertCells sorts them
        const int k = (i * 337) % 700;  // = 12 (day - 100) + 6 procedure + 3 unit + metric
        cells.push_back({(k / 3) % 2 == 0 ? agency_ : province_, 100 + k / 12,
                         static_cast<M>(k % 3), (k / 6) % 2 == 0 ? "1.000001" : "1.001193", k + 1});
    }
    ASSERT_TRUE(IsOk(aggregates::InsertCells(*tx, cells)));
    ASSIGN_OR_FAIL(auto all, aggregates::All(*tx));
    ASSERT_EQ(all.size(), cells.size());
    std::vector<aggregates::Cell> paged;
    std::optional<aggregates::Cell> after;
    for (;;) {
        ASSIGN_OR_FAIL(auto page, aggregates::Page(*tx, after, 64));
        paged.insert(paged.end(), page.begin(), page.end());
        if (page.size() < 64) {
            break;
        }
        after = page.back();
    }
    EXPECT_EQ(paged, all);
    ASSIGN_OR_FAIL(auto units, aggregates::AllByUnit(*tx));
    std::vector<aggregates::Cell> units_paged;
    after.reset();
    for (;;) {
        ASSIGN_OR_FAIL(auto page, aggregates::PageByUnit(*tx, after, 50));
        units_paged.insert(units_paged.end(), page.begin(), page.end());
        if (page.size() < 50) {
            break;
        }
        after = page.back();
    }
    EXPECT_EQ(units_paged, units);
    std::int64_t total = 0;
    std::int64_t unit_total = 0;
    for (const auto& c : all) {
        total += c.value;
    }
    for (const auto& c : units) {
        unit_total += c.value;
    }
    EXPECT_EQ(unit_total, total);
    EXPECT_LT(units.size(), all.size());  // summed over the two procedures

    aggregates::CellWriter writer(*tx);
    ASSERT_TRUE(IsOk(writer.Add(agency_, 500, M::kReceivedOnline, "1.001193", 1)));
    EXPECT_TRUE(HasCode(writer.Add(agency_, 500, M::kReceivedOnline, "1.000001", 1),
                        base::ErrorCode::kInvalidArgument));
    EXPECT_TRUE(HasCode(writer.Add(agency_, 499, M::kReceivedOnline, "1.001193", 1),
                        base::ErrorCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(Backends, AggregatesTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace motcua::store::testing

namespace motcua::store::testing {
namespace {

namespace ind = domain::indicators;
using M = ind::Metric;

class AggregateChangesTest : public StoreTest {};

// The change log the in-memory index follows: every Add appends one row in seq order; ChangesIn
// finds committed seqs; pruning keeps the last ones; a rebuild's epoch counter moves.
TEST_P(AggregateChangesTest, EveryAddIsLoggedInOrderAndPrunable) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto empty, aggregates::ChangeRange(*tx));
    EXPECT_EQ(empty.first, 0);
    EXPECT_EQ(empty.second, 0);
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(IsOk(aggregates::Add(*tx, 7, "1.00000" + std::to_string(i), 100 + i,
                                         M::kReceivedOnline, i % 2 == 0 ? 1 : -1)));
    }
    ASSIGN_OR_FAIL(auto all, aggregates::ChangesAfter(*tx, 0, 100));
    ASSERT_EQ(all.size(), 5U);
    for (std::size_t i = 1; i < all.size(); ++i) {
        EXPECT_GT(all[i].seq, all[i - 1].seq);
    }
    EXPECT_EQ(all[1].delta, -1);
    EXPECT_EQ(all[1].day, 101);
    EXPECT_EQ(all[1].procedure_code, "1.000001");
    ASSIGN_OR_FAIL(auto page, aggregates::ChangesAfter(*tx, all[1].seq, 2));
    ASSERT_EQ(page.size(), 2U);
    EXPECT_EQ(page[0].seq, all[2].seq);
    ASSIGN_OR_FAIL(auto some,
                   aggregates::ChangesIn(*tx, {all[0].seq, all[4].seq, all[4].seq + 99}));
    ASSERT_EQ(some.size(), 2U);
    EXPECT_EQ(some[1].seq, all[4].seq);
    ASSIGN_OR_FAIL(auto pruned, aggregates::PruneChanges(*tx, 2));
    EXPECT_EQ(pruned, 3);
    ASSIGN_OR_FAIL(auto range, aggregates::ChangeRange(*tx));
    EXPECT_EQ(range.first, all[3].seq);
    EXPECT_EQ(range.second, all[4].seq);
    ASSIGN_OR_FAIL(auto epoch, aggregates::Epoch(*tx));
    ASSERT_TRUE(IsOk(aggregates::BumpEpoch(*tx)));
    ASSIGN_OR_FAIL(auto next, aggregates::Epoch(*tx));
    EXPECT_EQ(next, epoch + 1);
    // The unit-level counter holds the net sum of the five adds.
    ASSIGN_OR_FAIL(auto sums, aggregates::SumsByUnit(*tx, {7}, 100, 110));
    EXPECT_EQ(sums[7].In(M::kReceivedOnline), 1);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

INSTANTIATE_TEST_SUITE_P(Backends, AggregateChangesTest, ::testing::ValuesIn(Backends()),
                         BackendName);

}  // namespace
}  // namespace motcua::store::testing
