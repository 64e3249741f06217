// Inspections of TTHC control through /api/v1/inspection-plans and /api/v1/inspections (issue #7;
// docs/inspections.md): a full cycle from plan to follow-up with the remediation deadline across
// Tết, pre-filled checklists, rule warnings, reminders, bad input and authorisation.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"
#include "render/inspection_report.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return ec ? json::value(nullptr) : v;
}

bool HasWarning(const json::value& v, std::string_view rule) {
    for (const json::value& w : v.at("warnings").as_array()) {
        if (w.at("rule").as_string() == rule) {
            return true;
        }
    }
    return false;
}

const json::object* Item(const json::value& detail, std::string_view key) {
    for (const json::value& c : detail.at("checklist").as_array()) {
        if (c.at("key").as_string() == key) {
            return &c.as_object();
        }
    }
    return nullptr;
}

class InspectionApiTest : public ::testing::Test {
protected:
    void SetUp() override { At("2024-12-02T09:00:00+07:00"); }

    // Moves the fake clock and signs in again (sessions expire while the clock jumps).
    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        control = api.SignIn("kiemsoat");
        leader = api.SignIn("lanhdao");
        inspected = api.SignIn("lanhdaostp");
    }

    // A 2025 plan of Thành phố Huế (46); returns its id.
    std::int64_t CreatePlan() {
        auto r = api.Call(Method::kPost, "/api/v1/inspection-plans",
                          R"({"year":2025,"inspecting_unit":"46","title":"Kế hoạch kiểm tra )"
                          R"(công tác kiểm soát TTHC năm 2025","decision_number":"20/KH-UBND",)"
                          R"("decision_date":"2024-11-29","checklist":"s3"})",
                          &control);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? Body(r).at("id").as_int64() : 0;
    }

    std::int64_t PlanVersion(std::int64_t plan) {
        auto r = api.Call(Method::kGet, "/api/v1/inspection-plans/" + std::to_string(plan), "",
                          &control);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r).at("version").as_int64();
    }

    http::Response AddInspection(std::int64_t plan, std::string fields) {
        return api.Call(
            Method::kPost, "/api/v1/inspection-plans/" + std::to_string(plan) + "/inspections",
            R"({"plan_version":)" + std::to_string(PlanVersion(plan)) + "," + fields + "}",
            &control);
    }

    json::value Act(std::int64_t id, const Browser& who, std::string_view action,
                    std::string extra = "", int expect = 200) {
        auto current =
            api.Call(Method::kGet, "/api/v1/inspections/" + std::to_string(id), "", &control);
        EXPECT_EQ(current.status, 200) << current.body;
        const std::int64_t version = Body(current).at("version").as_int64();
        auto r = api.Call(Method::kPost, "/api/v1/inspections/" + std::to_string(id) + "/actions",
                          R"({"action":")" + std::string(action) + R"(","version":)" +
                              std::to_string(version) + extra + "}",
                          &who);
        EXPECT_EQ(r.status, expect) << action << ": " << r.body;
        return Body(r);
    }

    ApiFixture api;
    Browser control;
    Browser leader;
    Browser inspected;
};

