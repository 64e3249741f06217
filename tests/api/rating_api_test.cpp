// The citizen's rating and the evaluation indices through /api/v1 (issue #5; REGULATIONS.md
// §2.10): rating after return (online by the applicant, paper form entered at the desk), the
// refusals (before return, twice, by someone else, bad input), and a unit's figures for a small
// set of dossiers computed by hand.
#include <atomic>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "store/dossiers.hpp"
#include "store/ratings.hpp"
#include "store/units.hpp"
#include "store/users.hpp"

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

double Num(const json::value& v) {
    return v.is_double() ? v.as_double() : static_cast<double>(v.as_int64());
}

constexpr std::string_view kIntake =
    R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"direct","applicant":{"name":"Nguyễn Văn An","id_number":"046090001234","phone":"0912345678"}})";

constexpr std::string_view kOnlineAnswers =
    R"({"satisfaction":"very_satisfied","contacts":0,"bodies_contacted":0,"complaint":false,"comment":"Cán bộ hướng dẫn tận tình"})";

class RatingApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        // Tuesday 1/12/2026 09:00 (the fixture starts on Friday 27/11 10:00): the dossiers of
        // these tests end in December, after the demo dossiers.
        api.clock().Advance(std::chrono::hours(24 * 4 - 1));
        SignInAll();
    }

    void SignInAll() {
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
        citizen = api.SignIn("congdan");
    }

    void Later(std::chrono::seconds by) {
        api.clock().Advance(by);
        SignInAll();
    }

    std::string Receive() {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers", kIntake, &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        return Str(Body(r), "code");
    }

    void Act(const Browser& who, const std::string& code, const std::string& body) {
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << body << " → " << r.body;
    }

    void Transfer(const std::string& code) { Act(desk, code, R"({"action":"transfer"})"); }
    void Appraise(const std::string& code) {
        Act(specialist, code, R"({"action":"complete_step"})");
    }
    void Finish(const std::string& code) {
        Act(leader, code, R"({"action":"approve"})");
        Act(specialist, code,
            R"({"action":"record_result","result_summary":"Giấy đăng ký hoạt động số 12/TP-ĐKHĐ"})");
        Act(desk, code, R"({"action":"return_result","return_method":"direct"})");
    }

    // The dossier becomes the online applicant's (as A's online submission would set it).
    void Own(const std::string& code, std::int64_t user_id) {
        auto tx = api.db().Begin(store::TxMode::kWrite);
        ASSERT_TRUE(tx);
        auto d = store::dossiers::GetByCode(**tx, code);
        ASSERT_TRUE(d && *d);
        domain::Dossier dossier = **d;
        const std::int64_t version = dossier.version;
        dossier.citizen_user_id = user_id;
        dossier.version = version + 1;
        ASSERT_TRUE(store::dossiers::Update(**tx, dossier, version));
        ASSERT_TRUE((*tx)->Commit());
    }

    http::Response Rate(const Browser& who, const std::string& code, std::string_view body) {
        return api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/rating", body, &who);
    }
    http::Response GetRating(const Browser& who, const std::string& code) {
        return api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/rating", "", &who);
    }

    ApiFixture api;
    Browser desk;
    Browser specialist;
    Browser leader;
    Browser citizen;
};

