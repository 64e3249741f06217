// The monthly publication of the Decision 766 results (issue #6; S1 task III.5):
// GET /api/v1/publications/indicators and the public page /cong-khai/chi-so-766 (+ .csv). Dossiers
// are driven through the real actions with the fake clock placed inside October 2026, then read on
// 27/11/2026: one finished late in October (no assignee: the officers who acted after its
// deadline), one open and overdue at the end of October (assigned to the specialist), one on time,
// one not yet due. No applicant data may appear anywhere.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"
#include "web/routes.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::string_view kApplicant = "Nguyễn Thị Bí Mật";
constexpr std::string_view kIdNumber = "046090001234";

json::value Body(const http::Response& r) {
    std::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
}

class PublicationApiTest : public ::testing::Test {
protected:
    PublicationApiTest() { web::RegisterWebRoutes(api.router(), api.context()); }

    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
    }

    std::string Receive() {
        const std::string body =
            R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"direct",)"
            R"("applicant":{"name":")" +
            std::string(kApplicant) + R"(","id_number":")" + std::string(kIdNumber) +
            R"(","phone":"0912345678","address":"12 Lê Lợi, Huế"}})";
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", body, &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(Body(r).at("code").as_string());
    }

    std::int64_t Version(const std::string& code) {
        const auto r = api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &desk);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r).at("version").as_int64();
    }

    void Act(const Browser& who, const std::string& code, const std::string& fields) {
        const std::string body =
            R"({"version":)" + std::to_string(Version(code)) + "," + fields + "}";
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << fields << r.body;
    }

    void Settle(const std::string& code) {
        Act(specialist, code, R"("action":"complete_step")");
        Act(leader, code, R"("action":"approve")");
        Act(specialist, code, R"("action":"record_result","result_summary":"Giấy đăng ký số 1")");
    }

    // Builds the October scenario and places the clock on 27/11/2026.
    void October() {
        At("2026-10-01T09:00:00+07:00");  // due about 12/10; settled 20/10: late
        late_finished = Receive();
        Act(desk, late_finished, R"("action":"transfer")");
        At("2026-10-05T09:00:00+07:00");  // settled 7/10: on time
        on_time = Receive();
        Act(desk, on_time, R"("action":"transfer")");
        At("2026-10-07T09:00:00+07:00");
        Settle(on_time);
        At("2026-10-15T09:00:00+07:00");  // due about 26/10, still open at the end of October
        overdue_open = Receive();
        Act(desk, overdue_open, R"("action":"transfer")");
        Act(leader, overdue_open,
            R"("action":"assign","assignee_id":)" + std::to_string(specialist.user_id));
        At("2026-10-20T09:00:00+07:00");
        Settle(late_finished);
        At("2026-10-28T09:00:00+07:00");  // due in November
        not_due = Receive();
        Act(desk, not_due, R"("action":"transfer")");
        At("2026-11-27T10:00:00+07:00");
    }

    http::Response Publication(std::string_view query) {
        return api.Call(Method::kGet, "/api/v1/publications/indicators?" + std::string(query));
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
    std::string late_finished;
    std::string on_time;
    std::string overdue_open;
    std::string not_due;
};

TEST_F(PublicationApiTest, LateUnitsAndOfficersOfAClosedMonth) {
    October();
    const auto r = Publication("unit=46&month=2026-10");  // anonymous: it is public
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value body = Body(r);
    EXPECT_EQ(body.at("month").as_string(), "2026-10");
    EXPECT_EQ(body.at("from").as_string(), "2026-10-01");
    EXPECT_EQ(body.at("to").as_string(), "2026-10-31");
    EXPECT_EQ(body.at("late_dossiers").as_int64(), 2) << json::serialize(body);
    const auto& units = body.at("late_units").as_array();
    ASSERT_EQ(units.size(), 1U) << json::serialize(body);
    EXPECT_EQ(units[0].at("unit").at("code").as_string(), "46.SOTP");
    EXPECT_EQ(units[0].at("count").as_int64(), 2);
    std::vector<std::string> codes;
    for (const auto& c : units[0].at("dossiers").as_array()) {
        codes.emplace_back(c.as_string());
    }
    std::vector<std::string> expected{late_finished, overdue_open};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(codes, expected);
    // The specialist: assignee of the open one, and acted on the late one after its deadline;
    // the department's leader approved the late one after its deadline.
    std::map<std::string, std::pair<std::string, std::int64_t>> officers;
    for (const auto& o : body.at("late_officers").as_array()) {
        officers[std::string(o.at("name").as_string())] = {std::string(o.at("unit").as_string()),
                                                           o.at("count").as_int64()};
    }
    ASSERT_TRUE(officers.contains("Hoàng Văn Chuyên")) << json::serialize(body);
    EXPECT_EQ(officers["Hoàng Văn Chuyên"].second, 2);
    EXPECT_EQ(officers["Hoàng Văn Chuyên"].first, "Sở Tư pháp thành phố Huế");
    ASSERT_TRUE(officers.contains("Đặng Văn Tư")) << json::serialize(body);
    EXPECT_EQ(officers["Đặng Văn Tư"].second, 1);
    EXPECT_FALSE(officers.contains("Phạm Thị Thu")) << "the desk acted before the deadlines";
    // The indicators of the month: 2.1 counts 1 on time of 3 received (the late one and the open
    // overdue one are not), and the children are ranked.
    EXPECT_EQ(body.at("dossiers").at("received").as_int64(), 4);
    EXPECT_FALSE(body.at("children").as_array().empty());
    // No applicant data at all.
    EXPECT_EQ(r.body.find(kApplicant), std::string::npos);
    EXPECT_EQ(r.body.find(kIdNumber), std::string::npos);
    EXPECT_EQ(r.body.find("0912345678"), std::string::npos);
}