TEST_F(InspectionApiTest, FullCycleFromPlanToFollowUpAcrossTet) {
    const std::int64_t audits = api.Count("audit_log");
    const std::int64_t plan = CreatePlan();
    ASSERT_GT(plan, 0);
    auto plan_body = Body(
        api.Call(Method::kGet, "/api/v1/inspection-plans/" + std::to_string(plan), "", &control));
    EXPECT_TRUE(HasWarning(plan_body, "min_agencies"));  // S0: ≥ 5 agencies
    EXPECT_TRUE(HasWarning(plan_body, "min_communes"));  // S0: ≥ 10 communes
    EXPECT_EQ(plan_body.at("checklist").at("source").as_string(), "S3 §II.1");

    // A scheduled inspection of the Department of Justice, 6–7/1/2025.
    auto added = AddInspection(
        plan,
        R"("unit":"46.SOTP","kind":"scheduled","quarter":1,"start":"2025-01-06",)"
        R"("end":"2025-01-07","team":[{"name":"Trần Thị Lãnh","position":"Phó Chủ tịch",)"
        R"("leader":true},{"name":"Lê Văn Kiểm","position":"Công chức KSTT"}],"period":"2024")");
    ASSERT_EQ(added.status, 201) << added.body;
    json::value detail = Body(added);
    const std::int64_t id = detail.at("id").as_int64();
    EXPECT_EQ(detail.at("state").as_string(), "planned");
    EXPECT_EQ(detail.at("notice_by").as_string(), "2024-12-20");  // 10 working days, 1/1 off
    EXPECT_EQ(detail.at("report_by").as_string(), "2024-12-27");  // 5 working days
    ASSERT_EQ(detail.at("team").as_array().size(), 2U);
    // Pre-filled: figures from the system; publication and feedback are not held yet.
    const json::object* overdue = Item(detail, "s3.d");
    ASSERT_NE(overdue, nullptr);
    EXPECT_EQ(overdue->at("figure").as_string(), "overdue");
    EXPECT_EQ(overdue->at("prefilled").at("status").as_string(), "ok");
    EXPECT_TRUE(overdue->at("prefilled").at("value").is_int64());
    EXPECT_EQ(overdue->at("prefilled").at("period").as_string(), "2024");
    const json::object* publication = Item(detail, "s3.c");
    ASSERT_NE(publication, nullptr);
    EXPECT_EQ(publication->at("prefilled").at("text").as_string(), "Chưa có dữ liệu");
    EXPECT_EQ(Item(detail, "s3.e")->at("prefilled").at("status").as_string(), "no_data");
    EXPECT_TRUE(Item(detail, "s3.a")->at("prefilled").is_null());
    EXPECT_EQ(Item(detail, "s3.k.payments")->at("prefilled").at("status").as_string(), "ok");

    // The inspected unit sees its inspection; a commune officer does not (404, no leak).
    auto seen = api.Call(Method::kGet, "/api/v1/inspections/" + std::to_string(id), "", &inspected);
    ASSERT_EQ(seen.status, 200) << seen.body;
    Browser stranger = api.SignIn("chuyenvienxa");
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/inspections/" + std::to_string(id), "", &stranger).status,
        404);
    auto mine = Body(api.Call(Method::kGet, "/api/v1/inspections", "", &inspected));
    ASSERT_EQ(mine.at("items").as_array().size(), 1U);
    EXPECT_EQ(Body(api.Call(Method::kGet, "/api/v1/inspections", "", &stranger))
                  .at("items")
                  .as_array()
                  .size(),
              0U);
    // The inspected unit may not read the plan of its inspector.
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/inspection-plans/" + std::to_string(plan), "", &inspected)
            .status,
        403);

    // Minutes before a notice: illegal, 409 naming the rule.
    At("2024-12-20T09:00:00+07:00");
    auto early = Act(id, control, "record_minutes", "", 409);
    EXPECT_NE(early.at("detail").as_string().find("S3 §II.2"), std::string::npos);
    Act(id, control, "notify", R"(,"documents":["15/TB-UBND"])");
    At("2024-12-27T09:00:00+07:00");
    Act(id, control, "submit_report", "", 403);  // the inspected unit's step
    Act(id, inspected, "submit_report", R"(,"note":"Báo cáo theo Đề cương")");
    At("2025-01-07T16:00:00+07:00");
    Act(id, control, "record_minutes", R"(,"documents":["Biên bản kiểm tra"])");
    Act(id, inspected, "report_remediation", "", 409);  // no conclusion yet
    At("2025-01-10T09:00:00+07:00");
    Act(id, control, "draft_conclusion", R"(,"text":"Dự thảo kết luận")");
    At("2025-01-15T09:00:00+07:00");
    Act(id, inspected, "comment", R"(,"note":"Tiếp thu, giải trình mục d")");
    // The conclusion is signed by a leader, just before Tết Ất Tỵ (25/1–2/2/2025).
    At("2025-01-24T10:00:00+07:00");
    Act(id, control, "conclude", R"(,"number":"05/KL-UBND")", 403);
    Act(id, leader, "conclude", R"(,"text":"Kết luận")", 400);  // the number is required
    Act(id, leader, "conclude", R"(,"number":"05/KL-UBND","text":"Kết luận kiểm tra")");
    detail = Act(id, control, "deliver_conclusion");
    EXPECT_EQ(detail.at("state").as_string(), "remediation_due");
    // 30 working days from 24/1/2025: Tết is skipped, due 14/3 (not 7/3).
    EXPECT_EQ(detail.at("remediation_due").as_string(), "2025-03-14");

    // Reminders: due within 5 working days on 10/3, overdue on 17/3.
    At("2025-03-10T09:00:00+07:00");
    stranger = api.SignIn("chuyenvienxa");
    auto reminders = Body(
        api.Call(Method::kGet, "/api/v1/inspections/remediation-reminders?within=5", "", &control));
    ASSERT_EQ(reminders.at("items").as_array().size(), 1U);
    EXPECT_EQ(reminders.at("items").at(0).at("working_days_left").as_int64(), 4);
    EXPECT_FALSE(reminders.at("items").at(0).at("overdue").as_bool());
    EXPECT_EQ(Body(api.Call(Method::kGet, "/api/v1/inspections/remediation-reminders?within=1", "",
                            &control))
                  .at("items")
                  .as_array()
                  .size(),
              0U);
    EXPECT_EQ(
        Body(api.Call(Method::kGet, "/api/v1/inspections/remediation-reminders", "", &stranger))
            .at("items")
            .as_array()
            .size(),
        0U);
    At("2025-03-17T09:00:00+07:00");
    reminders =
        Body(api.Call(Method::kGet, "/api/v1/inspections/remediation-reminders", "", &inspected));
    ASSERT_EQ(reminders.at("items").as_array().size(), 1U);
    EXPECT_TRUE(reminders.at("items").at(0).at("overdue").as_bool());
    EXPECT_EQ(reminders.at("items").at(0).at("working_days_left").as_int64(), -1);
    plan_body = Body(
        api.Call(Method::kGet, "/api/v1/inspection-plans/" + std::to_string(plan), "", &leader));
    EXPECT_TRUE(HasWarning(plan_body, "remediation_overdue"));

    detail = Act(id, inspected, "report_remediation",
                 R"(,"number":"12/BC-STP","text":"Đã khắc phục các tồn tại")");
    ASSERT_FALSE(detail.at("remediation").is_null());
    EXPECT_TRUE(detail.at("remediation").at("late").as_bool());
    At("2025-03-20T09:00:00+07:00");
    detail = Act(id, control, "close");
    EXPECT_EQ(detail.at("state").as_string(), "closed");
    ASSERT_EQ(detail.at("conclusions").as_array().size(), 2U);
    EXPECT_EQ(detail.at("conclusions").at(1).at("number").as_string(), "05/KL-UBND");
    // The history: created + 9 steps, with who did them.
    const auto& events = detail.at("events").as_array();
    ASSERT_EQ(events.size(), 10U);
    EXPECT_EQ(events.at(8).at("action").as_string(), "report_remediation");
    EXPECT_EQ(events.at(8).at("actor").as_string(), "lanhdaostp");
    EXPECT_EQ(events.at(1).at("documents").at(0).as_string(), "15/TB-UBND");

    // Follow-up (phúc tra) of the conclusion.
    auto follow = AddInspection(plan, R"("unit":"46.SOTP","kind":"scheduled","start":"2025-06-02",)"
                                      R"("follow_up_of":)" +
                                          std::to_string(id));
    ASSERT_EQ(follow.status, 201) << follow.body;
    const json::value follow_body = Body(follow);
    EXPECT_EQ(follow_body.at("follow_up_of").as_int64(), id);
    const json::object* previous = Item(follow_body, "follow_up");
    ASSERT_NE(previous, nullptr);
    EXPECT_EQ(previous->at("prefilled").at("conclusion_number").as_string(), "05/KL-UBND");
    EXPECT_TRUE(previous->at("prefilled").at("remediation_reported").as_bool());
    // A follow-up of an inspection without a conclusion is refused.
    auto unconcluded = AddInspection(plan, R"("unit":"46.SOTP","start":"2025-07-07",)"
                                           R"("follow_up_of":)" +
                                               std::to_string(follow_body.at("id").as_int64()));
    EXPECT_EQ(unconcluded.status, 409) << unconcluded.body;
    EXPECT_GT(api.Count("audit_log"), audits + 10);
}

