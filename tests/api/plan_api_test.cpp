// TTHC-control plans through /api/v1/plans (issue #7; docs/plans.md "API"): importing the S1
// seed and a small plan of the current year, resolving what the import could not, cascading to a
// commune, progress with evidence, late statuses and the dashboards, bad input and authorisation.
// The fake clock reads 27/11/2026.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "api_fixture.hpp"
#include "app/plans.hpp"
#include "calendar/instant.hpp"
#include "render/zip_writer.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

std::string ReadSeed(const std::string& name) {
    std::ifstream in(std::string(MOTCUA_SEED_DIR) + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A plan of Thành phố Huế for 2026: task 1 is overdue on 27/11/2026, tasks 2 and 3 are not.
std::string SmallPlan(const std::string& decision = "5/QĐ-UBND") {
    return "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ\nSố: " + decision +
           "\nKẾ HOẠCH kiểm soát thủ tục hành chính năm 2026\n"
           "STT\tNội dung công việc\tThời gian thực hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\tDự "
           "kiến kết quả\n"
           "I\tRà soát, công khai TTHC\t\t\t\t\n"
           "1\tRà soát quy định, TTHC\tTháng 10/2026\tSở Tư pháp\tUBND các xã, phường\tBáo cáo "
           "rà soát\n"
           "2\tCông khai TTHC\tQuý IV/2026\tUBND cấp xã\tSở Thông tin và Truyền thông\tDanh mục "
           "công khai\n"
           "3\tSố hóa hồ sơ\tThường xuyên\tVăn phòng UBND tỉnh\tCác sở, ban, ngành cấp "
           "tỉnh\tBáo cáo số hóa\n";
}

class PlanApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        control = api.SignIn("kiemsoat");
        api.AddUser("xa_kiemsoat", "control_officer", "19753");
    }

    http::Response Import(const std::string& text, const std::string& query, const Browser* who) {
        return api.Call(Method::kPost, "/api/v1/plans/import?" + query, text, who, true,
                        "text/plain; charset=utf-8");
    }

    // Imports the small plan as the control officer; returns its JSON.
    json::object ImportSmall() {
        const auto r = Import(SmallPlan(), "unit=46", &control);
        EXPECT_EQ(r.status, 201) << r.body;
        return Body(r).as_object();
    }

    // The deliverable of task `number` of section I.
    static json::object Deliverable(const json::object& plan, std::string_view number) {
        for (const auto& s : plan.at("sections").as_array()) {
            for (const auto& t : s.at("tasks").as_array()) {
                if (t.at("number").as_string() == number) {
                    return t.at("deliverables").as_array().at(0).as_object();
                }
            }
        }
        ADD_FAILURE() << "no task " << number;
        return {};
    }

    static std::string Id(const json::value& v) { return std::to_string(v.at("id").as_int64()); }

    ApiFixture api;
    Browser control;
};

TEST_F(PlanApiTest, ImportsSeedS1WithProblemsAndUnmatchedNames) {
    const auto r = Import(ReadSeed("s1-thua-thien-hue-2024.txt"), "unit=46&year=2024", &control);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::object plan = Body(r).as_object();
    EXPECT_EQ(plan.at("year").as_int64(), 2024);
    EXPECT_EQ(plan.at("status").as_string(), "draft");
    EXPECT_EQ(plan.at("version").as_int64(), 1);
    EXPECT_EQ(plan.at("counts").at("sections").as_int64(), 8);
    EXPECT_EQ(plan.at("counts").at("tasks").as_int64(), 52);
    EXPECT_EQ(plan.at("counts").at("problems").as_int64(), 1);
    EXPECT_EQ(plan.at("problems").as_array().at(0).at("line").as_int64(), 1127);
    // The dry-run shape comes along, with the same counts.
    EXPECT_EQ(plan.at("import").at("counts").at("tasks").as_int64(), 52);
    EXPECT_EQ(plan.at("import").at("format").as_string(), "pipe_lines");
    bool tttt = false;
    for (const auto& n : plan.at("unmatched").as_array()) {
        tttt = tttt || n.at("name").as_string() == "Sở Thông tin và Truyền thông";
        EXPECT_FALSE(n.at("resolved").as_bool());
    }
    EXPECT_TRUE(tttt);
    // The plan year is 2024: every dated deliverable is late today.
    const auto dash =
        api.Call(Method::kGet, "/api/v1/plans/" + Id(plan) + "/dashboard", "", &control);
    ASSERT_EQ(dash.status, 200) << dash.body;
    EXPECT_GT(Body(dash).at("counts").at("late").as_int64(), 30);
    EXPECT_FALSE(Body(dash).at("overdue").as_array().empty());
    EXPECT_GE(api.Count("plan_assignments"), 100);
    // Importing the same decision again is a duplicate when the text names one; S1's does not
    // (a second copy is its own draft), the small plan's does.
    ImportSmall();
    const auto again = Import(SmallPlan(), "unit=46", &control);
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_NE(again.body.find("5/QĐ-UBND"), std::string::npos);
}

