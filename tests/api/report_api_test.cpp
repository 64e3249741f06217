// Form 06 / II.06a through /api/v1/reports/tthc-settlement (issue #6): dossiers driven through
// the real actions with the fake clock placed before and inside the window; exact cells in both
// window rules; who may see the report; bad input.
#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"

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

std::string Str(const json::value& v, std::string_view key) {
    const json::value& x = v.at(key);
    return x.is_string() ? std::string(x.as_string()) : std::string();
}

// Sở Tư pháp: 7 working days, province level.
constexpr std::string_view kIntake =
    R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"direct",)"
    R"("applicant":{"name":"Nguyễn Văn An","id_number":"046090001234","phone":"0912345678",)"
    R"("address":"12 Lê Lợi, Huế"}})";

// Cells as [online, direct_postal, carried_over, early, on_time, late, within, overdue], with
// the totals checked against them.
void ExpectRow(const json::value& row, std::array<std::int64_t, 8> c) {
    const auto& rec = row.at("received");
    const auto& set = row.at("settled");
    const auto& prog = row.at("in_progress");
    EXPECT_EQ(rec.at("online").as_int64(), c[0]) << json::serialize(row);
    EXPECT_EQ(rec.at("direct_postal").as_int64(), c[1]) << json::serialize(row);
    EXPECT_EQ(rec.at("carried_over").as_int64(), c[2]) << json::serialize(row);
    EXPECT_EQ(rec.at("total").as_int64(), c[0] + c[1] + c[2]);
    EXPECT_EQ(set.at("early").as_int64(), c[3]) << json::serialize(row);
    EXPECT_EQ(set.at("on_time").as_int64(), c[4]) << json::serialize(row);
    EXPECT_EQ(set.at("late").as_int64(), c[5]) << json::serialize(row);
    EXPECT_EQ(set.at("total").as_int64(), c[3] + c[4] + c[5]);
    EXPECT_EQ(prog.at("within").as_int64(), c[6]) << json::serialize(row);
    EXPECT_EQ(prog.at("overdue").as_int64(), c[7]) << json::serialize(row);
    EXPECT_EQ(prog.at("total").as_int64(), c[6] + c[7]);
}

class ReportApiTest : public ::testing::Test {
protected:
    // Places the clock at a Vietnam-time instant and signs everyone in again.
    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
    }

    std::string Receive() {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", kIntake, &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        return Str(Body(r), "code");
    }

    void Act(const Browser& who, const std::string& code, const std::string& body) {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << r.body;
    }

    void Transfer(const std::string& code) {
        Act(desk, code, R"({"action":"transfer","version":1})");
    }

    // From processing to result_ready at the clock's current instant.
    void Settle(const std::string& code) {
        Act(specialist, code, R"({"action":"complete_step","version":2})");
        Act(leader, code, R"({"action":"approve","version":3})");
        Act(specialist, code,
            R"({"action":"record_result","version":4,"result_summary":"Giấy đăng ký số 1"})");
    }

    http::Response Report(const Browser* who, const std::string& query) {
        return api.Call(Method::kGet, "/api/v1/reports/tthc-settlement?" + query, "", who);
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
};

