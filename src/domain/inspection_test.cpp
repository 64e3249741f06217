// Inspections of TTHC-control work (issue #7): kinds, checklist templates from the seeds, rule
// warnings with their sources, and the cycle as a state machine.
#include "domain/inspection.hpp"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"
#include "domain/plan_test_support.hpp"

namespace motcua::domain::inspection {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

sys_days D(int y, unsigned m, unsigned d) {
    return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

const calendar::WorkingCalendar& Cal() {
    return plan_test::Calendar();
}

Plan APlan() {
    Plan p;
    p.id = 1;
    p.year = 2024;
    p.inspecting_unit_id = 100;
    p.title = "Kế hoạch kiểm tra công tác kiểm soát TTHC năm 2024";
    p.checklist = "s3";
    return p;
}

Inspection At(std::int64_t id, std::int64_t unit, std::string type, Kind kind,
              std::optional<sys_days> start, std::optional<sys_days> end = {}) {
    Inspection i;
    i.id = id;
    i.plan_id = 1;
    i.inspected_unit_id = unit;
    i.inspected_unit_type = std::move(type);
    i.kind = kind;
    i.start = start;
    i.end = end ? end : start;
    return i;
}

bool HasRule(const std::vector<Warning>& ws, std::string_view rule,
             std::optional<std::int64_t> id = {}) {
    return std::any_of(ws.begin(), ws.end(), [&](const Warning& w) {
        return w.rule == rule && (!id || w.inspection_id == id);
    });
}

TEST(InspectionNames, RoundTrip) {
    for (Kind k :
         {Kind::kScheduled, Kind::kSudden, Kind::kInformationSystem, Kind::kSelfInspection}) {
        EXPECT_EQ(ParseKind(KindName(k)), k);
    }
    for (Action a : AllActions()) {
        EXPECT_EQ(ParseAction(ActionName(a)), a);
    }
    EXPECT_EQ(ParseState("remediation_due"), State::kRemediationDue);
    EXPECT_FALSE(ParseKind("random"));
    EXPECT_FALSE(ParseAction(""));
    EXPECT_EQ(ActionParty(Action::kConclude), Party::kLeader);
    EXPECT_EQ(ActionParty(Action::kComment), Party::kInspected);
    EXPECT_EQ(ActionParty(Action::kReportRemediation), Party::kInspected);
    EXPECT_EQ(ActionParty(Action::kNotify), Party::kInspector);
}

TEST(InspectionChecklists, SeedsAreData) {
    const Template* s3 = FindTemplate("s3");
    ASSERT_NE(s3, nullptr);
    EXPECT_EQ(s3->source, "S3 §II.1");
    // S3 §II.1 a, b, c, d, đ, e, g, h, i, k, l and the online payments of k as its own line.
    ASSERT_EQ(s3->items.size(), 12U);
    EXPECT_EQ(s3->items.front().number, "a");
    EXPECT_EQ(s3->items.back().number, "l");
    EXPECT_EQ(s3->items[3].figure, Figure::kOverdue);
    ASSERT_NE(FindTemplate("s0"), nullptr);
    EXPECT_EQ(FindTemplate("s0")->items.size(), 7U);
    ASSERT_NE(FindTemplate("s4"), nullptr);
    EXPECT_TRUE(FindTemplate("s4")->items.front().title.starts_with("Công tác lãnh đạo"));
    EXPECT_EQ(FindTemplate("s9"), nullptr);
    // The report outline attached to S3: sections I.1–I.11, II, III, IV.
    const Template* outline = FindTemplate(kReportOutline);
    ASSERT_NE(outline, nullptr);
    EXPECT_EQ(outline->source, "S3 Đề cương báo cáo");
    EXPECT_EQ(outline->items.size(), 16U);
    EXPECT_EQ(outline->items.back().number, "IV");
    Plan outline_plan = APlan();
    outline_plan.checklist = std::string(kReportOutline);
    EXPECT_FALSE(ValidatePlan(outline_plan));  // not a plan's checklist
    EXPECT_FALSE(ParseTemplates("{}"));
    EXPECT_FALSE(ParseTemplates(R"({"templates":[{"key":"x","title":"t","source":"s","items":[
        {"key":"a","number":"1","title":"t","figure":"nonsense"}]}]})"));
}

