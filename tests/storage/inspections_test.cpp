// Contract of store::inspections (inspections.hpp; issue #7), on every backend: plans and
// inspections round-trip with their teams, versions guard concurrent edits, the history is
// append-only in order, the checklist keeps pre-filled figures and findings, conclusions and the
// remediation report are stored once, and the remediation list finds what is due.
#include "store/inspections.hpp"

#include "storage_test_support.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

namespace ins = domain::inspection;

class InspectionsStoreTest : public StoreTest {
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

    ins::Plan SamplePlan() const {
        ins::Plan p;
        p.year = 2026;
        p.inspecting_unit_id = province_;
        p.title = "Kế hoạch kiểm tra công tác kiểm soát TTHC năm 2026";
        p.decision_number = "20/KH-UBND";
        p.decision_date = D(2026, 1, 21);
        p.checklist = "s3";
        return p;
    }

    std::int64_t province_ = 0;
    std::int64_t agency_ = 0;
};

TEST_P(InspectionsStoreTest, PlanAndInspectionRoundTrip) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t plan_id,
                   inspections::CreatePlan(*tx, SamplePlan(), std::nullopt, At(1'767'225'600)));
    ASSIGN_OR_FAIL(auto plan, inspections::GetPlan(*tx, plan_id));
    ASSERT_TRUE(plan.has_value());
    EXPECT_EQ(plan->title, SamplePlan().title);
    EXPECT_EQ(plan->decision_date, D(2026, 1, 21));
    EXPECT_EQ(plan->version, 1);

    ins::Inspection i;
    i.plan_id = plan_id;
    i.inspected_unit_id = agency_;
    i.kind = ins::Kind::kSudden;
    i.quarter = 2;
    i.start = D(2026, 5, 11);
    i.end = D(2026, 5, 12);
    i.team = {{"Trần Thị Lãnh", "Phó Chánh Văn phòng", true}, {"Lê Văn Kiểm", "Công chức", false}};
    ASSIGN_OR_FAIL(const std::int64_t id, inspections::AddInspection(*tx, i, At(1'767'225'600)));
    ASSIGN_OR_FAIL(auto got, inspections::GetInspection(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->kind, ins::Kind::kSudden);
    EXPECT_EQ(got->inspected_unit_type, "agency");
    EXPECT_EQ(got->inspected_parent_id, province_);
    EXPECT_EQ(got->start, D(2026, 5, 11));
    EXPECT_EQ(got->state, ins::State::kPlanned);
    ASSERT_EQ(got->team.size(), 2U);
    EXPECT_TRUE(got->team[0].leader);
    EXPECT_EQ(got->team[1].name, "Lê Văn Kiểm");
    ASSIGN_OR_FAIL(auto listed, inspections::PlanInspections(*tx, plan_id));
    EXPECT_EQ(listed.size(), 1U);
    ASSIGN_OR_FAIL(auto of_unit, inspections::UnitInspections(*tx, {agency_}));
    EXPECT_EQ(of_unit.size(), 1U);
    ASSIGN_OR_FAIL(auto none, inspections::GetInspection(*tx, id + 100));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_FAIL(auto plans, inspections::ListPlans(*tx, 2026));
    EXPECT_EQ(plans.size(), 1U);
    ASSIGN_OR_FAIL(auto other_year, inspections::ListPlans(*tx, 2025));
    EXPECT_TRUE(other_year.empty());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(InspectionsStoreTest, UnknownUnitIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ins::Plan p = SamplePlan();
    p.inspecting_unit_id = 9999;
    auto created = inspections::CreatePlan(*tx, p, std::nullopt, At(1'767'225'600));
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, base::ErrorCode::kFailedPrecondition);
}

TEST_P(InspectionsStoreTest, VersionsGuardEdits) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t plan_id,
                   inspections::CreatePlan(*tx, SamplePlan(), std::nullopt, At(1'767'225'600)));
    ins::Plan p = SamplePlan();
    p.id = plan_id;
    p.title = "Kế hoạch đã sửa";
    ASSIGN_OR_FAIL(const std::int64_t v2, inspections::UpdatePlan(*tx, p, 1, At(1'767'225'700)));
    EXPECT_EQ(v2, 2);
    auto stale = inspections::UpdatePlan(*tx, p, 1, At(1'767'225'800));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, base::ErrorCode::kAborted);
    p.id = plan_id + 50;
    auto missing = inspections::UpdatePlan(*tx, p, 1, At(1'767'225'800));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);
    ASSIGN_OR_FAIL(auto stored, inspections::GetPlan(*tx, plan_id));
    EXPECT_EQ(stored->title, "Kế hoạch đã sửa");

    ins::Inspection i;
    i.plan_id = plan_id;
    i.inspected_unit_id = agency_;
    i.start = D(2026, 5, 11);
    ASSIGN_OR_FAIL(const std::int64_t id, inspections::AddInspection(*tx, i, At(1'767'225'600)));
    ASSIGN_OR_FAIL(auto got, inspections::GetInspection(*tx, id));
    got->state = ins::State::kRemediationDue;
    got->concluded_on = D(2026, 5, 20);
    got->conclusion_received_on = D(2026, 5, 21);
    got->remediation_due = D(2026, 7, 2);
    ASSIGN_OR_FAIL(const std::int64_t v, inspections::SaveCycle(*tx, *got));
    EXPECT_EQ(v, 2);
    auto again = inspections::SaveCycle(*tx, *got);  // still version 1: stale
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, base::ErrorCode::kAborted);
    ASSIGN_OR_FAIL(auto saved, inspections::GetInspection(*tx, id));
    EXPECT_EQ(saved->state, ins::State::kRemediationDue);
    EXPECT_EQ(saved->remediation_due, D(2026, 7, 2));
    ASSIGN_OR_FAIL(auto due, inspections::RemediationDue(*tx, D(2026, 7, 2)));
    ASSERT_EQ(due.size(), 1U);
    EXPECT_EQ(due[0].id, id);
    ASSIGN_OR_FAIL(auto not_yet, inspections::RemediationDue(*tx, D(2026, 7, 1)));
    EXPECT_TRUE(not_yet.empty());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(InspectionsStoreTest, HistoryChecklistConclusionsRemediation) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t plan_id,
                   inspections::CreatePlan(*tx, SamplePlan(), std::nullopt, At(1'767'225'600)));
    ins::Inspection i;
    i.plan_id = plan_id;
    i.inspected_unit_id = agency_;
    i.quarter = 3;
    ASSIGN_OR_FAIL(const std::int64_t id, inspections::AddInspection(*tx, i, At(1'767'225'600)));

    inspections::Event e;
    e.action = "notify";
    e.on = D(2026, 6, 1);
    e.at = At(1'780'000'000);
    e.actor_name = "kiemsoat";
    e.note = "Thông báo số 12/TB-VP";
    e.documents_json = R"(["12/TB-VP"])";
    ASSIGN_OR_FAIL(const std::int64_t s1, inspections::AppendEvent(*tx, id, e));
    e.action = "record_minutes";
    ASSIGN_OR_FAIL(const std::int64_t s2, inspections::AppendEvent(*tx, id, e));
    EXPECT_EQ(s1, 1);
    EXPECT_EQ(s2, 2);
    ASSIGN_OR_FAIL(auto events, inspections::Events(*tx, id));
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].action, "notify");
    EXPECT_EQ(events[0].documents_json, R"(["12/TB-VP"])");
    EXPECT_EQ(events[1].on, D(2026, 6, 1));

    ASSERT_TRUE(IsOk(inspections::PutChecklist(
        *tx, id,
        {{"s3.a", "a", "Chỉ đạo, điều hành", "", "", "", {}, {}},
         {"s3.d", "d", "Giải quyết TTHC", "overdue", R"({"overdue":3})", "", {}, {}}})));
    ASSERT_TRUE(IsOk(inspections::SetFinding(*tx, id, "s3.d", "3 hồ sơ quá hạn chưa xin lỗi",
                                             std::nullopt, At(1'780'000'100))));
    auto unknown = inspections::SetFinding(*tx, id, "s3.z", "x", std::nullopt, At(1'780'000'100));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, base::ErrorCode::kNotFound);
    ASSERT_TRUE(IsOk(inspections::SetPrefilled(*tx, id, "s3.d", R"({"overdue":4})")));
    ASSIGN_OR_FAIL(auto items, inspections::Checklist(*tx, id));
    ASSERT_EQ(items.size(), 2U);
    EXPECT_EQ(items[0].key, "s3.a");
    EXPECT_EQ(items[1].prefilled_json, R"({"overdue":4})");
    EXPECT_EQ(items[1].finding, "3 hồ sơ quá hạn chưa xin lỗi");
    EXPECT_TRUE(items[1].updated_at.has_value());

    ASSERT_TRUE(IsOk(inspections::PutConclusion(
        *tx, id, {"final", "5/KL-VP", D(2026, 6, 20), "Kết luận", false, {}, At(1'780'000'200)})));
    ASSERT_TRUE(IsOk(inspections::PutConclusion(
        *tx, id, {"draft", "", D(2026, 6, 10), "Dự thảo", false, {}, At(1'780'000'150)})));
    ASSIGN_OR_FAIL(auto conclusions, inspections::Conclusions(*tx, id));
    ASSERT_EQ(conclusions.size(), 2U);
    EXPECT_EQ(conclusions[0].kind, "draft");
    EXPECT_EQ(conclusions[1].number, "5/KL-VP");

    ASSIGN_OR_FAIL(auto no_report, inspections::Remediation(*tx, id));
    EXPECT_FALSE(no_report.has_value());
    ASSERT_TRUE(IsOk(inspections::PutRemediation(
        *tx, id, {"", "9/BC-STP", D(2026, 7, 30), "Đã khắc phục", true, {}, At(1'780'000'300)})));
    ASSIGN_OR_FAIL(auto report, inspections::Remediation(*tx, id));
    ASSERT_TRUE(report.has_value());
    EXPECT_TRUE(report->late);
    EXPECT_EQ(report->number, "9/BC-STP");
    ASSERT_TRUE(IsOk(tx->Commit()));

    ASSIGN_OR_FAIL(auto tx2, db_->Begin(TxMode::kWrite));
    auto twice = inspections::PutRemediation(
        *tx2, id, {"", "10/BC-STP", D(2026, 7, 31), "Lần hai", false, {}, At(1'780'000'400)});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, base::ErrorCode::kAlreadyExists);
}

INSTANTIATE_TEST_SUITE_P(Backends, InspectionsStoreTest, ::testing::ValuesIn(Backends()),
                         BackendName);

}  // namespace
}  // namespace motcua::store::testing