TEST_F(PlanApiTest, BadImportsAreRefusedClearly) {
    const std::int64_t plans = api.Count("plans");
    EXPECT_EQ(Import("", "unit=46", &control).status, 400);
    EXPECT_EQ(Import("Không có bảng nào ở đây.\n", "unit=46&year=2026", &control).status, 400);
    EXPECT_EQ(Import(SmallPlan(), "", &control).status, 400);              // no unit
    EXPECT_EQ(Import(SmallPlan(), "unit=KHONGCO", &control).status, 404);  // unknown unit
    EXPECT_EQ(Import(SmallPlan(), "unit=46&year=abc", &control).status, 400);
    EXPECT_EQ(Import(SmallPlan(), "unit=46&year=3000", &control).status, 400);
    EXPECT_EQ(Import(SmallPlan(), "unit=46&format=docx", &control).status, 400);
    EXPECT_EQ(Import(SmallPlan(), "unit=46&parent=999", &control).status, 404);
    // Oversize: refused before any work (the server answers 413 above the route's limit).
    const std::string huge = SmallPlan() + std::string(app::kMaxPlanTextBytes, 'x');
    const auto big = Import(huge, "unit=46", &control);
    EXPECT_TRUE(big.status == 400 || big.status == 413) << big.status;
    // A JSON body is not a plan's text.
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/plans/import?unit=46", R"({"a":1})", &control).status,
        400);
    // Not UTF-8.
    EXPECT_EQ(Import("STT\tN\xff\xfe\n", "unit=46&year=2026", &control).status, 400);
    EXPECT_EQ(api.Count("plans"), plans);
    // Who: anonymous, a desk officer, a control officer of another unit.
    EXPECT_EQ(Import(SmallPlan(), "unit=46", nullptr).status, 401);
    const Browser desk = api.SignIn("motcua");
    EXPECT_EQ(Import(SmallPlan(), "unit=46", &desk).status, 403);
    const Browser xa = api.SignIn("xa_kiemsoat");
    EXPECT_EQ(Import(SmallPlan(), "unit=46", &xa).status, 403);
    EXPECT_EQ(api.Count("plans"), plans);
    // The commune's own officer may import the commune's plan.
    EXPECT_EQ(Import(SmallPlan(), "unit=19753", &xa).status, 201);
}