// The checklist letters of S3 §II.1 ("a) …" lines between "1. Nội dung kiểm tra" and "2. Cách
// thức kiểm tra") and the numbered contents of S4 §II are those of the data file.
TEST(InspectionChecklists, MatchTheSeeds) {
    const std::string s3 = plan_test::ReadSeed("s3-can-tho-inspection-2021.txt");
    const auto from = s3.find("1. Nội dung kiểm tra");
    const auto to = s3.find("2. Cách thức kiểm tra");
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    std::vector<std::string> letters;
    std::istringstream lines(s3.substr(from, to - from));
    for (std::string line; std::getline(lines, line);) {
        const auto paren = line.find(") ");
        if (paren != std::string::npos && paren > 0 && paren <= 2) {
            letters.push_back(line.substr(0, paren));
        }
    }
    std::vector<std::string> expected;
    for (const TemplateItem& item : FindTemplate("s3")->items) {
        if (item.number.find(' ') == std::string::npos) {
            expected.push_back(item.number);
        }
    }
    EXPECT_EQ(letters, expected);
    EXPECT_EQ(letters.size(), 11U);  // a b c d đ e g h i k l

    // Each item's first words appear in the seed (the titles are the seed's).
    for (const TemplateItem& item : FindTemplate("s3")->items) {
        const std::string head = item.title.substr(0, item.title.find(' ', 12));
        EXPECT_NE(s3.find(head), std::string::npos) << item.key << ": " << head;
    }
    const std::string s4 = plan_test::ReadSeed("s4-vp-ubnd-inspection-2024.txt");
    for (const TemplateItem& item : FindTemplate("s4")->items) {
        if (item.number.find(' ') == std::string::npos) {
            EXPECT_NE(s4.find(item.number + ". " + item.title.substr(0, 20)), std::string::npos)
                << item.key;
        }
    }
    // The outline's eleven numbered sections of part I.
    const auto outline = s3.find("ĐỀ CƯƠNG BÁO CÁO");
    ASSERT_NE(outline, std::string::npos);
    for (int k = 1; k <= 11; ++k) {
        EXPECT_NE(s3.find("\n" + std::to_string(k) + ". ", outline), std::string::npos) << k;
    }
}

