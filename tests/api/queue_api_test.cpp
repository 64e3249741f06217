// Queue tickets at the desk through /api/v1 (issue #9): kiosk → counter → display, the counter
// actions and their refusals (bad input, illegal moves, another counter's ticket, stale
// versions, throttled kiosk, wrong officer), the waiting-time figures computed by hand, the
// audit trail, and many kiosks and counters at once (each ticket called exactly once).
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "domain/plan_targets.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

constexpr std::string_view kDesk = "46.TTPVHCC";
constexpr std::string_view kSetup =
    R"({"groups":[{"code":"HT","prefix":"A","label":"Hộ tịch, chứng thực"},)"
    R"({"code":"DD","prefix":"B","label":"Đất đai, xây dựng"}],)"
    R"("counters":[{"code":"1","label":"Quầy 1","groups":["HT","DD"]},)"
    R"({"code":"2","label":"Quầy 2","groups":["HT"]},)"
    R"({"code":"3","label":"Quầy 3","groups":["DD"]},)"
    R"({"code":"4","label":"Quầy 4","groups":["HT","DD"]}]})";

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

class QueueApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        admin = api.SignIn("quantri");
        desk = api.SignIn("motcua");
        const auto r =
            api.Call(Method::kPut, "/api/v1/queue/desks/" + std::string(kDesk), kSetup, &admin);
        ASSERT_EQ(r.status, 200) << r.body;
    }

    std::string Base() const { return "/api/v1/queue/desks/" + std::string(kDesk); }

    http::Response Issue(std::string_view group, std::string_view ip = "192.0.2.50") {
        return api.Call(Method::kPost, Base() + "/tickets",
                        R"({"group":")" + std::string(group) + R"("})", nullptr, false,
                        "application/json", ip);
    }

    http::Response CallNext(std::string_view counter, const Browser* who = nullptr) {
        return api.Call(Method::kPost, Base() + "/counters/" + std::string(counter) + "/call", "",
                        who != nullptr ? who : &desk);
    }

    http::Response Act(std::int64_t id, const std::string& body, const Browser* who = nullptr) {
        return api.Call(Method::kPost, Base() + "/tickets/" + std::to_string(id) + "/actions", body,
                        who != nullptr ? who : &desk);
    }

    ApiFixture api;
    Browser admin;
    Browser desk;
};