TEST_F(PlanApiTest, FixesNeedTheCurrentVersionAndAreAudited) {
    const json::object plan = ImportSmall();
    const std::string id = Id(plan);
    ASSERT_EQ(plan.at("unmatched").as_array().size(), 1U);
    const json::value& name = plan.at("unmatched").as_array().at(0);
    EXPECT_EQ(name.at("name").as_string(), "Sở Thông tin và Truyền thông");
    const std::string resolve = "/api/v1/plans/" + id + "/unmatched/" + Id(name) + "/resolve";
    const Browser leader = api.SignIn("lanhdao");
    const std::int64_t audits = api.Count("audit_log");
    // Stale version, unknown unit, malformed JSON, wrong types: nothing changes.
    EXPECT_EQ(
        api.Call(Method::kPost, resolve, R"({"units":["46.SOKHCN"],"version":7})", &control).status,
        409);
    EXPECT_EQ(
        api.Call(Method::kPost, resolve, R"({"units":["KHONGCO"],"version":1})", &control).status,
        404);
    EXPECT_EQ(
        api.Call(Method::kPost, resolve, R"({"units":["46.SOKHCN"],"version":1)", &control).status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPost, resolve, R"({"units":"46.SOKHCN","version":1})", &control).status,
        400);
    EXPECT_EQ(api.Call(Method::kPost, resolve, R"({"units":[],"version":1})", &control).status,
              400);
    EXPECT_EQ(api.Call(Method::kPost, resolve, R"({"units":["46.SOKHCN"]})", &control).status, 400);
    EXPECT_EQ(
        api.Call(Method::kPost, resolve, R"({"units":["46.SOKHCN"],"version":1})", &leader).status,
        403);
    EXPECT_EQ(api.Count("audit_log"), audits);
    const auto ok =
        api.Call(Method::kPost, resolve, R"({"units":["46.SOKHCN"],"version":1})", &control);
    ASSERT_EQ(ok.status, 200) << ok.body;
    const json::object after = Body(ok).as_object();
    EXPECT_EQ(after.at("version").as_int64(), 2);
    EXPECT_TRUE(after.at("unmatched").as_array().at(0).at("resolved").as_bool());
    bool assigned = false;
    const json::object d2 = Deliverable(after, "2");
    for (const auto& u : d2.at("assigned").as_array()) {
        assigned = assigned || (u.at("code").as_string() == "46.SOKHCN" &&
                                u.at("role").as_string() == "cooperating");
    }
    EXPECT_TRUE(assigned);
    EXPECT_EQ(api.Count("audit_log"), audits + 1);

    // Editing a deadline reads the phrase again.
    const std::string d1 = Id(Deliverable(after, "1"));
    const auto edit = api.Call(Method::kPatch, "/api/v1/plans/" + id + "/deliverables/" + d1,
                               R"({"deadline":"Trước ngày 15/12/2026","version":2})", &control);
    ASSERT_EQ(edit.status, 200) << edit.body;
    const json::object edited = Deliverable(Body(edit).as_object(), "1");
    EXPECT_EQ(edited.at("deadline").at("due").as_array().at(0).as_string(), "2026-12-14");
    EXPECT_EQ(edited.at("status").as_string(), "not_started");  // no longer late
    EXPECT_EQ(api.Call(Method::kPatch, "/api/v1/plans/" + id + "/deliverables/999999",
                       R"({"product":"x","version":3})", &control)
                  .status,
              404);
    EXPECT_EQ(api.Call(Method::kPatch, "/api/v1/plans/" + id + "/deliverables/" + d1,
                       R"({"version":3})", &control)
                  .status,
              400);
    // A task of the unit's own.
    const auto task =
        api.Call(Method::kPost, "/api/v1/plans/" + id + "/tasks",
                 R"({"section":"II","section_title":"Nhiệm vụ riêng",)"
                 R"("content":"Tập huấn","lead":"Sở Nội vụ","deadline":"Quý IV/2026",)"
                 R"("version":3})",
                 &control);
    ASSERT_EQ(task.status, 201) << task.body;
    EXPECT_EQ(Body(task).at("counts").at("sections").as_int64(), 2);
}

