// The citizen's side through /api/v1 (issue #5): sign-up with a code from the outbox, drafts
// saved and resumed, online submission (idempotent), the supplement request reaching the
// applicant and answered online, notifications delivered by a sender, personal data kept from
// other people.
#include <filesystem>
#include <fstream>
#include <regex>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "api_fixture.hpp"
#include "app/notify.hpp"

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

std::string SignUpBody(std::string_view email, std::string_view id_number,
                       std::string_view password = "Hue@2026-an-toan") {
    return R"({"full_name":"Trần Thị Hoa","id_number":")" + std::string(id_number) +
           R"(","email":")" + std::string(email) + R"(","phone":"0912345678","password":")" +
           std::string(password) + R"(","address":"5 Lê Lợi, Huế","verify_by":"email"})";
}

class CitizenApiTest : public ::testing::Test {
protected:
    // The latest verification code queued for `destination` (what the e-mail would carry).
    std::string CodeSentTo(std::string_view destination) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        EXPECT_TRUE(static_cast<bool>(tx));
        const std::array params{store::Value{std::string(destination)}};
        auto row = (*tx)->QueryOne(
            "SELECT message FROM notifications WHERE destination = $1 AND kind = 'verification' "
            "ORDER BY id DESC LIMIT 1",
            params);
        EXPECT_TRUE(static_cast<bool>(row) && row->has_value())
            << "no code sent to " << destination;
        if (!row || !*row) {
            return "";
        }
        std::smatch m;
        const std::string message = (**row).Text(0);
        EXPECT_TRUE(std::regex_search(message, m, std::regex("([0-9]{6})"))) << message;
        return m.size() > 1 ? m[1].str() : "";
    }

    // Signs up and verifies a citizen; returns the signed-in browser.
    Browser NewCitizen(std::string_view email, std::string_view id_number, std::string_view ip) {
        const auto r = api.Call(Method::kPost, "/api/v1/citizens", SignUpBody(email, id_number),
                                nullptr, true, "application/json", ip);
        EXPECT_EQ(r.status, 201) << r.body;
        const std::string code = CodeSentTo(email);
        const auto v =
            api.Call(Method::kPost, "/api/v1/citizens/verify",
                     R"({"username":")" + std::string(email) + R"(","code":")" + code + R"("})",
                     nullptr, true, "application/json", ip);
        EXPECT_EQ(v.status, 200) << v.body;
        return api.SignIn(email, "Hue@2026-an-toan");
    }

    std::string NewDraft(const Browser& who, std::string_view body = R"({"components":[]})") {
        const auto r =
            api.Call(Method::kPost, "/api/v1/drafts",
                     R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","body":)" +
                         std::string(body) + "}",
                     &who);
        EXPECT_EQ(r.status, 201) << r.body;
        return std::to_string(Body(r).at("id").as_int64());
    }

    std::int64_t Outbox(std::string_view kind) {
        auto tx = api.db().Begin(store::TxMode::kRead);
        const std::array params{store::Value{std::string(kind)}};
        auto row = (*tx)->QueryOne("SELECT COUNT(*) FROM notifications WHERE kind = $1", params);
        return row && *row ? (**row).Int(0) : -1;
    }

    ApiFixture api;
};

