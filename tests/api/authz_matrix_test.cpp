// The access matrix (issue #3): every /api/v1 endpoint × every role × inside/outside the
// caller's organisational scope. Allowed calls must not be refused (401/403); refused calls must
// be 401 (anonymous) or 403 and must write nothing.
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "api_fixture.hpp"
#include "app/payments.hpp"
#include "store/dossiers.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

// Phường Phú Xuân (in the commune administrator's scope) and Phường Kim Long (outside it).
constexpr std::string_view kHome = "19753";
constexpr std::string_view kOther = "19774";

struct Endpoint {
    Method method;
    std::string pattern;  // as registered, to check coverage
    std::function<std::string(int)> target;
    std::function<std::string(int)> body;  // argument: a counter for unique codes
    std::set<std::string> allowed;         // actor names; "*" = everybody
    std::string content_type = "application/json";
    // Allowed callers get a 2xx, except where the call is built to fail validation (a wrong
    // current password): then any status but 401/403/5xx.
    bool expect_success = true;
    // Refused callers who may not even see the target get 404 instead of 403 (documents,
    // drafts: no existence leak).
    bool hidden_when_refused = false;
};

class AuthzMatrixTest : public ::testing::Test {
protected:
    void SetUp() override {
        api_.AddUser("xa_quantri", "admin", kHome);
        api_.AddUser("xa_kiemsoat", "control_officer", kHome);
        actors_["anonymous"] = std::nullopt;
        for (const char* name : {"congdan", "motcua", "chuyenvien", "lanhdao", "kiemsoat",
                                 "quantri", "xa_quantri", "xa_kiemsoat"}) {
            actors_[name] = api_.SignIn(name);
        }
    }

    json::value Get(const std::string& target) {
        std::error_code ec;
        return json::parse(api_.Call(Method::kGet, target).body, ec);
    }

    json::value GetAs(const std::string& actor, const std::string& target) {
        std::error_code ec;
        return json::parse(api_.Call(Method::kGet, target, "", &*actors_.at(actor)).body, ec);
    }

    std::string UnitBody(std::string_view code, std::string_view name) {
        json::object unit = Get("/api/v1/units/" + std::string(code)).as_object();
        unit.erase("id");
        unit.erase("merged_into");
        unit["name"] = name;
        return json::serialize(unit);
    }

    ApiFixture api_;
    std::map<std::string, std::optional<Browser>> actors_;
};