TEST(InspectionValidation, DatesInThePlanYearAndQuarter) {
    const Plan p = APlan();
    EXPECT_TRUE(ValidatePlan(p));
    Plan bad = p;
    bad.checklist = "nope";
    EXPECT_FALSE(ValidatePlan(bad));
    bad = p;
    bad.year = 1800;
    EXPECT_FALSE(ValidatePlan(bad));

    Inspection i = At(1, 2, "agency", Kind::kScheduled, D(2024, 3, 18), D(2024, 3, 19));
    EXPECT_TRUE(ValidateInspection(p, i));
    i.quarter = 1;
    EXPECT_TRUE(ValidateInspection(p, i));
    i.quarter = 2;
    auto wrong_quarter = ValidateInspection(p, i);
    ASSERT_FALSE(wrong_quarter);
    EXPECT_NE(wrong_quarter.error().message.find("Quý 2"), std::string::npos);
    i = At(1, 2, "agency", Kind::kScheduled, D(2025, 1, 6));
    auto out_of_year = ValidateInspection(p, i);
    ASSERT_FALSE(out_of_year);
    EXPECT_EQ(out_of_year.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_NE(out_of_year.error().message.find("ngoài năm kế hoạch 2024"), std::string::npos);
    i = At(1, 2, "agency", Kind::kScheduled, D(2024, 3, 18), D(2024, 3, 15));
    EXPECT_FALSE(ValidateInspection(p, i));
    i = At(1, 2, "agency", Kind::kScheduled, std::nullopt);
    EXPECT_FALSE(ValidateInspection(p, i));  // neither dates nor quarter
    i.quarter = 3;
    EXPECT_TRUE(ValidateInspection(p, i));
    i.team = {{"Nguyễn Văn A", "", true}, {"Trần Thị B", "", true}};
    EXPECT_FALSE(ValidateInspection(p, i));  // two leaders
}

TEST(InspectionWorkingDays, SkipWeekendsAndTet) {
    // 18/3/2024 is a Monday: 10 working days before is Monday 4/3.
    EXPECT_EQ(*WorkingDaysBefore(Cal(), D(2024, 3, 18), 10), D(2024, 3, 4));
    EXPECT_EQ(*WorkingDaysBefore(Cal(), D(2024, 3, 18), 3), D(2024, 3, 13));
    // Tết Ất Tỵ: 25/1–2/2/2025 closed. 30 working days after Friday 24/1/2025 start on 3/2.
    EXPECT_EQ(*WorkingDaysAfter(Cal(), D(2025, 1, 24), 30), D(2025, 3, 14));
    // Giỗ Tổ Hùng Vương (10/3 lunar) falls on Monday 7/4/2025.
    EXPECT_EQ(*WorkingDaysAfter(Cal(), D(2025, 3, 3), 30), D(2025, 4, 15));
    EXPECT_EQ(WorkingDaysIn(Cal(), D(2024, 3, 15), D(2024, 3, 19)), 3);  // Fri, Mon, Tue
}

TEST(InspectionWarnings, MinimumsOfS0) {
    const Plan p = APlan();
    std::vector<Inspection> is;
    for (int k = 0; k < 5; ++k) {
        is.push_back(At(k + 1, 10 + k, "agency", Kind::kScheduled, D(2024, 5, 6)));
    }
    for (int k = 0; k < 9; ++k) {
        is.push_back(At(k + 10, 50 + k, "commune", Kind::kScheduled, D(2024, 9, 9)));
    }
    auto ws = Warnings(Cal(), p, is, {}, D(2024, 1, 2));
    EXPECT_FALSE(HasRule(ws, "min_agencies"));
    ASSERT_TRUE(HasRule(ws, "min_communes"));
    const auto it = std::find_if(ws.begin(), ws.end(),
                                 [](const Warning& w) { return w.rule == "min_communes"; });
    EXPECT_EQ(it->source, "S0 Phụ lục §II.1.1");
    EXPECT_NE(it->message.find("9 xã"), std::string::npos);
    is.push_back(At(30, 70, "commune", Kind::kSudden, D(2024, 10, 7)));
    ws = Warnings(Cal(), p, is, {}, D(2024, 1, 2));
    EXPECT_FALSE(HasRule(ws, "min_communes"));
    // A self-inspection does not count towards the minimums.
    is.pop_back();
    is.push_back(At(30, 70, "commune", Kind::kSelfInspection, D(2024, 10, 7)));
    EXPECT_TRUE(HasRule(Warnings(Cal(), p, is, {}, D(2024, 1, 2)), "min_communes"));
}

TEST(InspectionWarnings, NoticeReportAndDays) {
    const Plan p = APlan();
    Inspection scheduled = At(1, 10, "agency", Kind::kScheduled, D(2024, 3, 18), D(2024, 3, 20));
    scheduled.notified_on = D(2024, 3, 5);           // one working day late (due 4/3)
    scheduled.report_submitted_on = D(2024, 3, 11);  // on the day (5 working days before)
    scheduled.state = State::kNotified;
    Inspection sudden = At(2, 11, "agency", Kind::kSudden, D(2024, 3, 18));
    sudden.notified_on = D(2024, 3, 13);  // exactly 3 working days before
    sudden.state = State::kNotified;
    Inspection silent = At(3, 12, "agency", Kind::kScheduled, D(2024, 4, 22));  // not notified
    auto ws = Warnings(Cal(), p, {scheduled, sudden, silent}, {}, D(2024, 4, 10));
    EXPECT_TRUE(HasRule(ws, "notice_scheduled", 1));
    EXPECT_TRUE(HasRule(ws, "days_per_unit", 1));  // Mon–Wed: 3 working days
    EXPECT_FALSE(HasRule(ws, "report_before_visit", 1));
    EXPECT_FALSE(HasRule(ws, "notice_sudden", 2));
    EXPECT_TRUE(HasRule(ws, "report_before_visit", 2));  // sudden, report never came
    EXPECT_FALSE(HasRule(ws, "days_per_unit", 2));
    EXPECT_TRUE(HasRule(ws, "notice_scheduled", 3));      // due 8/4, today 10/4
    EXPECT_FALSE(HasRule(ws, "report_before_visit", 3));  // due 15/4, not yet
    sudden.notified_on = D(2024, 3, 14);
    ws = Warnings(Cal(), p, {sudden}, {}, D(2024, 4, 10));
    ASSERT_TRUE(HasRule(ws, "notice_sudden", 2));
    for (const Warning& w : ws) {
        EXPECT_FALSE(w.source.empty()) << w.rule;
    }
}

TEST(InspectionWarnings, SelfInspectionCoverage) {
    const Plan p = APlan();
    PlanContext ctx;
    ctx.sub_units = {10, 11, 12, 13};
    std::vector<Inspection> is{At(1, 10, "agency", Kind::kSelfInspection, D(2024, 6, 3)),
                               At(2, 11, "agency", Kind::kSelfInspection, D(2024, 6, 4))};
    EXPECT_TRUE(HasRule(Warnings(Cal(), p, is, ctx, D(2024, 1, 2)), "self_inspection_coverage"));
    is.push_back(At(3, 12, "agency", Kind::kSelfInspection, D(2024, 6, 5)));
    EXPECT_FALSE(HasRule(Warnings(Cal(), p, is, ctx, D(2024, 1, 2)), "self_inspection_coverage"));
}

TEST(InspectionCycle, FromPlanToClosedAcrossTet) {
    Plan p = APlan();
    p.year = 2025;
    Inspection i = At(1, 10, "agency", Kind::kScheduled, D(2025, 1, 6), D(2025, 1, 7));
    EXPECT_EQ(Allowed(i), (std::vector<Action>{Action::kNotify, Action::kSubmitReport}));
    // Minutes before a notice: refused with the rule.
    auto early = Apply(Cal(), i, {Action::kRecordMinutes, D(2025, 1, 6)});
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, base::ErrorCode::kFailedPrecondition);
    EXPECT_NE(early.error().message.find("S3 §II.2"), std::string::npos);

    auto s = Apply(Cal(), i, {Action::kNotify, D(2024, 12, 20)});
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->state, State::kNotified);
    s = Apply(Cal(), *s, {Action::kSubmitReport, D(2024, 12, 27)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kNotified);
    EXPECT_FALSE(Apply(Cal(), *s, {Action::kRecordMinutes, D(2025, 1, 3)}));  // before the visit
    s = Apply(Cal(), *s, {Action::kRecordMinutes, D(2025, 1, 7)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kInspected);
    EXPECT_FALSE(Apply(Cal(), *s, {Action::kConclude, D(2025, 1, 8)}));  // no draft yet
    s = Apply(Cal(), *s, {Action::kDraftConclusion, D(2025, 1, 10)});
    ASSERT_TRUE(s);
    s = Apply(Cal(), *s, {Action::kComment, D(2025, 1, 15)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kCommentsReceived);
    s = Apply(Cal(), *s, {Action::kConclude, D(2025, 1, 24)});  // signed just before Tết
    ASSERT_TRUE(s);
    EXPECT_EQ(s->concluded_on, D(2025, 1, 24));
    EXPECT_FALSE(Apply(Cal(), *s, {Action::kReportRemediation, D(2025, 2, 3)}));
    EXPECT_FALSE(Apply(Cal(), *s, {Action::kDeliverConclusion, D(2025, 1, 20)}));  // backwards
    s = Apply(Cal(), *s, {Action::kDeliverConclusion, D(2025, 1, 24)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kRemediationDue);
    EXPECT_EQ(s->remediation_due, D(2025, 3, 14));  // Tết skipped
    EXPECT_TRUE(HasRule(Warnings(Cal(), p, {*s}, {}, D(2025, 3, 17)), "remediation_overdue"));
    EXPECT_FALSE(HasRule(Warnings(Cal(), p, {*s}, {}, D(2025, 3, 14)), "remediation_overdue"));
    s = Apply(Cal(), *s, {Action::kReportRemediation, D(2025, 3, 10)});
    ASSERT_TRUE(s);
    s = Apply(Cal(), *s, {Action::kClose, D(2025, 3, 12)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kClosed);
    EXPECT_TRUE(Allowed(*s).empty());
    EXPECT_FALSE(Apply(Cal(), *s, {Action::kNotify, D(2025, 3, 12)}));

    // Follow-up of the closed inspection: same unit, concluded.
    Inspection follow = At(2, 10, "agency", Kind::kScheduled, D(2025, 6, 2));
    follow.follow_up_of = 1;
    EXPECT_TRUE(ValidateFollowUp(follow, *s));
    Inspection other = follow;
    other.inspected_unit_id = 11;
    EXPECT_FALSE(ValidateFollowUp(other, *s));
    EXPECT_EQ(ValidateFollowUp(follow, i).error().code, base::ErrorCode::kFailedPrecondition);
}

TEST(InspectionCycle, SelfAndSystemInspectionsNeedNoNotice) {
    Inspection i = At(1, 10, "agency", Kind::kInformationSystem, D(2024, 6, 3));
    EXPECT_EQ(Allowed(i), std::vector<Action>{Action::kRecordMinutes});
    auto s = Apply(Cal(), i, {Action::kRecordMinutes, D(2024, 6, 3)});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->state, State::kInspected);
    EXPECT_FALSE(NoticeDeadline(Cal(), i));
    EXPECT_FALSE(ReportDeadline(Cal(), i));
}

}  // namespace
}  // namespace motcua::domain::inspection