TEST_F(CitizenApiTest, SignUpNeedsTheCodeBeforeSignIn) {
    const std::string ip = "198.51.100.1";
    const auto r =
        api.Call(Method::kPost, "/api/v1/citizens", SignUpBody("hoa@example.vn", "046190009999"),
                 nullptr, true, "application/json", ip);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(Str(Body(r), "username"), "hoa@example.vn");
    EXPECT_EQ(Str(Body(r), "code_sent_to"), "ho***@example.vn");
    EXPECT_EQ(r.body.find(CodeSentTo("hoa@example.vn")), std::string::npos)
        << "the code must travel only through the outbox";

    // Not active until verified.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/session",
                       R"({"username":"hoa@example.vn","password":"Hue@2026-an-toan"})")
                  .status,
              401);
    const std::string code = CodeSentTo("hoa@example.vn");
    const std::string wrong = code == "000000" ? "111111" : "000000";
    const auto bad = api.Call(Method::kPost, "/api/v1/citizens/verify",
                              R"({"username":"hoa@example.vn","code":")" + wrong + R"("})", nullptr,
                              true, "application/json", ip);
    EXPECT_EQ(bad.status, 400) << bad.body;
    const auto good = api.Call(Method::kPost, "/api/v1/citizens/verify",
                               R"({"username":"hoa@example.vn","code":")" + code + R"("})", nullptr,
                               true, "application/json", ip);
    ASSERT_EQ(good.status, 200) << good.body;
    // A used code does not work twice.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/citizens/verify",
                       R"({"username":"hoa@example.vn","code":")" + code + R"("})", nullptr, true,
                       "application/json", ip)
                  .status,
              400);
    const Browser hoa = api.SignIn("hoa@example.vn", "Hue@2026-an-toan");
    const auto profile = api.Call(Method::kGet, "/api/v1/me/profile", "", &hoa);
    ASSERT_EQ(profile.status, 200) << profile.body;
    EXPECT_EQ(Str(Body(profile), "id_number"), "046190009999");
    EXPECT_EQ(Str(Body(profile), "full_name"), "Trần Thị Hoa");
}

TEST_F(CitizenApiTest, SignUpRejectsBadAndDuplicateInput) {
    const std::string ip = "198.51.100.2";
    auto call = [&](const std::string& body) {
        return api.Call(Method::kPost, "/api/v1/citizens", body, nullptr, true, "application/json",
                        ip);
    };
    const std::int64_t users_before = api.Count("users");
    EXPECT_EQ(call("{not json").status, 400);
    EXPECT_EQ(call(R"({"full_name":1,"id_number":"046190000001","password":"x"})").status, 400);
    EXPECT_EQ(call(SignUpBody("a@example.vn", "12345")).status, 400);  // not 12 digits
    EXPECT_EQ(call(SignUpBody("a@example.vn", "046190000001", "short")).status, 400);
    EXPECT_EQ(call(R"({"full_name":"A","id_number":"046190000001","password":"Hue@2026-an-toan",)"
                   R"("verify_by":"pigeon","email":"a@example.vn"})")
                  .status,
              400);
    EXPECT_EQ(call(R"({"full_name":"A","id_number":"046190000001","password":"Hue@2026-an-toan",)"
                   R"("email":"a@example.vn","admin":true})")
                  .status,
              400);  // unknown field
    EXPECT_EQ(api.Count("users"), users_before) << "nothing created by bad input";

    ASSERT_EQ(call(SignUpBody("b@example.vn", "046190000002")).status, 201);
    const auto same_email = call(SignUpBody("b@example.vn", "046190000003"));
    EXPECT_EQ(same_email.status, 409) << same_email.body;
    const auto same_id = call(SignUpBody("c@example.vn", "046190000002"));
    EXPECT_EQ(same_id.status, 409) << same_id.body;
    // The demo citizen's identity number is taken too.
    EXPECT_EQ(call(SignUpBody("d@example.vn", "046190001234")).status, 409);
}

TEST_F(CitizenApiTest, CodesExpireAndWrongTriesVoidThem) {
    const std::string ip = "198.51.100.3";
    ASSERT_EQ(
        api.Call(Method::kPost, "/api/v1/citizens", SignUpBody("lan@example.vn", "046190000010"),
                 nullptr, true, "application/json", ip)
            .status,
        201);
    const std::string code = CodeSentTo("lan@example.vn");
    const std::string wrong = code == "123456" ? "654321" : "123456";
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(api.Call(Method::kPost, "/api/v1/citizens/verify",
                           R"({"username":"lan@example.vn","code":")" + wrong + R"("})", nullptr,
                           true, "application/json", ip)
                      .status,
                  400);
    }
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/citizens/verify",
                       R"({"username":"lan@example.vn","code":")" + code + R"("})", nullptr, true,
                       "application/json", ip)
                  .status,
              400)
        << "five wrong tries void the code";
    // A new code (after the one-minute pause) works, but not once it has expired.
    api.clock().Advance(std::chrono::seconds(61));
    ASSERT_EQ(api.Call(Method::kPost, "/api/v1/citizens/resend", R"({"username":"lan@example.vn"})",
                       nullptr, true, "application/json", ip)
                  .status,
              202);
    const std::string second = CodeSentTo("lan@example.vn");
    ASSERT_NE(second, "");
    api.clock().Advance(std::chrono::minutes(16));
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/citizens/verify",
                       R"({"username":"lan@example.vn","code":")" + second + R"("})", nullptr, true,
                       "application/json", ip)
                  .status,
              400)
        << "expired";
    // Resend for an unknown account answers the same (no enumeration).
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/citizens/resend",
                       R"({"username":"nobody@example.vn"})", nullptr, true, "application/json", ip)
                  .status,
              202);
}

