// Reminders of inspections through the notification outbox (issue #7; docs/inspections.md
// "Reminders"): app::SweepInspectionReminders, run by the server's minute sweep, queues the notice
// reminder to the inspecting unit, the report and remediation reminders to the inspected unit,
// each once per inspection, kind and due day, and nothing for a step already taken.
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/inspections.hpp"
#include "calendar/instant.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

class InspectionRemindersTest : public ::testing::Test {
protected:
    void SetUp() override { At("2024-12-02T09:00:00+07:00"); }

    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        control = api.SignIn("kiemsoat");
        leader = api.SignIn("lanhdao");
        inspected = api.SignIn("lanhdaostp");
    }

    json::value Get(const std::string& path) {
        auto r = api.Call(Method::kGet, path, "", &control);
        EXPECT_EQ(r.status, 200) << r.body;
        std::error_code ec;
        return json::parse(r.body, ec);
    }

    void Act(std::int64_t id, const Browser& who, std::string_view action,
             const std::string& extra = "") {
        const std::int64_t version =
            Get("/api/v1/inspections/" + std::to_string(id)).at("version").as_int64();
        auto r = api.Call(Method::kPost, "/api/v1/inspections/" + std::to_string(id) + "/actions",
                          R"({"action":")" + std::string(action) + R"(","version":)" +
                              std::to_string(version) + extra + "}",
                          &who);
        EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    }

    // Runs the sweep; the number of notifications it queued, checked against the outbox.
    int Sweep() {
        const std::int64_t before = Reminders();
        auto n = app::SweepInspectionReminders(api.context(), 5);
        EXPECT_TRUE(n.ok()) << n.error().message;
        EXPECT_EQ(Reminders(), before + (n.ok() ? *n : 0));
        return n.ok() ? *n : -1;
    }

    std::int64_t Reminders(std::string_view kind = "") {
        std::string where = "notifications WHERE kind = 'inspection_reminder'";
        if (!kind.empty()) {
            where += " AND subject LIKE '%" + std::string(kind) + "%'";
        }
        return api.Count(where);
    }

    ApiFixture api;
    Browser control;
    Browser leader;
    Browser inspected;
};

TEST_F(InspectionRemindersTest, NoticeReportAndRemediationAreRemindedOnce) {
    auto plan = api.Call(Method::kPost, "/api/v1/inspection-plans",
                         R"({"year":2025,"inspecting_unit":"46","title":"Kế hoạch kiểm tra 2025",)"
                         R"("checklist":"s3"})",
                         &control);
    ASSERT_EQ(plan.status, 201) << plan.body;
    std::error_code ec;
    const std::int64_t plan_id = json::parse(plan.body, ec).at("id").as_int64();
    const std::string plan_path = "/api/v1/inspection-plans/" + std::to_string(plan_id);
    // A scheduled inspection of the Department of Justice on 6–7/1/2025: notice due 20/12/2024,
    // the department's report 27/12/2024.
    auto added =
        api.Call(Method::kPost, plan_path + "/inspections",
                 R"({"plan_version":)" + std::to_string(Get(plan_path).at("version").as_int64()) +
                     R"(,"unit":"46.SOTP","kind":"scheduled","quarter":1,"start":"2025-01-06",)"
                     R"("end":"2025-01-07"})",
                 &control);
    ASSERT_EQ(added.status, 201) << added.body;
    const std::int64_t id = json::parse(added.body, ec).at("id").as_int64();

    // 2/12: both more than 5 working days away.
    EXPECT_EQ(Sweep(), 0);
    // 16/12: the notice (20/12) is within 5 working days: the inspecting unit's users.
    At("2024-12-16T09:00:00+07:00");
    const int notice = Sweep();
    EXPECT_GT(notice, 0);
    EXPECT_EQ(Reminders("thông báo kiểm tra"), notice);
    EXPECT_EQ(Sweep(), 0);  // once
    // The notice is sent on 20/12; the report (27/12) is now within 5 working days: the
    // department's users, not the inspectors again.
    At("2024-12-20T09:00:00+07:00");
    Act(id, control, "notify");
    const int report = Sweep();
    EXPECT_GT(report, 0);
    EXPECT_EQ(Reminders("báo cáo phục vụ kiểm tra"), report);
    EXPECT_EQ(
        api.Count("notifications WHERE kind = 'inspection_reminder' AND recipient_user_id = " +
                  std::to_string(inspected.user_id)),
        1);
    EXPECT_EQ(Sweep(), 0);

    // Through the cycle to the remediation report, due 14/3/2025.
    At("2024-12-27T09:00:00+07:00");
    Act(id, inspected, "submit_report");
    At("2025-01-07T16:00:00+07:00");
    Act(id, control, "record_minutes");
    At("2025-01-10T09:00:00+07:00");
    Act(id, control, "draft_conclusion", R"(,"text":"Dự thảo")");
    At("2025-01-24T10:00:00+07:00");
    Act(id, leader, "conclude", R"(,"number":"05/KL-UBND","text":"Kết luận")");
    Act(id, control, "deliver_conclusion");
    EXPECT_EQ(Sweep(), 0);
    At("2025-03-10T09:00:00+07:00");
    const int remediation = Sweep();
    EXPECT_GT(remediation, 0);
    EXPECT_EQ(Reminders("khắc phục"), remediation);
    // Overdue on 17/3: the same due day is not reminded twice.
    At("2025-03-17T09:00:00+07:00");
    EXPECT_EQ(Sweep(), 0);
    EXPECT_EQ(api.Count("inspection_reminders"), 3);
    EXPECT_FALSE(app::SweepInspectionReminders(api.context(), -1).ok());
    EXPECT_FALSE(app::SweepInspectionReminders(api.context(), 61).ok());
}

}  // namespace
}  // namespace motcua::testing