TEST_F(RatingApiTest, TheApplicantRatesOnlineAfterReturn) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    Appraise(code);
    Finish(code);

    // Before rating: the applicant may rate; the scores use the fallbacks (no answers).
    auto before = GetRating(citizen, code);
    ASSERT_EQ(before.status, 200) << before.body;
    EXPECT_FALSE(Body(before).at("rated").as_bool());
    EXPECT_TRUE(Body(before).at("may_rate").as_bool());
    EXPECT_TRUE(Body(before).at("rating").is_null());

    const std::int64_t audits = api.Count("audit_log");
    const auto r = Rate(citizen, code, kOnlineAnswers);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value body = Body(r);
    EXPECT_TRUE(body.at("rated").as_bool());
    EXPECT_FALSE(body.at("may_rate").as_bool());
    EXPECT_EQ(Str(body.at("rating"), "channel"), "online");
    EXPECT_EQ(Str(body.at("rating"), "satisfaction"), "very_satisfied");
    EXPECT_EQ(Str(body.at("rating"), "satisfaction_label"), "Rất hài lòng");
    EXPECT_EQ(Str(body.at("rating"), "comment"), "Cán bộ hướng dẫn tận tình");
    EXPECT_EQ(Str(body.at("rating"), "rated_at"), "2026-12-01T09:00:00+07:00");
    EXPECT_EQ(Str(body, "scoring_table"), "tt01-2018");
    // Finished the day it was received, 7 working days early: index 1 = 2; answers 0 contacts,
    // 0 bodies, no complaint: 2, 2; attitude (early, no complaint) 2.
    const json::value& scores = body.at("scores");
    EXPECT_EQ(scores.at("time").as_int64(), 2);
    EXPECT_EQ(scores.at("contacts").as_int64(), 2);
    EXPECT_EQ(scores.at("bodies").as_int64(), 2);
    EXPECT_EQ(scores.at("attitude").as_int64(), 2);
    EXPECT_TRUE(scores.at("steps_known").as_bool());

    // Stored against the dossier, its units and the three officers who acted; audited.
    EXPECT_EQ(api.Count("ratings"), 1);
    EXPECT_EQ(api.Count("rating_officers"), 3);
    EXPECT_EQ(api.Count("audit_log"), audits + 1);
    const Browser admin = api.SignIn("quantri");
    const auto log = api.Call(Method::kGet, "/api/v1/audit?entity=dossier", "", &admin);
    ASSERT_EQ(log.status, 200) << log.body;
    bool found = false;
    const json::value log_body = Body(log);
    for (const auto& item : log_body.at("items").as_array()) {
        if (Str(item, "action") == "rating.create") {
            found = true;
            EXPECT_EQ(Str(item.at("detail"), "code"), code);
            EXPECT_EQ(Str(item.at("detail"), "channel"), "online");
        }
    }
    EXPECT_TRUE(found);

    // Staff who may see the dossier see the rating too.
    const auto staff = GetRating(specialist, code);
    ASSERT_EQ(staff.status, 200) << staff.body;
    EXPECT_EQ(Str(Body(staff).at("rating"), "comment"), "Cán bộ hướng dẫn tận tình");
}

TEST_F(RatingApiTest, RatingBeforeReturnIsRefusedAndWritesNothing) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    const auto r = Rate(citizen, code, kOnlineAnswers);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_NE(r.body.find("sau khi đã trả kết quả"), std::string::npos) << r.body;
    EXPECT_EQ(api.Count("ratings"), 0);
    const auto view = GetRating(citizen, code);
    ASSERT_EQ(view.status, 200);
    EXPECT_FALSE(Body(view).at("may_rate").as_bool());
    EXPECT_TRUE(Body(view).at("scores").is_null());  // open: not scored
}

TEST_F(RatingApiTest, ASecondRatingIsRefused) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    Appraise(code);
    Finish(code);
    ASSERT_EQ(Rate(citizen, code, kOnlineAnswers).status, 201);
    const auto again = Rate(
        citizen, code,
        R"({"satisfaction":"dissatisfied","contacts":3,"bodies_contacted":2,"complaint":true})");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_NE(again.body.find("đã được đánh giá"), std::string::npos) << again.body;
    // Nor can the desk add a paper form for it.
    const auto paper = Rate(
        desk, code,
        R"({"channel":"paper","satisfaction":"dissatisfied","contacts":3,"bodies_contacted":2,"complaint":true})");
    EXPECT_EQ(paper.status, 409) << paper.body;
    EXPECT_EQ(api.Count("ratings"), 1);
    EXPECT_EQ(Str(Body(GetRating(citizen, code)).at("rating"), "satisfaction"), "very_satisfied");
}

