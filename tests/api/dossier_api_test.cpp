// Dossiers through /api/v1 (issue #4): a walk-in dossier from receipt to return, boundary-free
// receipt, supplement after appraisal with the clock restarting, illegal transitions, two
// officers acting at once, idempotent submission, bad input.
#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "api_fixture.hpp"
#include "app/dossiers.hpp"
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

// Sở Tư pháp: "Đăng ký hoạt động của tổ chức hành nghề luật sư", 7 working days, province level.
constexpr std::string_view kProcedure = "1.002010";

std::string Intake(std::string_view settling = "46.SOTP", std::string_view name = "Nguyễn Văn An",
                   std::string_view extra = "") {
    return R"({"procedure_code":")" + std::string(kProcedure) + R"(","settling_unit":")" +
           std::string(settling) + R"(","channel":"direct","applicant":{"name":")" +
           std::string(name) +
           R"(","id_number":"046090001234","phone":"0912345678","address":"12 Lê Lợi, Huế"}})" +
           std::string(extra);
}

class DossierApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
    }

    // Moves the fake clock and signs everyone in again (sessions idle out after 30 minutes).
    void Later(std::chrono::seconds by) {
        api.clock().Advance(by);
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
    }

    json::value Receive(const Browser& who, const std::string& body, int expect = 201) {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", body, &who);
        EXPECT_EQ(r.status, expect) << r.body;
        return Body(r);
    }

    http::Response Act(const Browser& who, const std::string& code, const std::string& body) {
        return api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
    }

    json::value Get(const Browser& who, const std::string& code) {
        const auto r = api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &who);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
};

