// Contract of store::plans (plans.hpp; issue #7), on every backend: a plan round-trips with its
// sections, tasks, deliverables, assignments, unmatched names and problems; a unit's decision
// number is unique; the version guards concurrent edits; progress is append-only history.
#include "store/plans.hpp"

#include <array>

#include "storage_test_support.hpp"
#include "store/inspections.hpp"
#include "store/units.hpp"

namespace motcua::store::testing {
namespace {

class PlansStoreTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto province, units::Insert(*tx, MakeUnit("46", domain::UnitType::kProvince,
                                                                  std::nullopt, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto agency,
                       units::Insert(*tx, MakeUnit("46.SOTP", domain::UnitType::kAgency,
                                                   province.id, D(2025, 7, 1))));
        ASSIGN_OR_FAIL(auto commune,
                       units::Insert(*tx, MakeUnit("19753", domain::UnitType::kCommune, province.id,
                                                   D(2025, 7, 1))));
        province_ = province.id;
        agency_ = agency.id;
        commune_ = commune.id;
        ASSERT_TRUE(IsOk(tx->Commit()));
    }

    plans::Head SampleHead() const {
        plans::Head h;
        h.issuing_unit_id = province_;
        h.title = "Kế hoạch kiểm soát TTHC năm 2024";
        h.decision_number = "12/QĐ-UBND";
        h.decision_date = "2024-01-18";
        h.year = 2024;
        h.format = "tsv";
        h.created_by = std::nullopt;
        h.created_at = At(1'700'000'000);
        h.updated_at = h.created_at;
        return h;
    }

    std::int64_t province_ = 0;
    std::int64_t agency_ = 0;
    std::int64_t commune_ = 0;
};

TEST_P(PlansStoreTest, PlanRoundTripsWithItsTree) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(std::int64_t plan_id, plans::InsertHead(*tx, SampleHead()));
    plans::Section s;
    s.number = "II";
    s.title = "Công bố, công khai TTHC";
    s.line = 40;
    ASSIGN_OR_FAIL(std::int64_t section_id, plans::InsertSection(*tx, plan_id, 0, s));
    plans::Task t;
    t.number = "1";
    t.group = "";
    t.content = "Rà soát, đánh giá TTHC";
    t.line = 41;
    ASSIGN_OR_FAIL(std::int64_t task_id, plans::InsertTask(*tx, plan_id, section_id, 0, t));
    plans::Deliverable d;
    d.line = 41;
    d.product = "Báo cáo rà soát";
    d.lead_raw = "Sở Tư pháp";
    d.lead_names = {"Sở Tư pháp"};
    d.cooperating_raw = "UBND các xã, phường; Sở Thông tin và Truyền thông";
    d.cooperating_names = {"UBND các xã, phường", "Sở Thông tin và Truyền thông"};
    d.deadline_phrase = "Quý I và Quý II năm 2024";
    d.deadline_kind = "date";
    d.due = {D(2024, 3, 29), D(2024, 6, 28)};
    d.recurrence = "none";
    d.deadline_note = "by quarter";
    d.assignments = {{agency_, "lead"}, {commune_, "cooperating"}, {agency_, "lead"}};
    ASSIGN_OR_FAIL(std::int64_t deliverable_id,
                   plans::InsertDeliverable(*tx, plan_id, task_id, 0, d));
    ASSIGN_OR_FAIL(std::int64_t unmatched_id,
                   plans::InsertUnmatched(*tx, plan_id, deliverable_id, "cooperating",
                                          "Sở Thông tin và Truyền thông"));
    ASSIGN_OR_FAIL(std::int64_t problem_id,
                   plans::InsertProblem(*tx, plan_id, 1127, "ô thời hạn bị gộp"));
    ASSERT_TRUE(IsOk(tx->Commit()));