TEST_F(RatingApiTest, RatingsSentAtOnceStoreOne) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    Appraise(code);
    Finish(code);
    // The applicant online and the desk from a paper form, four times each, at the same moment.
    std::atomic<int> created{0};
    std::atomic<int> conflict{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            const auto r =
                i % 2 == 0
                    ? Rate(citizen, code, kOnlineAnswers)
                    : Rate(
                          desk, code,
                          R"({"channel":"device","satisfaction":"satisfied","contacts":0,"bodies_contacted":1,"complaint":false})");
            (r.status == 201 ? created : conflict)++;
            if (r.status != 201) {
                EXPECT_EQ(r.status, 409) << r.body;
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(conflict.load(), 7);
    EXPECT_EQ(api.Count("ratings"), 1);
}

TEST_F(RatingApiTest, AnotherCitizenCanNeitherRateNorSee) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    Appraise(code);
    Finish(code);
    api.AddUser("congdankhac", "citizen", "");
    const Browser other = api.SignIn("congdankhac");
    const auto r = Rate(other, code, kOnlineAnswers);
    // The same refusal as for the dossier itself (app::GetDossier): no rating content leaks.
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    const auto seen = GetRating(other, code);
    EXPECT_EQ(seen.status, 403) << seen.body;
    EXPECT_EQ(seen.body.find("hướng dẫn"), std::string::npos);
    EXPECT_EQ(api.Count("ratings"), 0);
    // An unknown code is 404.
    EXPECT_EQ(Rate(citizen, "46.TTPVHCC-261201-9999", kOnlineAnswers).status, 404);
    EXPECT_EQ(GetRating(citizen, "46.TTPVHCC-261201-9999").status, 404);
    // Anonymous callers must sign in.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/dossiers/" + code + "/rating").status, 401);
}

TEST_F(RatingApiTest, TheDeskEntersAPaperFormOrDeviceResult) {
    const std::string code = Receive();  // a walk-in dossier: no online applicant
    Transfer(code);
    Appraise(code);
    Finish(code);
    // Staff cannot rate "online" in the applicant's name, and the specialist is no desk officer.
    const auto online = Rate(
        desk, code,
        R"({"channel":"online","satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":false})");
    EXPECT_EQ(online.status, 403) << online.body;
    const auto by_specialist = Rate(
        specialist, code,
        R"({"channel":"paper","satisfaction":"satisfied","contacts":1,"bodies_contacted":1,"complaint":false})");
    EXPECT_EQ(by_specialist.status, 403) << by_specialist.body;
    EXPECT_EQ(api.Count("ratings"), 0);

    const auto view = GetRating(desk, code);
    ASSERT_EQ(view.status, 200);
    EXPECT_TRUE(Body(view).at("may_rate").as_bool());

    const auto r = Rate(
        desk, code,
        R"({"channel":"paper","satisfaction":"satisfied","contacts":1,"bodies_contacted":1,"complaint":false})");
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value body = Body(r);
    EXPECT_EQ(Str(body.at("rating"), "channel"), "paper");
    EXPECT_EQ(body.at("scores").at("contacts").as_int64(), 1);
    EXPECT_EQ(body.at("scores").at("bodies").as_int64(), 1);

    auto tx = api.db().Begin(store::TxMode::kRead);
    ASSERT_TRUE(tx);
    const auto d = store::dossiers::GetByCode(**tx, code);
    ASSERT_TRUE(d && *d);
    const auto stored = store::ratings::Get(**tx, (*d)->id);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->rated_by_user_id, desk.user_id);
    EXPECT_EQ((*stored)->receiving_unit_id, (*d)->receiving_unit_id);
    EXPECT_EQ((*stored)->settling_unit_id, (*d)->settling_unit_id);
    EXPECT_EQ((*stored)->officer_ids.size(), 3U);
}

