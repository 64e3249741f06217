// Plan targets through /api/v1/plan-targets (issue #6; docs/plan-targets.md): importing the S0
// template, evaluating a unit for a period, the dossiers behind a failure, bad input and
// authorisation. Dossiers are driven through the real actions with the fake clock inside October
// 2026, then read on 27/11/2026.
#include <filesystem>
#include <random>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "calendar/instant.hpp"
#include "domain/plan_targets.hpp"

namespace motcua::testing {
namespace {

namespace fs = std::filesystem;
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

std::string S0() {
    return std::string(domain::plan_targets::EmbeddedS0Template());
}

// The S0 template with `from` replaced by `to` (once).
std::string S0With(std::string_view from, std::string_view to) {
    std::string s = S0();
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
}

class PlanTargetApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        files_ = fs::temp_directory_path() / ("motcua-plan-files-" + std::to_string(random()));
        api.context().files_dir = files_;
        control = api.SignIn("kiemsoat");
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(files_, ec);
    }

    void At(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        desk = api.SignIn("motcua");
        specialist = api.SignIn("chuyenvien");
        leader = api.SignIn("lanhdaostp");
        control = api.SignIn("kiemsoat");
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

    void Act(const Browser& who, const std::string& code, const std::string& fields) {
        const auto got = api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &desk);
        ASSERT_EQ(got.status, 200) << got.body;
        const std::string body = R"({"version":)" +
                                 std::to_string(Body(got).at("version").as_int64()) + "," + fields +
                                 "}";
        const auto r = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions", body, &who);
        ASSERT_EQ(r.status, 200) << fields << r.body;
    }

    // A dossier received, processed and finished with an issued result in October 2026 (no
    // result document yet); the clock then on 27/11/2026.
    std::string FinishedInOctober() {
        At("2026-10-05T09:00:00+07:00");
        const std::string code = Receive();
        Act(desk, code, R"("action":"transfer")");
        At("2026-10-07T09:00:00+07:00");
        Act(specialist, code, R"("action":"complete_step")");
        Act(leader, code, R"("action":"approve")");
        Act(specialist, code, R"("action":"record_result","result_summary":"Giấy đăng ký số 1")");
        At("2026-11-27T10:00:00+07:00");
        return code;
    }

    http::Response Import(const std::string& body, const Browser* who) {
        return api.Call(Method::kPost, "/api/v1/plan-targets", body, who);
    }

    // The result of `metric` in the row of `unit` of an evaluation.
    static json::object ResultOf(const json::value& evaluation, std::string_view unit,
                                 std::string_view metric) {
        for (const auto& u : evaluation.at("units").as_array()) {
            if (u.at("code").as_string() != unit) {
                continue;
            }
            for (const auto& r : u.at("results").as_array()) {
                if (r.at("metric").as_string() == metric) {
                    return r.as_object();
                }
            }
        }
        ADD_FAILURE() << "no " << metric << " for " << unit << ": " << json::serialize(evaluation);
        return {};
    }

    ApiFixture api;
    fs::path files_;
    Browser desk;
    Browser specialist;
    Browser leader;
    Browser control;
};

constexpr std::string_view kPlan = "/api/v1/plan-targets/KH-KSTT-2024-BoTrach";