TEST_F(DossierApiTest, WalkInFromReceiptToReturn) {
    // Friday 27/11/2026 10:00.
    const json::value d = Receive(desk, Intake());
    const std::string code = Str(d, "code");
    EXPECT_EQ(code, "46.TTPVHCC-261127-0001");
    EXPECT_EQ(Str(d, "state"), "received");
    EXPECT_EQ(Str(d, "rule_set"), "nd309-2026");
    EXPECT_FALSE(d.at("boundary_free").as_bool());
    // 7 working days from Fri 10:00: Mon 30/11 … Tue 8/12 10:00.
    EXPECT_EQ(Str(d, "appointment_at"), "2026-12-08T10:00:00+07:00");
    EXPECT_EQ(Str(d, "due_at"), "2026-12-08T10:00:00+07:00");
    // Received before 15:00: reaches the agency the same working day.
    EXPECT_EQ(Str(d, "transfer_due_at"), "2026-11-27T17:00:00+07:00");
    EXPECT_EQ(d.at("components").as_array().size(), 3U);  // the procedure's required list
    EXPECT_EQ(d.at("version").as_int64(), 1);
    // The tracking code printed on the slip: 8 characters without look-alikes.
    EXPECT_TRUE(std::regex_match(Str(d, "lookup_code"), std::regex("[A-HJ-NP-Z2-9]{8}")))
        << Str(d, "lookup_code");

    Later(std::chrono::minutes(30));
    auto r = Act(desk, code, R"({"action":"transfer","version":1})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "processing");
    EXPECT_EQ(Str(Body(r), "step"), "tham-dinh");

    Later(std::chrono::hours(24 * 3));  // Monday
    r = Act(specialist, code, R"({"action":"complete_step","version":2})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "step"), "phe-duyet");
    // The specialist cannot approve; the department's leader can.
    r = Act(specialist, code, R"({"action":"approve","version":3})");
    EXPECT_EQ(r.status, 403) << r.body;
    r = Act(leader, code, R"({"action":"approve","version":3})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "approved");
    r = Act(
        specialist, code,
        R"({"action":"record_result","version":4,"result_summary":"Giấy đăng ký hoạt động số 12/TP-ĐKHĐ"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "result_ready");
    EXPECT_EQ(Str(Body(r), "timing"), "early");
    r = Act(desk, code, R"({"action":"return_result","version":5,"return_method":"direct"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "returned");

    const json::value full = Get(desk, code);
    const auto& events = full.at("events").as_array();
    ASSERT_EQ(events.size(), 6U);
    const std::vector<std::string> actions{"receive", "transfer",      "complete_step",
                                           "approve", "record_result", "return_result"};
    for (size_t i = 0; i < events.size(); ++i) {
        EXPECT_EQ(Str(events[i], "action"), actions[i]);
        EXPECT_EQ(events[i].at("seq").as_int64(), static_cast<std::int64_t>(i + 1));
    }
    EXPECT_EQ(Str(events[3], "actor_name"), "Đặng Văn Tư");
    EXPECT_EQ(Str(events[1], "from"), "received");
    EXPECT_EQ(Str(events[1], "to"), "processing");
    EXPECT_TRUE(full.at("allowed_actions").as_array().empty());
    // A terminal dossier takes no more actions.
    r = Act(desk, code, R"({"action":"withdraw"})");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
}

TEST_F(DossierApiTest, AfterThreePmTheDossierReachesTheAgencyNextMorning) {
    Later(std::chrono::hours(6));  // Friday 16:00
    const json::value d = Receive(desk, Intake());
    EXPECT_EQ(Str(d, "transfer_due_at"), "2026-11-30T08:30:00+07:00");  // Monday, first hour
}

TEST_F(DossierApiTest, ACommuneDeskReceivesForTheProvinceRegardlessOfBoundaries) {
    Browser commune_desk = api.SignIn("motcuaxa");
    const json::value d = Receive(commune_desk, Intake());
    EXPECT_EQ(Str(d, "code").rfind("19753.BPMC-261127-", 0), 0U) << Str(d, "code");
    EXPECT_TRUE(d.at("boundary_free").as_bool());
    // Since 5/8/2026 the clock starts when the competent agency receives it (ND309 Art. 8).
    EXPECT_TRUE(d.at("due_at").is_null());
    EXPECT_FALSE(d.at("appointment_at").is_null());
    Later(std::chrono::hours(1));
    commune_desk = api.SignIn("motcuaxa");
    const auto r = Act(commune_desk, Str(d, "code"), R"({"action":"transfer"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "clock_start"), "2026-11-27T11:00:00+07:00");
    // The Department's specialist sees it; the commune's specialist does not act on it.
    EXPECT_EQ(Get(specialist, Str(d, "code")).at("state").as_string(), "processing");
    const Browser other = api.SignIn("chuyenvienxa");
    const auto denied = Act(other, Str(d, "code"), R"({"action":"complete_step"})");
    EXPECT_EQ(denied.status, 403) << denied.body;
}

TEST_F(DossierApiTest, ReturnAfterAppraisalRestartsTheClock) {
    const std::string code = Str(Receive(desk, Intake()), "code");
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer"})").status, 200);
    Later(std::chrono::hours(24 * 3));  // Monday 30/11 10:00
    auto r = Act(
        specialist, code,
        R"({"action":"request_supplement","reason":"Thiếu bản sao Điều lệ","components":[{"name":"x"}]})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "returned_for_supplement");
    // A second return after appraisal is refused.
    Later(std::chrono::hours(24 * 2));  // Wednesday 2/12 10:00
    r = Act(desk, code, R"({"action":"supplement"})");
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value after = Body(r);
    EXPECT_EQ(Str(after, "clock_start"), "2026-12-02T10:00:00+07:00");
    // 7 working days again from zero: Wed 2/12 10:00 → Fri 11/12 10:00.
    EXPECT_EQ(Str(after, "due_at"), "2026-12-11T10:00:00+07:00");
    r = Act(specialist, code, R"({"action":"request_supplement","reason":"Lần nữa"})");
    EXPECT_EQ(r.status, 409) << r.body;
}

TEST_F(DossierApiTest, IllegalTransitionsChangeNothing) {
    const std::string code = Str(Receive(desk, Intake()), "code");
    const std::int64_t events = api.Count("dossier_events");
    for (const char* body : {R"({"action":"approve"})", R"({"action":"return_result"})",
                             R"({"action":"resume"})", R"({"action":"supplement"})"}) {
        const Browser& who = std::string(body).find("approve") != std::string::npos  ? leader
                             : std::string(body).find("resume") != std::string::npos ? specialist
                                                                                     : desk;
        const auto r = Act(who, code, body);
        EXPECT_EQ(r.status, 409) << body << " " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
    }
    EXPECT_EQ(api.Count("dossier_events"), events);
    EXPECT_EQ(Get(desk, code).at("version").as_int64(), 1);
}

TEST_F(DossierApiTest, TwoOfficersActingAtOnceOneWins) {
    const std::string code = Str(Receive(desk, Intake()), "code");
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer","version":1})").status, 200);
    // Eight requests carrying the same version at once: exactly one is applied.
    std::atomic<int> ok{0};
    std::atomic<int> conflict{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            const auto r =
                Act(specialist, code, R"({"action":"pause","version":2,"reason":"Chờ xác minh"})");
            (r.status == 200 ? ok : conflict)++;
            if (r.status != 200) {
                EXPECT_EQ(r.status, 409) << r.body;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(conflict.load(), 7);
    EXPECT_EQ(Get(desk, code).at("version").as_int64(), 3);
    // If-Match works too, and a stale one is refused.
    api.SetHeader("if-match", "\"v2\"");
    EXPECT_EQ(Act(specialist, code, R"({"action":"resume"})").status, 409);
    api.SetHeader("if-match", "\"v3\"");
    EXPECT_EQ(Act(specialist, code, R"({"action":"resume"})").status, 200);
}

TEST_F(DossierApiTest, AnIdempotencyKeyMakesOneDossier) {
    api.SetHeader("idempotency-key", "desk-7f3a");
    const json::value first = Receive(desk, Intake(), 201);
    const json::value again = Receive(desk, Intake(), 200);
    EXPECT_EQ(Str(first, "code"), Str(again, "code"));
    EXPECT_EQ(api.Count("dossiers"), 1);
    // The same key for another request is a conflict, not a second dossier.
    Receive(desk, Intake("46.SOTP", "Trần Thị Bình"), 409);
    EXPECT_EQ(api.Count("dossiers"), 1);
}

TEST_F(DossierApiTest, BadInputIsRefusedClearlyAndWritesNothing) {
    const std::vector<std::pair<std::string, int>> cases = {
        {"{not json", 400},
        {R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":"An"})", 400},
        {R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":""}})", 400},
        {R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"An","id_number":"12ab"}})",
         400},
        {R"({"procedure_code":"9.999999","settling_unit":"46.SOTP","applicant":{"name":"An"}})",
         404},
        {R"({"procedure_code":"1.002010","settling_unit":"NOPE","applicant":{"name":"An"}})", 400},
        {R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"An"},"colour":"red"})",
         400},
        {R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"fax","applicant":{"name":"An"}})",
         400},
        // A commune cannot settle a provincial procedure.
        {R"({"procedure_code":"1.002010","settling_unit":"19753","applicant":{"name":"An"}})", 409},
        // A one-stop desk settles nothing.
        {R"({"procedure_code":"1.002010","settling_unit":"46.TTPVHCC","applicant":{"name":"An"}})",
         409},
    };
    for (const auto& [body, status] : cases) {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", body, &desk);
        EXPECT_EQ(r.status, status) << body << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json") << body;
    }
    EXPECT_EQ(api.Count("dossiers"), 0);

    const std::string code = Str(Receive(desk, Intake()), "code");
    for (const char* body :
         {R"({"action":"fly"})", R"({"action":"transfer","version":"one"})",
          R"({"action":"apologize","new_appointment":"2026-13-45","reason":"x"})",
          R"({"action":"transfer","unknown":1})", R"([1,2])"}) {
        const auto r = Act(desk, code, body);
        EXPECT_EQ(r.status, 400) << body << " → " << r.body;
    }
    EXPECT_EQ(api.Count("dossier_events"), 1);
    // An unknown dossier, read or acted on.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/dossiers/46.TTPVHCC-261127-9999", "", &desk).status,
              404);
    EXPECT_EQ(Act(desk, "46.TTPVHCC-261127-9999", R"({"action":"transfer"})").status, 404);
    // Without a CSRF token nothing happens.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/dossiers", Intake(), &desk, false).status, 403);
}