TEST_F(QueueApiTest, KioskCounterDisplayCycleIsAudited) {
    const auto setup = Body(api.Call(Method::kGet, Base()));
    ASSERT_EQ(setup.at("groups").as_array().size(), 2U);
    EXPECT_EQ(Str(setup.at("groups").at(0), "label"), "Hộ tịch, chứng thực");
    EXPECT_EQ(setup.at("counters").as_array().size(), 4U);

    const std::int64_t audit_before = api.Count("audit_log");
    const auto first = Issue("HT");
    ASSERT_EQ(first.status, 201) << first.body;
    const auto a1 = Body(first);
    EXPECT_EQ(Str(a1, "number"), "A001");
    EXPECT_EQ(Str(a1, "state"), "waiting");
    EXPECT_EQ(a1.at("ahead").as_int64(), 0);
    EXPECT_TRUE(a1.at("estimated_wait_seconds").is_null());
    const auto a2 = Body(Issue("HT"));
    EXPECT_EQ(Str(a2, "number"), "A002");
    EXPECT_EQ(a2.at("ahead").as_int64(), 1);
    const auto b1 = Body(Issue("DD"));
    EXPECT_EQ(Str(b1, "number"), "B001");

    // The display before any call, then its ETag.
    auto display = api.Call(Method::kGet, Base() + "/display");
    ASSERT_EQ(display.status, 200) << display.body;
    EXPECT_EQ(Body(display).at("waiting").as_int64(), 3);
    const std::string etag_before(display.Header("ETag").value_or(""));
    ASSERT_FALSE(etag_before.empty());

    api.clock().Advance(std::chrono::minutes(4));
    const auto called = CallNext("2");
    ASSERT_EQ(called.status, 200) << called.body;
    const auto ticket = Body(called).at("ticket");
    EXPECT_EQ(Str(ticket, "number"), "A001");
    EXPECT_EQ(Str(ticket, "counter"), "2");
    EXPECT_EQ(Str(ticket, "state"), "called");

    // The display changed: a new ETag, counter 2 shows A001.
    api.SetHeader("if-none-match", etag_before);
    display = api.Call(Method::kGet, Base() + "/display");
    api.ClearHeaders();
    ASSERT_EQ(display.status, 200);
    const auto state = Body(display);
    const std::string etag(display.Header("ETag").value_or(""));
    EXPECT_NE(etag, etag_before);
    bool shown = false;
    for (const auto& c : state.at("counters").as_array()) {
        if (Str(c, "counter") == "2") {
            EXPECT_EQ(Str(c, "number"), "A001");
            EXPECT_EQ(Str(c, "counter_label"), "Quầy 2");
            shown = true;
        }
    }
    EXPECT_TRUE(shown);
    EXPECT_EQ(Str(state.at("recent").at(0), "number"), "A001");
    // Unchanged since: 304 without a body.
    api.SetHeader("if-none-match", etag);
    display = api.Call(Method::kGet, Base() + "/display");
    api.ClearHeaders();
    EXPECT_EQ(display.status, 304);
    EXPECT_TRUE(display.body.empty());

    // Recall, start, finish linked to a dossier received at this desk.
    const auto received = api.Call(
        Method::kPost, "/api/v1/dossiers",
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Lê Văn Bảo"}})",
        &desk);
    ASSERT_EQ(received.status, 201) << received.body;
    const std::string dossier = Str(Body(received), "code");
    const std::int64_t id = ticket.at("id").as_int64();
    api.clock().Advance(std::chrono::seconds(30));
    auto r = Act(id, R"({"action":"recall","counter":"2"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("recalls").as_int64(), 1);
    api.clock().Advance(std::chrono::seconds(30));
    r = Act(id, R"({"action":"start","counter":"2","version":3})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "serving");
    api.clock().Advance(std::chrono::minutes(10));
    r = Act(id, R"({"action":"finish","counter":"2","dossier_code":")" + dossier + R"("})");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto served = Body(r);
    EXPECT_EQ(Str(served, "state"), "served");
    EXPECT_EQ(Str(served, "dossier_code"), dossier);
    EXPECT_FALSE(served.at("serve_ended_at").is_null());

    // issue ×3, call, recall, start, finish (+ the dossier's own records).
    EXPECT_GE(api.Count("audit_log") - audit_before, 7);
    EXPECT_EQ(api.Count("queue_ticket_events"), 7);

    // The next issued ticket gets the day's average wait (4 minutes) as its estimate.
    const auto a3 = Body(Issue("HT"));
    EXPECT_EQ(a3.at("estimated_wait_seconds").as_int64(), 240);
    EXPECT_EQ(a3.at("ahead").as_int64(), 1);  // A002 still waits

    // The counter page's list of today's tickets.
    const auto list = api.Call(Method::kGet, Base() + "/tickets", "", &desk);
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(Body(list).at("items").as_array().size(), 4U);
}

TEST_F(QueueApiTest, TransferSkipRequeueAndTheRefusals) {
    const std::int64_t a1 = Body(Issue("HT")).at("id").as_int64();
    ASSERT_EQ(CallNext("2").status, 200);
    // Another counter may not move counter 2's ticket.
    auto r = Act(a1, R"({"action":"start","counter":"1"})");
    EXPECT_EQ(r.status, 409) << r.body;
    // Illegal move: finish a ticket that is only called.
    r = Act(a1, R"({"action":"finish","counter":"2"})");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    // Stale version.
    r = Act(a1, R"({"action":"start","counter":"2","version":1})");
    EXPECT_EQ(r.status, 409) << r.body;
    // Bad input: malformed JSON, unknown field, unknown action, call through actions, wrong type.
    EXPECT_EQ(Act(a1, R"({"action":"start",)").status, 400);
    EXPECT_EQ(Act(a1, R"({"action":"start","counter":"2","x":1})").status, 400);
    EXPECT_EQ(Act(a1, R"({"action":"jump","counter":"2"})").status, 400);
    EXPECT_EQ(Act(a1, R"({"action":"call","counter":"2"})").status, 400);
    EXPECT_EQ(Act(a1, R"({"action":"start","counter":2})").status, 400);
    // Unknown counter, group, ticket, dossier.
    EXPECT_EQ(Act(a1, R"({"action":"start","counter":"9"})").status, 404);
    EXPECT_EQ(CallNext("9").status, 404);
    EXPECT_EQ(Act(a1, R"({"action":"transfer","counter":"2","group":"XX"})").status, 404);
    EXPECT_EQ(Act(999'999, R"({"action":"start","counter":"2"})").status, 404);

    // Transfer to DD: waiting again, served by counter 3 (DD only), keeping its number.
    r = Act(a1, R"({"action":"transfer","counter":"2","group":"DD"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "waiting");
    EXPECT_EQ(Body(CallNext("2")).at("ticket"), json::value(nullptr));  // HT only: nothing
    r = CallNext("3");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Str(Body(r).at("ticket"), "number"), "A001");
    EXPECT_EQ(Body(r).at("ticket").at("transfers").as_int64(), 1);
    // Skip, then requeue; then finish with a dossier not received at this desk.
    ASSERT_EQ(Act(a1, R"({"action":"skip","counter":"3"})").status, 200);
    ASSERT_EQ(Act(a1, R"({"action":"requeue","counter":"1"})").status, 200);
    r = CallNext("1");
    ASSERT_EQ(Str(Body(r).at("ticket"), "number"), "A001");
    ASSERT_EQ(Act(a1, R"({"action":"start","counter":"1"})").status, 200);
    r = Act(a1, R"({"action":"finish","counter":"1","dossier_code":"KHONG-CO"})");
    EXPECT_EQ(r.status, 404) << r.body;

    // The kiosk: unknown desk, a unit that is not a desk, unknown group, bad body.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/queue/desks/KHONGCO/tickets", R"({"group":"HT"})",
                       nullptr, false)
                  .status,
              404);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/queue/desks/46/tickets", R"({"group":"HT"})",
                       nullptr, false)
                  .status,
              404);
    EXPECT_EQ(Issue("XX").status, 404);
    EXPECT_EQ(api.Call(Method::kPost, Base() + "/tickets", "{", nullptr, false).status, 400);
    EXPECT_EQ(api.Call(Method::kPost, Base() + "/tickets", R"({"group":1})", nullptr, false).status,
              400);

    // Who may act: anonymous 401, a leader above the desk, another desk's officer, a citizen 403.
    EXPECT_EQ(api.Call(Method::kPost, Base() + "/counters/1/call", "", nullptr).status, 401);
    for (const char* name : {"lanhdao", "motcuaxa", "congdan", "quantri"}) {
        const Browser who = api.SignIn(name);
        EXPECT_EQ(CallNext("1", &who).status, 403) << name;
        EXPECT_EQ(api.Call(Method::kGet, Base() + "/tickets", "", &who).status, 403) << name;
    }
    // The setup: administrators only; bad setups refused and nothing changed.
    EXPECT_EQ(api.Call(Method::kPut, Base(), kSetup, &desk).status, 403);
    for (
        const char* bad :
        {R"({"groups":[{"code":"HT","prefix":"a1","label":"Hộ tịch"}],"counters":[]})",
         R"({"groups":[{"code":"HT","prefix":"A","label":"Hộ tịch"},{"code":"DD","prefix":"A","label":"Đất đai"}],"counters":[]})",
         R"({"groups":[{"code":"HT","prefix":"A","label":" "}],"counters":[]})",
         R"({"groups":[{"code":"HT","prefix":"A","label":"Hộ tịch"}],"counters":[{"code":"1","label":"Quầy 1","groups":["DD"]}]})",
         R"({"groups":[],"counters":"x"})", "[]"}) {
        const auto refused = api.Call(Method::kPut, Base(), bad, &admin);
        EXPECT_TRUE(refused.status == 400 || refused.status == 404 || refused.status == 409)
            << bad << " → " << refused.status;
    }
    EXPECT_EQ(Body(api.Call(Method::kGet, Base())).at("groups").as_array().size(), 2U);
}