TEST_F(PlanTargetApiTest, ImportTheS0TemplateAndReadItBack) {
    auto r = Import(S0(), &control);
    ASSERT_EQ(r.status, 201) << r.body;
    json::value plan = Body(r);
    EXPECT_EQ(plan.at("plan").as_string(), "KH-KSTT-2024-BoTrach");
    EXPECT_EQ(plan.at("version").as_int64(), 1);
    EXPECT_EQ(plan.at("issuing_unit").at("code").as_string(), "46");
    ASSERT_EQ(plan.at("targets").as_array().size(), 11U);
    const auto& first = plan.at("targets").as_array()[0];
    EXPECT_EQ(first.at("metric").as_string(), "full_process_online_services");
    EXPECT_EQ(first.at("comparator").as_string(), ">=");
    EXPECT_EQ(first.at("value").as_int64(), 80);
    EXPECT_EQ(first.at("source").at("section").as_string(), "III.4");

    r = api.Call(Method::kGet, std::string(kPlan), "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("targets").as_array().size(), 11U);
    r = api.Call(Method::kGet, "/api/v1/plan-targets", "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(Body(r).at("items").as_array().size(), 1U);
    EXPECT_EQ(Body(r).at("items").as_array()[0].at("targets").as_int64(), 11);

    // The same key again by POST: 409; by PUT: replaced, version 2, audited twice.
    r = Import(S0(), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    r = api.Call(Method::kPut, std::string(kPlan), S0With(R"("value": 90)", R"("value": 95)"),
                 &control);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value replaced = Body(r);
    EXPECT_EQ(replaced.at("version").as_int64(), 2);
    bool found = false;
    for (const auto& t : replaced.at("targets").as_array()) {
        if (t.at("metric").as_string() == "satisfaction") {
            EXPECT_EQ(t.at("value").as_int64(), 95);
            found = true;
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(api.Count("plan_target_sets"), 1);
    EXPECT_EQ(api.Count("plan_targets"), 11);
    // Concurrent edits: a PUT made against version 1 is refused now that it is 2; nothing changes.
    r = api.Call(Method::kGet, std::string(kPlan), "", &control);
    EXPECT_EQ(r.Header("etag").value_or(""), "\"v2\"");
    api.SetHeader("if-match", "\"v1\"");
    r = api.Call(Method::kPut, std::string(kPlan), S0(), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    api.SetHeader("if-match", "v-x");
    EXPECT_EQ(api.Call(Method::kPut, std::string(kPlan), S0(), &control).status, 400);
    api.SetHeader("if-match", "\"v2\"");
    r = api.Call(Method::kPut, std::string(kPlan), S0(), &control);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("version").as_int64(), 3);
    api.ClearHeaders();
    auto tx = api.db().Begin(store::TxMode::kRead);
    auto audits = (*tx)->QueryOne(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'plan_targets.put' AND entity_id = $1",
        std::array<store::Value, 1>{std::string("KH-KSTT-2024-BoTrach")});
    ASSERT_TRUE(audits && *audits);
    EXPECT_EQ((*audits)->Int(0), 3);
}

TEST_F(PlanTargetApiTest, AnUndigitisedResultFailsUntilItIsDigitised) {
    ASSERT_EQ(Import(S0(), &control).status, 201);
    const std::string code = FinishedInOctober();
    const std::string query = "?unit=46&period=2026-10";
    auto r = api.Call(Method::kGet, std::string(kPlan) + "/evaluation" + query, "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    json::value e = Body(r);
    EXPECT_EQ(e.at("from").as_string(), "2026-10-01");
    EXPECT_EQ(e.at("to").as_string(), "2026-10-31");
    EXPECT_EQ(e.at("days").as_int64(), 31);
    EXPECT_EQ(e.at("units").as_array()[0].at("code").as_string(), "46");
    json::object digitised = ResultOf(e, "46", "results_digitised");
    EXPECT_EQ(digitised.at("verdict").as_string(), "fail");
    EXPECT_EQ(digitised.at("numerator").as_int64(), 0);
    EXPECT_EQ(digitised.at("denominator").as_int64(), 1);
    EXPECT_EQ(digitised.at("target").as_int64(), 100);
    // The settling department has its own row with the same figure.
    EXPECT_EQ(ResultOf(e, "46.SOTP", "results_digitised").at("verdict").as_string(), "fail");
    // Waiting times are not held yet: no data, never pass or fail.
    json::object waiting = ResultOf(e, "46", "waiting_minutes");
    EXPECT_EQ(waiting.at("verdict").as_string(), "no_data");
    EXPECT_TRUE(waiting.at("value").is_null());
    // No rating in October: satisfaction has no data (zero denominator).
    EXPECT_EQ(ResultOf(e, "46", "satisfaction").at("verdict").as_string(), "no_data");
    // One desk officer received one dossier in 31 days: 365 / 31 ≈ 12 a year, far below 1,600.
    json::object productivity = ResultOf(e, "46", "desk_productivity");
    EXPECT_EQ(productivity.at("verdict").as_string(), "fail") << json::serialize(productivity);
    EXPECT_EQ(productivity.at("area").as_string(), "urban");
    EXPECT_EQ(r.body.find(kApplicant), std::string::npos);

    r = api.Call(Method::kGet,
                 std::string(kPlan) + "/failures" + query + "&metric=results_digitised", "",
                 &control);
    ASSERT_EQ(r.status, 200) << r.body;
    json::value f = Body(r);
    EXPECT_EQ(f.at("total").as_int64(), 1);
    ASSERT_EQ(f.at("dossiers").as_array().size(), 1U);
    const auto& d = f.at("dossiers").as_array()[0];
    EXPECT_EQ(d.at("code").as_string(), code);
    EXPECT_EQ(d.at("procedure").as_string(), "1.002010");
    EXPECT_EQ(d.at("settling_unit").as_string(), "46.SOTP");
    EXPECT_FALSE(d.at("finished_at").is_null());
    EXPECT_EQ(f.at("result").at("verdict").as_string(), "fail");
    EXPECT_EQ(r.body.find(kApplicant), std::string::npos) << "no applicant data";
    EXPECT_EQ(r.body.find(kIdNumber), std::string::npos) << "no applicant data";
    EXPECT_EQ(r.body.find("0912345678"), std::string::npos) << "no applicant data";

    // The specialist files the digitised result: the target is met and nothing is listed.
    r = api.Call(Method::kPost,
                 "/api/v1/dossiers/" + code +
                     "/documents?role=result&component=Giấy+đăng+ký&name=giay-dang-ky.pdf",
                 "%PDF-1.7\n% Giấy đăng ký số 1\n%%EOF\n", &specialist, true, "application/pdf");
    ASSERT_EQ(r.status, 201) << r.body;
    r = api.Call(Method::kGet, std::string(kPlan) + "/evaluation" + query, "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    digitised = ResultOf(Body(r), "46", "results_digitised");
    EXPECT_EQ(digitised.at("verdict").as_string(), "pass") << json::serialize(digitised);
    EXPECT_EQ(digitised.at("value").as_int64(), 100);
    r = api.Call(Method::kGet,
                 std::string(kPlan) + "/failures" + query + "&metric=results_digitised", "",
                 &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("total").as_int64(), 0);
    EXPECT_TRUE(Body(r).at("dossiers").as_array().empty());
    // Another month: no dossiers, no data.
    r = api.Call(Method::kGet, std::string(kPlan) + "/evaluation?unit=46&period=2026-08", "",
                 &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(ResultOf(Body(r), "46", "results_digitised").at("verdict").as_string(), "no_data");
}

TEST_F(PlanTargetApiTest, ProceduresNotFullProcessAreListed) {
    ASSERT_EQ(Import(S0(), &control).status, 201);
    const auto r = api.Call(
        Method::kGet,
        std::string(kPlan) + "/failures?unit=46&period=2026-Q4&metric=full_process_online_services",
        "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value f = Body(r);
    const json::object result = f.at("result").as_object();
    EXPECT_GT(result.at("denominator").as_int64(), 0) << json::serialize(f);
    EXPECT_GT(f.at("total").as_int64(), 0) << "the demo catalogue has partial services";
    // Listed = offered online but not full-process = denominator − numerator.
    EXPECT_EQ(f.at("total").as_int64(),
              result.at("denominator").as_int64() - result.at("numerator").as_int64());
    EXPECT_EQ(static_cast<std::int64_t>(f.at("procedures").as_array().size()),
              f.at("total").as_int64());
    for (const auto& p : f.at("procedures").as_array()) {
        EXPECT_EQ(p.at("online_level").as_string(), "partial");
    }
    EXPECT_TRUE(f.at("dossiers").as_array().empty());
}

TEST_F(PlanTargetApiTest, BadInputIsRefusedAndNothingIsStored) {
    struct Case {
        std::string body;
        std::string message;
    };
    const std::vector<Case> cases{
        {"{", "JSON"},
        {R"({"plan":"KH-1"})", "thiếu trường 'title'"},
        {S0With("full_process_online_services", "full_process"), "chỉ tiêu không được hỗ trợ"},
        {S0With(R"("comparator": ">=")", R"("comparator": "=")"), "phép so sánh không hợp lệ"},
        {S0With(R"("value": 80)", R"("value": 180)"), "từ 0 đến 100"},
        {S0With(R"("value": 80)", R"("value": "80")"), "phải là một số"},
        {S0With(R"("metric": "online_dossier_share")", R"("metric": "data_reuse")"), "bị trùng"},
        {S0With(R"("issuing_unit": "46")", R"("issuing_unit": "99999")"), "không có đơn vị"},
        {S0With(R"("year": 2024)", R"("year": "2024")"), "year"},
        {S0With(R"("wording": "Tỷ lệ thanh toán)",
                R"("wording": ")" + std::string(3000, 'x') + "Tỷ lệ thanh toán"),
         "dài quá"},
        {S0With(R"("unit_areas": [])", R"("unit_areas": [{"unit":"19753","area":"city"}])"),
         "vùng không hợp lệ"},
    };
    for (const Case& c : cases) {
        const auto r = Import(c.body, &control);
        EXPECT_EQ(r.status, 400) << c.message << ": " << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
        EXPECT_NE(r.body.find(c.message), std::string::npos) << r.body;
    }
    // PUT: the body's key must be the path's.
    auto r = api.Call(Method::kPut, "/api/v1/plan-targets/KH-OTHER", S0(), &control);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("khác mã trên đường dẫn"), std::string::npos) << r.body;
    EXPECT_EQ(api.Count("plan_target_sets"), 0);
    EXPECT_EQ(api.Count("plan_targets"), 0);

    ASSERT_EQ(Import(S0(), &control).status, 201);
    const std::string evaluation = std::string(kPlan) + "/evaluation";
    EXPECT_EQ(api.Call(Method::kGet, evaluation + "?unit=46", "", &control).status, 400);
    EXPECT_EQ(api.Call(Method::kGet, evaluation + "?period=2026-Q3", "", &control).status, 400);
    r = api.Call(Method::kGet, evaluation + "?unit=46&period=2026-Q9", "", &control);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(api.Call(Method::kGet, evaluation + "?unit=46&period=2026-Q3&window=x", "", &control)
                  .status,
              400);
    EXPECT_EQ(api.Call(Method::kGet, evaluation + "?unit=NOPE&period=2026-Q3", "", &control).status,
              404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/plan-targets/NOPE/evaluation?unit=46&period=2026-Q3",
                       "", &control)
                  .status,
              404);
    const std::string failures = std::string(kPlan) + "/failures?unit=46&period=2026-Q3";
    EXPECT_EQ(api.Call(Method::kGet, failures, "", &control).status, 400);
    r = api.Call(Method::kGet, failures + "&metric=speed", "", &control);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("chỉ tiêu không được hỗ trợ"), std::string::npos) << r.body;
    r = api.Call(Method::kGet, failures + "&metric=waiting_minutes", "", &control);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("không có danh sách"), std::string::npos) << r.body;
    // A unit outside the issuing unit's subtree: a plan of commune 19753 does not cover 46.
    api.AddUser("xa_kiemsoat", "control_officer", "19753");
    const Browser commune = api.SignIn("xa_kiemsoat");
    ASSERT_EQ(Import(S0With(R"("issuing_unit": "46")", R"("issuing_unit": "19753")")
                         .replace(S0().find("KH-KSTT-2024-BoTrach"), 20, "KH-XA-2026"),
                     &commune)
                  .status,
              201);
    r = api.Call(Method::kGet, "/api/v1/plan-targets/KH-XA-2026/evaluation?unit=46&period=2026-Q3",
                 "", &control);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("không thuộc phạm vi"), std::string::npos) << r.body;
}

TEST_F(PlanTargetApiTest, OnlyControlOfficersAndAdministratorsInScopeImport) {
    At("2026-11-27T10:00:00+07:00");
    api.AddUser("xa_kiemsoat", "control_officer", "19753");
    const Browser commune = api.SignIn("xa_kiemsoat");
    const Browser admin = api.SignIn("quantri");
    const Browser province_leader = api.SignIn("lanhdao");
    EXPECT_EQ(Import(S0(), nullptr).status, 401);
    for (const Browser* who : std::initializer_list<const Browser*>{&desk, &specialist, &leader,
                                                                    &province_leader, &commune}) {
        const auto r = Import(S0(), who);
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(r.content_type, "application/problem+json");
    }
    EXPECT_EQ(api.Count("plan_target_sets"), 0);
    ASSERT_EQ(api.Call(Method::kPut, std::string(kPlan), S0(), &admin).status, 200);
    // Reading: leaders, control officers, administrators; evaluation only within their scope.
    EXPECT_EQ(api.Call(Method::kGet, std::string(kPlan), "", &desk).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, std::string(kPlan), "", nullptr).status, 401);
    EXPECT_EQ(api.Call(Method::kGet, std::string(kPlan), "", &commune).status, 200);
    const std::string province = std::string(kPlan) + "/evaluation?unit=46&period=2026-Q4";
    EXPECT_EQ(api.Call(Method::kGet, province, "", &province_leader).status, 200);
    EXPECT_EQ(api.Call(Method::kGet, province, "", &commune).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, province, "", &specialist).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, province, "", &leader).status, 403);  // a department's leader
    EXPECT_EQ(api.Call(Method::kGet, std::string(kPlan) + "/evaluation?unit=46.SOTP&period=2026-Q4",
                       "", &leader)
                  .status,
              200);
    EXPECT_EQ(api.Call(Method::kGet,
                       std::string(kPlan) + "/failures?unit=46&period=2026-Q4&metric=data_reuse",
                       "", &desk)
                  .status,
              403);
}

}  // namespace
}  // namespace motcua::testing