TEST_F(RatingApiTest, BadAnswersAreRefusedClearlyAndWriteNothing) {
    const std::string code = Receive();
    Own(code, citizen.user_id);
    Transfer(code);
    Appraise(code);
    Finish(code);
    const std::string long_comment(2001, 'a');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{", ""},
        {"[]", ""},
        {R"({"satisfaction":"happy","contacts":0,"bodies_contacted":0,"complaint":false})",
         "mức độ hài lòng"},
        {R"({"satisfaction":"satisfied","contacts":"0","bodies_contacted":0,"complaint":false})",
         "contacts"},
        {R"({"satisfaction":"satisfied","contacts":-1,"bodies_contacted":0,"complaint":false})",
         "số lần phải liên hệ"},
        {R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":100000000000,"complaint":false})",
         "số cơ quan"},
        {R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":"không"})",
         "complaint"},
        {R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":0})", "complaint"},
        {R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":false,"stars":5})",
         "stars"},
        {R"({"channel":"phone","satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":false})",
         "kênh đánh giá"},
        {R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":false,"comment":")" +
             long_comment + "\"}",
         "2000"},
    };
    for (const auto& [body, words] : cases) {
        const auto r = Rate(citizen, code, body);
        EXPECT_EQ(r.status, 400) << body.substr(0, 120) << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
        EXPECT_NE(r.body.find(words), std::string::npos) << r.body;
    }
    EXPECT_EQ(api.Count("ratings"), 0);
    // A comment of exactly 2000 characters is accepted.
    const auto ok = Rate(
        citizen, code,
        R"({"satisfaction":"satisfied","contacts":0,"bodies_contacted":0,"complaint":false,"comment":")" +
            std::string(2000, 'a') + "\"}");
    EXPECT_EQ(ok.status, 201) << ok.body.substr(0, 200);
}

// Two dossiers of the Department of Justice returned in December 2026:
//  A: received Tue 1/12 09:00, everything done the same day (7 working days early), rated online
//     by the applicant: very satisfied, 0 contacts, 0 bodies, no complaint.
//  B: received the same morning, appraised only on Thu 10/12 after its deadline (10/12 09:00):
//     late; rated on paper at the desk: satisfied, 2 contacts, 1 body, a complaint.
// The unit's facts: 2 of 10 listed procedures fully at the desk (20%: index 5 = 2), posted but
// not electronic (index 6 = 1), no PAKN (index 8 = 2 by the documented rule).
TEST_F(RatingApiTest, EvaluationFiguresOfAUnitComputedByHand) {
    const std::string a = Receive();
    const std::string b = Receive();
    Own(a, citizen.user_id);
    Transfer(a);
    Transfer(b);
    Appraise(a);
    Finish(a);
    ASSERT_EQ(Rate(citizen, a, kOnlineAnswers).status, 201);

    Later(std::chrono::hours(24 * 9 + 1));  // Thu 10/12 10:00, one hour after B's deadline
    Appraise(b);
    Finish(b);
    ASSERT_EQ(
        Rate(
            desk, b,
            R"({"channel":"paper","satisfaction":"satisfied","contacts":2,"bodies_contacted":1,"complaint":true})")
            .status,
        201);
    // The TTHC-control officer records the unit's facts.
    const Browser control = api.SignIn("kiemsoat");
    const auto facts = api.Call(
        Method::kPut, "/api/v1/units/46.SOTP/evaluation-facts",
        R"({"effective_from":"2026-01-01","listed_procedures":10,"fully_at_desk_procedures":2,"published_posted":true,"published_electronic":false})",
        &control);
    ASSERT_EQ(facts.status, 200) << facts.body;
    EXPECT_EQ(Body(facts).at("eligible_procedures"), nullptr);

    // Per dossier, from the events: A's hand-over at the desk was on its deadline's day (on
    // time) so index 2 = 1 (the worst part decides); B's appraisal step was late: 0.
    const json::value sa = Body(GetRating(desk, a)).at("scores");
    EXPECT_EQ(
        json::serialize(sa),
        R"({"time":2,"steps":1,"contacts":2,"bodies":2,"attitude":2,"total":9,"steps_known":true})");
    const json::value sb = Body(GetRating(desk, b)).at("scores");
    EXPECT_EQ(
        json::serialize(sb),
        R"({"time":0,"steps":0,"contacts":0,"bodies":1,"attitude":0,"total":1,"steps_known":true})");

    const Browser director = api.SignIn("lanhdaostp");
    const auto r =
        api.Call(Method::kGet, "/api/v1/evaluations?unit=46.SOTP&from=2026-12-01&to=2026-12-31", "",
                 &director);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value e = Body(r);
    EXPECT_EQ(e.at("dossiers").as_int64(), 2);
    EXPECT_EQ(e.at("scored").as_int64(), 2);
    EXPECT_EQ(e.at("rated").as_int64(), 2);
    EXPECT_TRUE(e.at("facts_recorded").as_bool());
    const json::value& idx = e.at("indices");
    EXPECT_DOUBLE_EQ(Num(idx.at("1")), 1.0);  // (2 + 0) / 2
    EXPECT_DOUBLE_EQ(Num(idx.at("2")), 0.5);  // (1 + 0) / 2
    EXPECT_DOUBLE_EQ(Num(idx.at("3")), 1.0);  // (2 + 0) / 2
    EXPECT_DOUBLE_EQ(Num(idx.at("4")), 1.5);  // (2 + 1) / 2
    EXPECT_EQ(idx.at("5").as_int64(), 2);
    EXPECT_EQ(idx.at("6").as_int64(), 1);
    EXPECT_DOUBLE_EQ(Num(idx.at("7")), 1.0);  // (2 + 0) / 2
    EXPECT_EQ(idx.at("8").as_int64(), 2);
    EXPECT_EQ(idx.at("9").as_int64(), 0);  // no online dossier
    // 1.0 + 0.5 + 1.0 + 1.5 + 1.0 + 2 + 1 + 2 + 0 = 10.0: fair (9 to under 12).
    EXPECT_DOUBLE_EQ(Num(e.at("total")), 10.0);
    EXPECT_EQ(Str(e, "band"), "fair");
    EXPECT_EQ(Str(e, "band_label"), "Khá");
    // The three officers acted on both dossiers: 5.0 each, exactly the "100% of tasks" limit.
    const auto& officers = e.at("officers").as_array();
    ASSERT_EQ(officers.size(), 3U);
    std::set<std::string> names;
    for (const auto& o : officers) {
        names.insert(Str(o, "username"));
        EXPECT_DOUBLE_EQ(Num(o.at("total")), 5.0) << Str(o, "username");
        EXPECT_EQ(Str(o, "band"), "full");
        EXPECT_EQ(o.at("averages").at("dossiers").as_int64(), 2);
    }
    EXPECT_EQ(names, (std::set<std::string>{"motcua", "chuyenvien", "lanhdaostp"}));

    // November holds neither dossier: no score, not 0.
    const auto november =
        api.Call(Method::kGet, "/api/v1/evaluations?unit=46.SOTP&from=2026-12-02&to=2026-12-09", "",
                 &director);
    ASSERT_EQ(november.status, 200) << november.body;
    EXPECT_EQ(Body(november).at("dossiers").as_int64(), 0);
    EXPECT_TRUE(Body(november).at("total").is_null());
    EXPECT_TRUE(Body(november).at("band").is_null());
    EXPECT_TRUE(Body(november).at("indices").at("1").is_null());

    // The province's leader sees it through the subtree of 46.
    const Browser province_leader = api.SignIn("lanhdao");
    const auto province =
        api.Call(Method::kGet, "/api/v1/evaluations?unit=46&from=2026-12-01&to=2026-12-31", "",
                 &province_leader);
    ASSERT_EQ(province.status, 200) << province.body;
    EXPECT_EQ(Body(province).at("dossiers").as_int64(), 2);
}