    ASSIGN_OR_FAIL(auto rtx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto got, plans::Get(*rtx, plan_id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->head.decision_number, "12/QĐ-UBND");
    EXPECT_EQ(got->head.decision_date, "2024-01-18");
    EXPECT_EQ(got->head.status, "draft");
    EXPECT_EQ(got->head.version, 1);
    EXPECT_FALSE(got->head.parent_plan_id.has_value());
    ASSERT_EQ(got->sections.size(), 1U);
    EXPECT_EQ(got->sections[0].title, "Công bố, công khai TTHC");
    ASSERT_EQ(got->sections[0].tasks.size(), 1U);
    ASSERT_EQ(got->sections[0].tasks[0].deliverables.size(), 1U);
    const plans::Deliverable& back = got->sections[0].tasks[0].deliverables[0];
    EXPECT_EQ(back.id, deliverable_id);
    EXPECT_EQ(back.cooperating_names, d.cooperating_names);
    EXPECT_EQ(back.due, d.due);
    EXPECT_EQ(back.deadline_kind, "date");
    // Duplicates ignored; lead first.
    ASSERT_EQ(back.assignments.size(), 2U);
    EXPECT_EQ(back.assignments[0], (plans::Assignment{agency_, "lead"}));
    EXPECT_EQ(back.assignments[1], (plans::Assignment{commune_, "cooperating"}));
    ASSERT_EQ(got->unmatched.size(), 1U);
    EXPECT_EQ(got->unmatched[0].id, unmatched_id);
    EXPECT_FALSE(got->unmatched[0].resolved);
    ASSERT_EQ(got->problems.size(), 1U);
    EXPECT_EQ(got->problems[0].id, problem_id);
    EXPECT_EQ(got->problems[0].line, 1127);

    ASSIGN_OR_FAIL(auto listed, plans::List(*rtx, {province_}));
    ASSERT_EQ(listed.size(), 1U);
    ASSIGN_OR_FAIL(auto none, plans::List(*rtx, {commune_}));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_FAIL(auto found, plans::FindByDecision(*rtx, province_, "12/QĐ-UBND"));
    EXPECT_EQ(found, std::optional<std::int64_t>{plan_id});
    ASSIGN_OR_FAIL(auto owner, plans::PlanOfDeliverable(*rtx, deliverable_id));
    EXPECT_EQ(owner, std::optional<std::int64_t>{plan_id});
    ASSIGN_OR_FAIL(auto assigning, plans::PlansAssigning(*rtx, commune_));
    EXPECT_EQ(assigning, std::vector<std::int64_t>{plan_id});
    ASSIGN_OR_FAIL(auto unknown, plans::Get(*rtx, plan_id + 100));
    EXPECT_FALSE(unknown.has_value());
}

TEST_P(PlansStoreTest, DecisionNumberIsUniquePerUnit) {
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(plans::InsertHead(*tx, SampleHead())));
        // Another unit may use the same number; plans without a number never clash.
        plans::Head other = SampleHead();
        other.issuing_unit_id = commune_;
        ASSERT_TRUE(IsOk(plans::InsertHead(*tx, other)));
        plans::Head unnamed = SampleHead();
        unnamed.decision_number = "";
        ASSERT_TRUE(IsOk(plans::InsertHead(*tx, unnamed)));
        ASSERT_TRUE(IsOk(plans::InsertHead(*tx, unnamed)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(plans::InsertHead(*tx, SampleHead()), base::ErrorCode::kAlreadyExists));
}

TEST_P(PlansStoreTest, UnknownUnitIsRefused) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    plans::Head h = SampleHead();
    h.issuing_unit_id = 999'999;
    EXPECT_TRUE(HasCode(plans::InsertHead(*tx, h), base::ErrorCode::kFailedPrecondition));
}

TEST_P(PlansStoreTest, VersionGuardsEditsAndResolutionsAreRecorded) {
    std::int64_t plan_id = 0;
    std::int64_t unmatched_id = 0;
    std::int64_t problem_id = 0;
    std::int64_t deliverable_id = 0;
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(plan_id, plans::InsertHead(*tx, SampleHead()));
        ASSIGN_OR_FAIL(auto section_id, plans::InsertSection(*tx, plan_id, 0, plans::Section{}));
        ASSIGN_OR_FAIL(auto task_id, plans::InsertTask(*tx, plan_id, section_id, 0, plans::Task{}));
        ASSIGN_OR_FAIL(deliverable_id,
                       plans::InsertDeliverable(*tx, plan_id, task_id, 0, plans::Deliverable{}));
        ASSIGN_OR_FAIL(unmatched_id,
                       plans::InsertUnmatched(*tx, plan_id, deliverable_id, "lead", "Sở X"));
        ASSIGN_OR_FAIL(problem_id, plans::InsertProblem(*tx, plan_id, 3, "thiếu ô"));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto v2, plans::Touch(*tx, plan_id, 1, std::nullopt, At(1'700'000'100)));
    EXPECT_EQ(v2, 2);
    EXPECT_TRUE(HasCode(plans::Touch(*tx, plan_id, 1, std::nullopt, At(1'700'000'200)),
                        base::ErrorCode::kAborted));
    EXPECT_TRUE(HasCode(plans::Touch(*tx, plan_id + 50, 1, std::nullopt, At(1'700'000'200)),
                        base::ErrorCode::kNotFound));
    ASSERT_TRUE(IsOk(plans::AddAssignments(*tx, plan_id, deliverable_id, {{agency_, "lead"}})));
    ASSERT_TRUE(
        IsOk(plans::ResolveUnmatched(*tx, plan_id, unmatched_id, std::nullopt, At(1'700'000'300))));
    EXPECT_TRUE(
        IsOk(plans::ResolveUnmatched(*tx, plan_id, unmatched_id, std::nullopt, At(1'700'000'350))));
    EXPECT_TRUE(HasCode(
        plans::ResolveUnmatched(*tx, plan_id + 1, unmatched_id, std::nullopt, At(1'700'000'300)),
        base::ErrorCode::kNotFound));
    ASSERT_TRUE(IsOk(plans::ResolveProblem(*tx, plan_id, problem_id, "đã bổ sung thời hạn",
                                           std::nullopt, At(1'700'000'400))));
    EXPECT_TRUE(HasCode(
        plans::ResolveProblem(*tx, plan_id, problem_id + 9, "x", std::nullopt, At(1'700'000'400)),
        base::ErrorCode::kNotFound));
    plans::Deliverable edit;
    edit.id = deliverable_id;
    edit.product = "Báo cáo";
    edit.deadline_phrase = "Quý II/2024";
    edit.deadline_kind = "date";
    edit.due = {D(2024, 6, 28)};
    edit.recurrence = "none";
    ASSERT_TRUE(IsOk(plans::UpdateDeliverable(*tx, edit)));
    ASSERT_TRUE(IsOk(plans::SetStatus(*tx, plan_id, "issued", "KH-2024")));
    ASSIGN_OR_FAIL(auto got, plans::Get(*tx, plan_id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->head.version, 2);
    EXPECT_EQ(got->head.status, "issued");
    EXPECT_EQ(got->head.plan_key, "KH-2024");
    EXPECT_TRUE(got->unmatched[0].resolved);
    EXPECT_TRUE(got->problems[0].resolved);
    EXPECT_EQ(got->problems[0].resolution, "đã bổ sung thời hạn");
    const auto& d = got->sections[0].tasks[0].deliverables[0];
    EXPECT_EQ(d.deadline_phrase, "Quý II/2024");
    EXPECT_EQ(d.due, std::vector<std::chrono::sys_days>{D(2024, 6, 28)});
    ASSERT_EQ(d.assignments.size(), 1U);
}

TEST_P(PlansStoreTest, ProgressIsHistoryAndRemindersAreOnce) {
    std::int64_t plan_id = 0;
    std::int64_t deliverable_id = 0;
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(plan_id, plans::InsertHead(*tx, SampleHead()));
    ASSIGN_OR_FAIL(auto section_id, plans::InsertSection(*tx, plan_id, 0, plans::Section{}));
    ASSIGN_OR_FAIL(auto task_id, plans::InsertTask(*tx, plan_id, section_id, 0, plans::Task{}));
    ASSIGN_OR_FAIL(deliverable_id,
                   plans::InsertDeliverable(*tx, plan_id, task_id, 0, plans::Deliverable{}));
    plans::Progress p;
    p.deliverable_id = deliverable_id;
    p.unit_id = agency_;
    p.status = "in_progress";
    p.percent = 40;
    p.note = "Đang rà soát";
    p.reported_at = At(1'700'000'000);
    ASSERT_TRUE(IsOk(plans::AddProgress(*tx, p)));
    p.status = "done";
    p.percent = 100;
    p.evidence_number = "45/BC-STP";
    p.evidence_date = "2024-06-20";
    p.evidence_files = {7, 9};
    p.reported_at = At(1'700'000'500);
    ASSERT_TRUE(IsOk(plans::AddProgress(*tx, p)));
    ASSIGN_OR_FAIL(auto history, plans::ProgressOfPlan(*tx, plan_id));
    ASSERT_EQ(history.size(), 2U);
    EXPECT_EQ(history[0].status, "in_progress");
    EXPECT_EQ(history[1].status, "done");
    EXPECT_EQ(history[1].evidence_files, (std::vector<std::int64_t>{7, 9}));
    EXPECT_EQ(history[1].evidence_number, "45/BC-STP");
    ASSIGN_OR_FAIL(bool first,
                   plans::MarkReminded(*tx, deliverable_id, D(2024, 6, 28), At(1'700'000'000)));
    EXPECT_TRUE(first);
    ASSIGN_OR_FAIL(bool again,
                   plans::MarkReminded(*tx, deliverable_id, D(2024, 6, 28), At(1'700'000'100)));
    EXPECT_FALSE(again);
    // The database refuses a status outside the list and a percent above 100.
    p.status = "late";
    EXPECT_TRUE(HasCode(plans::AddProgress(*tx, p), base::ErrorCode::kFailedPrecondition));
}

// Migration 0022: evidence files of a deliverable × unit, over a `files` row; the database
// refuses one whose file was never recorded.
TEST_P(PlansStoreTest, EvidenceFilesAreRecordedOverStoredFiles) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(auto plan_id, plans::InsertHead(*tx, SampleHead()));
    ASSIGN_OR_FAIL(auto section_id, plans::InsertSection(*tx, plan_id, 0, plans::Section{}));
    ASSIGN_OR_FAIL(auto task_id, plans::InsertTask(*tx, plan_id, section_id, 0, plans::Task{}));
    ASSIGN_OR_FAIL(auto deliverable_id,
                   plans::InsertDeliverable(*tx, plan_id, task_id, 0, plans::Deliverable{}));
    const std::string sha(64, 'a');
    plans::Evidence e;
    e.deliverable_id = deliverable_id;
    e.unit_id = commune_;
    e.file_sha256 = sha;
    e.file_name = "Báo cáo.pdf";
    e.media_type = "application/pdf";
    e.size = 1234;
    e.created_at = At(1'700'000'000);
    EXPECT_TRUE(HasCode(plans::AddEvidence(*tx, e), base::ErrorCode::kFailedPrecondition));
    tx.reset();  // rolled back: the failed statement poisons the transaction

    ASSIGN_OR_FAIL(tx, db_->Begin(TxMode::kWrite));
    ASSIGN_OR_FAIL(plan_id, plans::InsertHead(*tx, SampleHead()));
    ASSIGN_OR_FAIL(section_id, plans::InsertSection(*tx, plan_id, 0, plans::Section{}));
    ASSIGN_OR_FAIL(task_id, plans::InsertTask(*tx, plan_id, section_id, 0, plans::Task{}));
    ASSIGN_OR_FAIL(deliverable_id,
                   plans::InsertDeliverable(*tx, plan_id, task_id, 0, plans::Deliverable{}));
    e.deliverable_id = deliverable_id;
    const std::array file_params{Value(sha)};
    ASSERT_TRUE(
        IsOk(tx->Execute("INSERT INTO files (sha256, size, media_type, created_at) "
                         "VALUES ($1, 1234, 'application/pdf', 1700000000)",
                         file_params)));
    ASSIGN_OR_FAIL(auto id, plans::AddEvidence(*tx, e));
    ASSIGN_OR_FAIL(auto got, plans::GetEvidence(*tx, id));
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->deliverable_id, deliverable_id);
    EXPECT_EQ(got->unit_id, commune_);
    EXPECT_EQ(got->file_sha256, sha);
    EXPECT_EQ(got->file_name, "Báo cáo.pdf");
    EXPECT_EQ(got->size, 1234);
    EXPECT_EQ(got->created_at, At(1'700'000'000));
    ASSIGN_OR_FAIL(auto missing, plans::GetEvidence(*tx, id + 1000));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_FAIL(auto all, plans::EvidenceOfPlan(*tx, plan_id));
    ASSERT_EQ(all.size(), 1U);
    EXPECT_EQ(all[0].id, id);
}

// Migration 0020: an inspection's reminder is recorded once per kind and due day; the database
// refuses an unknown kind.
TEST_P(PlansStoreTest, InspectionRemindersAreRecordedOnce) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    domain::inspection::Plan ip;
    ip.year = 2026;
    ip.inspecting_unit_id = province_;
    ip.title = "Kế hoạch kiểm tra năm 2026";
    ip.checklist = "s3";
    ASSIGN_OR_FAIL(const std::int64_t plan_id,
                   inspections::CreatePlan(*tx, ip, std::nullopt, At(1'767'225'600)));
    domain::inspection::Inspection i;
    i.plan_id = plan_id;
    i.inspected_unit_id = agency_;
    i.quarter = 2;
    ASSIGN_OR_FAIL(const std::int64_t id, inspections::AddInspection(*tx, i, At(1'767'225'600)));
    ASSIGN_OR_FAIL(bool first, plans::MarkInspectionReminded(*tx, id, "notice", D(2026, 5, 4),
                                                             At(1'767'225'600)));
    EXPECT_TRUE(first);
    ASSIGN_OR_FAIL(bool again, plans::MarkInspectionReminded(*tx, id, "notice", D(2026, 5, 4),
                                                             At(1'767'225'700)));
    EXPECT_FALSE(again);
    ASSIGN_OR_FAIL(bool other_kind, plans::MarkInspectionReminded(*tx, id, "report", D(2026, 5, 4),
                                                                  At(1'767'225'700)));
    EXPECT_TRUE(other_kind);
    ASSIGN_OR_FAIL(bool other_day, plans::MarkInspectionReminded(*tx, id, "notice", D(2026, 5, 5),
                                                                 At(1'767'225'700)));
    EXPECT_TRUE(other_day);
    EXPECT_TRUE(HasCode(
        plans::MarkInspectionReminded(*tx, id, "conclusion", D(2026, 5, 4), At(1'767'225'700)),
        base::ErrorCode::kFailedPrecondition));
}

INSTANTIATE_TEST_SUITE_P(Backends, PlansStoreTest, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace motcua::store::testing
