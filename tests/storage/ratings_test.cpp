// Contract of store::ratings (ratings.hpp; issue #5), on every backend.
#include "store/ratings.hpp"

#include "storage_test_support.hpp"
#include "store/dossiers.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
namespace ev = domain::evaluation;

class RatingsTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto centre,
                       units::Insert(*tx, MakeUnit("46.TT", domain::UnitType::kServiceCentre,
                                                   province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency, units::Insert(*tx, MakeUnit("46.STP", domain::UnitType::kAgency,
                                                                province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto other, units::Insert(*tx, MakeUnit("47", domain::UnitType::kProvince,
                                                               std::nullopt, D(2025, 7, 1))));
        centre_ = centre.id;
        agency_ = agency.id;
        other_ = other.id;
        ASSIGN_OR_FAIL(auto desk, users::Insert(*tx, MakeUser("motcua")));
        ASSIGN_OR_FAIL(auto specialist, users::Insert(*tx, MakeUser("chuyenvien")));
        desk_ = desk.id;
        specialist_ = specialist.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    // A dossier received at the centre for the agency, in `state`, finished at `finished`.
    std::int64_t AddDossier(std::string code, domain::DossierState state,
                            std::optional<std::int64_t> finished, std::int64_t settling = 0) {
        domain::Dossier d;
        d.code = std::move(code);
        d.rule_set_id = "nd118-2025";
        d.procedure_code = "1.001193";
        d.procedure_name = "Đăng ký khai sinh";
        d.receiving_unit_id = centre_;
        d.settling_unit_id = settling != 0 ? settling : agency_;
        d.current_unit_id = centre_;
        d.applicant.name = "Nguyễn Văn An";
        d.state = state;
        if (finished) {
            d.finished_at = At(*finished);
        }
        d.created_at = At(1'780'000'000);
        d.updated_at = d.created_at;
        d.version = 1;
        auto tx = db_->Begin(TxMode::kWrite);
        EXPECT_TRUE(IsOk(tx));
        auto id = dossiers::Insert(**tx, d);
        EXPECT_TRUE(IsOk(id));
        EXPECT_TRUE(IsOk((*tx)->Commit()));
        return id ? *id : 0;
    }

    ratings::Rating Rating(std::int64_t dossier) const {
        ratings::Rating r;
        r.dossier_id = dossier;
        r.rated_by_user_id = desk_;
        r.channel = ev::RatingChannel::kPaper;
        r.answers.satisfaction = ev::Satisfaction::kVerySatisfied;
        r.answers.contacts = 1;
        r.answers.bodies_contacted = 2;
        r.answers.complaint = true;
        r.answers.comment = "Cán bộ hướng dẫn tận tình";
        r.rated_at = At(1'780'100'000);
        r.settling_unit_id = agency_;
        r.receiving_unit_id = centre_;
        r.officer_ids = {specialist_, desk_, desk_};
        return r;
    }

    std::int64_t centre_ = 0;
    std::int64_t agency_ = 0;
    std::int64_t other_ = 0;
    std::int64_t desk_ = 0;
    std::int64_t specialist_ = 0;
};
INSTANTIATE_TEST_SUITE_P(Backends, RatingsTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(RatingsTest, InsertThenGetWithOfficers) {
    const std::int64_t dossier =
        AddDossier("46.TT-261101-0001", domain::DossierState::kReturned, 1'780'050'000);
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(ratings::Insert(*tx, Rating(dossier))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto got, ratings::Get(*tx, dossier));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->dossier_id, dossier);
    EXPECT_EQ(got->rated_by_user_id, desk_);
    EXPECT_EQ(got->channel, ev::RatingChannel::kPaper);
    EXPECT_EQ(got->answers, Rating(dossier).answers);
    EXPECT_EQ(got->rated_at, At(1'780'100'000));
    EXPECT_EQ(got->settling_unit_id, agency_);
    EXPECT_EQ(got->receiving_unit_id, centre_);
    std::vector<std::int64_t> officers{desk_, specialist_};
    std::sort(officers.begin(), officers.end());
    EXPECT_EQ(got->officer_ids, officers);
    ASSIGN_OR_FAIL(auto none, ratings::Get(*tx, dossier + 1000));
    EXPECT_FALSE(none.has_value());
}

TEST_P(RatingsTest, SecondRatingOfADossierIsRefusedAndWritesNothing) {
    const std::int64_t dossier =
        AddDossier("46.TT-261101-0002", domain::DossierState::kReturned, 1'780'050'000);
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(ratings::Insert(*tx, Rating(dossier))));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ratings::Rating again = Rating(dossier);
        again.answers.satisfaction = ev::Satisfaction::kDissatisfied;
        const base::Status second = ratings::Insert(*tx, again);
        ASSERT_TRUE(HasCode(second, ErrorCode::kAlreadyExists));
        EXPECT_NE(second.error().message.find("đã được đánh giá"), std::string::npos);
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto got, ratings::Get(*tx, dossier));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->answers.satisfaction, ev::Satisfaction::kVerySatisfied);
}

TEST_P(RatingsTest, UnknownDossierOrOutOfRangeValueIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(ratings::Insert(*tx, Rating(987654)), ErrorCode::kFailedPrecondition));
}

TEST_P(RatingsTest, CheckConstraintsGuardTheColumns) {
    const std::int64_t dossier =
        AddDossier("46.TT-261101-0003", domain::DossierState::kReturned, 1'780'050'000);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ratings::Rating r = Rating(dossier);
    r.answers.contacts = 100;
    EXPECT_TRUE(HasCode(ratings::Insert(*tx, r), ErrorCode::kFailedPrecondition));
}

TEST_P(RatingsTest, ReturnedDossiersOfUnitsInAPeriod) {
    const std::int64_t a =
        AddDossier("46.TT-261101-0004", domain::DossierState::kReturned, 1'780'050'000);
    const std::int64_t b =
        AddDossier("46.TT-261101-0005", domain::DossierState::kReturned, 1'780'040'000);
    AddDossier("46.TT-261101-0006", domain::DossierState::kProcessing, std::nullopt);
    AddDossier("46.TT-261101-0007", domain::DossierState::kRefused, 1'780'050'000);
    AddDossier("46.TT-261101-0008", domain::DossierState::kReturned, 1'790'000'000);  // later
    const std::int64_t elsewhere =
        AddDossier("46.TT-261101-0009", domain::DossierState::kReturned, 1'780'050'001, other_);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto ids, ratings::ReturnedDossiers(*tx, {agency_}, At(1'780'000'000),
                                                       At(1'781'000'000), 100));
    EXPECT_EQ(ids, (std::vector<std::int64_t>{b, a}));  // oldest first
    // Received at the centre: all three, whatever the settling unit.
    ASSIGN_OR_FAIL(auto at_centre, ratings::ReturnedDossiers(*tx, {centre_}, At(1'780'000'000),
                                                             At(1'781'000'000), 100));
    EXPECT_EQ(at_centre, (std::vector<std::int64_t>{b, a, elsewhere}));
    ASSIGN_OR_FAIL(
        auto limited,
        ratings::ReturnedDossiers(*tx, {agency_, other_}, At(1'780'000'000), At(1'781'000'000), 1));
    EXPECT_EQ(limited, (std::vector<std::int64_t>{b}));
    ASSIGN_OR_FAIL(auto none, ratings::ReturnedDossiers(*tx, {}, At(0), At(2'000'000'000), 10));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_FAIL(auto rated, ratings::ForDossiers(*tx, {a, b}));
    EXPECT_TRUE(rated.empty());
}

TEST_P(RatingsTest, UnitFactsLatestInForce) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ratings::UnitFactsRecord r;
        r.unit_id = agency_;
        r.effective_from = D(2026, 1, 1);
        r.facts.published_posted = true;
        r.facts.published_electronic = false;
        r.facts.pakn_received = 4;
        r.facts.pakn_on_time = 3;
        r.recorded_by_user_id = desk_;
        r.recorded_at = At(1'770'000'000);
        ASSERT_TRUE(IsOk(ratings::PutUnitFacts(*tx, r)));
        r.effective_from = D(2026, 7, 1);
        r.facts.listed_procedures = 50;
        r.facts.fully_at_desk_procedures = 12;
        r.facts.published_electronic = true;
        ASSERT_TRUE(IsOk(ratings::PutUnitFacts(*tx, r)));
        r.facts.fully_at_desk_procedures = 10;  // replaces the same date
        ASSERT_TRUE(IsOk(ratings::PutUnitFacts(*tx, r)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto before, ratings::UnitFactsOn(*tx, agency_, D(2025, 12, 31)));
    EXPECT_FALSE(before.has_value());
    ASSIGN_OR_FAIL(auto first, ratings::UnitFactsOn(*tx, agency_, D(2026, 6, 30)));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->effective_from, D(2026, 1, 1));
    EXPECT_EQ(first->facts.published_electronic, false);
    EXPECT_FALSE(first->facts.listed_procedures.has_value());
    EXPECT_EQ(first->facts.pakn_received, 4);
    EXPECT_EQ(first->facts.pakn_on_time, 3);
    ASSIGN_OR_FAIL(auto second, ratings::UnitFactsOn(*tx, agency_, D(2026, 11, 30)));
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->facts.listed_procedures, 50);
    EXPECT_EQ(second->facts.fully_at_desk_procedures, 10);
    EXPECT_EQ(second->facts.published_electronic, true);
    EXPECT_EQ(second->recorded_by_user_id, desk_);
    ASSIGN_OR_FAIL(auto other, ratings::UnitFactsOn(*tx, other_, D(2026, 11, 30)));
    EXPECT_FALSE(other.has_value());
}

}  // namespace
}  // namespace motcua::store::testing