TEST_F(DossierApiTest, InboxesShowWhatEachOfficerMustDo) {
    const std::string code = Str(Receive(desk, Intake()), "code");
    const auto codes = [&](const Browser& who, const std::string& inbox) {
        const auto r = api.Call(Method::kGet, "/api/v1/dossiers?inbox=" + inbox, "", &who);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        const json::value body = Body(r);
        for (const auto& item : body.at("items").as_array()) {
            out.emplace_back(item.at("code").as_string().c_str());
        }
        return out;
    };
    EXPECT_EQ(codes(desk, "to_transfer"), std::vector<std::string>{code});
    EXPECT_TRUE(codes(specialist, "to_process").empty());
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer"})").status, 200);
    EXPECT_TRUE(codes(desk, "to_transfer").empty());
    EXPECT_EQ(codes(specialist, "to_process"), std::vector<std::string>{code});
    ASSERT_EQ(Act(specialist, code, R"({"action":"complete_step"})").status, 200);
    EXPECT_EQ(codes(leader, "to_approve"), std::vector<std::string>{code});
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/dossiers?inbox=nonsense", "", &desk).status, 400);
    // Search ignores case and diacritics, over the code, the name and the number.
    EXPECT_EQ(codes(desk, "all&q=nguyen"), std::vector<std::string>{code});
    EXPECT_EQ(codes(desk, "all&q=046090001234"), std::vector<std::string>{code});
    EXPECT_EQ(codes(desk, "all&q=46.ttpvhcc-261127"), std::vector<std::string>{code});
    EXPECT_TRUE(codes(desk, "all&q=tran").empty());
}