TEST_F(AuthzMatrixTest, EveryEndpointEveryRoleEveryScope) {
    const std::set<std::string> all = {"*"};
    const std::set<std::string> signed_in = {"congdan",  "motcua",  "chuyenvien", "lanhdao",
                                             "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"};
    const std::set<std::string> staff = {"motcua",  "chuyenvien", "lanhdao",    "kiemsoat",
                                         "quantri", "xa_quantri", "xa_kiemsoat"};
    const std::string home_id = std::to_string(api_.UnitId(kHome));
    const std::string other_id = std::to_string(api_.UnitId(kOther));
    auto none = [](int) { return std::string(); };
    auto fixed = [](std::string s) { return [s](int) { return s; }; };

    // A dossier received at the provincial centre for the Department of Justice, now being
    // processed there (issue #4).
    const Browser desk = api_.SignIn("motcua");
    const auto received = api_.Call(
        Method::kPost, "/api/v1/dossiers",
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Lê Văn Bảo"}})",
        &desk);
    ASSERT_EQ(received.status, 201) << received.body;
    std::error_code parse_error;
    const json::value received_body = json::parse(received.body, parse_error);
    const std::string dossier = std::string(received_body.at("code").as_string());
    const std::string tracking = std::string(received_body.at("lookup_code").as_string());
    ASSERT_EQ(api_.Call(Method::kPost, "/api/v1/dossiers/" + dossier + "/actions",
                        R"({"action":"transfer"})", &desk)
                  .status,
              200);
    const std::string specialist_id = std::to_string(api_.SignIn("chuyenvien").user_id);
    ASSERT_NE(specialist_id, "0");
    const auto process_body = [this](std::string_view query) {
        return [this, query = std::string(query)](int) {
            json::value current = GetAs("quantri", "/api/v1/processes/1.002010" + query);
            json::object body{{"version", current.at("version")},
                              {"steps", current.at("steps")},
                              {"note", "thử"}};
            if (!query.empty()) {
                body["unit"] = query.substr(query.find('=') + 1);
            }
            return json::serialize(body);
        };
    };

    // Three drafts of the demo citizen (issue #5): read/edit, submit, delete.
    const Browser citizen = api_.SignIn("congdan");
    auto new_draft = [&] {
        const auto r = api_.Call(Method::kPost, "/api/v1/drafts",
                                 R"({"procedure_code":"1.002010","settling_unit":"46.SOTP",)"
                                 R"("body":{"components":[]}})",
                                 &citizen);
        EXPECT_EQ(r.status, 201) << r.body;
        std::error_code ec;
        return std::to_string(json::parse(r.body, ec).at("id").as_int64());
    };
    const std::string draft = new_draft();
    const std::string draft_to_submit = new_draft();
    const std::string draft_to_delete = new_draft();
    const std::set<std::string> citizens = {"congdan"};

    // Documents (issue #5): a file store for the test, and a component scanned at the desk.
    struct FilesDir {
        std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("motcua-authz-files-" + std::to_string(::getpid()));
        ~FilesDir() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    } files_dir;
    api_.context().files_dir = files_dir.path;
    const std::string pdf = "%PDF-1.7\n% ma tran quyen\n%%EOF\n";
    const auto scanned =
        api_.Call(Method::kPost, "/api/v1/dossiers/" + dossier + "/documents?component=T%E1%BB%9D",
                  pdf, &desk, true, "application/pdf");
    ASSERT_EQ(scanned.status, 201) << scanned.body;
    const std::string document =
        std::to_string(json::parse(scanned.body, parse_error).at("id").as_int64());
    const std::set<std::string> dossier_viewers = {"motcua", "chuyenvien", "lanhdao", "kiemsoat"};

    // Issue #7: a TTHC-control plan of the province (task 1: Sở Tư pháp leads, the communes
    // cooperate; an unmatched name; a row with missing cells), imported as kiemsoat.
    const auto tp_text = [](int n) {
        return "Số: " + std::to_string(n) +
               "/QĐ-MATRAN\nKế hoạch kiểm soát TTHC năm 2026\nSTT\tNội dung\tThời gian thực "
               "hiện\tĐơn vị chủ trì\tĐơn vị phối hợp\tDự kiến kết quả\nI\tRà soát\t\t\t\t\n1\t"
               "Rà soát TTHC\tQuý IV/2026\tSở Tư pháp\tUBND các xã, phường; Sở Thông tin và "
               "Truyền thông\tBáo cáo\n2\tThiếu ô\n";
    };
    const auto tp_import = api_.Call(Method::kPost, "/api/v1/plans/import?unit=46", tp_text(0),
                                     &*actors_.at("kiemsoat"), true, "text/plain");
    ASSERT_EQ(tp_import.status, 201) << tp_import.body;
    const json::value tp_json = json::parse(tp_import.body, parse_error);
    const std::string tp_id = std::to_string(tp_json.at("id").as_int64());
    const std::string tp_name =
        std::to_string(tp_json.at("unmatched").as_array().at(0).at("id").as_int64());
    const std::string tp_problem =
        std::to_string(tp_json.at("problems").as_array().at(0).at("id").as_int64());
    const std::string tp_deliverable = std::to_string(tp_json.at("sections")
                                                          .as_array()
                                                          .at(0)
                                                          .at("tasks")
                                                          .as_array()
                                                          .at(0)
                                                          .at("deliverables")
                                                          .as_array()
                                                          .at(0)
                                                          .at("id")
                                                          .as_int64());
    const auto tp_version = [this, tp_id] {
        return std::to_string(GetAs("kiemsoat", "/api/v1/plans/" + tp_id).at("version").as_int64());
    };
    const std::set<std::string> tp_readers = {"lanhdao",    "kiemsoat",    "quantri",
                                              "chuyenvien", "xa_kiemsoat", "xa_quantri"};
    const std::set<std::string> tp_managers = {"kiemsoat", "quantri"};
    // Session 8 (engineer P): an evidence file of the commune on task 1, for the download row.
    const auto tp_evidence_upload = api_.Call(
        Method::kPost,
        "/api/v1/plan-deliverables/" + tp_deliverable + "/evidence?unit=19753&name=mc.pdf", pdf,
        &*actors_.at("kiemsoat"), true, "application/pdf");
    ASSERT_EQ(tp_evidence_upload.status, 201) << tp_evidence_upload.body;
    const std::string tp_evidence =
        std::to_string(json::parse(tp_evidence_upload.body, parse_error).at("id").as_int64());

    // Payments (issue #5): a dossier of congdan's with a fee, and one dossier per desk payment
    // (each can be paid once).
    const app::SandboxGateway payment_gateway("http://sandbox.test", "MOTCUA-HUE", "matrix");
    api_.context().payment_gateway = &payment_gateway;
    const auto receive_paid_dossier = [&]() {
        const auto r = api_.Call(
            Method::kPost, "/api/v1/dossiers",
            R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Phan Thị Mai"}})",
            &desk);
        EXPECT_EQ(r.status, 201) << r.body;
        std::error_code ec;
        return std::string(json::parse(r.body, ec).at("code").as_string());
    };
    const std::string owned = receive_paid_dossier();
    {
        auto tx = api_.db().Begin(store::TxMode::kWrite);
        ASSERT_TRUE(tx);
        auto d = store::dossiers::GetByCode(**tx, owned);
        ASSERT_TRUE(d && *d);
        domain::Dossier updated = **d;
        updated.citizen_user_id = actors_.at("congdan")->user_id;
        updated.version = (*d)->version + 1;
        ASSERT_TRUE(store::dossiers::Update(**tx, updated, (*d)->version));
        ASSERT_TRUE((*tx)->Commit());
    }
    auto desk_paid = std::make_shared<std::vector<std::string>>();
    for (size_t i = 0; i < actors_.size(); ++i) {
        desk_paid->push_back(receive_paid_dossier());
    }
    auto desk_next = std::make_shared<size_t>(0);

    // Queue tickets (issue #9): the provincial centre's kiosk set up, one ticket called at
    // counter 1 by its desk officer (recalled again by the matrix).
    const std::string queue_desk = "/api/v1/queue/desks/46.TTPVHCC";
    const std::string queue_setup =
        R"({"groups":[{"code":"HT","prefix":"A","label":"Hộ tịch"}],)"
        R"("counters":[{"code":"1","label":"Quầy 1","groups":["HT"]}]})";
    {
        const Browser admin = api_.SignIn("quantri");
        ASSERT_EQ(api_.Call(Method::kPut, queue_desk, queue_setup, &admin).status, 200);
        ASSERT_EQ(api_.Call(Method::kPost, queue_desk + "/tickets", R"({"group":"HT"})").status,
                  201);
        ASSERT_EQ(api_.Call(Method::kPost, queue_desk + "/counters/1/call", "", &desk).status, 200);
    }
    const std::string queue_ticket = std::to_string(api_.Count("queue_tickets"));

    // Citizens' feedback (issue #9, engineer F): public ones are created on demand (each from its
    // own address, under the submission throttle); a pool of fresh ones for the handling actions.
    auto feedback_ip = std::make_shared<int>(0);
    const auto new_feedback = [this, feedback_ip]() {
        const std::string ip = "192.0.2." + std::to_string(100 + (*feedback_ip)++ % 100);
        const auto r = api_.Call(
            Method::kPost, "/api/v1/feedback",
            R"({"unit":"46.TTPVHCC","title":"Phản ánh thử )" + ip +
                R"(","content":"Yêu cầu thêm giấy tờ không có trong quy định.","sender_name":"Lê Văn Bảo","sender_phone":"0912345678"})",
            nullptr, false, "application/json", ip);
        EXPECT_EQ(r.status, 201) << r.body;
        std::error_code ec;
        const json::value v = json::parse(r.body, ec);
        return std::pair{std::string(v.at("code").as_string()),
                         std::string(v.at("follow_key").as_string())};
    };
    const auto [feedback_code, feedback_key] = new_feedback();
    ASSERT_EQ(api_.Call(Method::kPost,
                        "/api/v1/feedback/" + feedback_code + "/attachments?key=" + feedback_key,
                        "%PDF-1.4\n%%EOF\n", nullptr, false, "application/pdf")
                  .status,
              201);
    auto feedback_pool = std::make_shared<std::vector<std::string>>();
    for (size_t i = 0; i < actors_.size(); ++i) {
        feedback_pool->push_back(new_feedback().first);
    }
    auto feedback_next = std::make_shared<size_t>(0);

    // An inspection plan of the city (46) with one inspection of the Department of Justice
    // (issue #7, engineer I): the city's control officer manages, its leader reads, the
    // department's staff see their inspection; everyone else 403/404.
    const Browser control = api_.SignIn("kiemsoat");
    const auto inspection_plan_r = api_.Call(
        Method::kPost, "/api/v1/inspection-plans",
        R"({"year":2026,"inspecting_unit":"46","title":"Kế hoạch kiểm tra 2026","checklist":"s3"})",
        &control);
    ASSERT_EQ(inspection_plan_r.status, 201) << inspection_plan_r.body;
    const std::string inspection_plan =
        std::to_string(json::parse(inspection_plan_r.body).at("id").as_int64());
    const std::string plan_path = "/api/v1/inspection-plans/" + inspection_plan;
    const auto inspection_r = api_.Call(
        Method::kPost, plan_path + "/inspections",
        R"({"plan_version":1,"unit":"46.SOTP","kind":"scheduled","quarter":4})", &control);
    ASSERT_EQ(inspection_r.status, 201) << inspection_r.body;
    const std::string inspection_path =
        "/api/v1/inspections/" + std::to_string(json::parse(inspection_r.body).at("id").as_int64());
    const auto plan_version = [this, plan_path](std::string_view field) {
        return std::string(R"({")") + std::string(field) + R"(":)" +
               std::to_string(GetAs("kiemsoat", plan_path).at("version").as_int64());
    };
    const auto inspection_version = [this, inspection_path]() {
        return std::to_string(GetAs("kiemsoat", inspection_path).at("version").as_int64());
    };
    const std::set<std::string> inspection_viewers = {"chuyenvien", "lanhdao", "kiemsoat"};

    // Issue #8 (engineer D): publication decisions of the city (46), drafted by kiemsoat; pools of
    // drafts to sign and of signed decisions to apply (each can be signed or applied once).
    const Browser control_officer = api_.SignIn("kiemsoat");
    auto pd_counter = std::make_shared<int>(0);
    const auto new_pd = [this, control_officer, pd_counter](bool sign) {
        const std::string number = "MT-" + std::to_string(++*pd_counter) + "/QĐ-UBND";
        const auto r = api_.Call(
            Method::kPost, "/api/v1/publication-decisions",
            R"({"issuing_unit":"46","number":")" + number +
                R"(","signer":"Nguyễn Văn A","legal_documents":[{"number":"1/2027/NQ-HĐND",)"
                R"("effective_on":"2027-03-01"}],"items":[{"procedure_code":"1.002010",)"
                R"("change":"abolished"}]})",
            &control_officer);
        EXPECT_EQ(r.status, 201) << r.body;
        std::error_code ec;
        const std::string path = "/api/v1/publication-decisions/" +
                                 std::to_string(json::parse(r.body, ec).at("id").as_int64());
        if (sign) {
            const auto s =
                api_.Call(Method::kPost, path + "/sign", R"({"version":1})", &control_officer);
            EXPECT_EQ(s.status, 200) << s.body;
        }
        return path;
    };
    const std::string pd_draft = new_pd(false);
    const std::string pd_signed = new_pd(true);
    auto pd_drafts = std::make_shared<std::vector<std::string>>();
    auto pd_signed_pool = std::make_shared<std::vector<std::string>>();
    for (std::size_t k = 0; k < actors_.size(); ++k) {
        pd_drafts->push_back(new_pd(false));
        pd_signed_pool->push_back(new_pd(true));
    }
    auto pd_next_draft = std::make_shared<std::size_t>(0);
    auto pd_next_signed = std::make_shared<std::size_t>(0);
    const auto pd_state = [this](const std::string& path, const char* key) {
        const json::value v = GetAs("kiemsoat", path);
        return v.at(key).is_int64() ? std::to_string(v.at(key).as_int64())
                                    : std::string(v.at(key).as_string());
    };
    const std::set<std::string> pd_managers = {"kiemsoat", "lanhdao"};

    // Impact assessments and review plans of the city (issue #8, engineer G): one assessment
    // (its state toggled draft ⇄ submitted by the allowed callers) and a pool of proposed plans,
    // one approved per call.
    const Browser g_control = api_.SignIn("kiemsoat");
    const std::string g_cost =
        R"({"hourly_income":25000,"activities":[{"name":"Nộp","hours":1}],"subjects":10})";
    const std::string g_assessment_body =
        R"({"unit":"46","draft_name":"Dự thảo","procedure":{"name":"Thủ tục A"},"cost":)" + g_cost +
        "}";
    const auto g_ia =
        api_.Call(Method::kPost, "/api/v1/impact-assessments", g_assessment_body, &g_control);
    ASSERT_EQ(g_ia.status, 201) << g_ia.body;
    const std::string g_ia_path =
        "/api/v1/impact-assessments/" + std::to_string(json::parse(g_ia.body).at("id").as_int64());
    const std::string g_plan_body =
        R"({"unit":"46","year":2026,"title":"Rà soát","items":[{"procedure_code":"1.002010",)"
        R"("cost_before":)" +
        g_cost + R"(,"cost_after":)" + g_cost + "}]}";
    auto g_plans = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < 10; ++i) {
        const auto r = api_.Call(Method::kPost, "/api/v1/review-plans", g_plan_body, &g_control);
        ASSERT_EQ(r.status, 201) << r.body;
        g_plans->push_back("/api/v1/review-plans/" +
                           std::to_string(json::parse(r.body).at("id").as_int64()));
    }
    auto g_next_plan = std::make_shared<std::size_t>(0);
    const std::string g_plan = g_plans->front();
    const std::set<std::string> g_managers = {"kiemsoat", "lanhdao"};
    const std::set<std::string> g_listers = {"kiemsoat", "lanhdao", "xa_kiemsoat"};

    std::vector<Endpoint> endpoints = {
        // Inspections of TTHC control (issue #7).
        {Method::kGet, "/api/v1/inspection-plans", fixed("/api/v1/inspection-plans"), none,
         signed_in},
        {Method::kPost,
         "/api/v1/inspection-plans",
         fixed("/api/v1/inspection-plans"),
         fixed(R"({"year":2026,"inspecting_unit":"46","title":"Kế hoạch kiểm tra"})"),
         {"kiemsoat"}},
        {Method::kGet,
         "/api/v1/inspection-plans/{id}",
         fixed(plan_path),
         none,
         {"lanhdao", "kiemsoat"}},
        {Method::kPut,
         "/api/v1/inspection-plans/{id}",
         fixed(plan_path),
         [plan_version](int) {
             return plan_version("version") + R"(,"year":2026,"title":"Kế hoạch kiểm tra 2026"})";
         },
         {"kiemsoat"}},
        {Method::kPost,
         "/api/v1/inspection-plans/{id}/inspections",
         fixed(plan_path + "/inspections"),
         [plan_version](int) {
             return plan_version("plan_version") + R"(,"unit":"46.SOTP","quarter":3})";
         },
         {"kiemsoat"}},
        {Method::kGet, "/api/v1/inspections", fixed("/api/v1/inspections"), none, signed_in},
        {Method::kGet, "/api/v1/inspections/remediation-reminders",
         fixed("/api/v1/inspections/remediation-reminders"), none, signed_in},
        {Method::kGet,
         "/api/v1/inspections/report-outline",
         fixed("/api/v1/inspections/report-outline?unit=" + std::string(kHome) + "&period=2026"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kGet, "/api/v1/inspections/{id}", fixed(inspection_path), none, inspection_viewers,
         "application/json", true, true},
        {Method::kPut,
         "/api/v1/inspections/{id}/checklist/{item}",
         fixed(inspection_path + "/checklist/s3.a"),
         fixed(R"({"finding":"Đã ban hành kế hoạch"})"),
         {"kiemsoat"},
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/inspections/{id}/prefill",
         fixed(inspection_path + "/prefill"),
         none,
         {"kiemsoat"},
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/inspections/{id}/actions",
         fixed(inspection_path + "/actions"),
         [inspection_version](int) {
             return R"({"action":"notify","version":)" + inspection_version() + "}";
         },
         {"kiemsoat"},
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/dossiers/{code}/payments",
         fixed("/api/v1/dossiers/" + owned + "/payments"),
         none,
         {"congdan"}},
        {Method::kGet,
         "/api/v1/dossiers/{code}/payments",
         fixed("/api/v1/dossiers/" + owned + "/payments"),
         none,
         {"congdan", "motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        {Method::kPost,
         "/api/v1/dossiers/{code}/payments/desk",
         [desk_paid, desk_next](int) {
             return "/api/v1/dossiers/" + desk_paid->at((*desk_next)++ % desk_paid->size()) +
                    "/payments/desk";
         },
         fixed(R"({"method":"cash"})"),
         {"motcua", "lanhdao"}},
        // Public: its authenticity is the signature (a signed callback for an unknown order: 404).
        {Method::kPost, "/api/v1/payments/callback", fixed("/api/v1/payments/callback"),
         [](int n) {
             app::PaymentParams p{{"merchant", "MOTCUA-HUE"},
                                  {"order_ref", "TTMATRIX" + std::to_string(n)},
                                  {"amount", "50"},
                                  {"txn", "SBX" + std::to_string(n)},
                                  {"result", "paid"}};
             p["signature"] = app::SignPaymentParams("matrix", p);
             return app::EncodePaymentParams(p);
         },
         all, "application/x-www-form-urlencoded", false},
        // Citizen accounts, drafts, online submission (issue #5).
        {Method::kPost, "/api/v1/citizens", fixed("/api/v1/citizens"),
         [](int n) {
             const std::string id = std::to_string(100000000000LL + n);
             return R"({"full_name":"Nguyễn Thị Mai","id_number":")" + id + R"(","email":"mai)" +
                    std::to_string(n) +
                    R"(@example.vn","password":"Mai@Hue2026!","verify_by":"email"})";
         },
         all},
        {Method::kPost, "/api/v1/citizens/verify", fixed("/api/v1/citizens/verify"),
         fixed(R"({"username":"mai0@example.vn","code":"000000"})"), all, "application/json",
         false},
        {Method::kPost, "/api/v1/citizens/resend", fixed("/api/v1/citizens/resend"),
         fixed(R"({"username":"mai0@example.vn"})"), all},
        {Method::kGet, "/api/v1/me/profile", fixed("/api/v1/me/profile"), none, citizens},
        {Method::kGet, "/api/v1/me/dossiers", fixed("/api/v1/me/dossiers"), none, citizens},
        {Method::kGet, "/api/v1/me/notifications", fixed("/api/v1/me/notifications"), none,
         signed_in},
        {Method::kGet, "/api/v1/drafts", fixed("/api/v1/drafts"), none, citizens},
        {Method::kPost, "/api/v1/drafts", fixed("/api/v1/drafts"),
         fixed(R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","body":{}})"), citizens},
        {Method::kGet, "/api/v1/drafts/{id}", fixed("/api/v1/drafts/" + draft), none, citizens},
        {Method::kPut, "/api/v1/drafts/{id}", fixed("/api/v1/drafts/" + draft),
         fixed(R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","version":1,"body":{}})"),
         citizens},
        {Method::kPost, "/api/v1/drafts/{id}/submit",
         fixed("/api/v1/drafts/" + draft_to_submit + "/submit"), none, citizens},
        {Method::kDelete, "/api/v1/drafts/{id}", fixed("/api/v1/drafts/" + draft_to_delete), none,
         citizens},
        {Method::kPost,
         "/api/v1/dossiers",
         fixed("/api/v1/dossiers"),
         fixed(
             R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","receiving_unit":"46.TTPVHCC","applicant":{"name":"Trần Văn Cường"}})"),
         {"motcua", "lanhdao"}},
        {Method::kGet,
         "/api/v1/dossiers",
         fixed("/api/v1/dossiers?inbox=all"),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat", "xa_kiemsoat"}},
        {Method::kGet,
         "/api/v1/dossiers/{code}",
         fixed("/api/v1/dossiers/" + dossier),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        // Facts from outside systems (issue #6): staff who may view the dossier.
        {Method::kGet,
         "/api/v1/dossiers/{code}/facts",
         fixed("/api/v1/dossiers/" + dossier + "/facts"),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        {Method::kPut,
         "/api/v1/dossiers/{code}/facts",
         fixed("/api/v1/dossiers/" + dossier + "/facts"),
         fixed(R"({"synced_to_portal":true})"),
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        {Method::kPost,
         "/api/v1/dossiers/{code}/actions",
         fixed("/api/v1/dossiers/" + dossier + "/actions"),
         fixed(R"({"action":"assign","assignee_id":)" + specialist_id + "}"),
         {"lanhdao"}},
        {Method::kGet,
         "/api/v1/dossiers/{code}/forms/{form}",
         fixed("/api/v1/dossiers/" + dossier + "/forms/process_control.html"),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        {Method::kGet,
         "/api/v1/registers/{unit}",
         fixed("/api/v1/registers/46.TTPVHCC?from=2026-11-01&to=2026-11-30&format=html"),
         none,
         {"motcua", "lanhdao"}},
        {Method::kGet, "/api/v1/processes/{procedure}", fixed("/api/v1/processes/1.002010"), none,
         signed_in},
        {Method::kGet, "/api/v1/tracking",
         fixed("/api/v1/tracking?code=" + dossier + "&key=" + tracking), none, all},
        {Method::kPut,
         "/api/v1/processes/{procedure}",
         fixed("/api/v1/processes/1.002010"),
         process_body(""),
         {"kiemsoat"}},
        {Method::kPut,
         "/api/v1/processes/{procedure}",
         fixed("/api/v1/processes/1.002010"),
         process_body("?unit=" + std::string(kHome)),
         {"kiemsoat", "xa_kiemsoat"}},
        {Method::kGet, "/api/v1/procedures", fixed("/api/v1/procedures?q=khai+sinh"), none, all},
        {Method::kGet, "/api/v1/procedures/{code}", fixed("/api/v1/procedures/1.001193"), none,
         all},
        {Method::kGet, "/api/v1/procedures/{code}/versions",
         fixed("/api/v1/procedures/1.001193/versions"), none, all},
        {Method::kGet, "/api/v1/fields", fixed("/api/v1/fields"), none, all},
        {Method::kGet, "/api/v1/units", fixed("/api/v1/units"), none, all},
        {Method::kGet, "/api/v1/units/{code}", fixed("/api/v1/units/46"), none, all},
        {Method::kGet, "/api/v1/openapi.json", fixed("/api/v1/openapi.json"), none, all},
        {Method::kGet, "/api/v1/session", fixed("/api/v1/session"), none, signed_in},
        {Method::kPost,
         "/api/v1/procedures",
         fixed("/api/v1/procedures"),
         [](int n) {
             return R"({"code":"2.998)" + std::to_string(100 + n) +
                    R"(","name":"Thủ tục thử","field":"Hộ tịch","effective_from":"2026-12-01"})";
         },
         {"kiemsoat", "quantri"}},
        {Method::kPut,
         "/api/v1/procedures/{code}",
         fixed("/api/v1/procedures/1.001193"),
         [this](int) {
             json::object p = Get("/api/v1/procedures/1.001193").as_object();
             p["name"] = "Thủ tục đăng ký khai sinh";
             return json::serialize(p);
         },
         {"kiemsoat", "quantri"}},
        {Method::kPost,
         "/api/v1/units",
         fixed("/api/v1/units"),
         [home_id](int n) {
             return R"({"code":")" + std::string(kHome) + ".T" + std::to_string(n) +
                    R"(","type":"agency","name":"Tổ thử","parent_id":)" + home_id +
                    R"(,"valid_from":"2026-12-01"})";
         },
         {"quantri", "xa_quantri"}},
        {Method::kPost,
         "/api/v1/units",
         fixed("/api/v1/units"),
         [other_id](int n) {
             return R"({"code":")" + std::string(kOther) + ".T" + std::to_string(n) +
                    R"(","type":"agency","name":"Tổ thử","parent_id":)" + other_id +
                    R"(,"valid_from":"2026-12-01"})";
         },
         {"quantri"}},
        {Method::kPut,
         "/api/v1/units/{code}",
         fixed("/api/v1/units/" + std::string(kHome)),
         [this](int) { return UnitBody(kHome, "Phường Phú Xuân"); },
         {"quantri", "xa_quantri"}},
        {Method::kPut,
         "/api/v1/units/{code}",
         fixed("/api/v1/units/" + std::string(kOther)),
         [this](int) { return UnitBody(kOther, "Phường Kim Long"); },
         {"quantri"}},
        {Method::kGet,
         "/api/v1/users",
         fixed("/api/v1/users"),
         none,
         {"lanhdao", "quantri", "xa_quantri"}},
        {Method::kPost,
         "/api/v1/users",
         fixed("/api/v1/users"),
         [home_id](int n) {
             return R"({"username":"home)" + std::to_string(n) +
                    R"(","display_name":"Cán bộ thử","password":"Mat khau thu 2026","roles":[{"role":"desk_officer","unit_id":)" +
                    home_id + "}]}";
         },
         {"quantri", "xa_quantri"}},
        {Method::kPost,
         "/api/v1/users",
         fixed("/api/v1/users"),
         [other_id](int n) {
             return R"({"username":"other)" + std::to_string(n) +
                    R"(","display_name":"Cán bộ thử","password":"Mat khau thu 2026","roles":[{"role":"desk_officer","unit_id":)" +
                    other_id + "}]}";
         },
         {"quantri"}},
        {Method::kGet,
         "/api/v1/audit",
         fixed("/api/v1/audit"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPost, "/api/v1/tokens", fixed("/api/v1/tokens"), fixed(R"({"name":"thử"})"),
         staff},
        {Method::kPost,
         "/api/v1/units/{code}/reparent",
         fixed("/api/v1/units/" + std::string(kHome) + ".BPMC/reparent"),
         [this](int) {
             const auto unit = Get("/api/v1/units/" + std::string(kHome) + ".BPMC");
             return R"({"parent":")" + std::string(kHome) +
                    R"(","effective":"2026-12-01","version":)" +
                    std::to_string(unit.at("version").as_int64()) + "}";
         },
         {"quantri", "xa_quantri"}},
        {Method::kPost,
         "/api/v1/units/{code}/reparent",
         fixed("/api/v1/units/" + std::string(kHome) + ".BPMC/reparent"),
         [this](int) {
             const auto unit = Get("/api/v1/units/" + std::string(kHome) + ".BPMC");
             return R"({"parent":")" + std::string(kOther) +
                    R"(","effective":"2026-12-01","version":)" +
                    std::to_string(unit.at("version").as_int64()) + "}";
         },
         {"quantri"}},
        {Method::kPut, "/api/v1/session/password", fixed("/api/v1/session/password"),
         fixed(R"({"current_password":"sai","new_password":"Mat khau moi 2026"})"), signed_in,
         "application/json", false},
        {Method::kPost, "/api/v1/session", fixed("/api/v1/session"),
         fixed(R"({"username":"congdan","password":"MotCua@2026"})"), all},
        {Method::kGet, "/api/v1/export/units", fixed("/api/v1/export/units"), none, all},
        {Method::kGet, "/api/v1/export/procedures", fixed("/api/v1/export/procedures"), none, all},
        {Method::kPost,
         "/api/v1/import/units",
         fixed("/api/v1/import/units"),
         [](int n) {
             return "code,type,name,parent_code,valid_from,valid_to\n" + std::string(kHome) + ".I" +
                    std::to_string(n) + ",agency,Tổ nhập thử," + std::string(kHome) +
                    ",2026-12-01,\n";
         },
         {"quantri", "xa_quantri"},
         "text/csv"},
        {Method::kPost,
         "/api/v1/import/units",
         fixed("/api/v1/import/units"),
         [](int n) {
             return "code,type,name,parent_code,valid_from,valid_to\n" + std::string(kOther) +
                    ".I" + std::to_string(n) + ",agency,Tổ nhập thử," + std::string(kOther) +
                    ",2026-12-01,\n";
         },
         {"quantri"},
         "text/csv"},
        {Method::kPost,
         "/api/v1/import/procedures",
         fixed("/api/v1/import/procedures"),
         [](int n) {
             return R"({"code":"2.997)" + std::to_string(100 + n) +
                    R"(","name":"Thủ tục nhập thử","field":"Hộ tịch","levels":["commune"],"effective_from":"2026-12-01"})" +
                    std::string("\n");
         },
         {"kiemsoat", "quantri"},
         "application/x-ndjson"},
        // Issue #5: ratings (the dossier is not returned yet: allowed callers get 409) and
        // the evaluation of a unit's subtree.
        {Method::kPost,
         "/api/v1/dossiers/{code}/rating",
         fixed("/api/v1/dossiers/" + dossier + "/rating"),
         fixed(
             R"({"channel":"paper","satisfaction":"satisfied","contacts":0,"bodies_contacted":1,"complaint":false})"),
         {"motcua", "lanhdao"},
         "application/json",
         false},
        {Method::kGet,
         "/api/v1/dossiers/{code}/rating",
         fixed("/api/v1/dossiers/" + dossier + "/rating"),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat"}},
        {Method::kGet,
         "/api/v1/evaluations",
         fixed("/api/v1/evaluations?unit=46&from=2026-11-01&to=2026-11-30"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/evaluations",
         fixed("/api/v1/evaluations?unit=" + std::string(kHome) + "&from=2026-11-01&to=2026-11-30"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        // Issue #6: form 06 / II.06a for a unit's subtree.
        {Method::kGet,
         "/api/v1/reports/tthc-settlement",
         fixed("/api/v1/reports/tthc-settlement?unit=46&period=2026-Q4"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/reports/tthc-settlement",
         fixed("/api/v1/reports/tthc-settlement?unit=" + std::string(kHome) +
               "&period=2026-Q4&window=calendar"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        // The same report as a file (XLSX / PDF form): the same audience.
        {Method::kGet,
         "/api/v1/reports/tthc-settlement",
         fixed("/api/v1/reports/tthc-settlement?unit=46&period=2026-Q4&format=xlsx"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        // Issue #6: the correction letter of a unit.
        {Method::kGet,
         "/api/v1/reports/correction-letter",
         fixed("/api/v1/reports/correction-letter?unit=46&period=2026-Q4&format=pdf"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        // Issue #6: Decision 766 indicators of a unit's subtree.
        {Method::kGet,
         "/api/v1/indicators",
         fixed("/api/v1/indicators?unit=46&period=2026-Q4"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/indicators",
         fixed("/api/v1/indicators?unit=" + std::string(kHome) + "&period=2026-11"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        // Issue #6: the monthly publication of the indicators is public (no applicant data).
        {Method::kGet, "/api/v1/publications/indicators",
         fixed("/api/v1/publications/indicators?unit=46&month=2026-10"), none, all},
        // Issue #6: plan targets (S0 §III). The PUTs run first and create the plans (as
        // kiemsoat) that the reads below use.
        {Method::kPut,
         "/api/v1/plan-targets/{plan}",
         fixed("/api/v1/plan-targets/KH-MATRAN"),
         fixed(R"({"plan":"KH-MATRAN","title":"Ma trận","year":2026,"issuing_unit":"46",)"
               R"("targets":[{"metric":"data_reuse","comparator":">=","value":60}]})"),
         {"kiemsoat", "quantri"}},
        {Method::kPut,
         "/api/v1/plan-targets/{plan}",
         fixed("/api/v1/plan-targets/KH-MATRAN-XA"),
         fixed(R"({"plan":"KH-MATRAN-XA","title":"Ma trận xã","year":2026,"issuing_unit":")" +
               std::string(kHome) +
               R"(","targets":[{"metric":"data_reuse","comparator":">=","value":60}]})"),
         {"kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPost,
         "/api/v1/plan-targets",
         fixed("/api/v1/plan-targets"),
         [](int n) {
             return R"({"plan":"KH-MATRAN-)" + std::to_string(n) +
                    R"(","title":"Ma trận","year":2026,"issuing_unit":"46",)"
                    R"("targets":[{"metric":"satisfaction","comparator":">=","value":90}]})";
         },
         {"kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/plan-targets",
         fixed("/api/v1/plan-targets"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kGet,
         "/api/v1/plan-targets/{plan}",
         fixed("/api/v1/plan-targets/KH-MATRAN"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kGet,
         "/api/v1/plan-targets/{plan}/evaluation",
         fixed("/api/v1/plan-targets/KH-MATRAN/evaluation?unit=46&period=2026-Q4"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/plan-targets/{plan}/evaluation",
         fixed("/api/v1/plan-targets/KH-MATRAN/evaluation?unit=" + std::string(kHome) +
               "&period=2026-Q4"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kGet,
         "/api/v1/plan-targets/{plan}/failures",
         fixed("/api/v1/plan-targets/KH-MATRAN/failures?unit=46&period=2026-Q4&metric=data_reuse"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/plan-targets/{plan}/failures",
         fixed("/api/v1/plan-targets/KH-MATRAN/failures?unit=" + std::string(kHome) +
               "&period=2026-Q4&metric=data_reuse"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPut,
         "/api/v1/units/{code}/evaluation-facts",
         fixed("/api/v1/units/" + std::string(kHome) + "/evaluation-facts"),
         fixed(R"({"effective_from":"2026-01-01","published_posted":true})"),
         {"kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPut,
         "/api/v1/units/{code}/evaluation-facts",
         fixed("/api/v1/units/" + std::string(kOther) + "/evaluation-facts"),
         fixed(R"({"effective_from":"2026-01-01","published_posted":true})"),
         {"kiemsoat", "quantri"}},
        // Issue #7: TTHC-control plans.
        {Method::kPost, "/api/v1/plans/import", fixed("/api/v1/plans/import?unit=46"),
         [tp_text](int n) { return tp_text(n + 1); }, tp_managers, "text/plain"},
        {Method::kGet, "/api/v1/plans", fixed("/api/v1/plans"), none, signed_in},
        {Method::kGet, "/api/v1/plans/{id}", fixed("/api/v1/plans/" + tp_id), none, tp_readers},
        {Method::kGet, "/api/v1/plans/{id}/dashboard",
         fixed("/api/v1/plans/" + tp_id + "/dashboard"), none, tp_readers},
        {Method::kGet,
         "/api/v1/plan-dashboard",
         fixed("/api/v1/plan-dashboard?unit=19753"),
         none,
         {"lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPost, "/api/v1/plans/{id}/unmatched/{name}/resolve",
         fixed("/api/v1/plans/" + tp_id + "/unmatched/" + tp_name + "/resolve"),
         [tp_version](int) { return R"({"units":["46.SOKHCN"],"version":)" + tp_version() + "}"; },
         tp_managers},
        {Method::kPost, "/api/v1/plans/{id}/problems/{problem}/resolve",
         fixed("/api/v1/plans/" + tp_id + "/problems/" + tp_problem + "/resolve"),
         [tp_version](int) {
             return R"({"resolution":"Đã bổ sung","version":)" + tp_version() + "}";
         },
         tp_managers},
        {Method::kPatch, "/api/v1/plans/{id}/deliverables/{deliverable}",
         fixed("/api/v1/plans/" + tp_id + "/deliverables/" + tp_deliverable),
         [tp_version](int) {
             return R"({"deadline":"Tháng 12/2026","version":)" + tp_version() + "}";
         },
         tp_managers},
        {Method::kPost, "/api/v1/plans/{id}/tasks", fixed("/api/v1/plans/" + tp_id + "/tasks"),
         [tp_version](int) {
             return R"({"section":"II","content":"Tập huấn","version":)" + tp_version() + "}";
         },
         tp_managers},
        {Method::kPost,
         "/api/v1/plans/{id}/cascade",
         fixed("/api/v1/plans/" + tp_id + "/cascade"),
         fixed(R"({"unit":"19753"})"),
         {"kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kPost,
         "/api/v1/plan-deliverables/{id}/progress",
         fixed("/api/v1/plan-deliverables/" + tp_deliverable + "/progress"),
         fixed(R"({"unit":"19753","status":"in_progress","percent":10})"),
         {"lanhdao", "kiemsoat", "xa_kiemsoat"}},
        // Session 8 (engineer P): evidence files of progress reports (readers of the plan
        // download; others get 404, no existence leak).
        {Method::kPost,
         "/api/v1/plan-deliverables/{id}/evidence",
         fixed("/api/v1/plan-deliverables/" + tp_deliverable + "/evidence?unit=19753&name=mc.pdf"),
         fixed(pdf),
         {"lanhdao", "kiemsoat", "xa_kiemsoat"},
         "application/pdf"},
        {Method::kGet, "/api/v1/plan-evidence/{id}", fixed("/api/v1/plan-evidence/" + tp_evidence),
         none, tp_readers, "application/json", true, true},
        // Issue #7 (engineer P): export of a stored plan; issuing it (the first allowed caller
        // issues it, the next gets 409: not a draft any more).
        {Method::kGet, "/api/v1/plans/{id}/export",
         fixed("/api/v1/plans/" + tp_id + "/export?format=xlsx"), none, tp_readers},
        {Method::kPost, "/api/v1/plans/{id}/issue", fixed("/api/v1/plans/" + tp_id + "/issue"),
         [tp_version](int) { return R"({"version":)" + tp_version() + "}"; },
         {"kiemsoat", "lanhdao"}, "application/json", false},
        // Documents (issue #5).
        {Method::kPost,
         "/api/v1/dossiers/{code}/documents",
         fixed("/api/v1/dossiers/" + dossier + "/documents?component=Scan"),
         fixed(pdf),
         {"motcua", "lanhdao"},
         "application/pdf",
         true,
         true},
        {Method::kGet, "/api/v1/dossiers/{code}/documents",
         fixed("/api/v1/dossiers/" + dossier + "/documents"), none, dossier_viewers,
         "application/json", true, true},
        {Method::kPost,
         "/api/v1/dossiers/{code}/documents/reuse",
         fixed("/api/v1/dossiers/" + dossier + "/documents/reuse"),
         fixed(R"({"component":"Scan","document_id":)" + document + "}"),
         {},
         "application/json",
         true,
         true},
        {Method::kPost, "/api/v1/drafts/{id}/documents",
         fixed("/api/v1/drafts/" + draft + "/documents?component=Scan"), fixed(pdf), citizens,
         "application/pdf", true, true},
        {Method::kGet, "/api/v1/drafts/{id}/documents",
         fixed("/api/v1/drafts/" + draft + "/documents"), none, citizens, "application/json", true,
         true},
        {Method::kPost,
         "/api/v1/drafts/{id}/documents/reuse",
         fixed("/api/v1/drafts/" + draft + "/documents/reuse"),
         fixed(R"({"component":"Scan","document_id":)" + document + "}"),
         {},
         "application/json",
         true,
         true},
        {Method::kGet, "/api/v1/documents/{id}", fixed("/api/v1/documents/" + document), none,
         dossier_viewers, "application/json", true, true},
        {Method::kPost,
         "/api/v1/documents/{id}/digitised",
         fixed("/api/v1/documents/" + document + "/digitised"),
         none,
         {"motcua", "lanhdao"},
         "application/json",
         true,
         true},
        {Method::kGet, "/api/v1/me/documents", fixed("/api/v1/me/documents"), none, signed_in},
        // Queue tickets (issue #9): kiosk and display public; counters the desk's officers;
        // setup administrators covering the desk; figures staff covering it.
        {Method::kGet, "/api/v1/queue/desks/{desk}", fixed(queue_desk), none, all},
        {Method::kPost, "/api/v1/queue/desks/{desk}/tickets", fixed(queue_desk + "/tickets"),
         fixed(R"({"group":"HT"})"), all},
        {Method::kGet, "/api/v1/queue/desks/{desk}/display", fixed(queue_desk + "/display"), none,
         all},
        {Method::kPut,
         "/api/v1/queue/desks/{desk}",
         fixed(queue_desk),
         fixed(queue_setup),
         {"quantri"}},
        {Method::kPost,
         "/api/v1/queue/desks/{desk}/counters/{counter}/call",
         fixed(queue_desk + "/counters/1/call"),
         none,
         {"motcua"}},
        {Method::kPost,
         "/api/v1/queue/desks/{desk}/tickets/{id}/actions",
         fixed(queue_desk + "/tickets/" + queue_ticket + "/actions"),
         fixed(R"({"action":"recall","counter":"1"})"),
         {"motcua"}},
        {Method::kGet,
         "/api/v1/queue/desks/{desk}/tickets",
         fixed(queue_desk + "/tickets"),
         none,
         {"motcua"}},
        {Method::kGet,
         "/api/v1/queue/desks/{desk}/figures",
         fixed(queue_desk + "/figures?from=2026-11-01&to=2026-11-30"),
         none,
         {"motcua", "lanhdao", "kiemsoat", "quantri"}},
        {Method::kPost, "/api/v1/feedback", fixed("/api/v1/feedback"),
         [](int n) {
             return R"({"unit":"46.TTPVHCC","title":"Phản ánh )" + std::to_string(n) +
                    R"(","content":"Nội dung phản ánh về thủ tục hành chính."})";
         },
         all},
        {Method::kPost,
         "/api/v1/feedback/intake",
         fixed("/api/v1/feedback/intake"),
         [](int n) {
             return R"({"unit":"46.TTPVHCC","channel":"post","title":"Thư )" + std::to_string(n) +
                    R"(","content":"Nội dung phản ánh gửi qua bưu chính."})";
         },
         {"motcua", "kiemsoat"}},
        {Method::kGet, "/api/v1/feedback/follow",
         fixed("/api/v1/feedback/follow?code=" + feedback_code + "&key=" + feedback_key), none,
         all},
        {Method::kPost, "/api/v1/feedback/follow", fixed("/api/v1/feedback/follow"),
         [new_feedback](int) {
             const auto [code, key] = new_feedback();
             return R"({"code":")" + code + R"(","key":")" + key + R"(","action":"withdraw"})";
         },
         all},
        {Method::kPost, "/api/v1/feedback/{code}/attachments",
         [new_feedback](int) {
             const auto [code, key] = new_feedback();
             return "/api/v1/feedback/" + code + "/attachments?key=" + key + "&name=a.pdf";
         },
         fixed("%PDF-1.4\n%%EOF\n"), all, "application/pdf"},
        {Method::kGet, "/api/v1/feedback/answers", fixed("/api/v1/feedback/answers"), none, all},
        {Method::kGet,
         "/api/v1/feedback/{code}/attachments/{position}",
         fixed("/api/v1/feedback/" + feedback_code + "/attachments/1"),
         none,
         {"motcua", "lanhdao", "kiemsoat"},
         "application/json",
         true,
         true},
        {Method::kGet,
         "/api/v1/feedback",
         fixed("/api/v1/feedback?box=all"),
         none,
         {"motcua", "chuyenvien", "lanhdao", "kiemsoat", "xa_kiemsoat"}},
        {Method::kGet,
         "/api/v1/feedback/counts",
         fixed("/api/v1/feedback/counts?unit=46&from=2026-11-01&to=2026-11-30"),
         none,
         {"lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet,
         "/api/v1/feedback/{code}",
         fixed("/api/v1/feedback/" + feedback_code),
         none,
         {"motcua", "lanhdao", "kiemsoat"},
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/feedback/{code}/actions",
         [feedback_pool, feedback_next](int) {
             return "/api/v1/feedback/" + feedback_pool->at((*feedback_next)++) + "/actions";
         },
         fixed(R"({"action":"accept","subject":"regulation","version":1})"),
         {"motcua", "kiemsoat"},
         "application/json",
         true,
         true},
        // Publication decisions (issue #8).
        {Method::kGet, "/api/v1/publication-decisions",
         fixed("/api/v1/publication-decisions?unit=46"), none, pd_managers},
        {Method::kPost,
         "/api/v1/publication-decisions",
         fixed("/api/v1/publication-decisions"),
         [](int n) {
             return R"({"issuing_unit":"46","number":"MX-)" + std::to_string(n) +
                    R"(/QĐ-UBND","legal_documents":[{"number":"1/2027/NQ-HĐND",)"
                    R"("effective_on":"2027-03-01"}],"items":[{"procedure_code":"1.002010",)"
                    R"("change":"abolished"}]})";
         },
         pd_managers},
        {Method::kGet, "/api/v1/publication-decisions/violations",
         fixed("/api/v1/publication-decisions/violations?unit=46"), none, pd_managers},
        {Method::kGet, "/api/v1/publication-decisions/{id}", fixed(pd_draft), none, pd_managers,
         "application/json", true, true},
        {Method::kPut,
         "/api/v1/publication-decisions/{id}",
         fixed(pd_draft),
         [pd_state, pd_draft](int) {
             return R"({"version":)" + pd_state(pd_draft, "version") +
                    R"(,"number":"MT-SUA/QĐ-UBND","legal_documents":[{"number":"1/2027/NQ-HĐND",)"
                    R"("effective_on":"2027-03-01"}],"items":[{"procedure_code":"1.002010",)"
                    R"("change":"abolished"}]})";
         },
         pd_managers,
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/publication-decisions/{id}/sign",
         [pd_drafts, pd_next_draft](int) { return pd_drafts->at((*pd_next_draft)++) + "/sign"; },
         fixed(R"({"version":1})"),
         pd_managers,
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/publication-decisions/{id}/apply",
         [pd_signed_pool, pd_next_signed](int) {
             return pd_signed_pool->at((*pd_next_signed)++) + "/apply";
         },
         fixed(R"({"version":2})"),
         pd_managers,
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/publication-decisions/{id}/database-entry",
         fixed(pd_signed + "/database-entry"),
         [pd_state, pd_signed](int) {
             return R"({"version":)" + pd_state(pd_signed, "version") + R"(,"on":")" +
                    pd_state(pd_signed, "signed_on") + R"("})";
         },
         pd_managers,
         "application/json",
         true,
         true},
        {Method::kPost,
         "/api/v1/publication-decisions/{id}/catalogue-update",
         fixed(pd_signed + "/catalogue-update"),
         [pd_state, pd_signed](int) {
             return R"({"version":)" + pd_state(pd_signed, "version") + R"(,"on":")" +
                    pd_state(pd_signed, "signed_on") + R"("})";
         },
         pd_managers,
         "application/json",
         true,
         true},
        // System settings by effective day (session 8, engineer D): the province administrator.
        {Method::kGet, "/api/v1/settings/{key}",
         fixed("/api/v1/settings/publication.day_convention"), none, {"quantri"}},
        {Method::kPut, "/api/v1/settings/{key}",
         fixed("/api/v1/settings/publication.day_convention"),
         [this](int) {
             const json::value v = GetAs("quantri", "/api/v1/settings/publication.day_convention");
             return R"({"value":"calendar_days","valid_from":"2030-01-01","version":)" +
                    std::to_string(v.at("version").as_int64()) + "}";
         },
         {"quantri"}},
        // Public posting at the desks and the catalogue exchange (issue #8, engineer E).
        {Method::kGet, "/api/v1/posting/desks", fixed("/api/v1/posting/desks"), none,
         {"motcua", "lanhdao", "kiemsoat", "quantri", "xa_quantri", "xa_kiemsoat"}},
        {Method::kGet, "/api/v1/posting/desks/{desk}", fixed("/api/v1/posting/desks/46.TTPVHCC"),
         none, {"motcua", "lanhdao", "kiemsoat", "quantri"}},
        {Method::kPost, "/api/v1/posting/desks/{desk}/postings",
         fixed("/api/v1/posting/desks/46.TTPVHCC/postings"), fixed(R"({"note":"Bảng niêm yết"})"),
         {"motcua", "lanhdao", "kiemsoat", "quantri"}},
        {Method::kGet, "/api/v1/posting/desks/{desk}/sheet",
         fixed("/api/v1/posting/desks/19753.BPMC/sheet"), none, all},
        {Method::kGet, "/api/v1/units/{code}/procedures", fixed("/api/v1/units/19753/procedures"),
         none, all},
        {Method::kGet, "/api/v1/export/catalogue", fixed("/api/v1/export/catalogue?unit=19753"),
         none, all},
        {Method::kPost, "/api/v1/import/catalogue", fixed("/api/v1/import/catalogue"),
         [](int n) {
             return R"({"format":"motcua-catalogue/1","procedures":[{"code":"2.99)" +
                    std::to_string(1000 + n % 9000) +
                    R"(","name":"Thủ tục trao đổi thử","field":"Hộ tịch","levels":["commune"],"effective_from":"2026-12-01"}]})";
         },
         {"kiemsoat", "quantri"}},
        // Impact assessments and review plans (issue #8, engineer G).
        {Method::kGet, "/api/v1/impact-assessments", fixed("/api/v1/impact-assessments"), none,
         g_listers},
        {Method::kPost, "/api/v1/impact-assessments", fixed("/api/v1/impact-assessments"),
         fixed(g_assessment_body), g_managers},
        {Method::kGet, "/api/v1/impact-assessments/questions",
         fixed("/api/v1/impact-assessments/questions"), none, signed_in},
        {Method::kGet, "/api/v1/impact-assessments/{id}", fixed(g_ia_path), none, g_managers},
        {Method::kGet, "/api/v1/impact-assessments/{id}/export",
         fixed(g_ia_path + "/export?format=pdf"), none, g_managers},
        {Method::kPut, "/api/v1/impact-assessments/{id}", fixed(g_ia_path),
         [this, g_ia_path, g_assessment_body](int) {
             json::object body = json::parse(g_assessment_body).as_object();
             body["version"] = GetAs("kiemsoat", g_ia_path).at("version");
             return json::serialize(body);
         },
         g_managers},
        {Method::kPost, "/api/v1/impact-assessments/{id}/actions", fixed(g_ia_path + "/actions"),
         [this, g_ia_path](int) {
             const json::value cur = GetAs("kiemsoat", g_ia_path);
             const bool is_draft = cur.at("state").as_string() == "draft";
             return std::string(R"({"action":")") + (is_draft ? "submit" : "return") +
                    R"(","opinion":"Sửa lại","version":)" +
                    std::to_string(cur.at("version").as_int64()) + "}";
         },
         g_managers},
        {Method::kGet, "/api/v1/review-plans", fixed("/api/v1/review-plans"), none, g_listers},
        {Method::kPost, "/api/v1/review-plans", fixed("/api/v1/review-plans"), fixed(g_plan_body),
         g_managers},
        {Method::kGet, "/api/v1/review-plans/{id}", fixed(g_plan), none, g_managers},
        {Method::kPut, "/api/v1/review-plans/{id}", fixed(g_plans->back()),
         [this, g_plans, g_plan_body](int) {
             json::object body = json::parse(g_plan_body).as_object();
             body["version"] = GetAs("kiemsoat", g_plans->back()).at("version");
             return json::serialize(body);
         },
         g_managers},
        {Method::kPost, "/api/v1/review-plans/{id}/actions",
         [g_plans, g_next_plan](int) { return g_plans->at((*g_next_plan)++) + "/actions"; },
         fixed(R"({"action":"approve","version":1,"on":"2026-04-01","approved_by":"A",)"
               R"("decision":"1/QĐ"})"),
         g_managers},
        {Method::kGet, "/api/v1/review-plans/{id}/export", fixed(g_plan + "/export?format=xlsx"),
         none, g_managers},
        // Destructive ones last.
        {Method::kPost,
         "/api/v1/units/{code}/merge",
         fixed("/api/v1/units/" + std::string(kOther) + ".BPMC/merge"),
         [this](int) {
             const auto unit = Get("/api/v1/units/" + std::string(kOther) + ".BPMC");
             return R"({"into":"46.TTPVHCC","effective":"2026-12-01","version":)" +
                    std::to_string(unit.at("version").as_int64()) + "}";
         },
         {"quantri"}},
        {Method::kDelete, "/api/v1/session", fixed("/api/v1/session"), none, signed_in},
    };

    // Coverage: every registered route is in the matrix.
    std::set<std::pair<Method, std::string>> covered;
    for (const Endpoint& e : endpoints) {
        covered.insert({e.method, e.pattern});
    }
    for (const http::RouteEntry& route : api_.router().Routes()) {
        EXPECT_EQ(covered.count({route.method, route.pattern}), 1U)
            << "route missing from the access matrix: " << http::MethodName(route.method) << " "
            << route.pattern;
    }

    int counter = 0;
    for (const Endpoint& e : endpoints) {
        for (const auto& [name, browser] : actors_) {
            const bool allowed = e.allowed.count("*") != 0 || e.allowed.count(name) != 0;
            const std::int64_t audits_before = api_.Count("audit_log");
            const std::int64_t units_before = api_.Count("units");
            const std::int64_t users_before = api_.Count("users");
            const std::string target = e.target(counter);
            const std::string body = e.body(counter);
            ++counter;
            const http::Response r = api_.Call(e.method, target, body,
                                               browser ? &*browser : nullptr, true, e.content_type);
            const std::string where = std::string(http::MethodName(e.method)) + " " + target +
                                      " as " + name + " → " + std::to_string(r.status) + " " +
                                      r.body.substr(0, 200);
            if (allowed) {
                EXPECT_NE(r.status, 401) << where;
                EXPECT_NE(r.status, 403) << where;
                EXPECT_LT(r.status, e.expect_success ? 300 : 500) << where;
            } else {
                if (name == "anonymous" || !e.hidden_when_refused) {
                    EXPECT_EQ(r.status, name == "anonymous" ? 401 : 403) << where;
                } else {
                    EXPECT_TRUE(r.status == 403 || r.status == 404) << where;
                }
                EXPECT_EQ(r.content_type, "application/problem+json") << where;
                EXPECT_EQ(api_.Count("units"), units_before) << where;
                EXPECT_EQ(api_.Count("users"), users_before) << where;
                if (e.pattern != "/api/v1/session") {
                    EXPECT_EQ(api_.Count("audit_log"), audits_before) << where;
                }
            }
        }
    }
}

}  // namespace
}  // namespace motcua::testing