TEST_F(InspectionApiTest, FindingsAndWarnings) {
    const std::int64_t plan = CreatePlan();
    // A sudden inspection notified late: warning with its source.
    auto added = AddInspection(plan, R"("unit":"46.SOTP","kind":"sudden","start":"2025-03-17",)"
                                     R"("end":"2025-03-19")");
    ASSERT_EQ(added.status, 201) << added.body;
    const std::int64_t id = Body(added).at("id").as_int64();
    At("2025-03-13T09:00:00+07:00");
    json::value detail = Act(id, control, "notify");
    bool sudden = false;
    for (const json::value& w : detail.at("warnings").as_array()) {
        if (w.at("rule").as_string() == "notice_sudden") {
            sudden = true;
            EXPECT_EQ(w.at("source").as_string(), "S3 §II.2");
        }
    }
    EXPECT_TRUE(sudden);
    EXPECT_TRUE(HasWarning(detail, "days_per_unit"));  // 3 working days, S0: 2

    auto finding =
        api.Call(Method::kPut, "/api/v1/inspections/" + std::to_string(id) + "/checklist/s3.d",
                 R"({"finding":"3 hồ sơ trễ hạn chưa có văn bản xin lỗi"})", &control);
    ASSERT_EQ(finding.status, 200) << finding.body;
    EXPECT_EQ(Item(Body(finding), "s3.d")->at("finding").as_string(),
              "3 hồ sơ trễ hạn chưa có văn bản xin lỗi");
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/inspections/" + std::to_string(id) + "/checklist/s3.zz",
                 R"({"finding":"x"})", &control)
            .status,
        404);
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/inspections/" + std::to_string(id) + "/checklist/s3.d",
                 R"({"finding":"x"})", &inspected)
            .status,
        403);
    auto refreshed = api.Call(
        Method::kPost, "/api/v1/inspections/" + std::to_string(id) + "/prefill", "", &control);
    ASSERT_EQ(refreshed.status, 200) << refreshed.body;
    EXPECT_EQ(Item(Body(refreshed), "s3.d")->at("prefilled").at("period").as_string(), "2025");
}