TEST_F(PlanApiTest, ProgressLateStatusesAndDashboards) {
    const json::object plan = ImportSmall();
    const std::string id = Id(plan);
    const json::object d1 = Deliverable(plan, "1");  // Sở Tư pháp leads; communes cooperate
    const json::object d2 = Deliverable(plan, "2");  // the communes lead; no agency
    EXPECT_EQ(d1.at("status").as_string(), "late");  // due 30/10/2026
    EXPECT_EQ(Deliverable(plan, "2").at("status").as_string(), "not_started");
    const std::string progress1 = "/api/v1/plan-deliverables/" + Id(d1) + "/progress";
    const std::string progress2 = "/api/v1/plan-deliverables/" + Id(d2) + "/progress";

    const Browser specialist = api.SignIn("chuyenvien");  // Sở Tư pháp
    // Another unit's deliverable: 403; nothing written.
    EXPECT_EQ(api.Call(Method::kPost, progress2, R"({"status":"done"})", &specialist).status, 403);
    EXPECT_EQ(api.Count("plan_progress"), 0);
    // Bad input.
    EXPECT_EQ(api.Call(Method::kPost, progress1, R"({"status":"late"})", &specialist).status, 400);
    EXPECT_EQ(
        api.Call(Method::kPost, progress1, R"({"status":"done","percent":50})", &specialist).status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPost, progress1, R"({"status":"in_progress","percent":101})", &specialist)
            .status,
        400);
    EXPECT_EQ(api.Call(Method::kPost, progress1,
                       R"({"status":"done","evidence_date":"30/10/2026"})", &specialist)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kPost, progress1, R"({"status":"done","evidence_files":[424242]})",
                       &specialist)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kPost, progress1, R"({"status":"done",)", &specialist).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/plan-deliverables/999999/progress",
                       R"({"status":"done"})", &specialist)
                  .status,
              404);
    EXPECT_EQ(api.Count("plan_progress"), 0);
    // In progress, then done with a document as evidence.
    ASSERT_EQ(
        api.Call(Method::kPost, progress1, R"({"status":"in_progress","percent":40})", &specialist)
            .status,
        201);
    const auto done = api.Call(
        Method::kPost, progress1,
        R"({"status":"done","note":"Đã rà soát","evidence_number":"45/BC-STP","evidence_date":"2026-11-20"})",
        &specialist);
    ASSERT_EQ(done.status, 201) << done.body;
    EXPECT_EQ(Body(done).at("percent").as_int64(), 100);

    // The commune cooperates on task 1: its officer reports for it.
    const Browser commune = api.SignIn("chuyenvienxa");
    ASSERT_EQ(api.Call(Method::kPost, progress1, R"({"status":"in_progress"})", &commune).status,
              201);
    // The province's control officer covers many assigned units: the unit must be named.
    EXPECT_EQ(api.Call(Method::kPost, progress1, R"({"status":"in_progress"})", &control).status,
              400);
    EXPECT_EQ(
        api.Call(Method::kPost, progress1, R"({"status":"in_progress","unit":"19774"})", &control)
            .status,
        201);

    const auto got = api.Call(Method::kGet, "/api/v1/plans/" + id, "", &specialist);
    ASSERT_EQ(got.status, 200) << got.body;
    const json::object after = Deliverable(Body(got).as_object(), "1");
    EXPECT_EQ(after.at("status").as_string(), "done");  // the lead is done
    for (const auto& u : after.at("assigned").as_array()) {
        if (u.at("code").as_string() == "46.SOTP") {
            EXPECT_EQ(u.at("status").as_string(), "done");
            EXPECT_EQ(u.at("latest").at("evidence_number").as_string(), "45/BC-STP");
        } else if (u.at("code").as_string() == "19753") {
            EXPECT_EQ(u.at("status").as_string(), "late");  // in progress past the due date
        } else if (u.at("code").as_string() == "19777") {
            EXPECT_EQ(u.at("status").as_string(), "late");  // never started
        }
    }
    const auto dash = api.Call(Method::kGet, "/api/v1/plans/" + id + "/dashboard", "", &control);
    ASSERT_EQ(dash.status, 200) << dash.body;
    const json::value d = Body(dash);
    EXPECT_EQ(d.at("counts").at("done").as_int64(), 1);
    EXPECT_EQ(d.at("counts").at("not_started").as_int64(), 2);
    EXPECT_EQ(d.at("counts").at("late").as_int64(), 0);
    EXPECT_EQ(d.at("overdue").as_array().size(), 40U);  // the communes cooperating on task 1
    EXPECT_EQ(d.at("overdue").as_array().at(0).at("overdue").as_array().at(0).as_string(),
              "2026-10-30");

    const auto mine = api.Call(Method::kGet, "/api/v1/plan-dashboard?unit=19753", "", &commune);
    ASSERT_EQ(mine.status, 200) << mine.body;
    const json::value m = Body(mine);
    ASSERT_EQ(m.at("items").as_array().size(), 2U);  // task 1 (cooperating), task 2 (lead)
    EXPECT_EQ(m.at("items").as_array().at(0).at("next_due").as_string(), "2026-12-31");
    EXPECT_EQ(m.at("counts").at("late").as_int64(), 1);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plan-dashboard?unit=19774", "", &commune).status,
              403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plan-dashboard?unit=KHONGCO", "", &control).status,
              404);
    // Readers: the assigned unit's staff and the province's leaders; not a citizen.
    const Browser citizen = api.SignIn("congdan");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plans/" + id, "", &citizen).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plans/" + id, "", nullptr).status, 401);
    const auto list = api.Call(Method::kGet, "/api/v1/plans", "", &citizen);
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(Body(list).at("items").as_array().empty());
    EXPECT_EQ(
        Body(api.Call(Method::kGet, "/api/v1/plans", "", &commune)).at("items").as_array().size(),
        1U);
}