TEST_F(CitizenApiTest, DraftsAreSavedResumedAndOwnedByTheirAuthor) {
    const Browser citizen = api.SignIn("congdan");
    const Browser business = api.SignIn("doanhnghiep");
    const std::string id = NewDraft(citizen, R"({"fields":{"note":"lần đầu"}})");
    const auto got = api.Call(Method::kGet, "/api/v1/drafts/" + id, "", &citizen);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(Body(got).at("body").at("fields").at("note").as_string(), "lần đầu");
    EXPECT_EQ(Body(got).at("version").as_int64(), 1);

    const std::string update =
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","version":1,"body":{"fields":{"note":"sửa"}}})";
    ASSERT_EQ(api.Call(Method::kPut, "/api/v1/drafts/" + id, update, &citizen).status, 200);
    // The same stale version again: someone (another tab) changed it first.
    EXPECT_EQ(api.Call(Method::kPut, "/api/v1/drafts/" + id, update, &citizen).status, 409);
    // Someone else's draft does not exist for them.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/drafts/" + id, "", &business).status, 404);
    EXPECT_EQ(api.Call(Method::kPut, "/api/v1/drafts/" + id, update, &business).status, 404);
    EXPECT_EQ(api.Call(Method::kDelete, "/api/v1/drafts/" + id, "", &business).status, 404);
    // Staff do not keep drafts.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/drafts", "", nullptr).status, 401);
    const Browser desk = api.SignIn("motcua");
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/drafts", "", &desk).status, 403);
    // Bad drafts.
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/drafts",
                 R"({"procedure_code":"9.999999","settling_unit":"46.SOTP","body":{}})", &citizen)
            .status,
        404);
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/drafts",
                 R"({"procedure_code":"1.002010","settling_unit":"46.NOPE","body":{}})", &citizen)
            .status,
        400);
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/drafts",
                 R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","body":[1]})", &citizen)
            .status,
        400);
    EXPECT_EQ(
        api.Call(
               Method::kPost, "/api/v1/drafts",
               R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","body":{"components":[{"provided":"yes","name":"x"}]}})",
               &citizen)
            .status,
        400);
    // An e-form over 64 KiB is refused and nothing is stored.
    const std::int64_t drafts = api.Count("drafts");
    const std::string big(70 * 1024, 'x');
    const auto oversize = api.Call(
        Method::kPost, "/api/v1/drafts",
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","body":{"fields":{"note":")" +
            big + R"("}}})",
        &citizen);
    EXPECT_EQ(oversize.status, 400) << oversize.body.substr(0, 200);
    EXPECT_EQ(api.Count("drafts"), drafts);
    const auto list = api.Call(Method::kGet, "/api/v1/drafts", "", &citizen);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(Body(list).at("items").as_array().size(), 1U);
    EXPECT_EQ(api.Call(Method::kDelete, "/api/v1/drafts/" + id, "", &citizen).status, 204);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/drafts/" + id, "", &citizen).status, 404);
}