TEST_F(InspectionApiTest, ReportOutlineAsDocxAndPdf) {
    auto docx = api.Call(Method::kGet,
                         "/api/v1/inspections/report-outline?unit=46.SOTP&period=2024&format=docx",
                         "", &inspected);
    ASSERT_EQ(docx.status, 200) << docx.body;
    EXPECT_EQ(docx.body.substr(0, 2), "PK");
    EXPECT_NE(
        docx.Header("Content-Disposition").value_or("").find("de-cuong-bao-cao-46.SOTP-2024.docx"),
        std::string::npos);
    auto pdf = api.Call(Method::kGet,
                        "/api/v1/inspections/report-outline?unit=46.SOTP&period=2024&format=pdf",
                        "", &control);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    EXPECT_EQ(api.Call(Method::kGet,
                       "/api/v1/inspections/report-outline?unit=46.SOTP&period=2024&format=odt", "",
                       &control)
                  .status,
              400);
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/inspections/report-outline?unit=46.SOTP", "", &control)
            .status,
        400);
    const Browser stranger = api.SignIn("chuyenvienxa");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/inspections/report-outline?unit=46.SOTP&period=2024",
                       "", &stranger)
                  .status,
              403);
}

TEST(InspectionReportLetter, FiguresFilledAndKhongCoWhereNone) {
    render::InspectionReport r;
    r.unit = "Sở Tư pháp thành phố Huế";
    r.recipient = "Đoàn kiểm tra";
    r.items = {{"I.6", "Về tiếp nhận và xử lý phản ánh, kiến nghị", {"Tổng số phản ánh"}, {}},
               {"I.9", "Số hóa kết quả", {}, {"Kết quả chưa số hóa: 2/10"}}};
    const render::Letter l = render::InspectionReportLetter(r);
    ASSERT_EQ(l.sections.size(), 2U);
    EXPECT_EQ(l.sections[0].heading, "I.6. Về tiếp nhận và xử lý phản ánh, kiến nghị");
    EXPECT_EQ(l.sections[0].paragraphs.back(), "Số liệu trên hệ thống: không có.");
    EXPECT_EQ(l.sections[1].paragraphs.back(), "+ Kết quả chưa số hóa: 2/10");
    auto docx = render::RenderInspectionReportDocx(r);
    ASSERT_TRUE(docx);
    EXPECT_EQ(docx->substr(0, 2), "PK");
}

