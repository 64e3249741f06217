// /thanh-kiem-tra and /thanh-kiem-tra/{id} (issue #7; docs/inspections.md "Pages"): a control
// officer creates a 2026 plan of Thành phố Huế through the form, adds an inspection of the
// Department of Justice, records a finding and sends the notice; the inspected unit's leader sees
// it among their own inspections; a commune officer gets 404; a post without the CSRF token
// changes nothing; bad input comes back with its message. Also (issue #9) the demo desks' queue
// setup made by seed-demo: the kiosk shows the service groups' buttons.
#include <regex>
#include <string>

#include "app/queue.hpp"
#include "app/seed.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class InspectionPages : public WebRoutes {
protected:
    std::int64_t Count(std::string_view table) {
        auto tx = db_->Begin(store::TxMode::kRead);
        EXPECT_TRUE(tx);
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM " + std::string(table), {});
        EXPECT_TRUE(row && *row);
        return (row && *row) ? (*row)->Int(0) : -1;
    }
};

constexpr std::string_view kPlanForm =
    "year=2026&inspecting_unit=46&title=K%E1%BA%BF+ho%E1%BA%A1ch+ki%E1%BB%83m+tra+2026"
    "&number=20%2FKH-UBND&date=2026-01-15&checklist=s3";

TEST_F(InspectionPages, PlanInspectionChecklistAndCycleThroughTheForms) {
    // Anonymous visitors sign in first.
    const auto anonymous = Get("/thanh-kiem-tra");
    EXPECT_EQ(anonymous.status, 303);
    EXPECT_NE(anonymous.Header("Location").value_or("").find("/dang-nhap"), std::string::npos);

    const std::string control = SignIn("kiemsoat");
    auto list = Get("/thanh-kiem-tra", control);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find("Chưa có kế hoạch kiểm tra nào"), std::string::npos);
    const std::string csrf = CsrfOf(list.body);
    ASSERT_FALSE(csrf.empty());

    // Without the CSRF token: refused, nothing stored.
    EXPECT_EQ(Post("/thanh-kiem-tra", std::string(kPlanForm), control).status, 403);
    EXPECT_EQ(Count("inspection_plans"), 0);
    // Bad input: the form again with the message and the values kept.
    const auto bad =
        Post("/thanh-kiem-tra", "_csrf=" + csrf + "&year=hai&inspecting_unit=46&title=Gi%E1%BB%AF",
             control);
    EXPECT_EQ(bad.status, 422);
    EXPECT_NE(bad.body.find("Năm kế hoạch phải là một số"), std::string::npos);
    EXPECT_NE(bad.body.find(R"(value="Giữ")"), std::string::npos);
    const auto unknown = Post(
        "/thanh-kiem-tra", "_csrf=" + csrf + "&year=2026&inspecting_unit=KHONGCO&title=x", control);
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(Count("inspection_plans"), 0);

    const auto created =
        Post("/thanh-kiem-tra", "_csrf=" + csrf + "&" + std::string(kPlanForm), control);
    ASSERT_EQ(created.status, 303) << created.body;
    list = Get("/thanh-kiem-tra", control);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Kế hoạch kiểm tra 2026"), std::string::npos);
    EXPECT_NE(list.body.find(R"(data-rule="min_agencies")"), std::string::npos);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(list.body, m,
                                  std::regex(R"re(action="(/thanh-kiem-tra/ke-hoach/\d+)")re")));
    const std::string add_path = m[1];
    ASSERT_TRUE(
        std::regex_search(list.body, m, std::regex(R"re(name="plan_version" value="(\d+)")re")));
    const std::string plan_version = m[1];

    // An inspection outside the inspecting unit's subtree is refused with the message.
    const auto outside = Post(
        add_path,
        "_csrf=" + csrf + "&plan_version=" + plan_version + "&unit=46&kind=scheduled&quarter=4",
        control);
    EXPECT_EQ(outside.status, 422) << outside.body;
    EXPECT_NE(outside.body.find("Chưa thêm được cuộc kiểm tra"), std::string::npos);
    EXPECT_EQ(Count("inspections"), 0);

    const auto added =
        Post(add_path,
             "_csrf=" + csrf + "&plan_version=" + plan_version +
                 "&unit=46.SOTP&kind=scheduled&quarter=4&start=2026-12-14&end=2026-12-15"
                 "&team_leader=Tr%E1%BA%A7n+Th%E1%BB%8B+L%C3%A3nh&team_leader_position=Ph%C3%B3+"
                 "Ch%E1%BB%A7+t%E1%BB%8Bch&period=2026",
             control);
    ASSERT_EQ(added.status, 303) << added.body;
    const std::string item_path(added.Header("Location").value_or(""));
    ASSERT_TRUE(std::regex_search(item_path, m, std::regex(R"(^(/thanh-kiem-tra/\d+)\?da-luu=1$)")))
        << item_path;
    const std::string item = m[1];

    auto page = Get(item, control);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find("Sở Tư pháp"), std::string::npos);
    EXPECT_NE(page.body.find("Đã lên kế hoạch"), std::string::npos);
    EXPECT_NE(page.body.find("Trần Thị Lãnh, Phó Chủ tịch (trưởng đoàn)"), std::string::npos);
    // The checklist: pre-filled figures, "Chưa có dữ liệu" where the system holds none.
    EXPECT_NE(page.body.find(R"(data-item="s3.d")"), std::string::npos);
    EXPECT_NE(page.body.find("Hồ sơ quá hạn đến cuối kỳ: "), std::string::npos);
    EXPECT_NE(page.body.find("Chưa có dữ liệu"), std::string::npos);
    // The cycle's allowed step for the inspector, and the report outline.
    EXPECT_NE(page.body.find(R"(name="action" value="notify")"), std::string::npos);
    EXPECT_EQ(page.body.find(R"(name="action" value="conclude")"), std::string::npos);
    EXPECT_NE(page.body.find("/api/v1/inspections/report-outline?unit=46.SOTP&amp;period=2026&amp;"
                             "format=docx"),
              std::string::npos);
    EXPECT_EQ(page.body.find("<script>"), std::string::npos);

    // A finding, then the notice.
    const auto found =
        Post(item + "/ket-qua",
             "_csrf=" + csrf + "&item=s3.d&finding=2+h%E1%BB%93+s%C6%A1+tr%E1%BB%85", control);
    ASSERT_EQ(found.status, 303) << found.body;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(name="version" value="(\d+)")re")));
    const std::string version = m[1];
    const auto notified = Post(item,
                               "_csrf=" + csrf + "&action=notify&version=" + version +
                                   "&on=2026-11-27&note=C%C3%B4ng+v%C4%83n+s%E1%BB%91+1",
                               control);
    ASSERT_EQ(notified.status, 303) << notified.body;
    page = Get(item, control);
    EXPECT_NE(page.body.find("Đã thông báo"), std::string::npos);
    EXPECT_NE(page.body.find("2 hồ sơ trễ"), std::string::npos);
    EXPECT_NE(page.body.find("Gửi thông báo kiểm tra"), std::string::npos);  // the event
    // At the visit: a stale version is 409 with the message and changes nothing; then the
    // minutes.
    clock_->Set(*calendar::ParseInstant("2026-12-15T16:00:00+07:00"));
    const std::string later = SignIn("kiemsoat");
    page = Get(item, later);
    ASSERT_EQ(page.status, 200);
    const std::string csrf2 = CsrfOf(page.body);
    const auto stale = Post(
        item, "_csrf=" + csrf2 + "&action=record_minutes&version=" + version + "&on=2026-12-14",
        later);
    EXPECT_EQ(stale.status, 409) << stale.body;
    EXPECT_NE(stale.body.find("Đã thông báo"), std::string::npos);
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex(R"re(name="version" value="(\d+)")re")));
    const auto minutes = Post(
        item,
        "_csrf=" + csrf2 + "&action=record_minutes&version=" + std::string(m[1]) + "&on=2026-12-14",
        later);
    ASSERT_EQ(minutes.status, 303) << minutes.body;
    EXPECT_NE(Get(item, later).body.find("Đã kiểm tra (có biên bản)"), std::string::npos);

    // The inspected unit's leader sees it among their own; a commune officer gets 404.
    const std::string inspected = SignIn("lanhdaostp");
    const auto mine = Get("/thanh-kiem-tra", inspected);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_NE(mine.body.find("Các cuộc kiểm tra tại đơn vị của tôi"), std::string::npos);
    EXPECT_NE(mine.body.find(item), std::string::npos);
    const auto theirs = Get(item, inspected);
    ASSERT_EQ(theirs.status, 200);
    EXPECT_EQ(theirs.body.find("finding-form"), std::string::npos);  // findings are the team's
    EXPECT_EQ(Get(item, SignIn("chuyenvienxa")).status, 404);
    EXPECT_EQ(Get("/thanh-kiem-tra/999999", later).status, 404);
}