TEST_F(RatingApiTest, EvaluationsAreForLeadersAndControlStaffInScope) {
    api.AddUser("lanhdaoxa", "leader", "19753");
    const Browser commune_leader = api.SignIn("lanhdaoxa");
    const std::string target = "/api/v1/evaluations?unit=46.SOTP&from=2026-12-01&to=2026-12-31";
    const auto out_of_scope = api.Call(Method::kGet, target, "", &commune_leader);
    EXPECT_EQ(out_of_scope.status, 403) << out_of_scope.body;
    EXPECT_EQ(out_of_scope.content_type, "application/problem+json");
    EXPECT_EQ(api.Call(Method::kGet, target, "", &desk).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, target, "", &specialist).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, target, "", &citizen).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, target).status, 401);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/evaluations?unit=19753&from=2026-12-01&to=2026-12-31",
                       "", &commune_leader)
                  .status,
              200);

    const std::vector<std::pair<std::string, int>> bad = {
        {"/api/v1/evaluations?from=2026-12-01&to=2026-12-31", 400},
        {"/api/v1/evaluations?unit=46.SOTP&to=2026-12-31", 400},
        {"/api/v1/evaluations?unit=46.SOTP&from=2026-13-01&to=2026-12-31", 400},
        {"/api/v1/evaluations?unit=46.SOTP&from=2026-12-31&to=2026-12-01", 400},
        {"/api/v1/evaluations?unit=46.SOTP&from=2025-01-01&to=2026-12-31", 400},
        {"/api/v1/evaluations?unit=46.KHONGCO&from=2026-12-01&to=2026-12-31", 404},
    };
    for (const auto& [t, status] : bad) {
        const auto r = api.Call(Method::kGet, t, "", &leader);
        EXPECT_EQ(r.status, status) << t << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json") << t;
    }
}