TEST_F(PublicationApiTest, ThePublicPageAndCsvHoldNoApplicantData) {
    October();
    const auto page = api.Call(Method::kGet, "/cong-khai/chi-so-766?unit=46&month=2026-10");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_NE(page.body.find(late_finished), std::string::npos);
    EXPECT_NE(page.body.find(overdue_open), std::string::npos);
    EXPECT_EQ(page.body.find(on_time), std::string::npos);
    EXPECT_EQ(page.body.find(not_due), std::string::npos);
    EXPECT_NE(page.body.find("<tr><th scope=\"row\">Hoàng Văn Chuyên</th><td>Sở Tư pháp thành phố "
                             "Huế</td><td>2</td></tr>"),
              std::string::npos)
        << page.body;
    // Each child's points by group, linking to its own publication.
    EXPECT_NE(page.body.find("Nhóm 2</abbr>"), std::string::npos);
    EXPECT_NE(page.body.find("<a href=\"/cong-khai/chi-so-766?unit=46.SOTP&amp;month=2026-10\">"),
              std::string::npos);
    EXPECT_NE(page.body.find("href=\"/cong-khai/chi-so-766.csv?unit=46&amp;month=2026-10\""),
              std::string::npos);
    EXPECT_EQ(page.body.find(kApplicant), std::string::npos);
    EXPECT_EQ(page.body.find(kIdNumber), std::string::npos);

    const auto csv = api.Call(Method::kGet, "/cong-khai/chi-so-766.csv?unit=46&month=2026-10");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF")) << "a byte-order mark for Excel";
    EXPECT_NE(csv.body.find("\r\nHoàng Văn Chuyên,Sở Tư pháp thành phố Huế,2\r\n"),
              std::string::npos)
        << csv.body;
    EXPECT_NE(csv.body.find("46.SOTP,2,"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(late_finished), std::string::npos);
    EXPECT_EQ(csv.body.find(kApplicant), std::string::npos);
    EXPECT_EQ(csv.body.find(kIdNumber), std::string::npos);
    EXPECT_NE(csv.Header("Content-Disposition").value_or("").find("chi-so-766-46-2026-10.csv"),
              std::string::npos);
}

TEST_F(PublicationApiTest, OpenMonthsUnknownUnitsAndBadInputAreRefused) {
    // The current month (November 2026) has not ended.
    auto r = Publication("unit=46&month=2026-11");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("chưa kết thúc"), std::string::npos) << r.body;
    EXPECT_EQ(Publication("unit=46&month=2027-01").status, 400);
    const auto page = api.Call(Method::kGet, "/cong-khai/chi-so-766?unit=46&month=2026-11");
    EXPECT_EQ(page.status, 400) << page.body;
    EXPECT_NE(page.body.find("chưa kết thúc: chỉ công khai kết quả của tháng đã qua"),
              std::string::npos)
        << page.body;
    // Unknown unit: 404, in the API and on the page.
    r = Publication("unit=KHONGCO&month=2026-10");
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_NE(r.body.find("không có đơn vị mã KHONGCO"), std::string::npos) << r.body;
    EXPECT_EQ(api.Call(Method::kGet, "/cong-khai/chi-so-766?unit=KHONGCO&month=2026-10").status,
              404);
    // Malformed: a quarter, garbage, nothing.
    for (const char* q :
         {"unit=46&month=2026-Q3", "unit=46&month=abc", "unit=46", "month=2026-10"}) {
        const auto bad = Publication(q);
        EXPECT_EQ(bad.status, 400) << q << bad.body;
        EXPECT_NE(bad.body.find("detail"), std::string::npos) << q;
    }
    EXPECT_EQ(api.Call(Method::kGet, "/cong-khai/chi-so-766.csv?unit=46&month=2026-11").status,
              400);
    // The form alone (no unit asked) is fine and offers the previous month.
    const auto blank = api.Call(Method::kGet, "/cong-khai/chi-so-766");
    EXPECT_EQ(blank.status, 200) << blank.body;
    EXPECT_NE(blank.body.find("value=\"2026-10\""), std::string::npos);
}

}  // namespace
}  // namespace motcua::testing
