// Contract of store::impact_assessments and store::review_plans (issue #8, engineer G;
// migration 0019), on every backend: assessments and plans round-trip with their JSON texts and
// items in order, versions guard concurrent edits (stale → kAborted, unknown → kNotFound), an
// update replaces a plan's items, unknown units are refused and lists filter by unit.
#include "storage_test_support.hpp"
#include "store/impact_assessments.hpp"
#include "store/publication_decisions.hpp"
#include "store/review_plans.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

class ControlStoreTest : public StoreTest {
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

    impact_assessments::Assessment Sample() const {
        impact_assessments::Assessment a;
        a.unit_id = agency_;
        a.draft_name = "Dự thảo Quyết định quy định thủ tục";
        a.draft_number = "DT-1/2026";
        a.procedure_name = "Hỗ trợ chuyển đổi số";
        a.procedure_field = "Kế hoạch và đầu tư";
        a.subjects = "Hộ kinh doanh";
        a.frequency = "1 lần/năm";
        a.answers_json = R"({"necessity.goal":{"answer":"yes","note":"Quản lý"}})";
        a.cost_inputs_json = R"({"hourly_income":25000,"subjects":3228})";
        a.created_at = At(1'767'225'600);
        a.updated_at = a.created_at;
        return a;
    }

    review_plans::Plan SamplePlan() const {
        review_plans::Plan p;
        p.unit_id = province_;
        p.year = 2026;
        p.title = "Kế hoạch rà soát TTHC năm 2026";
        p.decision_number = "45/KH-UBND";
        p.created_at = At(1'767'225'600);
        p.updated_at = p.created_at;
        p.items = {{"1.000110", "Đăng ký khai sinh", R"({"documents_cut":2})", "CSDL dân cư",
                    R"({"hourly_income":25000})", R"({"hourly_income":25000,"fees":0})"},
                   {"1.000094", "Đăng ký kết hôn", "{}", "", "{}", "{}"}};
        return p;
    }

    std::int64_t province_ = 0;
    std::int64_t agency_ = 0;
};

TEST_P(ControlStoreTest, AssessmentRoundTripAndVersions) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id, impact_assessments::Insert(*tx, Sample()));
    ASSIGN_OR_FAIL(auto got, impact_assessments::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->draft_name, Sample().draft_name);
    EXPECT_EQ(got->answers_json, Sample().answers_json);
    EXPECT_EQ(got->cost_inputs_json, Sample().cost_inputs_json);
    EXPECT_EQ(got->state, "draft");
    EXPECT_EQ(got->version, 1);
    EXPECT_FALSE(got->reviewed_at.has_value());