TEST_F(PlanApiTest, CascadeInheritsTheCommunesDeliverables) {
    const json::object plan = ImportSmall();
    const std::string cascade = "/api/v1/plans/" + Id(plan) + "/cascade";
    const Browser xa = api.SignIn("xa_kiemsoat");
    const Browser commune = api.SignIn("chuyenvienxa");
    EXPECT_EQ(api.Call(Method::kPost, cascade, R"({"unit":"19753"})", &commune).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, cascade, R"({"unit":"19774"})", &xa).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, cascade, R"({"unit":"46"})", &control).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, cascade, R"({"unit":"19753","decision_date":"hôm nay"})", &xa)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kPost, cascade, R"({"unit":"19753","extra":1})", &xa).status, 400);
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/plans/999999/cascade", R"({"unit":"19753"})", &xa).status,
        404);
    const auto r = api.Call(Method::kPost, cascade,
                            R"({"unit":"19753","title":"Kế hoạch KSTTHC phường Phú Xuân 2026",)"
                            R"("decision_number":"3/QĐ-UBND","decision_date":"2026-02-01"})",
                            &xa);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::object child = Body(r).as_object();
    EXPECT_EQ(child.at("parent_plan_id").as_int64(), plan.at("id").as_int64());
    EXPECT_EQ(child.at("format").as_string(), "cascade");
    EXPECT_EQ(child.at("issuing_unit").at("code").as_string(), "19753");
    EXPECT_EQ(child.at("counts").at("tasks").as_int64(), 2);
    EXPECT_EQ(child.at("counts").at("deliverables").as_int64(), 2);
    const json::object d1 = Deliverable(child, "1");
    EXPECT_EQ(d1.at("inherited_from").as_int64(), Deliverable(plan, "1").at("id").as_int64());
    ASSERT_EQ(d1.at("assigned").as_array().size(), 1U);
    EXPECT_EQ(d1.at("assigned").as_array().at(0).at("code").as_string(), "19753");
    EXPECT_EQ(d1.at("assigned").as_array().at(0).at("role").as_string(), "cooperating");
    EXPECT_EQ(Deliverable(child, "2").at("assigned").as_array().at(0).at("role").as_string(),
              "lead");
    // Then the commune adds its own task, matched against its own tree.
    const auto task = api.Call(Method::kPost, "/api/v1/plans/" + Id(child) + "/tasks",
                               R"({"section":"I","number":"3","content":"Niêm yết TTHC tại )"
                               R"(Bộ phận Một cửa","lead":"Bộ phận một cửa","deadline":)"
                               R"("Tháng 12/2026","version":1})",
                               &xa);
    ASSERT_EQ(task.status, 201) << task.body;
    const json::object own = Deliverable(Body(task).as_object(), "3");
    EXPECT_EQ(own.at("assigned").as_array().at(0).at("code").as_string(), "19753.BPMC");
    // The same decision twice is a duplicate.
    EXPECT_EQ(
        api.Call(Method::kPost, cascade, R"({"unit":"19753","decision_number":"3/QĐ-UBND"})", &xa)
            .status,
        409);
}

// Reminders before due dates: queued through the outbox once per deliverable and due date, to
// the users of the assigned units that are not done.
TEST_F(PlanApiTest, RemindersAreQueuedOnceBeforeTheDueDate) {
    ImportSmall();
    const std::int64_t outbox = api.Count("notifications");
    // 27/11: the next due dates (31/12) are more than 5 working days away.
    auto none = app::SweepPlanReminders(api.context(), 5);
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_EQ(*none, 0);
    api.clock().Set(*calendar::ParseInstant("2026-12-24T08:00:00+07:00"));
    auto queued = app::SweepPlanReminders(api.context(), 5);
    ASSERT_TRUE(queued.ok()) << queued.error().message;
    EXPECT_GT(*queued, 0);
    EXPECT_EQ(api.Count("notifications"), outbox + *queued);
    auto again = app::SweepPlanReminders(api.context(), 5);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, 0);
    EXPECT_FALSE(app::SweepPlanReminders(api.context(), -1).ok());
}

