// Contract of store::procedure_stats (procedure_stats.hpp; issue #6, engineer H2), on every
// backend: the settlement clocks of one procedure's settled dossiers (indicator 2.2) and the
// dossiers received per settling unit and procedure by channel (per-service online share).
#include "store/procedure_stats.hpp"

#include "storage_test_support.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

namespace ps = procedure_stats;

constexpr std::int64_t kFrom = 1'790'000'000;
constexpr std::int64_t kTo = 1'791'000'000;

class ProcedureStatsTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency, units::Insert(*tx, MakeUnit("46.STP", domain::UnitType::kAgency,
                                                                province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto other, units::Insert(*tx, MakeUnit("46.SXD", domain::UnitType::kAgency,
                                                               province.id, D(2025, 7, 1))));
        desk_ = province.id;
        agency_ = agency.id;
        other_ = other.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    struct Spec {
        std::string code = {};
        std::string procedure = "1.002010";
        domain::Channel channel = domain::Channel::kDirect;
        std::int64_t received = kFrom + 1000;
        std::optional<std::int64_t> finished = std::nullopt;
        std::string result_kind = {};
        std::vector<calendar::TimeInterval> pauses = {};
        bool other_unit = false;
    };

    std::int64_t Add(Transaction& tx, const Spec& s) {
        domain::Dossier d;
        d.code = s.code;
        d.rule_set_id = "nd118-2025";
        d.procedure_code = s.procedure;
        d.receiving_unit_id = desk_;
        d.settling_unit_id = s.other_unit ? other_ : agency_;
        d.current_unit_id = d.settling_unit_id;
        d.channel = s.channel;
        d.applicant.name = "Nguyễn Văn An";
        d.state = s.finished ? domain::DossierState::kReturned : domain::DossierState::kProcessing;
        d.received_at = At(s.received);
        d.clock_start = At(s.received + 60);
        d.pauses = s.pauses;
        if (s.finished) {
            d.finished_at = At(*s.finished);
            d.result_kind = s.result_kind;
        }
        d.created_at = At(s.received);
        d.updated_at = d.created_at;
        d.version = 1;
        auto id = dossiers::Insert(tx, d);
        EXPECT_TRUE(IsOk(id));
        return id ? *id : 0;
    }

    std::int64_t desk_ = 0;
    std::int64_t agency_ = 0;
    std::int64_t other_ = 0;
};

TEST_P(ProcedureStatsTest, SettledClocksAndReceivedByProcedure) {
    const std::vector<calendar::TimeInterval> pauses{{At(kFrom + 2000), At(kFrom + 3000)},
                                                     {At(kFrom + 4000), At(kFrom + 4500)}};
    std::int64_t issued = 0;
    std::int64_t refusal = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        issued = Add(*tx, {.code = "A-1",
                           .channel = domain::Channel::kOnline,
                           .finished = kFrom + 90'000,
                           .result_kind = "issued",
                           .pauses = pauses});
        refusal = Add(*tx, {.code = "A-2", .finished = kFrom + 50'000, .result_kind = "refusal"});
        // Withdrawn / stopped (no result), still open, received before the window, another
        // procedure, another unit: not settled clocks of 1.002010 at 46.STP in the window.
        Add(*tx, {.code = "A-3", .finished = kFrom + 20'000});
        Add(*tx, {.code = "A-4", .channel = domain::Channel::kPostal});
        Add(*tx, {.code = "A-5",
                  .received = kFrom - 10,
                  .finished = kFrom + 5,
                  .result_kind = "issued"});
        Add(*tx, {.code = "A-6",
                  .procedure = "1.002153",
                  .channel = domain::Channel::kOnline,
                  .finished = kFrom + 9000,
                  .result_kind = "issued"});
        Add(*tx,
            {.code = "A-7", .finished = kFrom + 9000, .result_kind = "issued", .other_unit = true});
        Add(*tx, {.code = "A-8", .received = kTo, .finished = kTo + 5, .result_kind = "issued"});
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto clocks, ps::SettledClocks(*tx, "1.002010", {agency_}, At(kFrom), At(kTo)));
    ASSERT_EQ(clocks.size(), 2U);
    EXPECT_EQ(clocks[0].dossier_id, issued);
    EXPECT_EQ(clocks[0].settling_unit_id, agency_);
    EXPECT_EQ(clocks[0].start, At(kFrom + 1060));
    EXPECT_EQ(clocks[0].end, At(kFrom + 90'000));
    ASSERT_EQ(clocks[0].pauses.size(), 2U);
    EXPECT_EQ(clocks[0].pauses[1].begin, At(kFrom + 4000));
    EXPECT_EQ(clocks[0].pauses[1].end, At(kFrom + 4500));
    EXPECT_EQ(clocks[1].dossier_id, refusal);
    EXPECT_TRUE(clocks[1].pauses.empty());
    ASSIGN_OR_FAIL(auto both,
                   ps::SettledClocks(*tx, "1.002010", {agency_, other_}, At(kFrom), At(kTo)));
    EXPECT_EQ(both.size(), 3U);
    ASSIGN_OR_FAIL(auto none, ps::SettledClocks(*tx, "1.002010", {}, At(kFrom), At(kTo)));
    EXPECT_TRUE(none.empty());

    ASSIGN_OR_FAIL(auto received, ps::ReceivedByProcedure(*tx, {agency_}, At(kFrom), At(kTo)));
    ASSERT_EQ(received.size(), 2U);
    EXPECT_EQ(received[0].settling_unit_id, agency_);
    EXPECT_EQ(received[0].procedure_code, "1.002010");
    EXPECT_EQ(received[0].online, 1);
    EXPECT_EQ(received[0].total, 4);  // A-1 … A-4
    EXPECT_EQ(received[1].procedure_code, "1.002153");
    EXPECT_EQ(received[1].online, 1);
    EXPECT_EQ(received[1].total, 1);
    ASSIGN_OR_FAIL(auto all, ps::ReceivedByProcedure(*tx, {agency_, other_}, At(kFrom), At(kTo)));
    ASSERT_EQ(all.size(), 3U);
    EXPECT_EQ(all[2].settling_unit_id, other_);
    EXPECT_EQ(all[2].online, 0);
    EXPECT_EQ(all[2].total, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProcedureStatsTest, ::testing::ValuesIn(Backends()),
                         BackendName);

}  // namespace
}  // namespace motcua::store::testing