TEST_F(ReportApiTest, QuarterCellsInBothWindowRules) {
    // Before the reporting window of 2026-Q1 (15/12/2025 – 14/3/2026).
    At("2025-12-08T09:00:00+07:00");
    const std::string carried = Receive();  // open throughout: carried over, overdue
    Transfer(carried);
    const std::string before = Receive();  // settled before the window: not counted
    Transfer(before);
    At("2025-12-10T09:00:00+07:00");
    Settle(before);

    At("2026-01-05T09:00:00+07:00");  // due 7 working days later (14/1)
    const std::string early = Receive();
    Transfer(early);
    const std::string open = Receive();  // still open at the end: overdue
    Transfer(open);
    const std::string late = Receive();
    Transfer(late);
    At("2026-01-07T09:00:00+07:00");
    Settle(early);
    At("2026-02-02T09:00:00+07:00");
    Settle(late);

    At("2026-03-13T09:00:00+07:00");  // due after 14/3 but before 31/3
    const std::string recent = Receive();
    Transfer(recent);
    At("2026-03-20T09:00:00+07:00");  // after the reporting window, inside the calendar one
    const std::string outside = Receive();

    const Browser boss = api.SignIn("lanhdao");
    auto r = Report(&boss, "unit=46&period=2026-Q1");
    ASSERT_EQ(r.status, 200) << r.body;
    json::value body = Body(r);
    EXPECT_EQ(Str(body, "period"), "2026-Q1");
    EXPECT_EQ(Str(body, "window"), "reporting");
    EXPECT_EQ(Str(body, "from"), "2025-12-15");
    EXPECT_EQ(Str(body, "to"), "2026-03-14");
    EXPECT_EQ(Str(body.at("unit"), "code"), "46");
    // Received: 4 new (early, open, late, recent) + 1 carried over; settled: early + late;
    // in progress: carried and open overdue, recent within.
    ExpectRow(body.at("total"), {0, 4, 1, 1, 0, 1, 1, 2});
    ASSERT_EQ(body.at("rows").as_array().size(), 1U);
    EXPECT_EQ(Str(body.at("rows").at(0), "label"), "Luật sư");
    ExpectRow(body.at("rows").at(0), {0, 4, 1, 1, 0, 1, 1, 2});
    ASSERT_EQ(body.at("by_unit").as_array().size(), 1U);
    EXPECT_EQ(Str(body.at("by_unit").at(0), "label"), "Sở Tư pháp thành phố Huế");
    ExpectRow(body.at("by_unit").at(0), {0, 4, 1, 1, 0, 1, 1, 2});

    // Calendar window 1/1 – 31/3/2026: `outside` is new, `recent` and `outside` are overdue by
    // 31/3 only if due before it (recent: yes; outside: due 31/3 09:00, yes).
    r = Report(&boss, "unit=46&period=2026-Q1&window=calendar");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(Str(body, "from"), "2026-01-01");
    EXPECT_EQ(Str(body, "to"), "2026-03-31");
    EXPECT_EQ(Str(body, "window"), "calendar");
    ExpectRow(body.at("total"), {0, 5, 1, 1, 0, 1, 0, 4});

    // The department's own report (the settling unit itself), month of January (15/12–14/1).
    r = Report(&boss, "unit=46.SOTP&period=2026-01");
    ASSERT_EQ(r.status, 200) << r.body;
    body = Body(r);
    EXPECT_EQ(Str(body, "from"), "2025-12-15");
    EXPECT_EQ(Str(body, "to"), "2026-01-14");
    // carried over: carried; new: early, open, late; settled: early; in progress at 14/1 24:00:
    // carried (due 17/12: overdue), open and late (due 14/1 09:00: overdue).
    ExpectRow(body.at("total"), {0, 3, 1, 1, 0, 0, 0, 3});
    (void)outside;
}

TEST_F(ReportApiTest, OnlyLeadersControlOfficersAndAdminsInScope) {
    api.AddUser("xa_kiemsoat", "control_officer", "19753");
    for (const char* name : {"lanhdao", "kiemsoat", "quantri"}) {
        const Browser who = api.SignIn(name);
        EXPECT_EQ(Report(&who, "unit=46&period=2026-Q4").status, 200) << name;
    }
    for (const char* name : {"congdan", "motcua", "chuyenvien", "xa_kiemsoat"}) {
        const Browser who = api.SignIn(name);
        const auto r = Report(&who, "unit=46&period=2026-Q4");
        EXPECT_EQ(r.status, 403) << name << r.body;
        EXPECT_NE(r.body.find("báo cáo"), std::string::npos) << r.body;
        EXPECT_EQ(r.body.find("rows"), std::string::npos) << r.body;
    }
    // The commune's control officer may report on the commune.
    const Browser xa = api.SignIn("xa_kiemsoat");
    EXPECT_EQ(Report(&xa, "unit=19753&period=2026-Q4").status, 200);
    EXPECT_EQ(Report(nullptr, "unit=46&period=2026-Q4").status, 401);
}

TEST_F(ReportApiTest, BadInputIsAClearVietnameseProblem) {
    const Browser boss = api.SignIn("lanhdao");
    struct Case {
        std::string query;
        int status;
        std::string_view words;
    };
    for (const Case& c : {Case{"period=2026-Q3", 400, "unit"}, Case{"unit=46", 400, "period"},
                          Case{"unit=46&period=2026-Q5", 400, "kỳ báo cáo"},
                          Case{"unit=46&period=Q3-2026", 400, "kỳ báo cáo"},
                          Case{"unit=46&period=2026-Q3&window=fiscal", 400, "quy tắc kỳ"},
                          Case{"unit=KHONGCO&period=2026-Q3", 404, "không có đơn vị"}}) {
        const auto r = Report(&boss, c.query);
        EXPECT_EQ(r.status, c.status) << c.query << r.body;
        EXPECT_NE(r.body.find(c.words), std::string::npos) << c.query << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json") << c.query;
    }
}

}  // namespace
}  // namespace motcua::testing