// The feedback-handling item (s3.e) is filled from app::FeedbackCounts once the inspected unit
// has received feedback in the period: one submitted, accepted and answered on time.
TEST_F(InspectionApiTest, FeedbackFigureFromHandledFeedback) {
    At("2025-02-03T09:00:00+07:00");
    auto submitted =
        api.Call(Method::kPost, "/api/v1/feedback",
                 json::serialize(json::object{
                     {"unit", "46.SOTP"},
                     {"title", "Yêu cầu bản sao giấy tờ đã bãi bỏ"},
                     {"content",
                      "Bộ phận một cửa yêu cầu nộp thêm bản sao sổ hộ khẩu dù quy định đã bãi "
                      "bỏ giấy tờ này."},
                     {"sender_name", "Nguyễn Thị Phản Ánh"},
                     {"sender_phone", "0905123456"}}),
                 nullptr, false, "application/json", "198.51.100.77");
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const std::string code(Body(submitted).at("code").as_string());
    auto act = [&](json::object body) {
        auto current = api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &control);
        EXPECT_EQ(current.status, 200) << current.body;
        body["version"] = Body(current).at("version");
        return api.Call(Method::kPost, "/api/v1/feedback/" + code + "/actions",
                        json::serialize(body), &control);
    };
    auto r = act({{"action", "accept"}, {"subject", "regulation"}});
    ASSERT_EQ(r.status, 200) << r.body;
    At("2025-02-05T10:00:00+07:00");
    r = act({{"action", "answer"},
             {"text", "Sổ hộ khẩu không còn là thành phần hồ sơ; đã chấn chỉnh bộ phận một cửa."}});
    ASSERT_EQ(r.status, 200) << r.body;

    const std::int64_t plan = CreatePlan();
    auto added =
        AddInspection(plan, R"("unit":"46.SOTP","kind":"scheduled","quarter":2,)"
                            R"("start":"2025-04-14","end":"2025-04-15","period":"2025-Q1")");
    ASSERT_EQ(added.status, 201) << added.body;
    const json::value added_body = Body(added);
    const json::object* feedback = Item(added_body, "s3.e");
    ASSERT_NE(feedback, nullptr);
    EXPECT_EQ(feedback->at("figure").as_string(), "feedback");
    const json::value& f = feedback->at("prefilled");
    EXPECT_EQ(f.at("status").as_string(), "ok");
    EXPECT_EQ(f.at("value").as_int64(), 1);
    EXPECT_EQ(f.at("handled_on_time").as_int64(), 1);
    EXPECT_EQ(f.at("handled_late").as_int64(), 0);
    EXPECT_EQ(f.at("in_progress_overdue").as_int64(), 0);
    EXPECT_NE(f.at("text").as_string().find("tiếp nhận: 1"), std::string::npos);
    // A unit that received none in the period still says "Chưa có dữ liệu" (not zero).
    auto other =
        AddInspection(plan, R"("unit":"46.SOTP","kind":"sudden","quarter":3,)"
                            R"("start":"2025-07-14","end":"2025-07-15","period":"2024-Q4")");
    ASSERT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(Item(Body(other), "s3.e")->at("prefilled").at("text").as_string(), "Chưa có dữ liệu");
}