TEST_F(PlanApiTest, IssuingMakesTheStructureReadOnly) {
    const json::object plan = ImportSmall();
    const std::string id = Id(plan);
    const std::string path = "/api/v1/plans/" + id;
    const std::string d1 = Id(Deliverable(plan, "1"));
    const Browser desk = api.SignIn("motcua");
    const Browser leader = api.SignIn("lanhdao");
    const std::int64_t audits = api.Count("audit_log");
    // Who: anonymous 401, a desk officer 403; bad bodies 400; a stale version 409.
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({"version":1})").status, 401);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({"version":1})", &desk).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({})", &leader).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({"version":"1"})", &leader).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({"version":1,"x":1})", &leader).status,
              400);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", "{", &leader).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, path + "/issue", R"({"version":7})", &leader).status, 409);
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/plans/999999/issue", R"({"version":1})", &leader).status,
        404);
    EXPECT_EQ(api.Count("audit_log"), audits);
    // The leader issues it.
    const auto issued = api.Call(Method::kPost, path + "/issue", R"({"version":1})", &leader);
    ASSERT_EQ(issued.status, 200) << issued.body;
    EXPECT_EQ(Body(issued).at("status").as_string(), "issued");
    EXPECT_EQ(Body(issued).at("version").as_int64(), 2);
    EXPECT_EQ(api.Count("audit_log WHERE action = 'plan.issue'"), 1);
    // Not a draft any more: 409 naming the state.
    const auto twice = api.Call(Method::kPost, path + "/issue", R"({"version":2})", &control);
    EXPECT_EQ(twice.status, 409);
    EXPECT_NE(twice.body.find("đã được ban hành"), std::string::npos) << twice.body;
    // Its structure is read-only: editing a deliverable or adding a task is 409 naming the rule.
    const auto edit = api.Call(Method::kPatch, path + "/deliverables/" + d1,
                               R"({"product":"Khác","version":2})", &control);
    EXPECT_EQ(edit.status, 409);
    EXPECT_NE(edit.body.find("Kế hoạch đã ban hành"), std::string::npos) << edit.body;
    EXPECT_EQ(api.Call(Method::kPost, path + "/tasks",
                       R"({"section":"II","content":"Tập huấn","version":2})", &control)
                  .status,
              409);
    EXPECT_EQ(Body(api.Call(Method::kGet, path, "", &control)).at("version").as_int64(), 2);
    // Progress, resolving names and cascading go on.
    const Browser specialist = api.SignIn("chuyenvien");  // Sở Tư pháp leads task 1
    const auto progress = api.Call(Method::kPost, "/api/v1/plan-deliverables/" + d1 + "/progress",
                                   R"({"status":"in_progress","percent":40})", &specialist);
    EXPECT_EQ(progress.status, 201) << progress.body;
    const std::string name = Id(plan.at("unmatched").as_array().at(0));
    EXPECT_EQ(api.Call(Method::kPost, path + "/unmatched/" + name + "/resolve",
                       R"({"units":["46.SOKHCN"],"version":2})", &control)
                  .status,
              200);
    EXPECT_EQ(api.Call(Method::kPost, path + "/cascade", R"({"unit":"19753"})", &control).status,
              201);
}