TEST_F(DossierApiTest, ProcessesAreVersionedAndValidated) {
    const Browser control = api.SignIn("kiemsoat");
    auto r = api.Call(Method::kGet, "/api/v1/processes/1.002010", "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    json::object p = Body(r).as_object();
    EXPECT_EQ(p.at("version").as_int64(), 0);
    EXPECT_EQ(p.at("steps").as_array().size(), 5U);
    json::object body{{"version", 0}, {"note", "QĐ 12/QĐ-UBND"}, {"steps", p.at("steps")}};
    r = api.Call(Method::kPut, "/api/v1/processes/1.002010", json::serialize(body), &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("version").as_int64(), 1);
    // A stale version, and shares that do not add up, are refused.
    r = api.Call(Method::kPut, "/api/v1/processes/1.002010", json::serialize(body), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    body["version"] = 1;
    body["steps"].as_array()[1].as_object()["share_milli"] = 1;
    r = api.Call(Method::kPut, "/api/v1/processes/1.002010", json::serialize(body), &control);
    EXPECT_EQ(r.status, 400) << r.body;
    // A desk officer cannot edit processes.
    r = api.Call(Method::kPut, "/api/v1/processes/1.002010", json::serialize(body), &desk);
    EXPECT_EQ(r.status, 403) << r.body;
}

TEST_F(DossierApiTest, TheSweepWarnsBeforeTheDeadlineAndMarksLateAfterIt) {
    // Due Tue 8/12/2026 10:00 (7 working days from Fri 27/11 10:00).
    const std::string code = Str(Receive(desk, Intake()), "code");
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer"})").status, 200);
    auto swept = app::SweepDeadlines(api.context(), std::chrono::hours(4));
    ASSERT_TRUE(swept) << swept.error().message;
    EXPECT_EQ(*swept, 0);  // not due soon yet
    // Mon 7/12 14:00: 5 working hours left (14:00–17:00, Tue 07:30–09:30…10:00): not yet.
    api.clock().Set(*calendar::ParseInstant("2026-12-07T14:00:00+07:00"));
    swept = app::SweepDeadlines(api.context(), std::chrono::hours(4));
    ASSERT_TRUE(swept);
    EXPECT_EQ(*swept, 0);
    // Mon 16:30: 3 working hours left (16:30–17:00, Tue 07:30–10:00): warned (one notification
    // more; the applicant's receipt message is already in the outbox).
    const std::int64_t notifications = api.Count("notifications");
    api.clock().Set(*calendar::ParseInstant("2026-12-07T16:30:00+07:00"));
    swept = app::SweepDeadlines(api.context(), std::chrono::hours(4));
    ASSERT_TRUE(swept);
    EXPECT_EQ(*swept, 1);
    EXPECT_EQ(api.Count("notifications"), notifications + 1);
    swept = app::SweepDeadlines(api.context(), std::chrono::hours(4));
    EXPECT_EQ(*swept, 0);  // warned once
    // Past the deadline: late from now on, in every count.
    api.clock().Set(*calendar::ParseInstant("2026-12-08T10:30:00+07:00"));
    swept = app::SweepDeadlines(api.context(), std::chrono::hours(4));
    EXPECT_EQ(*swept, 1);
    Later(std::chrono::seconds(0));
    const json::value d = Get(desk, code);
    EXPECT_TRUE(d.at("late").as_bool());
    const auto& events = d.at("events").as_array();
    EXPECT_EQ(Str(events[events.size() - 2], "action"), "warn");
    EXPECT_EQ(Str(events.back(), "action"), "mark_late");
    const auto inbox = api.Call(Method::kGet, "/api/v1/dossiers?inbox=overdue", "", &specialist);
    EXPECT_NE(inbox.body.find(code), std::string::npos) << inbox.body;
}