TEST_F(QueueApiTest, KioskIsThrottledPerAddress) {
    int issued = 0;
    int throttled = 0;
    for (int i = 0; i < 40; ++i) {
        const auto r = Issue("HT", "198.51.100.7");
        if (r.status == 201) {
            ++issued;
        } else if (r.status == 429) {
            ++throttled;
            EXPECT_EQ(r.Header("retry-after").value_or(""), "60");
        }
    }
    EXPECT_EQ(issued, 30);
    EXPECT_EQ(throttled, 10);
    // Another address is not affected; a minute later the first may issue again.
    EXPECT_EQ(Issue("HT", "198.51.100.8").status, 201);
    api.clock().Advance(std::chrono::minutes(1));
    EXPECT_EQ(Issue("HT", "198.51.100.7").status, 201);
}

// Waiting times computed by hand: issued at 10:00, 10:01, 10:02 (HT, HT, DD) and 11:00 (HT);
// called after 5, 20, 15 and 1 minutes → average (300+1200+900+60)/4 = 615 s, p90 (nearest
// rank 4 of 4) 1200 s, over 15 minutes: one of four (25 %).
TEST_F(QueueApiTest, FiguresPerDeskHourAndService) {
    const auto issue_at = [&](std::string_view group) {
        return Body(Issue(group)).at("id").as_int64();
    };
    const auto t0 = api.clock().Now();
    issue_at("HT");  // 10:00
    api.clock().Set(t0 + std::chrono::minutes(1));
    issue_at("HT");  // 10:01
    api.clock().Set(t0 + std::chrono::minutes(2));
    issue_at("DD");  // 10:02
    api.clock().Set(t0 + std::chrono::minutes(5));
    ASSERT_EQ(Str(Body(CallNext("2")).at("ticket"), "number"), "A001");  // 5 min
    api.clock().Set(t0 + std::chrono::minutes(17));
    ASSERT_EQ(Str(Body(CallNext("3")).at("ticket"), "number"), "B001");  // 15 min: within
    api.clock().Set(t0 + std::chrono::minutes(21));
    ASSERT_EQ(Str(Body(CallNext("4")).at("ticket"), "number"), "A002");  // 20 min
    api.clock().Set(t0 + std::chrono::minutes(60));
    desk = api.SignIn("motcua");  // the session idled out meanwhile
    issue_at("HT");               // 11:00
    api.clock().Set(t0 + std::chrono::minutes(61));
    ASSERT_EQ(Str(Body(CallNext("2")).at("ticket"), "number"), "A003");  // 1 min
    issue_at("DD");                                                      // still waiting

    const Browser leader = api.SignIn("lanhdao");
    const auto r =
        api.Call(Method::kGet, Base() + "/figures?from=2026-11-27&to=2026-11-27", "", &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto f = Body(r);
    const auto& total = f.at("total");
    EXPECT_EQ(total.at("called").as_int64(), 4);
    EXPECT_EQ(total.at("waiting").as_int64(), 1);
    EXPECT_EQ(total.at("average_seconds").as_int64(), 615);
    EXPECT_EQ(total.at("p90_seconds").as_int64(), 1200);
    EXPECT_EQ(total.at("over_15_minutes").as_int64(), 1);
    EXPECT_DOUBLE_EQ(total.at("over_15_minutes_percent").as_double(), 25.0);
    const auto& hours = f.at("by_hour").as_array();
    ASSERT_EQ(hours.size(), 2U);
    EXPECT_EQ(Str(hours[0], "key"), "10");
    EXPECT_EQ(hours[0].at("called").as_int64(), 3);
    EXPECT_EQ(hours[1].at("average_seconds").as_int64(), 60);
    const auto& groups = f.at("by_group").as_array();
    ASSERT_EQ(groups.size(), 2U);
    EXPECT_EQ(Str(groups[0], "key"), "DD");
    EXPECT_EQ(Str(groups[0], "label"), "Đất đai, xây dựng");
    EXPECT_EQ(groups[0].at("average_seconds").as_int64(), 900);
    EXPECT_EQ(groups[1].at("p90_seconds").as_int64(), 1200);  // HT: 300, 1200, 60

    // The plan target "average waiting time ≤ 15 minutes" reads the same tickets: 2,460 s over
    // 4 calls = 10.25 minutes → 10, passes.
    const Browser control = api.SignIn("kiemsoat");
    const auto plan = api.Call(Method::kPost, "/api/v1/plan-targets",
                               std::string(domain::plan_targets::EmbeddedS0Template()), &control);
    ASSERT_EQ(plan.status, 201) << plan.body;
    const auto evaluation = api.Call(
        Method::kGet, "/api/v1/plan-targets/KH-KSTT-2024-BoTrach/evaluation?unit=46&period=2026-11",
        "", &control);
    ASSERT_EQ(evaluation.status, 200) << evaluation.body;
    bool judged = false;
    const json::value evaluated = Body(evaluation);
    for (const auto& unit : evaluated.at("units").as_array()) {
        if (unit.at("code").as_string() != "46") {
            continue;
        }
        for (const auto& result : unit.at("results").as_array()) {
            if (result.at("metric").as_string() == "waiting_minutes") {
                EXPECT_EQ(result.at("verdict").as_string(), "pass") << json::serialize(result);
                EXPECT_EQ(result.at("numerator").as_int64(), 2460);
                EXPECT_EQ(result.at("denominator").as_int64(), 240);
                EXPECT_EQ(result.at("value").as_int64(), 10);
                judged = true;
            }
        }
    }
    EXPECT_TRUE(judged);

    // Another day: nothing; a bad range; outside the caller's scope; anonymous.
    const auto empty = Body(
        api.Call(Method::kGet, Base() + "/figures?from=2026-11-28&to=2026-11-28", "", &leader));
    EXPECT_EQ(empty.at("total").at("called").as_int64(), 0);
    EXPECT_EQ(api.Call(Method::kGet, Base() + "/figures?from=2026-11-28&to=2026-11-01", "", &leader)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kGet, Base() + "/figures?from=2026-11-2x&to=2026-11-28", "", &leader)
                  .status,
              400);
    const Browser commune = api.SignIn("motcuaxa");
    EXPECT_EQ(
        api.Call(Method::kGet, Base() + "/figures?from=2026-11-27&to=2026-11-27", "", &commune)
            .status,
        403);
    EXPECT_EQ(api.Call(Method::kGet, Base() + "/figures?from=2026-11-27&to=2026-11-27").status,
              401);
}