TEST_F(InspectionPages, SeedDemoSetsUpTheDemoDesksQueueOnce) {
    auto before = Get("/xep-hang/46.TTPVHCC");
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_NE(before.body.find("chưa cấu hình nhóm dịch vụ"), std::string::npos);

    auto configured = app::SeedDemoQueues(ctx_);
    ASSERT_TRUE(configured) << configured.error().message;
    EXPECT_GE(*configured, 2);  // every one-stop desk and the service centre
    const std::int64_t audits = Count("audit_log");
    auto again = app::SeedDemoQueues(ctx_);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, 0);  // idempotent
    EXPECT_EQ(Count("audit_log"), audits);

    for (std::string_view desk : {"46.TTPVHCC", "19753.BPMC"}) {
        const auto kiosk = Get("/xep-hang/" + std::string(desk));
        ASSERT_EQ(kiosk.status, 200) << kiosk.body;
        for (std::string_view label :
             {"Hộ tịch, chứng thực", "Đất đai, xây dựng", "Kinh doanh, đầu tư", "Lĩnh vực khác"}) {
            EXPECT_NE(kiosk.body.find(label), std::string::npos) << desk << ": " << label;
        }
        EXPECT_NE(kiosk.body.find(R"(data-group="A")"), std::string::npos);
    }
    // The setup the kiosk's API returns: the four groups and both counters.
    auto setup = app::queue::GetSetup(ctx_, "19753.BPMC");
    ASSERT_TRUE(setup) << setup.error().message;
    ASSERT_EQ(setup->groups.size(), 4U);
    EXPECT_EQ(setup->groups[3].label, "Lĩnh vực khác");
    ASSERT_EQ(setup->counters.size(), 2U);
    EXPECT_EQ(setup->counters[1].label, "Quầy 2");
    EXPECT_EQ(setup->counters[1].groups.size(), 4U);
}

}  // namespace
}  // namespace motcua::web::webtest