TEST_F(DossierApiTest, PublicTrackingNeedsTheCodeOnTheSlipAndShowsNoPersonalData) {
    const json::value d = Receive(desk, Intake());
    const std::string code = Str(d, "code");
    const std::string key = Str(d, "lookup_code");
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer"})").status, 200);
    // Anyone with the slip: no session needed.
    auto r = api.Call(Method::kGet, "/api/v1/tracking?code=" + code + "&key=" + key, "", nullptr,
                      true, "application/json", "198.51.100.7");
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value t = Body(r);
    EXPECT_EQ(Str(t, "state"), "Đang giải quyết");
    EXPECT_EQ(t.at("steps").as_array().size(), 2U);
    EXPECT_EQ(Str(t.at("steps").as_array()[1], "action"), "Chuyển hồ sơ đến cơ quan giải quyết");
    for (const char* personal :
         {"Nguyễn Văn An", "046090001234", "0912345678", "Lê Lợi", "Phạm Thị Thu"}) {
        EXPECT_EQ(r.body.find(personal), std::string::npos) << personal;
    }
    // A wrong key and an unknown code read the same; after ten failures the address waits.
    const auto wrong = api.Call(Method::kGet, "/api/v1/tracking?code=" + code + "&key=AAAAAAAA", "",
                                nullptr, true, "application/json", "198.51.100.8");
    const auto unknown =
        api.Call(Method::kGet, "/api/v1/tracking?code=46.TTPVHCC-261127-9999&key=" + key, "",
                 nullptr, true, "application/json", "198.51.100.8");
    EXPECT_EQ(wrong.status, 404);
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(Body(wrong).at("detail"), Body(unknown).at("detail"));
    int throttled = 0;
    for (int i = 0; i < 12; ++i) {
        throttled += api.Call(Method::kGet, "/api/v1/tracking?code=" + code + "&key=BBBBBBBB", "",
                              nullptr, true, "application/json", "198.51.100.8")
                         .status == 429;
    }
    EXPECT_GT(throttled, 0);
    // Even the right key is refused from that address now; another address is not affected.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/tracking?code=" + code + "&key=" + key, "", nullptr,
                       true, "application/json", "198.51.100.8")
                  .status,
              429);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/tracking?code=" + code + "&key=" + key, "", nullptr,
                       true, "application/json", "198.51.100.9")
                  .status,
              200);
}

// The text of a PDF, through poppler's pdftotext (scripts/setup installs poppler-utils).
std::string PdfText(const std::string& pdf) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("motcua-form-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf;
    std::string out;
    if (FILE* p = ::popen(("pdftotext -layout '" + path.string() + "' - 2>&1").c_str(), "r")) {
        std::array<char, 4096> buffer{};
        size_t n = 0;
        while ((n = std::fread(buffer.data(), 1, buffer.size(), p)) > 0) {
            out.append(buffer.data(), n);
        }
        ::pclose(p);
    }
    std::filesystem::remove(path);
    return out;
}