    got->state = "reviewed";
    got->reviewer_opinion = "Đồng ý";
    got->reviewed_at = At(1'767'300'000);
    ASSIGN_OR_FAIL(const std::int64_t v2, impact_assessments::Update(*tx, *got, 1));
    EXPECT_EQ(v2, 2);
    const auto stale = impact_assessments::Update(*tx, *got, 1);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, base::ErrorCode::kAborted);
    ASSIGN_OR_FAIL(auto again, impact_assessments::Get(*tx, id));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->state, "reviewed");
    EXPECT_EQ(again->reviewer_opinion, "Đồng ý");
    EXPECT_EQ(again->reviewed_at, At(1'767'300'000));
    got->id = id + 100;
    const auto missing = impact_assessments::Update(*tx, *got, 2);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, base::ErrorCode::kNotFound);

    ASSIGN_OR_FAIL(auto of_agency, impact_assessments::List(*tx, {agency_}));
    EXPECT_EQ(of_agency.size(), 1U);
    ASSIGN_OR_FAIL(auto of_province, impact_assessments::List(*tx, {province_}));
    EXPECT_TRUE(of_province.empty());
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(ControlStoreTest, AssessmentOfAnUnknownUnitIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    auto a = Sample();
    a.unit_id = 987654;
    const auto r = impact_assessments::Insert(*tx, a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, base::ErrorCode::kFailedPrecondition);
}

TEST_P(ControlStoreTest, PlanRoundTripItemsReplacedAndVersions) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(const std::int64_t id, review_plans::Insert(*tx, SamplePlan()));
    ASSIGN_OR_FAIL(auto got, review_plans::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    ASSERT_EQ(got->items.size(), 2U);
    EXPECT_EQ(got->items[0].procedure_code, "1.000110");
    EXPECT_EQ(got->items[0].changes_json, R"({"documents_cut":2})");
    EXPECT_EQ(got->items[0].cost_after_json, R"({"hourly_income":25000,"fees":0})");
    EXPECT_EQ(got->items[1].procedure_code, "1.000094");
    EXPECT_EQ(got->state, "proposed");
    EXPECT_FALSE(got->approved_on.has_value());

    got->state = "approved";
    got->approved_by = "Chủ tịch UBND";
    got->approval_decision = "123/QĐ-UBND";
    got->approved_on = D(2026, 4, 1);
    got->items.pop_back();
    ASSIGN_OR_FAIL(const std::int64_t v2, review_plans::Update(*tx, *got, 1));
    EXPECT_EQ(v2, 2);
    ASSIGN_OR_FAIL(auto again, review_plans::Get(*tx, id));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->items.size(), 1U);
    EXPECT_EQ(again->approved_on, D(2026, 4, 1));
    EXPECT_EQ(again->approval_decision, "123/QĐ-UBND");
    const auto stale = review_plans::Update(*tx, *got, 1);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, base::ErrorCode::kAborted);

    auto other = SamplePlan();
    other.unit_id = agency_;
    other.year = 2025;
    ASSERT_TRUE(IsOk(review_plans::Insert(*tx, other)));
    ASSIGN_OR_FAIL(auto all, review_plans::List(*tx, {}));
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].year, 2026);  // newest year first
    ASSIGN_OR_FAIL(auto of_agency, review_plans::List(*tx, {agency_}));
    ASSERT_EQ(of_agency.size(), 1U);
    EXPECT_EQ(of_agency[0].items.size(), 2U);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

// Migration 0025: an implemented plan keeps the id of the stored publication decision (and its
// number as text); NULL when none was chosen; an id that is not a stored decision is refused by
// the foreign key.
TEST_P(ControlStoreTest, PlanLinksAStoredPublicationDecision) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    publication_decisions::Decision d;
    d.issuing_unit_id = province_;
    d.number = "1811/QĐ-UBND";
    d.title = "Công bố danh mục TTHC được sửa đổi";
    d.state = "signed";
    d.signed_on = D(2026, 5, 4);
    d.version = 1;
    ASSIGN_OR_FAIL(const std::int64_t decision,
                   publication_decisions::Create(*tx, d, std::nullopt, At(1'767'225'600)));
    ASSIGN_OR_FAIL(const std::int64_t id, review_plans::Insert(*tx, SamplePlan()));
    ASSIGN_OR_FAIL(auto got, review_plans::Get(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_FALSE(got->publication_decision_id.has_value());
    got->state = "implemented";
    got->implemented_on = D(2026, 6, 1);
    got->publication_decision = d.number;
    got->publication_decision_id = decision;
    ASSIGN_OR_FAIL(const std::int64_t v2, review_plans::Update(*tx, *got, 1));
    EXPECT_EQ(v2, 2);
    ASSIGN_OR_FAIL(auto again, review_plans::Get(*tx, id));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->publication_decision_id, decision);
    EXPECT_EQ(again->publication_decision, "1811/QĐ-UBND");
    EXPECT_EQ(again->implemented_on, D(2026, 6, 1));
    ASSIGN_OR_FAIL(auto listed, review_plans::List(*tx, {province_}));
    ASSERT_EQ(listed.size(), 1U);
    EXPECT_EQ(listed[0].publication_decision_id, decision);
    ASSERT_TRUE(IsOk(tx->Commit()));
}

TEST_P(ControlStoreTest, PlanWithAnUnknownPublicationDecisionIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    auto plan = SamplePlan();
    plan.publication_decision_id = 987654;
    EXPECT_FALSE(review_plans::Insert(*tx, plan));
}

INSTANTIATE_TEST_SUITE_P(Backends, ControlStoreTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace motcua::store::testing
