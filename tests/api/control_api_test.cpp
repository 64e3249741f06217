// Impact assessment and review/simplification plans through /api/v1 (issue #8, engineer G;
// docs/control.md): the public worked example (1,024,000 → 231,000 VND per dossier, 77.44%)
// reproduced from stored inputs, rounding, the arithmetic shown, the state cycles, bad input
// (negative hours, non-integer money, unknown procedure codes, malformed JSON, stale versions,
// illegal moves) and the DOCX/XLSX exports read back.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "render/docx_reader.hpp"
#include "store/publication_decisions.hpp"

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

// The worked example's inputs (as ComplianceCost.WorkedPublicExample): the source gives only
// the totals; these illustrative activities add up to them.
constexpr std::string_view kBefore =
    R"({"daily_income":200000,"activities":[{"name":"Tìm hiểu, chuẩn bị hồ sơ","hours":8},)"
    R"({"name":"Đi lại, nộp hồ sơ tại Bộ phận Một cửa","hours":4},)"
    R"({"name":"Chờ và nhận kết quả","minutes":240}],"outsourced":500000,"fees":100000,)"
    R"("other":24000,"subjects":3228,"frequency":1,"note":"QĐ 1811/QĐ-TTPVHCC, tổng số"})";
constexpr std::string_view kAfter =
    R"({"hourly_income":25000,"activities":[{"name":"Chuẩn bị hồ sơ","hours":4},)"
    R"({"name":"Nộp hồ sơ trực tuyến","hours":0.5}],"fees":100000,"other":18500,)"
    R"("subjects":3228,"frequency":1})";

std::string Assessment(std::string_view cost, std::string_view unit = "46") {
    return R"({"unit":")" + std::string(unit) +
           R"(","draft_name":"Dự thảo Quyết định quy định thủ tục hỗ trợ hộ kinh doanh",)"
           R"("draft_number":"DT-12/2026","procedure":{"name":"Hỗ trợ chi phí chuyển đổi số )"
           R"(cho hộ kinh doanh","field":"Kế hoạch và đầu tư","subjects":"Hộ kinh doanh",)"
           R"("frequency":"1 lần/năm"},"answers":{"necessity.goal":{"answer":"yes","note":)"
           R"("Quản lý nguồn hỗ trợ"},"legality.authority":{"answer":"yes","note":""}},)"
           R"("conclusions":{"overall":"Cần thiết, hợp lý"},"cost":)" +
           std::string(cost) + "}";
}