// Many kiosks and counters at once through the router: every issued ticket has its own number
// and is called exactly once; none is lost.
TEST_F(QueueApiTest, ManyKiosksAndCountersAtOnce) {
    constexpr int kKiosks = 4;
    constexpr int kPerKiosk = 25;
    std::mutex mutex;
    std::set<std::string> issued;
    std::map<std::string, int> called;
    std::atomic<int> errors{0};
    std::atomic<int> kiosks_done{0};
    std::vector<std::thread> threads;
    for (int k = 0; k < kKiosks; ++k) {
        threads.emplace_back([&, k] {
            for (int i = 0; i < kPerKiosk; ++i) {
                const auto r = Issue(i % 3 == 0 ? "DD" : "HT", "203.0.113." + std::to_string(k));
                if (r.status != 201) {
                    ++errors;
                    continue;
                }
                const std::lock_guard lock(mutex);
                issued.insert(Str(Body(r), "number"));
            }
            ++kiosks_done;
        });
    }
    for (const char* counter : {"1", "2", "3", "4"}) {
        threads.emplace_back([&, counter] {
            for (;;) {
                const bool last_round = kiosks_done.load() == kKiosks;
                const auto r = CallNext(counter);
                if (r.status != 200) {
                    ++errors;
                    return;
                }
                const auto t = Body(r).at("ticket");
                if (t.is_null()) {
                    if (last_round) {
                        return;
                    }
                    std::this_thread::yield();
                    continue;
                }
                const std::lock_guard lock(mutex);
                ++called[Str(t, "number")];
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(issued.size(), static_cast<std::size_t>(kKiosks * kPerKiosk));
    EXPECT_EQ(called.size(), issued.size());
    for (const auto& [number, times] : called) {
        EXPECT_EQ(times, 1) << number;
        EXPECT_TRUE(issued.contains(number)) << number;
    }
    EXPECT_EQ(Body(api.Call(Method::kGet, Base() + "/display")).at("waiting").as_int64(), 0);
}

}  // namespace
}  // namespace motcua::testing
