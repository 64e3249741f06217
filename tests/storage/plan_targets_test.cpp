// Contract of store::plan_targets (plan_targets.hpp; issue #6), on every backend: target sets
// round-trip, a new key is refused when taken and a replacement bumps the version, and the reads
// of the evaluation (catalogue levels, desks' receipts and staff, the dossiers behind a failure).
#include "store/plan_targets.hpp"

#include "storage_test_support.hpp"
#include "store/dossiers.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

namespace motcua::store::testing {
namespace {

namespace pt = domain::plan_targets;

pt::Plan SamplePlan() {
    pt::Plan p;
    p.key = "KH-KSTT-2026";
    p.title = "Kế hoạch kiểm soát TTHC năm 2026";
    p.year = 2026;
    p.issuing_unit_code = "46";
    p.targets = {
        {pt::Metric::kResultsDigitised,
         "",
         pt::Comparator::kAtLeast,
         10000,
         {"Kế hoạch số 1/KH-UBND", "III.3", "Số hóa 100% kết quả TTHC"}},
        {pt::Metric::kWaitingMinutes, "", pt::Comparator::kAtMost, 15, {"KH", "III.2", "15 phút"}},
        {pt::Metric::kDeskProductivity, "rural", pt::Comparator::kAtLeast, 1200, {"KH", "", ""}},
    };
    p.areas = {{"46.TTPVHCC", "rural"}};
    return p;
}

class PlanTargetsTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto desk,
                       units::Insert(*tx, MakeUnit("46.TTPVHCC", domain::UnitType::kAgency,
                                                   province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency, units::Insert(*tx, MakeUnit("46.STP", domain::UnitType::kAgency,
                                                                province.id, D(2025, 7, 1))));
        province_ = province.id;
        desk_ = desk.id;
        agency_ = agency.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    // A dossier received at the desk at `received` (unix seconds), settled by the agency.
    std::int64_t AddDossier(Transaction& tx, std::string code, std::int64_t received,
                            std::optional<std::int64_t> finished) {
        domain::Dossier d;
        d.code = std::move(code);
        d.rule_set_id = "nd118-2025";
        d.procedure_code = "1.001193";
        d.receiving_unit_id = desk_;
        d.settling_unit_id = agency_;
        d.current_unit_id = agency_;
        d.channel = domain::Channel::kDirect;
        d.applicant.name = "Nguyễn Văn An";
        d.state = finished ? domain::DossierState::kReturned : domain::DossierState::kProcessing;
        d.received_at = At(received);
        d.appointment_at = At(received + 864'000);
        if (finished) {
            d.finished_at = At(*finished);
            d.result_kind = "issued";
            d.timing = domain::Timing::kOnTime;
        }
        d.fee_amount = 50000;
        d.created_at = At(received);
        d.updated_at = d.created_at;
        d.version = 1;
        auto id = dossiers::Insert(tx, d);
        EXPECT_TRUE(IsOk(id));
        return id ? *id : 0;
    }

    std::int64_t province_ = 0;
    std::int64_t desk_ = 0;
    std::int64_t agency_ = 0;
};

TEST_P(PlanTargetsTest, PlansRoundTripAndReplace) {
    const pt::Plan plan = SamplePlan();
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(
            auto r, plan_targets::Put(*tx, plan, province_, true, std::nullopt, At(1'790'000'000)));
        EXPECT_EQ(r.version, 1);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
        ASSIGN_OR_FAIL(auto got, plan_targets::Get(*tx, plan.key));
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->plan, plan);
        EXPECT_EQ(got->issuing_unit_id, province_);
        EXPECT_EQ(got->updated_at, At(1'790'000'000));
        ASSIGN_OR_FAIL(auto none, plan_targets::Get(*tx, "KH-NONE"));
        EXPECT_FALSE(none.has_value());
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(
            HasCode(plan_targets::Put(*tx, plan, province_, true, std::nullopt, At(1'790'000'100)),
                    base::ErrorCode::kAlreadyExists));
    }
    pt::Plan smaller = plan;
    smaller.title = "Kế hoạch sửa đổi";
    smaller.targets.resize(1);
    smaller.targets[0].value = 9500;
    smaller.areas.clear();
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto r, plan_targets::Put(*tx, smaller, province_, false, std::int64_t{7},
                                                 At(1'790'000'200)));
        EXPECT_EQ(r.version, 2);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto got, plan_targets::Get(*tx, plan.key));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->plan, smaller);
    EXPECT_EQ(got->version, 2);
    EXPECT_EQ(got->updated_by, std::optional<std::int64_t>{7});
    ASSIGN_OR_FAIL(auto list, plan_targets::List(*tx));
    ASSERT_EQ(list.size(), 1U);
    EXPECT_EQ(list[0].key, plan.key);
    EXPECT_EQ(list[0].targets, 1);
    EXPECT_EQ(list[0].version, 2);
    EXPECT_EQ(list[0].year, 2026);
}

TEST_P(PlanTargetsTest, AnUnknownIssuingUnitIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(
        plan_targets::Put(*tx, SamplePlan(), 999'999, false, std::nullopt, At(1'790'000'000)),
        base::ErrorCode::kFailedPrecondition));
}

TEST_P(PlanTargetsTest, ReadsOfTheEvaluation) {
    // Window: Vietnam October 2026 = [2026-09-30T17:00Z, 2026-10-31T17:00Z).
    const std::int64_t from = 1'790'787'600;  // 2026-10-01T00:00+07:00
    const std::int64_t to = from + 31 * 86'400;
    std::int64_t inside = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        inside = AddDossier(*tx, "46.TTPVHCC-261005-0001", from + 4 * 86'400, from + 6 * 86'400);
        AddDossier(*tx, "46.TTPVHCC-260905-0001", from - 20 * 86'400, std::nullopt);
        AddDossier(*tx, "46.TTPVHCC-261101-0001", to, std::nullopt);  // first instant after
        ASSIGN_OR_FAIL(
            auto officer,
            users::Insert(
                *tx, MakeUser("motcua", {domain::RoleGrant{domain::Role::kDeskOfficer, desk_}})));
        ASSIGN_OR_FAIL(
            auto other,
            users::Insert(*tx, MakeUser("chuyenvien",
                                        {domain::RoleGrant{domain::Role::kSpecialist, desk_}})));
        domain::User gone =
            MakeUser("nghiviec", {domain::RoleGrant{domain::Role::kDeskOfficer, desk_}});
        gone.active = false;  // an inactive account is not staff
        ASSERT_TRUE(IsOk(users::Insert(*tx, gone)));
        (void)officer;
        (void)other;
        domain::Procedure full = MakeProcedure("1.000001", "Thủ tục A", "Hộ tịch", D(2025, 1, 1));
        domain::Procedure partial =
            MakeProcedure("1.000002", "Thủ tục B", "Hộ tịch", D(2025, 1, 1));
        partial.online_level = domain::OnlineLevel::kPartial;
        domain::Procedure later = partial;  // a later version makes it full-process
        later.effective_from = D(2027, 1, 1);
        later.online_level = domain::OnlineLevel::kFull;
        for (const domain::Procedure& p : {full, partial, later}) {
            ASSERT_TRUE(IsOk(procedures::Insert(*tx, p, p.code)));
        }
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto catalogue, plan_targets::Catalogue(*tx, D(2026, 10, 31)));
    ASSERT_EQ(catalogue.size(), 2U);
    EXPECT_EQ(catalogue[0].code, "1.000001");
    EXPECT_EQ(catalogue[0].online_level, "full");
    EXPECT_EQ(catalogue[1].online_level, "partial");  // the 2027 version is not in force yet
    EXPECT_EQ(catalogue[1].levels, std::vector<std::string>{"commune"});
    ASSIGN_OR_FAIL(auto in_2027, plan_targets::Catalogue(*tx, D(2027, 3, 1)));
    EXPECT_EQ(in_2027[1].online_level, "full");

    ASSIGN_OR_FAIL(auto active, plan_targets::ActiveUnits(*tx));
    EXPECT_EQ(active,
              (std::vector<std::int64_t>{std::min(desk_, agency_), std::max(desk_, agency_)}));
    ASSIGN_OR_FAIL(auto received,
                   plan_targets::DeskReceived(*tx, {province_, desk_, agency_}, At(from), At(to)));
    EXPECT_EQ(received, (std::map<std::int64_t, std::int64_t>{{desk_, 1}}));
    ASSIGN_OR_FAIL(auto staff, plan_targets::DeskStaff(*tx, {province_, desk_, agency_}));
    EXPECT_EQ(staff, (std::map<std::int64_t, std::int64_t>{{desk_, 1}}));

    plan_targets::FailureQuery q;
    q.settling_units = {agency_};
    q.from = At(from);
    q.to = At(to);
    for (pt::Metric m : {pt::Metric::kResultsDigitised, pt::Metric::kComponentsDigitised,
                         pt::Metric::kDataReuse, pt::Metric::kOnlinePaymentShare}) {
        q.metric = m;
        ASSIGN_OR_FAIL(auto page, plan_targets::FailingDossiers(*tx, q));
        EXPECT_EQ(page.total, 1) << pt::MetricName(m);
        ASSERT_EQ(page.items.size(), 1U) << pt::MetricName(m);
        EXPECT_EQ(page.items[0].code, "46.TTPVHCC-261005-0001");
        EXPECT_EQ(page.items[0].settling_unit_code, "46.STP");
        EXPECT_EQ(page.items[0].procedure_code, "1.001193");
        EXPECT_EQ(page.items[0].received_at, At(from + 4 * 86'400));
    }
    (void)inside;
    q.metric = pt::Metric::kSatisfaction;
    ASSIGN_OR_FAIL(auto none, plan_targets::FailingDossiers(*tx, q));
    EXPECT_EQ(none.total, 0);
    q.metric = pt::Metric::kOnlineDossierShare;
    q.procedures = {"1.001193"};
    ASSIGN_OR_FAIL(auto offline, plan_targets::FailingDossiers(*tx, q));
    EXPECT_EQ(offline.total, 1);  // received in person for a procedure offered online
    q.procedures = {"1.000001"};
    ASSIGN_OR_FAIL(auto other, plan_targets::FailingDossiers(*tx, q));
    EXPECT_EQ(other.total, 0);
    // The limit caps the list, not the total.
    q.metric = pt::Metric::kDataReuse;
    q.from = At(from - 30 * 86'400);
    q.to = At(to + 1);
    q.limit = 2;
    ASSIGN_OR_FAIL(auto capped, plan_targets::FailingDossiers(*tx, q));
    EXPECT_EQ(capped.total, 3);
    EXPECT_EQ(capped.items.size(), 2U);
    q.metric = pt::Metric::kWaitingMinutes;
    EXPECT_TRUE(HasCode(plan_targets::FailingDossiers(*tx, q), base::ErrorCode::kInvalidArgument));
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanTargetsTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace motcua::store::testing