TEST_F(CitizenApiTest, SubmissionIsIdempotentAndPrivate) {
    const Browser citizen = api.SignIn("congdan");
    const std::string id = NewDraft(citizen);
    api.SetHeader("idempotency-key", "nop-1");
    const auto first = api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
    ASSERT_EQ(first.status, 201) << first.body;
    const json::value d = Body(first);
    EXPECT_EQ(Str(d, "state"), "submitted");
    EXPECT_EQ(Str(d, "channel"), "online");
    // Online dossiers for a provincial department go to the provincial service centre's desk.
    EXPECT_EQ(Str(d, "code").rfind("46.TTPVHCC-", 0), 0U) << Str(d, "code");
    EXPECT_EQ(Str(d.at("applicant"), "id_number"), "046190001234") << "from the profile";
    const std::string code = Str(d, "code");
    // A double click: the same dossier, not a second one.
    const auto again = api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(Str(Body(again), "code"), code);
    api.ClearHeaders();
    const auto no_key = api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
    EXPECT_EQ(no_key.status, 200) << "a submitted draft answers with its dossier";
    EXPECT_EQ(api.Count("dossiers"), 1 + 0) << "one dossier";
    // The draft is gone from the list of drafts, the dossier is in "my dossiers".
    EXPECT_TRUE(Body(api.Call(Method::kGet, "/api/v1/drafts", "", &citizen))
                    .at("items")
                    .as_array()
                    .empty());
    const auto mine = Body(api.Call(Method::kGet, "/api/v1/me/dossiers", "", &citizen));
    ASSERT_EQ(mine.at("items").as_array().size(), 1U);
    EXPECT_EQ(Str(mine.at("items").as_array()[0], "code"), code);
    // Submission was announced to the applicant.
    EXPECT_EQ(Outbox("dossier_submit"), 1);

    // Another citizen sees nothing of it, not even through the public list.
    const Browser business = api.SignIn("doanhnghiep");
    const auto theirs = api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &business);
    EXPECT_TRUE(theirs.status == 403 || theirs.status == 404) << theirs.status;
    EXPECT_EQ(theirs.body.find("046190001234"), std::string::npos);
    EXPECT_EQ(theirs.body.find("Võ Thị Dân"), std::string::npos);
    EXPECT_TRUE(Body(api.Call(Method::kGet, "/api/v1/me/dossiers", "", &business))
                    .at("items")
                    .as_array()
                    .empty());
    // The desk of the provincial centre sees it in its "to receive" inbox.
    const Browser desk = api.SignIn("motcua");
    const auto inbox = api.Call(Method::kGet, "/api/v1/dossiers?inbox=to_receive", "", &desk);
    EXPECT_NE(inbox.body.find(code), std::string::npos) << inbox.body;
    // Staff cannot submit online.
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &desk).status, 403);
}

TEST_F(CitizenApiTest, FilesAttachedToTheDraftBecomeTheDossiersComponents) {
    const std::filesystem::path files = std::filesystem::temp_directory_path() /
                                        ("motcua-draft-files-" + std::to_string(::getpid()));
    api.context().files_dir = files;
    const Browser citizen = api.SignIn("congdan");
    // The draft lists the first required component as not provided; attaching a file to it
    // makes it provided at submission.
    const auto procedure = Body(api.Call(Method::kGet, "/api/v1/procedures/1.002010", ""));
    const std::string first(procedure.at("documents").as_array().at(0).at("name").as_string());
    json::object body{
        {"components", json::array{json::object{{"name", first}, {"provided", false}}}}};
    const std::string id = NewDraft(citizen, json::serialize(body));
    const auto uploaded = api.Call(
        Method::kPost, "/api/v1/drafts/" + id + "/documents?component=" + first + "&name=don.pdf",
        "%PDF-1.7\n% đơn\n%%EOF\n", &citizen, true, "application/pdf");
    ASSERT_EQ(uploaded.status, 201) << uploaded.body;
    const auto submitted =
        api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const json::value d = Body(submitted);
    EXPECT_TRUE(d.at("components").as_array().at(0).at("provided").as_bool());
    const auto docs =
        api.Call(Method::kGet, "/api/v1/dossiers/" + Str(d, "code") + "/documents", "", &citizen);
    ASSERT_EQ(docs.status, 200) << docs.body;
    EXPECT_NE(docs.body.find("don.pdf"), std::string::npos) << docs.body;
    // The draft keeps no documents of its own any more.
    const auto left = api.Call(Method::kGet, "/api/v1/drafts/" + id + "/documents", "", &citizen);
    EXPECT_EQ(left.body.find("don.pdf"), std::string::npos) << left.body;
    std::filesystem::remove_all(files);
}