TEST_F(PlanApiTest, WordFilesAreImportedThroughTheApiWithTheReadersGuards) {
    const std::string s2 = ReadSeed("s2-nhat-tan-2024.txt");
    const auto text = Import(s2, "unit=19753", &control);
    ASSERT_EQ(text.status, 201) << text.body;
    const std::string id = Id(Body(text));
    // The stored plan exported as DOCX and XLSX.
    const auto docx =
        api.Call(Method::kGet, "/api/v1/plans/" + id + "/export?format=docx", "", &control);
    ASSERT_EQ(docx.status, 200) << docx.body;
    EXPECT_EQ(docx.content_type,
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    EXPECT_EQ(docx.body.substr(0, 4), std::string("PK\x03\x04"));
    EXPECT_NE(docx.Header("Content-Disposition").value_or("").find(".docx"), std::string::npos);
    const auto xlsx =
        api.Call(Method::kGet, "/api/v1/plans/" + id + "/export?format=xlsx", "", &control);
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.content_type,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04"));
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/plans/" + id + "/export?format=pdf", "", &control).status,
        400);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plans/999999/export", "", &control).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plans/" + id + "/export", "").status, 401);
    const Browser desk = api.SignIn("motcua");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plans/" + id + "/export", "", &desk).status, 403);

    // The round trip: the exported Word file imported again, declared and sniffed, gives the
    // stored plan's counts and deadlines.
    constexpr std::string_view kDocx =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const auto declared =
        api.Call(Method::kPost, "/api/v1/plans/import?unit=46", docx.body, &control, true, kDocx);
    ASSERT_EQ(declared.status, 201) << declared.body;
    const json::value back = Body(declared);
    const json::value first = Body(text);
    EXPECT_EQ(back.at("counts").at("sections"), first.at("counts").at("sections"));
    EXPECT_EQ(back.at("counts").at("tasks").as_int64(), 18);
    EXPECT_EQ(back.at("counts").at("deliverables"), first.at("counts").at("deliverables"));
    EXPECT_EQ(back.at("import").at("format").as_string(), "tsv");
    EXPECT_EQ(back.at("decision").at("number").as_string(), "12/QĐ-UBND");
    const auto& s_back = back.at("sections").as_array();
    const auto& s_first = first.at("sections").as_array();
    ASSERT_EQ(s_back.size(), s_first.size());
    for (std::size_t i = 0; i < s_back.size(); ++i) {
        const auto& t_back = s_back[i].at("tasks").as_array();
        const auto& t_first = s_first[i].at("tasks").as_array();
        ASSERT_EQ(t_back.size(), t_first.size());
        for (std::size_t j = 0; j < t_back.size(); ++j) {
            EXPECT_EQ(t_back[j].at("content"), t_first[j].at("content"));
            const auto& d_back = t_back[j].at("deliverables").as_array().at(0);
            const auto& d_first = t_first[j].at("deliverables").as_array().at(0);
            EXPECT_EQ(d_back.at("deadline"), d_first.at("deadline"));
            EXPECT_EQ(d_back.at("lead_raw"), d_first.at("lead_raw"));
        }
    }
    const auto sniffed = api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOTP&format=docx",
                                  docx.body, &control, true, "application/octet-stream");
    EXPECT_EQ(sniffed.status, 201) << sniffed.body;
    const auto sniffed2 = api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SONV", docx.body,
                                   &control, true, "application/octet-stream");
    EXPECT_EQ(sniffed2.status, 201) << sniffed2.body;

    // Bad input: problem+json, nothing stored.
    const std::int64_t plans = api.Count("plans");
    const auto wrong_format =
        api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOYT&format=tsv", docx.body, &control,
                 true, kDocx);
    EXPECT_EQ(wrong_format.status, 400);
    EXPECT_NE(wrong_format.body.find("DOCX"), std::string::npos) << wrong_format.body;
    const auto markdown = Import(s2, "unit=46.SOYT&format=markdown", &control);
    EXPECT_EQ(markdown.status, 400);
    EXPECT_NE(markdown.body.find("tsv"), std::string::npos) << markdown.body;
    const auto broken = api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOYT",
                                 docx.body.substr(0, docx.body.size() / 2), &control, true, kDocx);
    EXPECT_EQ(broken.status, 400) << broken.body;
    EXPECT_EQ(broken.content_type, "application/problem+json");
    const auto not_zip = api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOYT",
                                  "không phải tệp Word", &control, true, kDocx);
    EXPECT_EQ(not_zip.status, 400);
    auto xxe = render::ZipInMemory(
        {{"word/document.xml",
          R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>)"
          R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
          R"(<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>)"}});
    ASSERT_TRUE(xxe);
    const auto xxe_r =
        api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOYT", *xxe, &control, true, kDocx);
    EXPECT_EQ(xxe_r.status, 400) << xxe_r.body;
    EXPECT_NE(xxe_r.body.find("DTD"), std::string::npos) << xxe_r.body;
    // A zip bomb: 4 MB of one letter deflates to a few KB (over 100:1), refused before inflating.
    auto bomb = render::ZipInMemory({{"word/document.xml", std::string(4U << 20U, 'a')}});
    ASSERT_TRUE(bomb);
    ASSERT_LT(bomb->size(), 100000U);
    const auto bomb_r = api.Call(Method::kPost, "/api/v1/plans/import?unit=46.SOYT", *bomb,
                                 &control, true, "application/octet-stream");
    EXPECT_EQ(bomb_r.status, 413) << bomb_r.body;
    EXPECT_EQ(bomb_r.content_type, "application/problem+json");
    EXPECT_EQ(api.Count("plans"), plans);
}

