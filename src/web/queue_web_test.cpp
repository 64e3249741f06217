// /xep-hang/{desk}/cai-dat (issue #9; docs/feedback.md "Queue API and pages"): an administrator
// edits the desk's service groups and counters through the form; bad rows come back with the
// message and the values kept; desk officers and anonymous visitors cannot; a post without the
// CSRF token changes nothing.
#include <string>

#include "app/queue.hpp"
#include "app/seed.hpp"
#include "web/forms.hpp"
#include "web/web_test_fixture.hpp"

namespace motcua::web::webtest {
namespace {

class QueueSetupPage : public WebRoutes {
protected:
    void SetUp() override {
        WebRoutes::SetUp();
        auto seeded = app::SeedDemoQueues(ctx_);
        ASSERT_TRUE(seeded) << seeded.error().message;
    }
};

constexpr std::string_view kPath = "/xep-hang/19753.BPMC/cai-dat";

std::string Field(std::string_view name, std::string_view value) {
    return "&" + std::string(name) + "=" + UrlEncode(value);
}

TEST_F(QueueSetupPage, AnAdministratorEditsGroupsAndCountersThroughTheForm) {
    EXPECT_EQ(Get(std::string(kPath)).status, 303);  // sign in first
    EXPECT_EQ(Get(std::string(kPath), SignIn("motcuaxa")).status, 403);

    const std::string admin = SignIn("quantri");
    auto page = Get(std::string(kPath), admin);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find(R"(value="Lĩnh vực khác")"), std::string::npos);
    EXPECT_NE(page.body.find(R"(value="Quầy 2")"), std::string::npos);
    const std::string csrf = CsrfOf(page.body);
    ASSERT_FALSE(csrf.empty());

    auto before = app::queue::GetSetup(ctx_, "19753.BPMC");
    ASSERT_TRUE(before);
    // Two groups and one counter serving both; the rest of the rows left empty.
    std::string form = "_csrf=" + csrf;
    form += Field("group_code", "HT") + Field("group_prefix", "A") +
            Field("group_label", "Hộ tịch, chứng thực");
    form +=
        Field("group_code", "TP") + Field("group_prefix", "T") + Field("group_label", "Tư pháp");
    form += Field("group_code", "") + Field("group_prefix", "") + Field("group_label", "");
    form += Field("counter_code", "1") + Field("counter_label", "Quầy 1") +
            Field("counter_groups", "HT, TP");
    form += Field("counter_code", "") + Field("counter_label", "") + Field("counter_groups", "");

    // Without the CSRF token: refused, nothing changed.
    EXPECT_EQ(Post(std::string(kPath), form.substr(form.find('&') + 1), admin).status, 403);
    auto unchanged = app::queue::GetSetup(ctx_, "19753.BPMC");
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->groups.size(), before->groups.size());

    // A lower-case prefix: the page again with the message, the values kept, nothing changed.
    std::string bad = form;
    bad.replace(bad.find("group_prefix=T"), 14, "group_prefix=t");
    const auto refused = Post(std::string(kPath), bad, admin);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_NE(refused.body.find("phải là 1 đến 3 chữ in hoa"), std::string::npos);
    EXPECT_NE(refused.body.find(R"(value="Tư pháp")"), std::string::npos);
    // A counter serving a group that does not exist.
    std::string unknown = form;
    unknown.replace(unknown.find("HT%2C%20TP"), 10, "HT%2C%20XX");
    const auto unknown_group = Post(std::string(kPath), unknown, admin);
    EXPECT_EQ(unknown_group.status, 422) << unknown_group.body;
    EXPECT_NE(unknown_group.body.find("XX"), std::string::npos);
    unchanged = app::queue::GetSetup(ctx_, "19753.BPMC");
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->groups.size(), before->groups.size());

    const auto saved = Post(std::string(kPath), form, admin);
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.Header("Location").value_or(""), std::string(kPath) + "?da-luu=1");
    auto after = app::queue::GetSetup(ctx_, "19753.BPMC");
    ASSERT_TRUE(after);
    ASSERT_EQ(after->groups.size(), 2U);
    EXPECT_EQ(after->groups[1].label, "Tư pháp");
    ASSERT_EQ(after->counters.size(), 1U);
    EXPECT_EQ(after->counters[0].groups, (std::vector<std::string>{"HT", "TP"}));
    page = Get(std::string(kPath) + "?da-luu=1", admin);
    EXPECT_NE(page.body.find("Đã lưu cài đặt"), std::string::npos);
    // The kiosk now shows the new button.
    EXPECT_NE(Get("/xep-hang/19753.BPMC").body.find("Tư pháp"), std::string::npos);
    EXPECT_EQ(Get("/xep-hang/KHONGCO/cai-dat", admin).status, 404);
}

}  // namespace
}  // namespace motcua::web::webtest
