// Import of the task tables of TTHC-control plans (issue #7): the seed plans S0, S1 and S2
// (tests/fixtures/seeds) with their sections and tasks counted by hand from the documents, the
// tasks spread over several rows, and bad inputs (missing cells, rows before the header, no table).
#include "domain/plan_import.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "domain/plan_test_support.hpp"

namespace motcua::domain::plan_import {
namespace {

using plan_test::Calendar;
using plan_test::ReadSeed;

// "I:1 II:1 …": the number of tasks per section, in order.
std::string TasksPerSection(const Plan& plan) {
    std::string out;
    for (const Section& s : plan.sections) {
        out += (out.empty() ? "" : " ") + s.number + ":" + std::to_string(s.tasks.size());
    }
    return out;
}

const Task* FindTask(const Plan& plan, const std::string& section, const std::string& number) {
    for (const Section& s : plan.sections) {
        if (s.number != section) {
            continue;
        }
        for (const Task& t : s.tasks) {
            if (t.number == number) {
                return &t;
            }
        }
    }
    return nullptr;
}

std::string Problems(const Plan& plan) {
    std::string out;
    for (const Problem& p : plan.problems) {
        out += std::to_string(p.line) + ": " + p.reason + "\n";
    }
    return out;
}

TEST(PlanImport, ReadsS0BoTrach) {
    const Plan plan = Read(ReadSeed("s0-bo-trach-2024.txt"), 0, Calendar());
    EXPECT_EQ(plan.format, Format::kTabs);
    EXPECT_EQ(plan.year, 2024);
    // Counted in the document's task table (lines 80–141): I.1; II.1; III.1–7; IV.1; V.1–3;
    // VI.1–5.
    EXPECT_EQ(TasksPerSection(plan), "I:1 II:1 III:7 IV:1 V:3 VI:5");
    EXPECT_EQ(plan.TaskCount(), 18U);
    EXPECT_TRUE(plan.problems.empty()) << Problems(plan);
    // §I.1: two rows (the district's documents; the departments' documents).
    const Task* i1 = FindTask(plan, "I", "1");
    ASSERT_NE(i1, nullptr);
    ASSERT_EQ(i1->deliverables.size(), 2U);
    EXPECT_EQ(i1->deliverables[0].lead_units,
              std::vector<std::string>{"Văn phòng HĐND-UBND huyện"});
    ASSERT_TRUE(i1->deliverables[0].deadline.has_value());
    EXPECT_EQ(i1->deliverables[0].deadline->phrase, "Trong năm 2024");
    EXPECT_EQ(i1->deliverables[0].deadline->kind, plan_deadline::Kind::kDate);
    EXPECT_EQ(i1->deliverables[1].line, 83U);
    // §II.1: three rows (explanation, comments, appraisal by Phòng Tư pháp).
    const Task* ii1 = FindTask(plan, "II", "1");
    ASSERT_NE(ii1, nullptr);
    ASSERT_EQ(ii1->deliverables.size(), 3U);
    EXPECT_EQ(ii1->deliverables[2].lead_units, std::vector<std::string>{"Phòng Tư pháp"});
    // §III.3's content is cut by a page break ("Hoàn thành việc số" / "hóa hồ sơ, kết quả TTHC"):
    // the second piece continues the task, it is no new deliverable.
    const Task* iii3 = FindTask(plan, "III", "3");
    ASSERT_NE(iii3, nullptr);
    EXPECT_EQ(iii3->content, "Hoàn thành việc số hóa hồ sơ, kết quả TTHC");
    EXPECT_EQ(iii3->deliverables.size(), 2U);
    // §III.4: five rows, the one after the page break (line 105) continuing line 102.
    const Task* iii4 = FindTask(plan, "III", "4");
    ASSERT_NE(iii4, nullptr);
    EXPECT_EQ(iii4->deliverables.size(), 5U);
    EXPECT_EQ(FindTask(plan, "VI", "1")->deliverables.size(), 3U);
}

TEST(PlanImport, ReadsS1ThuaThienHue) {
    const Plan plan = Read(ReadSeed("s1-thua-thien-hue-2024.txt"), 0, Calendar());
    EXPECT_EQ(plan.format, Format::kPipeLines);
    EXPECT_EQ(plan.year, 2024);
    // Counted in the document's table (lines 130–1151): I.1–2; II.1.1–1.4, 2.1–2.7, 3.1–3.3,
    // 4.1–4.4 (the headings 1–4 are groups); III.1–11; IV.1–5; V.1–3; VI.1–7; VII.1–3; VIII.1–3.
    EXPECT_EQ(TasksPerSection(plan), "I:2 II:18 III:11 IV:5 V:3 VI:7 VII:3 VIII:3");
    EXPECT_EQ(plan.TaskCount(), 52U);
    // The one known problem: VIII.2's deadline cell is merged with the row above (5 cells of 6).
    ASSERT_EQ(plan.problems.size(), 1U) << Problems(plan);
    EXPECT_EQ(plan.problems[0].line, 1127U);
    EXPECT_NE(plan.problems[0].reason.find("5 ô"), std::string::npos);
    const Task* viii2 = FindTask(plan, "VIII", "2");
    ASSERT_NE(viii2, nullptr);
    ASSERT_EQ(viii2->deliverables.size(), 1U);
    EXPECT_FALSE(viii2->deliverables[0].deadline.has_value());
    // §II.3.1 and §II.3.2: one task over two rows each.
    const Task* t31 = FindTask(plan, "II", "3.1");
    ASSERT_NE(t31, nullptr);
    ASSERT_EQ(t31->deliverables.size(), 2U);
    EXPECT_EQ(t31->deliverables[0].deadline->phrase, "Tháng 12/2023");
    EXPECT_EQ(t31->deliverables[1].deadline->phrase, "Trước 31/12/2023");
    EXPECT_EQ(t31->deliverables[1].lead_units, std::vector<std::string>{"Văn phòng UBND tỉnh"});
    EXPECT_EQ(t31->group.rfind("3. Thực hiện rà soát", 0), 0U) << t31->group;
    const Task* t32 = FindTask(plan, "II", "3.2");
    ASSERT_NE(t32, nullptr);
    EXPECT_EQ(t32->deliverables.size(), 2U);
    EXPECT_EQ(FindTask(plan, "II", "3.3")->deliverables.size(), 1U);
    // Units: " và " splits names, "Sở Thông tin và Truyền thông" stays whole.
    const Task* iv2 = FindTask(plan, "IV", "2");
    ASSERT_NE(iv2, nullptr);
    const auto& partners = iv2->deliverables.at(0).cooperating_units;
    EXPECT_NE(std::find(partners.begin(), partners.end(), "Sở Thông tin và Truyền thông"),
              partners.end())
        << iv2->deliverables.at(0).cooperating_raw;
}

TEST(PlanImport, ReadsS2NhatTan) {
    const Plan plan = Read(ReadSeed("s2-nhat-tan-2024.txt"), 0, Calendar());
    EXPECT_EQ(plan.format, Format::kTabs);
    EXPECT_EQ(plan.year, 2024);
    EXPECT_EQ(plan.decision_number, "12/QĐ-UBND");
    EXPECT_EQ(plan.decision_date, "2024-01-18");
    // Counted in the document's table (lines 50–90): I.1–2; II.1–3; III.1; IV.1–3; V.1–4; VI.1;
    // VII.1–3; VIII: one unnumbered task (the quarterly report).
    EXPECT_EQ(TasksPerSection(plan), "I:2 II:3 III:1 IV:3 V:4 VI:1 VII:3 VIII:1");
    EXPECT_EQ(plan.TaskCount(), 18U);
    EXPECT_TRUE(plan.problems.empty()) << Problems(plan);
    // Bold tags stripped; "IV. " not repeated in the title.
    EXPECT_EQ(plan.sections.at(3).number, "IV");
    EXPECT_EQ(plan.sections.at(3).title.rfind("Tổ chức thực hiện", 0), 0U);
    // The row cut at the page break after III.1 continues its content.
    const Task* iii1 = FindTask(plan, "III", "1");
    ASSERT_NE(iii1, nullptr);
    EXPECT_NE(iii1->content.find("UBND tỉnh công bố"), std::string::npos) << iii1->content;
    EXPECT_EQ(iii1->deliverables.size(), 1U);
    // Every task of S2 has exactly one deliverable (its deadline cells: 18, docs/plans.md).
    std::size_t with_deadline = 0;
    for (const Section& s : plan.sections) {
        for (const Task& t : s.tasks) {
            EXPECT_EQ(t.deliverables.size(), 1U) << s.number << "." << t.number;
            with_deadline += t.deliverables.empty() || !t.deliverables[0].deadline ? 0 : 1;
        }
    }
    EXPECT_EQ(with_deadline, 18U);
    const Task& viii = plan.sections.back().tasks.at(0);
    EXPECT_EQ(viii.number, "");
    EXPECT_EQ(viii.deliverables.at(0).deadline->kind, plan_deadline::Kind::kRecurring);
    EXPECT_EQ(viii.deliverables.at(0).deadline->due.size(), 4U);
}

TEST(PlanImport, ARowWithMissingCellsIsAProblemAndTheOtherRowsAreKept) {
    const std::string text =
        "Kế hoạch kiểm soát TTHC năm 2025\n"
        "STT\tNội dung\tSản phẩm\tĐơn vị chủ trì\tPhối hợp\tThời hạn\n"
        "I\tMục một\t\t\t\t\n"
        "1\tViệc một\tBáo cáo\tVăn phòng UBND\tCác phòng\tQuý II/2025\n"
        "2\tViệc hai\tKế hoạch\n"
        "3\tViệc ba\tVăn bản\tPhòng Tư pháp và UBND cấp xã\t\tTrước ngày 15/9/2025\n";
    const Plan plan = Read(text, 0, Calendar());
    EXPECT_EQ(plan.year, 2025);
    ASSERT_EQ(plan.problems.size(), 1U) << Problems(plan);
    EXPECT_EQ(plan.problems[0].line, 5U);
    EXPECT_NE(plan.problems[0].reason.find("3 ô"), std::string::npos);
    EXPECT_EQ(TasksPerSection(plan), "I:3");
    const Task* t3 = FindTask(plan, "I", "3");
    ASSERT_NE(t3, nullptr);
    EXPECT_EQ(t3->deliverables.at(0).lead_units,
              (std::vector<std::string>{"Phòng Tư pháp", "UBND cấp xã"}));
    ASSERT_TRUE(t3->deliverables.at(0).deadline.has_value());
    EXPECT_EQ(t3->deliverables.at(0).deadline->due.size(), 1U);
    const Task* t2 = FindTask(plan, "I", "2");
    ASSERT_NE(t2, nullptr);
    EXPECT_EQ(t2->deliverables.at(0).product, "Kế hoạch");
    EXPECT_FALSE(t2->deliverables.at(0).deadline.has_value());
}

TEST(PlanImport, ARowBeforeTheHeaderIsAProblem) {
    const std::string text =
        "a\tb\n"
        "STT\tNhiệm vụ\tKết quả\tThời hạn\n"
        "1\tViệc\tBáo cáo\tNăm 2024\n";
    const Plan plan = Read(text, 2024, Calendar());
    ASSERT_EQ(plan.problems.size(), 1U) << Problems(plan);
    EXPECT_EQ(plan.problems[0].line, 1U);
    EXPECT_EQ(plan.TaskCount(), 1U);
    EXPECT_EQ(plan.sections.at(0).number, "");  // no section row: one unnamed section
}

TEST(PlanImport, ReadsAMarkdownTable) {
    const std::string text =
        "# Kế hoạch kiểm soát TTHC năm 2024\n"
        "\n"
        "| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| **I** | **Công bố, công khai** | | | |\n"
        "| 1 | Niêm yết TTHC | Bộ phận Một cửa | Văn phòng UBND | Thường xuyên |\n"
        "| | | Văn phòng UBND | | Hàng quý |\n"
        "| II | Báo cáo | | | |\n"
        "| 1 | Báo cáo quý | Văn phòng UBND; Công chức Tư pháp | | Quý I/2024 |\n"
        "| 2 | Báo cáo năm | Văn phòng UBND | | Sớm nhất có thể |\n";
    const Plan plan = Read(text, 0, Calendar());
    EXPECT_EQ(plan.format, Format::kMarkdown);
    EXPECT_TRUE(plan.problems.empty()) << Problems(plan);
    EXPECT_EQ(TasksPerSection(plan), "I:1 II:2");
    EXPECT_EQ(plan.sections[0].title, "Công bố, công khai");
    const Task* i1 = FindTask(plan, "I", "1");
    ASSERT_NE(i1, nullptr);
    ASSERT_EQ(i1->deliverables.size(), 2U);
    EXPECT_EQ(i1->deliverables[1].deadline->due.size(), 4U);
    EXPECT_EQ(FindTask(plan, "II", "1")->deliverables.at(0).lead_units,
              (std::vector<std::string>{"Văn phòng UBND", "Công chức Tư pháp"}));
    // An unreadable deadline is kept, unresolved with the reason.
    const auto& d = FindTask(plan, "II", "2")->deliverables.at(0).deadline;
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->kind, plan_deadline::Kind::kUnresolved);
}

TEST(PlanImport, EmptyInputAndTextWithoutATableAreProblems) {
    const Plan empty = Read("", 2024, Calendar());
    EXPECT_EQ(empty.format, Format::kNone);
    ASSERT_EQ(empty.problems.size(), 1U);
    EXPECT_EQ(empty.problems[0].line, 1U);
    EXPECT_TRUE(empty.sections.empty());
    const Plan prose = Read("Kế hoạch năm 2024\nKhông có bảng.\n", 0, Calendar());
    EXPECT_EQ(prose.format, Format::kNone);
    ASSERT_EQ(prose.problems.size(), 1U) << Problems(prose);
    EXPECT_NE(prose.problems[0].reason.find("không tìm thấy bảng"), std::string::npos);
    // No year anywhere and none given: said, and year-less deadlines stay unresolved.
    const Plan no_year = Read("STT\tNội dung\tThời hạn\n1\tViệc\tHàng quý\n", 0, Calendar());
    ASSERT_EQ(no_year.problems.size(), 1U) << Problems(no_year);
    EXPECT_EQ(FindTask(no_year, "", "1")->deliverables.at(0).deadline->kind,
              plan_deadline::Kind::kUnresolved);
}

TEST(PlanImport, SplitsUnits) {
    EXPECT_EQ(SplitUnits("- Các sở, ban, ngành cấp tỉnh và UBND cấp huyện; - Sở Tư pháp."),
              (std::vector<std::string>{"Các sở", "ban", "ngành cấp tỉnh", "UBND cấp huyện",
                                        "Sở Tư pháp"}));
    EXPECT_EQ(SplitUnits("Văn phòng UBND tỉnh (Trung tâm Phục vụ HCC, Sở TT&TT)"),
              (std::vector<std::string>{"Văn phòng UBND tỉnh (Trung tâm Phục vụ HCC, Sở TT&TT)"}));
    EXPECT_EQ(SplitUnits("Sở Thông tin và Truyền thông"),
              (std::vector<std::string>{"Sở Thông tin và Truyền thông"}));
    EXPECT_TRUE(SplitUnits("").empty());
}

TEST(PlanImport, JsonHasTheShapeOfTheIssue) {
    const Plan plan = Read(ReadSeed("s2-nhat-tan-2024.txt"), 0, Calendar());
    const boost::json::value v = boost::json::parse(ToJson(plan));
    const auto& o = v.as_object();
    EXPECT_EQ(o.at("year").as_int64(), 2024);
    EXPECT_STREQ(o.at("format").as_string().c_str(), "tsv");
    EXPECT_EQ(o.at("counts").at("tasks").to_number<std::uint64_t>(), 18U);
    const auto& task = o.at("sections").at(0).at("tasks").at(0);
    EXPECT_STREQ(task.at("number").as_string().c_str(), "1");
    const auto& deliverable = task.at("deliverables").at(0);
    EXPECT_STREQ(deliverable.at("deadline").at("kind").as_string().c_str(), "date");
    EXPECT_STREQ(deliverable.at("deadline").at("due").at(0).as_string().c_str(), "2024-01-31");
    EXPECT_TRUE(deliverable.at("lead_units").is_array());
    EXPECT_TRUE(o.at("problems").as_array().empty());
}

}  // namespace
}  // namespace motcua::domain::plan_import