TEST_F(RatingApiTest, UnitFactsAreRecordedByControlStaffInScopeAndValidated) {
    const Browser control = api.SignIn("kiemsoat");
    const std::string target = "/api/v1/units/46.SOTP/evaluation-facts";
    const std::int64_t audits = api.Count("audit_log");
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"{", ""},
        {R"({"listed_procedures":10,"fully_at_desk_procedures":2})", "effective_from"},
        {R"({"effective_from":"2026-02-30"})", "effective_from"},
        {R"({"effective_from":"2026-01-01","listed_procedures":-1,"fully_at_desk_procedures":0})",
         "listed_procedures"},
        {R"({"effective_from":"2026-01-01","listed_procedures":10,"fully_at_desk_procedures":11})",
         "trọn vẹn"},
        {R"({"effective_from":"2026-01-01","listed_procedures":10})", "bỏ trống cả hai"},
        {R"({"effective_from":"2026-01-01","pakn_received":3,"pakn_on_time":4})", "đúng hạn"},
        {R"({"effective_from":"2026-01-01","published_posted":"có"})", "published_posted"},
        {R"({"effective_from":"2026-01-01","score":18})", "score"},
    };
    for (const auto& [body, words] : bad) {
        const auto r = api.Call(Method::kPut, target, body, &control);
        EXPECT_EQ(r.status, 400) << body << " → " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
        EXPECT_NE(r.body.find(words), std::string::npos) << r.body;
    }
    EXPECT_EQ(api.Count("unit_evaluation_facts"), 0);
    EXPECT_EQ(api.Count("audit_log"), audits);

    // Out of scope: the commune's control officer; a leader is no TTHC-control officer.
    api.AddUser("kiemsoatxa", "control_officer", "19753");
    const Browser commune = api.SignIn("kiemsoatxa");
    const std::string good =
        R"({"effective_from":"2026-01-01","pakn_received":10,"pakn_on_time":9})";
    EXPECT_EQ(api.Call(Method::kPut, target, good, &commune).status, 403);
    EXPECT_EQ(api.Call(Method::kPut, target, good, &leader).status, 403);
    EXPECT_EQ(
        api.Call(Method::kPut, "/api/v1/units/46.KHONGCO/evaluation-facts", good, &control).status,
        404);
    EXPECT_EQ(api.Count("unit_evaluation_facts"), 0);

    const std::int64_t audits_before_saving = api.Count("audit_log");
    const auto saved = api.Call(Method::kPut, target, good, &control);
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_EQ(Body(saved).at("pakn_on_time").as_int64(), 9);
    // The same date again replaces it.
    ASSERT_EQ(api.Call(Method::kPut, target,
                       R"({"effective_from":"2026-01-01","pakn_received":10,"pakn_on_time":10})",
                       &control)
                  .status,
              200);
    EXPECT_EQ(api.Count("unit_evaluation_facts"), 1);
    EXPECT_EQ(api.Count("audit_log"), audits_before_saving + 2);

    // 9 of 10 PAKN on time (90%): index 8 = 1 before the correction; 10 of 10 now: 2.
    const auto e =
        api.Call(Method::kGet, "/api/v1/evaluations?unit=46.SOTP&from=2026-12-01&to=2026-12-31", "",
                 &control);
    ASSERT_EQ(e.status, 200) << e.body;
    EXPECT_EQ(Body(e).at("indices").at("8").as_int64(), 2);
    EXPECT_TRUE(Body(e).at("indices").at("5").is_null());  // not recorded: unknown
}

}  // namespace
}  // namespace motcua::testing