TEST_F(DossierApiTest, FormsPrintInTheVersionOfTheDossiersRuleSet) {
    // A dossier of 2026 (Decree 118/2025 as amended; Circular 03/2025 forms).
    const std::string code = Str(Receive(desk, Intake()), "code");
    auto r = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/receipt.pdf", "", &desk);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    EXPECT_EQ(r.content_type, "application/pdf");
    const std::string receipt = PdfText(r.body);
    EXPECT_NE(receipt.find("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), std::string::npos)
        << receipt;
    EXPECT_NE(receipt.find(code), std::string::npos) << receipt;
    EXPECT_NE(receipt.find("Nguyễn Văn An"), std::string::npos) << receipt;
    EXPECT_NE(receipt.find("03/2025/TT-VPCP"), std::string::npos) << receipt;
    r = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/process_control.html", "",
                 &desk);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Mẫu số 06"), std::string::npos);
    // Nothing to print yet: no refusal; an unknown form.
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/refusal.pdf", "", &desk).status,
        404);
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/poem.pdf", "", &desk).status,
        404);
    // The register of the desk, as XLSX.
    r = api.Call(Method::kGet,
                 "/api/v1/registers/46.TTPVHCC?from=2026-11-01&to=2026-11-30&format=xlsx", "",
                 &desk);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    EXPECT_EQ(r.body.substr(0, 2), "PK");  // a zip container
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/registers/46.TTPVHCC?from=2026-11-30&to=2026-11-01",
                       "", &desk)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/registers/46.TTPVHCC?from=2026-11-01&to=2026-11-30",
                       "", &specialist)
                  .status,
              403);
}

TEST_F(DossierApiTest, ADossierOf2024KeepsTheOldRulesAndForms) {
    // A procedure version in force in 2024, then a dossier received on Monday 6/5/2024.
    const Browser control = api.SignIn("kiemsoat");
    auto r = api.Call(
        Method::kPost, "/api/v1/procedures",
        R"({"code":"2.999001","name":"Thủ tục thử năm 2024","field":"Luật sư","levels":["province"],"processing_time":{"amount":5,"unit":"working_days"},"documents":[{"name":"Đơn đề nghị","note":"bản chính"}],"effective_from":"2024-01-01"})",
        &control);
    ASSERT_EQ(r.status, 201) << r.body;
    api.clock().Set(*calendar::ParseInstant("2024-05-06T09:00:00+07:00"));
    desk = api.SignIn("motcua");
    specialist = api.SignIn("chuyenvien");
    leader = api.SignIn("lanhdaostp");
    r = api.Call(
        Method::kPost, "/api/v1/dossiers",
        R"({"procedure_code":"2.999001","settling_unit":"46.SOTP","applicant":{"name":"Phan Thị Hoa"}})",
        &desk);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value d = Body(r);
    const std::string code = Str(d, "code");
    EXPECT_EQ(code, "46.TTPVHCC-240506-0001");
    EXPECT_EQ(Str(d, "rule_set"), "nd61-2018");
    // 5 working days from Mon 6/5/2024 09:00: Mon 13/5 09:00.
    EXPECT_EQ(Str(d, "appointment_at"), "2024-05-13T09:00:00+07:00");
    ASSERT_EQ(Act(desk, code, R"({"action":"transfer"})").status, 200);
    r = Act(
        leader, code,
        R"({"action":"apologize","reason":"Cần xác minh thêm","new_appointment":"2024-05-20T09:00"})");
    ASSERT_EQ(r.status, 200) << r.body;
    r = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/apology.pdf", "", &desk);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    const std::string apology = PdfText(r.body);
    EXPECT_NE(apology.find("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"), std::string::npos)
        << apology;
    EXPECT_NE(apology.find("01/2018/TT-VPCP"), std::string::npos) << apology;
    EXPECT_NE(apology.find("Cần xác minh thêm"), std::string::npos) << apology;
    // The 2018 set has no stop notice; its process-control slip is Form 05.
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/stop_notice.pdf", "", &desk)
            .status,
        404);
    r = api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/forms/process_control.html", "",
                 &desk);
    EXPECT_NE(r.body.find("Mẫu số 05"), std::string::npos);
    // A second new appointment is refused (Decree 61/2018 Art. 19.9).
    r = Act(leader, code,
            R"({"action":"apologize","reason":"Lần nữa","new_appointment":"2024-05-27T09:00"})");
    EXPECT_EQ(r.status, 409) << r.body;
}

}  // namespace
}  // namespace motcua::testing