TEST_F(CitizenApiTest, SupplementRequestReachesTheApplicantWhoAnswersOnline) {
    const Browser citizen = api.SignIn("congdan");
    const std::string id = NewDraft(citizen);
    const auto submitted =
        api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen);
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const std::string code = Str(Body(submitted), "code");
    json::array components = Body(submitted).at("components").as_array();
    ASSERT_FALSE(components.empty());
    components[0].as_object()["provided"] = false;

    // The desk finds the first component missing: Form 02, once.
    const Browser desk = api.SignIn("motcua");
    json::object incomplete{{"action", "receive"},
                            {"completeness", "incomplete"},
                            {"reason", "Thiếu bản chính giấy tờ đầu tiên"},
                            {"components", components}};
    const auto asked = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions",
                                json::serialize(incomplete), &desk);
    ASSERT_EQ(asked.status, 200) << asked.body;
    EXPECT_EQ(Str(Body(asked), "state"), "awaiting_supplement");
    EXPECT_EQ(Outbox("dossier_receive"), 1) << "the request reaches the applicant";

    // The citizen sees what to do; another citizen cannot answer for them.
    const auto view = Body(api.Call(Method::kGet, "/api/v1/dossiers/" + code, "", &citizen));
    const auto& allowed = view.at("allowed_actions").as_array();
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), json::value("supplement")), allowed.end());
    components[0].as_object()["provided"] = true;
    json::object supplement{{"action", "supplement"}, {"components", components}};
    const Browser business = api.SignIn("doanhnghiep");
    const auto forged = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions",
                                 json::serialize(supplement), &business);
    EXPECT_TRUE(forged.status == 403 || forged.status == 404) << forged.body;

    const auto answered = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions",
                                   json::serialize(supplement), &citizen);
    ASSERT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(Str(Body(answered), "state"), "submitted") << "back to the desk for a new check";

    // The desk may not ask a second time at receipt (supplement once), but receives it.
    const auto second = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions",
                                 json::serialize(incomplete), &desk);
    EXPECT_EQ(second.status, 409) << second.body;
    const auto received = api.Call(Method::kPost, "/api/v1/dossiers/" + code + "/actions",
                                   R"({"action":"receive","completeness":"complete"})", &desk);
    ASSERT_EQ(received.status, 200) << received.body;
    EXPECT_EQ(Str(Body(received), "state"), "received");
    EXPECT_FALSE(Body(received).at("appointment_at").is_null());
    // The applicant's notification list tells the story.
    const auto notes = Body(api.Call(Method::kGet, "/api/v1/me/notifications", "", &citizen));
    const std::string all = json::serialize(notes);
    EXPECT_NE(all.find("cần bổ sung"), std::string::npos) << all;
    EXPECT_NE(all.find("đã được tiếp nhận"), std::string::npos) << all;
    EXPECT_NE(all.find("Ngày hẹn trả kết quả"), std::string::npos) << all;
}

TEST_F(CitizenApiTest, OutboxIsDeliveredBySenderAndFailuresRetried) {
    const Browser citizen = api.SignIn("congdan");
    const std::string id = NewDraft(citizen);
    ASSERT_EQ(api.Call(Method::kPost, "/api/v1/drafts/" + id + "/submit", "", &citizen).status,
              201);
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("motcua-outbox-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    // A sender that cannot write: the message stays queued with a later retry.
    app::FileSender broken((dir / "missing" / "out.jsonl").string());
    auto sent = app::DeliverNotifications(api.context(), broken);
    ASSERT_TRUE(static_cast<bool>(sent));
    EXPECT_EQ(*sent, 0);
    app::FileSender file((dir / "out.jsonl").string());
    sent = app::DeliverNotifications(api.context(), file);
    ASSERT_TRUE(static_cast<bool>(sent));
    EXPECT_EQ(*sent, 0) << "not before the retry time";
    api.clock().Advance(std::chrono::minutes(2));
    sent = app::DeliverNotifications(api.context(), file);
    ASSERT_TRUE(static_cast<bool>(sent));
    EXPECT_EQ(*sent, 1);
    std::ifstream in(dir / "out.jsonl");
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    const json::value msg = json::parse(line);
    EXPECT_EQ(msg.at("to").as_string(), "congdan@demo.motcua.vn");
    EXPECT_EQ(msg.at("kind").as_string(), "dossier_submit");
    EXPECT_NE(std::string(msg.at("message").as_string()).find("đã được gửi trực tuyến"),
              std::string::npos);
    // Sent once only.
    sent = app::DeliverNotifications(api.context(), file);
    EXPECT_EQ(*sent, 0);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace motcua::testing