// Session 8: evidence files through the API — uploaded by the reporting unit's staff, cited by
// its report, downloaded by the plan's readers (404 for others); bad files refused with nothing
// stored; a report may not cite another unit's file.
TEST_F(PlanApiTest, EvidenceFilesAreUploadedCitedAndDownloadedByReaders) {
    const std::filesystem::path files = std::filesystem::temp_directory_path() /
                                        ("motcua-plan-evidence-" + std::to_string(::getpid()));
    std::filesystem::remove_all(files);
    api.context().files_dir = files;
    const json::object plan = ImportSmall();
    const json::object d1 = Deliverable(plan, "1");  // Sở Tư pháp leads; communes cooperate
    const std::string upload = "/api/v1/plan-deliverables/" + Id(d1) + "/evidence";
    const std::string progress = "/api/v1/plan-deliverables/" + Id(d1) + "/progress";
    const Browser specialist = api.SignIn("chuyenvien");  // Sở Tư pháp
    const Browser commune = api.SignIn("chuyenvienxa");
    const Browser desk = api.SignIn("motcua");
    const std::string pdf = "%PDF-1.7\n% bao cao ra soat\n%%EOF\n";

    // Refused: another unit's staff, a mislabelled file, an empty one, one over 10 MB.
    EXPECT_EQ(
        api.Call(Method::kPost, upload + "?name=a.pdf", pdf, &desk, true, "application/pdf").status,
        403);
    const auto mislabelled =
        api.Call(Method::kPost, upload + "?name=a.png", pdf, &specialist, true, "image/png");
    EXPECT_EQ(mislabelled.status, 400);
    EXPECT_NE(mislabelled.body.find("không khớp với nội dung tệp"), std::string::npos);
    EXPECT_EQ(api.Call(Method::kPost, upload, "", &specialist, true, "application/pdf").status,
              400);
    std::string big = pdf;
    big.resize((std::size_t{10} << 20) + 1, 'x');
    const auto oversize = api.Call(Method::kPost, upload + "?name=big.pdf", big, &specialist, true,
                                   "application/pdf");
    EXPECT_EQ(oversize.status, 413);
    EXPECT_NE(oversize.body.find("10 MB"), std::string::npos);
    EXPECT_EQ(api.Count("plan_evidence"), 0);
    EXPECT_FALSE(std::filesystem::exists(files) &&
                 std::any_of(std::filesystem::recursive_directory_iterator(files),
                             std::filesystem::recursive_directory_iterator(),
                             [](const auto& e) { return e.is_regular_file(); }));

    // Uploaded, then cited by the report.
    const auto up = api.Call(Method::kPost, upload + "?name=B%C3%A1o%20c%C3%A1o.pdf", pdf,
                             &specialist, true, "application/pdf");
    ASSERT_EQ(up.status, 201) << up.body;
    const std::int64_t file = Body(up).at("id").as_int64();
    EXPECT_EQ(Body(up).at("file_name").as_string(), "Báo cáo.pdf");
    EXPECT_EQ(Body(up).at("media_type").as_string(), "application/pdf");
    const auto cited = api.Call(
        Method::kPost, progress,
        R"({"status":"in_progress","evidence_files":[)" + std::to_string(file) + "]}", &specialist);
    ASSERT_EQ(cited.status, 201) << cited.body;
    EXPECT_EQ(Body(cited).at("evidence_files").as_array().at(0).as_int64(), file);
    // The commune cooperates on the same deliverable: it may not cite Sở Tư pháp's file.
    EXPECT_EQ(
        api.Call(Method::kPost, progress,
                 R"({"status":"in_progress","evidence_files":[)" + std::to_string(file) + "]}",
                 &commune)
            .status,
        400);

    // Downloaded by the plan's readers; 404 for others and for an unknown file.
    const std::string download = "/api/v1/plan-evidence/" + std::to_string(file);
    const auto got = api.Call(Method::kGet, download, "", &control);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.body, pdf);
    EXPECT_EQ(got.content_type, "application/pdf");
    EXPECT_EQ(api.Call(Method::kGet, download, "", &commune).status, 200);
    const Browser citizen = api.SignIn("congdan");
    EXPECT_EQ(api.Call(Method::kGet, download, "", &citizen).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plan-evidence/999999", "", &control).status, 404);
    std::filesystem::remove_all(files);
}

}  // namespace
}  // namespace motcua::testing