TEST_F(InspectionApiTest, BadInputIsRefusedAndLosesNothing) {
    const std::int64_t plan = CreatePlan();
    const std::string base = "/api/v1/inspection-plans/" + std::to_string(plan);
    const std::int64_t inspections = api.Count("inspections");
    // Malformed JSON, wrong types.
    auto r = api.Call(Method::kPost, "/api/v1/inspection-plans", "{not json", &control);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("JSON"), std::string::npos);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/inspection-plans",
                       R"({"year":"2025","inspecting_unit":"46","title":"x"})", &control)
                  .status,
              400);
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/inspection-plans",
                 R"({"year":2025,"inspecting_unit":"46","title":"x","checklist":"s9"})", &control)
            .status,
        400);
    // Unknown unit.
    r = api.Call(Method::kPost, "/api/v1/inspection-plans",
                 R"({"year":2025,"inspecting_unit":"99.NONE","title":"x"})", &control);
    EXPECT_EQ(r.status, 400) << r.body;
    r = AddInspection(plan, R"("unit":"99.NONE","start":"2025-05-05")");
    EXPECT_EQ(r.status, 400) << r.body;
    // Dates outside the plan year.
    r = AddInspection(plan, R"("unit":"46.SOTP","start":"2026-01-05")");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("ngoài năm kế hoạch 2025"), std::string::npos) << r.body;
    // Not a date, unknown kind.
    EXPECT_EQ(AddInspection(plan, R"("unit":"46.SOTP","start":"5/5/2025")").status, 400);
    EXPECT_EQ(AddInspection(plan, R"("unit":"46.SOTP","start":"2025-05-05","kind":"x")").status,
              400);
    // Stale plan version.
    r = api.Call(Method::kPost, base + "/inspections",
                 R"({"plan_version":99,"unit":"46.SOTP","start":"2025-05-05"})", &control);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(api.Count("inspections"), inspections);

    // Edit with version; stale edit 409; changing the year under an inspection 400.
    ASSERT_EQ(AddInspection(plan, R"("unit":"46.SOTP","start":"2025-05-05")").status, 201);
    const std::int64_t v = PlanVersion(plan);
    r = api.Call(Method::kPut, base,
                 R"({"version":)" + std::to_string(v) +
                     R"(,"year":2025,"title":"Kế hoạch đã sửa","checklist":"s3"})",
                 &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("title").as_string(), "Kế hoạch đã sửa");
    r = api.Call(Method::kPut, base,
                 R"({"version":)" + std::to_string(v) + R"(,"year":2025,"title":"Cũ"})", &control);
    EXPECT_EQ(r.status, 409) << r.body;
    r = api.Call(Method::kPut, base,
                 R"({"version":)" + std::to_string(v + 1) + R"(,"year":2026,"title":"Năm khác"})",
                 &control);
    EXPECT_EQ(r.status, 400) << r.body;

    // Illegal action name, stale action version, future day.
    auto list = Body(api.Call(Method::kGet, base, "", &control));
    const std::int64_t id = list.at("inspections").at(0).at("id").as_int64();
    const std::string actions = "/api/v1/inspections/" + std::to_string(id) + "/actions";
    EXPECT_EQ(
        api.Call(Method::kPost, actions, R"({"action":"explode","version":1})", &control).status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPost, actions, R"({"action":"notify","version":7})", &control).status,
        409);
    EXPECT_EQ(api.Call(Method::kPost, actions,
                       R"({"action":"notify","version":1,"on":"2030-01-01"})", &control)
                  .status,
              400);
    // Not found, anonymous.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/inspections/99999", "", &control).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/inspection-plans/99999", "", &control).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, base).status, 401);

    // A control officer of a commune may not plan for the city.
    api.AddUser("xa_kiemsoat", "control_officer", "19753");
    const Browser commune = api.SignIn("xa_kiemsoat");
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/inspection-plans",
                       R"({"year":2025,"inspecting_unit":"46","title":"x"})", &commune)
                  .status,
              403);
    EXPECT_EQ(api.Call(Method::kGet, base, "", &commune).status, 403);
    EXPECT_EQ(
        api.Call(Method::kPost, actions, R"({"action":"notify","version":1})", &commune).status,
        404);
}

}  // namespace
}  // namespace motcua::testing