std::string Plan(std::string_view code1 = "1.000110", std::string_view after = kAfter) {
    return R"({"unit":"46","year":2026,"title":"Kế hoạch rà soát, đánh giá TTHC năm 2026",)"
           R"("decision_number":"45/KH-UBND","items":[{"procedure_code":")" +
           std::string(code1) +
           R"(","changes":{"documents_cut":2,"days_cut":3,"online_level":"full","text":)"
           R"("Bỏ yêu cầu bản sao giấy tờ đã có trong CSDL dân cư"},"reason":"Khai thác CSDL )"
           R"(quốc gia về dân cư","cost_before":)" +
           std::string(kBefore) + R"(,"cost_after":)" + std::string(after) +
           R"(},{"procedure_code":"1.000094","changes":{"fee_change":-10000},"reason":"Giảm )"
           R"(lệ phí","cost_before":{"hourly_income":31250,"activities":[{"name":"Điền tờ khai",)"
           R"("minutes":7}],"subjects":3,"frequency":0.5},"cost_after":{"hourly_income":31250,)"
           R"("subjects":3,"frequency":0.5}}]})";
}

class ControlApiTest : public ::testing::Test {
protected:
    void SetUp() override { control = api.SignIn("kiemsoat"); }

    http::Response Post(std::string_view target, std::string_view body) {
        return api.Call(Method::kPost, target, body, &control);
    }
    http::Response Get(std::string_view target) {
        return api.Call(Method::kGet, target, {}, &control);
    }
    std::int64_t AuditCount() { return api.Count("audit_log"); }

    ApiFixture api;
    Browser control;
};

TEST_F(ControlApiTest, WorkedExampleThroughAnAssessmentAndAPlan) {
    const auto created = Post("/api/v1/impact-assessments", Assessment(kBefore));
    ASSERT_EQ(created.status, 201) << created.body;
    const json::value a = Body(created);
    EXPECT_EQ(a.at("state").as_string(), "draft");
    const json::value& cost = a.at("cost");
    EXPECT_EQ(cost.at("hourly_income").as_int64(), 25'000);
    EXPECT_EQ(cost.at("per_event").as_int64(), 1'024'000);
    EXPECT_EQ(cost.at("annual").as_int64(), 3'305'472'000);
    EXPECT_EQ(cost.at("steps").at(0).as_string(),
              "Thu nhập theo giờ = 200.000 đồng/ngày ÷ 8 giờ = 25.000 đồng/giờ");
    EXPECT_EQ(cost.at("steps").at(1).as_string(),
              "Tìm hiểu, chuẩn bị hồ sơ: 8 giờ × 25.000 đồng/giờ = 200.000 đồng");
    EXPECT_EQ(cost.at("inputs").at("note").as_string(), "QĐ 1811/QĐ-TTPVHCC, tổng số");
    // Stored and read back: the same figures.
    const std::string path = "/api/v1/impact-assessments/" + std::to_string(a.at("id").as_int64());
    EXPECT_EQ(Body(Get(path)).at("cost").at("per_event").as_int64(), 1'024'000);
    EXPECT_EQ(Body(Get(path)).at("answers").at(0).at("answer").as_string(), "yes");

    const auto plan = Post("/api/v1/review-plans", Plan());
    ASSERT_EQ(plan.status, 201) << plan.body;
    const json::value p = Body(plan);
    const json::value& item = p.at("items").at(0);
    EXPECT_EQ(item.at("cost_before").at("per_event").as_int64(), 1'024'000);
    EXPECT_EQ(item.at("cost_after").at("per_event").as_int64(), 231'000);
    EXPECT_EQ(item.at("cost_after").at("annual").as_int64(), 745'668'000);
    EXPECT_EQ(item.at("saving").at("per_event").as_int64(), 793'000);
    EXPECT_EQ(item.at("saving").at("annual").as_int64(), 2'559'804'000);
    EXPECT_EQ(item.at("saving").at("percent").as_string(), "77,44%");
    EXPECT_NE(item.at("content").as_string().find("Cắt giảm 2 thành phần hồ sơ"),
              std::string::npos);
    // Rounding: 7 minutes × 31,250 / 60 = 3,645.83 → 3,646; × 3 × 0.5 = 5,469.
    const json::value& second = p.at("items").at(1);
    EXPECT_EQ(second.at("cost_before").at("per_event").as_int64(), 3'646);
    EXPECT_EQ(second.at("cost_before").at("annual").as_int64(), 5'469);
    EXPECT_EQ(second.at("saving").at("percent").as_string(), "100,00%");
    const json::value& totals = p.at("totals");
    EXPECT_EQ(totals.at("annual_before").as_int64(), 3'305'472'000 + 5'469);
    EXPECT_EQ(totals.at("annual_after").as_int64(), 745'668'000);
    EXPECT_EQ(totals.at("annual_saving").as_int64(), 2'559'804'000 + 5'469);
    // (2,559,809,469 / 3,305,477,469 = 77.4411…%)
    EXPECT_EQ(totals.at("percent").as_string(), "77,44%");
}

TEST_F(ControlApiTest, AssessmentCycleVersionsAndIllegalMoves) {
    const json::value a = Body(Post("/api/v1/impact-assessments", Assessment(kBefore)));
    const std::string path = "/api/v1/impact-assessments/" + std::to_string(a.at("id").as_int64());
    // Finishing a draft: 409, nothing changes.
    auto r = Post(path + "/actions", R"({"action":"finish","version":1})");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(r.body.find("Đang soạn"), std::string::npos) << r.body;
    // Edit with a stale version: 409.
    r = api.Call(Method::kPut, path, Assessment(kAfter).insert(1, R"("version":7,)"), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    r = api.Call(Method::kPut, path, Assessment(kAfter).insert(1, R"("version":1,)"), &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("cost").at("per_event").as_int64(), 231'000);
    EXPECT_EQ(Body(r).at("version").as_int64(), 2);
    r = Post(path + "/actions", R"({"action":"submit","version":2})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "submitted");
    // No edit once submitted; review needs an opinion.
    r = api.Call(Method::kPut, path, Assessment(kAfter).insert(1, R"("version":3,)"), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    r = Post(path + "/actions", R"({"action":"review","version":3})");
    EXPECT_EQ(r.status, 400) << r.body;
    const Browser leader = api.SignIn("lanhdao");
    r = api.Call(
        Method::kPost, path + "/actions",
        R"({"action":"review","version":3,"opinion":"Đồng ý, đề nghị giảm thành phần hồ sơ"})",
        &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "reviewed");
    EXPECT_EQ(Body(r).at("reviewer_opinion").as_string(), "Đồng ý, đề nghị giảm thành phần hồ sơ");
    r = Post(path + "/actions", R"({"action":"finish","version":4})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "done");
    EXPECT_TRUE(Body(r).at("actions").as_array().empty());
}

TEST_F(ControlApiTest, BadInputIsRefusedInVietnameseAndWritesNothing) {
    const std::int64_t before = AuditCount();
    struct Case {
        std::string body;
        std::string expect;
    };
    const std::vector<Case> cases = {
        {Assessment(R"({"hourly_income":25000,"activities":[{"name":"Nộp","hours":-2}]})"),
         "không được âm"},
        {Assessment(R"({"hourly_income":25000.5})"), "số nguyên"},
        {Assessment(R"({"hourly_income":25000,"fees":"100000"})"), "số nguyên"},
        {Assessment(R"({"hourly_income":25000,"activities":[{"name":"Nộp","hours":0.001}]})"),
         "phút nguyên"},
        {Assessment(R"({"hourly_income":25000,"subjects":-1})"), "không được âm"},
        {Assessment(kBefore, "99999"), "Không có đơn vị"},
        {Assessment(kBefore).replace(Assessment(kBefore).find("necessity.goal"), 14, "x.y"),
         "Không có câu hỏi"},
        {R"({"unit":"46",)", "JSON"},
        {"[1,2]", "JSON"},
    };
    for (const Case& c : cases) {
        const auto r = Post("/api/v1/impact-assessments", c.body);
        EXPECT_EQ(r.status, 400) << c.body << "\n" << r.body;
        EXPECT_NE(r.body.find(c.expect), std::string::npos) << r.body;
    }
    auto r = Post("/api/v1/review-plans", Plan("9.999999"));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("Không có thủ tục mã '9.999999'"), std::string::npos) << r.body;
    r = Post("/api/v1/review-plans", Plan("1.000094"));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("hai lần"), std::string::npos) << r.body;
    r = Post("/api/v1/review-plans", Plan("1.000110", R"({"hourly_income":1.5})"));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("items[0].cost_after.hourly_income"), std::string::npos) << r.body;
    EXPECT_EQ(AuditCount(), before);
    EXPECT_TRUE(Body(Get("/api/v1/review-plans")).at("items").as_array().empty());
    EXPECT_TRUE(Body(Get("/api/v1/impact-assessments")).at("items").as_array().empty());
}

TEST_F(ControlApiTest, PlanApprovalImplementationAndStaleVersions) {
    const json::value p = Body(Post("/api/v1/review-plans", Plan()));
    const std::string path = "/api/v1/review-plans/" + std::to_string(p.at("id").as_int64());
    auto r = Post(path + "/actions", R"({"action":"implement","version":1,"on":"2026-05-01"})");
    EXPECT_EQ(r.status, 409) << r.body;
    r = Post(path + "/actions", R"({"action":"approve","version":1,"on":"2026-04-01"})");
    EXPECT_EQ(r.status, 400) << r.body;  // who approved, which decision
    api.SetHeader("if-match", "\"v9\"");
    r = api.Call(Method::kPut, path, Plan(), &control);
    EXPECT_EQ(r.status, 409) << r.body;
    api.SetHeader("if-match", "\"v1\"");
    r = api.Call(Method::kPut, path, Plan(), &control);
    EXPECT_EQ(r.status, 200) << r.body;
    api.ClearHeaders();
    r = Post(
        path + "/actions",
        R"({"action":"approve","version":2,"on":"2026-04-01","approved_by":"Chủ tịch UBND thành phố","decision":"123/QĐ-UBND"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "approved");
    r = Post(
        path + "/actions",
        R"({"action":"approve","version":3,"on":"2026-04-02","approved_by":"X","decision":"Y"})");
    EXPECT_EQ(r.status, 409) << r.body;
    r = Post(
        path + "/actions",
        R"({"action":"implement","version":3,"on":"2026-06-15","publication_decision":"200/QĐ-UBND"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Body(r).at("state").as_string(), "implemented");
    EXPECT_EQ(Body(r).at("implemented_on").as_string(), "2026-06-15");

    // The exports open and hold the figures.
    auto docx = Get(path + "/export?format=docx");
    ASSERT_EQ(docx.status, 200) << docx.body;
    auto text = render::ReadZipEntry(docx.body, "word/document.xml");
    ASSERT_TRUE(text) << text.error().message;
    for (std::string_view want :
         {"PHƯƠNG ÁN ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NĂM 2026", "3.305.472.000", "(1.024.000/lần)",
          "745.668.000", "2.559.804.000", "77,44%", "123/QĐ-UBND", "200/QĐ-UBND", "Tổng cộng",
          "Khai thác CSDL quốc gia về dân cư"}) {
        EXPECT_NE(text->find(want), std::string::npos) << want;
    }
    auto xlsx = Get(path + "/export?format=xlsx");
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    auto strings = render::ReadZipEntry(xlsx.body, "xl/sharedStrings.xml");
    auto sheet = render::ReadZipEntry(xlsx.body, "xl/worksheets/sheet1.xml");
    ASSERT_TRUE(strings && sheet);
    EXPECT_NE(strings->find("77,44%"), std::string::npos);
    EXPECT_NE(strings->find("Nội dung đơn giản hóa"), std::string::npos);
    EXPECT_NE(sheet->find("<v>3305472000</v>"), std::string::npos);
    EXPECT_NE(sheet->find("<v>2559804000</v>"), std::string::npos);
    EXPECT_EQ(Get(path + "/export?format=pdf").status, 400);
}

// An implemented plan is linked to a stored publication decision: one of the signed decisions of
// the plan's unit, its ancestors or its subtree (offered as publication_choices); its id and
// number are kept and the API links to /cong-bo-tthc/{id}. Unknown ids are a 404, a decision of
// a unit outside the plan's line a 400, a draft a 409, a typed number that contradicts the
// chosen decision a 400 — each naming the field, nothing written.
TEST_F(ControlApiTest, ImplementedPlanLinksAStoredPublicationDecision) {
    auto decision = [this](std::string_view unit, std::string_view number, bool sign) {
        const std::string body =
            R"({"issuing_unit":")" + std::string(unit) + R"(","number":")" + std::string(number) +
            R"(","title":"Công bố TTHC được đơn giản hóa","signer":"Nguyễn Văn A",)"
            R"("signed_on":"2026-05-20","legal_documents":[{"number":"15/2026/NQ-HĐND",)"
            R"("title":"Nghị quyết","level":"province","effective_on":"2026-07-01"}],)"
            R"("items":[{"procedure_code":"1.000110","change":"amended"}]})";
        auto r = Post("/api/v1/publication-decisions", body);
        EXPECT_EQ(r.status, 201) << r.body;
        json::value d = Body(r);
        const std::string path =
            "/api/v1/publication-decisions/" + std::to_string(d.at("id").as_int64());
        if (sign) {
            r = Post(path + "/sign", R"({"version":1})");
            EXPECT_EQ(r.status, 200) << r.body;
        }
        return d.at("id").as_int64();
    };
    const std::int64_t city = decision("46", "300/QĐ-UBND", true);
    const std::int64_t draft = decision("46", "301/QĐ-UBND", false);
    // A decision of another commune: outside the line of a plan of commune 19753.
    std::string other_commune;
    {
        auto tx = api.db().Begin(store::TxMode::kWrite);
        ASSERT_TRUE(tx);
        auto row = (*tx)->QueryOne(
            "SELECT id FROM units WHERE type = 'commune' AND code <> '19753' ORDER BY code", {});
        ASSERT_TRUE(row && *row);
        store::publication_decisions::Decision d;
        d.issuing_unit_id = (*row)->Int(0);
        d.number = "9/QĐ-UBND";
        d.title = "Quyết định của xã khác";
        d.state = "signed";
        d.signed_on = std::chrono::sys_days{std::chrono::year{2026} / 5 / 2};
        d.version = 1;
        auto id =
            store::publication_decisions::Create(**tx, d, std::nullopt, std::chrono::sys_seconds{});
        ASSERT_TRUE(id) << id.error().message;
        other_commune = std::to_string(*id);
        ASSERT_TRUE((*tx)->Commit());
    }
    std::string commune_plan = Plan();
    commune_plan.replace(commune_plan.find(R"("unit":"46")"), 11, R"("unit":"19753")");
    const json::value p = Body(Post("/api/v1/review-plans", commune_plan));
    ASSERT_TRUE(p.is_object());
    const std::string path = "/api/v1/review-plans/" + std::to_string(p.at("id").as_int64());
    auto r = Post(
        path + "/actions",
        R"({"action":"approve","version":1,"on":"2026-04-01","approved_by":"Chủ tịch UBND xã","decision":"12/QĐ-UBND"})");
    ASSERT_EQ(r.status, 200) << r.body;
    // The signed decisions of the line are offered: the city's, not its draft, not another
    // commune's.
    const json::value approved = Body(r);
    const json::array& choices = approved.at("publication_choices").as_array();
    ASSERT_EQ(choices.size(), 1U) << r.body;
    EXPECT_EQ(choices[0].at("id").as_int64(), city);
    EXPECT_EQ(choices[0].at("href").as_string(), "/cong-bo-tthc/" + std::to_string(city));

    const std::int64_t audits = AuditCount();
    auto implement = [&](const std::string& extra) {
        return Post(path + "/actions",
                    R"({"action":"implement","version":2,"on":"2026-06-15")" + extra + "}");
    };
    struct Refusal {
        std::string extra;
        int status;
        std::string_view expect;
    };
    for (const Refusal& c :
         {Refusal{R"(,"publication_decision_id":987654)", 404, "987654"},
          Refusal{R"(,"publication_decision_id":)" + other_commune, 400, "9/QĐ-UBND"},
          Refusal{R"(,"publication_decision_id":)" + std::to_string(draft), 409, "301/QĐ-UBND"},
          Refusal{R"(,"publication_decision_id":"x")", 400, "publication_decision_id"},
          Refusal{R"(,"publication_decision_id":0)", 400, "publication_decision_id"},
          Refusal{R"(,"publication_decision_id":)" + std::to_string(city) +
                      R"(,"publication_decision":"1/QĐ")",
                  400, "300/QĐ-UBND"}}) {
        r = implement(c.extra);
        EXPECT_EQ(r.status, c.status) << c.extra << "\n" << r.body;
        EXPECT_NE(r.body.find(c.expect), std::string::npos) << c.extra << "\n" << r.body;
    }
    EXPECT_EQ(AuditCount(), audits);
    EXPECT_EQ(Body(Get(path)).at("state").as_string(), "approved");

    r = implement(R"(,"publication_decision_id":)" + std::to_string(city));
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value done = Body(r);
    EXPECT_EQ(done.at("state").as_string(), "implemented");
    EXPECT_EQ(done.at("publication_decision_id").as_int64(), city);
    EXPECT_EQ(done.at("publication_decision").as_string(), "300/QĐ-UBND");
    EXPECT_EQ(done.at("publication_decision_ref").at("href").as_string(),
              "/cong-bo-tthc/" + std::to_string(city));
    EXPECT_EQ(done.at("publication_decision_ref").at("signed_on").as_string(), "2026-05-20");
    EXPECT_TRUE(done.at("publication_choices").as_array().empty());
    EXPECT_EQ(Body(Get(path)).at("publication_decision_id").as_int64(), city);
    // The export names it.
    auto text = render::ReadZipEntry(Get(path + "/export?format=docx").body, "word/document.xml");
    ASSERT_TRUE(text);
    EXPECT_NE(text->find("300/QĐ-UBND"), std::string::npos);
}

// The assessment as a report to attach to the draft's dossier: PDF and DOCX with the answers and
// notes, the conclusions and the compliance cost step by step.
TEST_F(ControlApiTest, AssessmentReportAsPdfAndDocx) {
    const json::value a = Body(Post("/api/v1/impact-assessments", Assessment(kBefore)));
    ASSERT_TRUE(a.is_object());
    const std::string path =
        "/api/v1/impact-assessments/" + std::to_string(a.at("id").as_int64()) + "/export";
    auto docx = Get(path + "?format=docx");
    ASSERT_EQ(docx.status, 200) << docx.body;
    EXPECT_NE(docx.content_type.find("wordprocessingml"), std::string::npos);
    EXPECT_NE(docx.Header("content-disposition").value_or("").find(".docx"), std::string::npos);
    auto text = render::ReadDocxText(docx.body);
    ASSERT_TRUE(text) << text.error().message;
    for (std::string_view want :
         {"BÁO CÁO ĐÁNH GIÁ TÁC ĐỘNG THỦ TỤC HÀNH CHÍNH", "Hỗ trợ chi phí chuyển đổi số",
          "DT-12/2026", "ĐÁNH GIÁ SỰ CẦN THIẾT", "Quản lý nguồn hỗ trợ", "Chưa trả lời",
          "Kết luận chung: Cần thiết, hợp lý",
          "Bước 1: Thu nhập theo giờ = 200.000 đồng/ngày ÷ 8 giờ = 25.000 đồng/giờ",
          "= 1.024.000 đồng", "3.305.472.000 đồng", "QĐ 1811/QĐ-TTPVHCC",
          "ĐẠI DIỆN ĐƠN VỊ SOẠN THẢO"}) {
        EXPECT_NE(text->find(want), std::string::npos) << want;
    }
    auto pdf = Get(path);  // PDF by default
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
    EXPECT_GT(pdf.body.size(), 10000U);
    EXPECT_NE(pdf.body.find("%%EOF"), std::string::npos);
    EXPECT_EQ(Get(path + "?format=xlsx").status, 400);
    EXPECT_EQ(Get("/api/v1/impact-assessments/987654/export?format=pdf").status, 404);
    const Browser desk = api.SignIn("motcua");
    EXPECT_EQ(api.Call(Method::kGet, path + "?format=pdf", {}, &desk).status, 403);
}

TEST_F(ControlApiTest, OnlyControlOfficersAndLeadersOfTheUnit) {
    const json::value p = Body(Post("/api/v1/review-plans", Plan()));
    const std::string path = "/api/v1/review-plans/" + std::to_string(p.at("id").as_int64());
    for (std::string_view who : {"motcua", "chuyenvien", "congdan", "quantri"}) {
        const Browser b = api.SignIn(who);
        EXPECT_EQ(api.Call(Method::kGet, path, {}, &b).status, 403) << who;
        EXPECT_EQ(api.Call(Method::kGet, "/api/v1/impact-assessments", {}, &b).status, 403) << who;
    }
    EXPECT_EQ(api.Call(Method::kGet, path).status, 401);
    // A control officer of a commune does not see the city's plan.
    api.AddUser("xa_ks", "control_officer", "19753");
    const Browser commune = api.SignIn("xa_ks");
    EXPECT_EQ(api.Call(Method::kGet, path, {}, &commune).status, 403);
    EXPECT_TRUE(Body(api.Call(Method::kGet, "/api/v1/review-plans", {}, &commune))
                    .at("items")
                    .as_array()
                    .empty());
    const Browser leader = api.SignIn("lanhdao");
    EXPECT_EQ(api.Call(Method::kGet, path, {}, &leader).status, 200);
}

}  // namespace
}  // namespace motcua::testing
