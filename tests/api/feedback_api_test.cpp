// Citizens' feedback and petitions (PAKN) through /api/v1 (issue #9; REGULATIONS.md §4;
// docs/feedback.md): the cycle end to end with its deadlines across the New Year holiday, the
// rejection paths, and publication without personal data.
#include <filesystem>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/feedback.hpp"
#include "calendar/instant.hpp"
#include "feedback_test_util.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

using feedback_util::Body;
using feedback_util::Str;

std::chrono::sys_seconds At(std::string_view text) {
    return *calendar::ParseInstant(text);
}

constexpr std::string_view kName = "Trần Thị Bích Ngọc";
constexpr std::string_view kPhone = "0987654321";
constexpr std::string_view kEmail = "ngoc.tran@example.vn";

std::string Submission(std::string_view title, std::string_view unit = "46.TTPVHCC") {
    return json::serialize(json::object{
        {"unit", unit},
        {"title", title},
        {"content",
         "Bộ phận một cửa yêu cầu nộp thêm bản sao sổ hộ khẩu dù quy định đã bãi bỏ giấy tờ này."},
        {"sender_name", kName},
        {"sender_address", "15 Lê Lợi, phường Thuận Hóa"},
        {"sender_phone", kPhone},
        {"sender_email", kEmail}});
}

class FeedbackApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        files_ = std::filesystem::temp_directory_path() /
                 ("motcua-feedback-" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(files_);
        api.context().files_dir = files_;
        // Wednesday 30/12/2026 09:00: the New Year holiday (Fri 1/1/2027) and a weekend follow.
        api.clock().Set(At("2026-12-30T09:00:00+07:00"));
        SignInAll();
        static int test_number = 0;
        ip_ = "198.51.100." + std::to_string(++test_number);
    }
    void TearDown() override { std::filesystem::remove_all(files_); }

    void SignInAll() {
        desk = api.SignIn("motcua");
        control = api.SignIn("kiemsoat");
        leader = api.SignIn("lanhdao");
        other_desk = api.SignIn("motcuaxa");
        citizen = api.SignIn("congdan");
    }
    void SetTime(std::string_view instant) {
        api.clock().Set(At(instant));
        SignInAll();
    }

    // Each test submits from its own address (the throttle is per process).
    http::Response Submit(std::string_view body, std::string_view ip = {}) {
        return api.Call(Method::kPost, "/api/v1/feedback", body, nullptr, false, "application/json",
                        ip.empty() ? std::string_view(ip_) : ip);
    }
    json::value Get(const Browser& who, const std::string& code) {
        const auto r = api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &who);
        EXPECT_EQ(r.status, 200) << r.body;
        return Body(r);
    }
    http::Response Act(const Browser& who, const std::string& code, json::object body) {
        if (!body.contains("version")) {
            const auto r = api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &who);
            body["version"] = Body(r).at("version");
        }
        return api.Call(Method::kPost, "/api/v1/feedback/" + code + "/actions",
                        json::serialize(body), &who);
    }
    std::string Deadline(const json::value& v, std::string_view key) {
        return Str(v.at("deadlines"), key);
    }

    ApiFixture api;
    std::filesystem::path files_;
    std::string ip_;
    Browser desk, control, leader, other_desk, citizen;
};

TEST_F(FeedbackApiTest, CycleEndToEndWithDeadlinesAcrossTheNewYearHoliday) {
    // Submitted online, without an account.
    const auto submitted = Submit(Submission("Yêu cầu giấy tờ đã bãi bỏ"));
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    const json::value receipt = Body(submitted);
    const std::string code = Str(receipt, "code");
    const std::string key = Str(receipt, "follow_key");
    EXPECT_EQ(code, "PAKN-46.TTPVHCC-261230-0001");
    EXPECT_EQ(key.size(), 8U);

    // Deadlines from Wed 30/12 09:00, skipping Fri 1/1 (New Year) and the weekend:
    // refuse 2 working days → Mon 4/1; supplement request / forward 5 → Thu 7/1; answer 15 →
    // Thu 21/1.
    json::value v = Get(desk, code);
    EXPECT_EQ(Str(v, "state"), "received");
    EXPECT_EQ(Str(v, "channel"), "online");
    EXPECT_EQ(Deadline(v, "refuse_by"), "2027-01-04T09:00:00+07:00");
    EXPECT_EQ(Deadline(v, "supplement_request_by"), "2027-01-07T09:00:00+07:00");
    EXPECT_EQ(Deadline(v, "forward_by"), "2027-01-07T09:00:00+07:00");
    EXPECT_EQ(Deadline(v, "answer_by"), "2027-01-21T09:00:00+07:00");
    EXPECT_EQ(Deadline(v, "due_at"), "2027-01-07T09:00:00+07:00");
    EXPECT_EQ(Str(v.at("sender"), "name"), kName);  // officers see the contact
    EXPECT_TRUE(v.at("unmet_conditions").as_array().empty());
    EXPECT_TRUE(v.at("may_handle").as_bool());

    // Mon 4/1 10:00: the desk forwards it to the Department of Justice; its clock restarts.
    SetTime("2027-01-04T10:00:00+07:00");
    auto r = Act(desk, code,
                 {{"action", "forward"}, {"to_unit", "46.SOTP"}, {"text", "Thuộc thẩm quyền Sở"}});
    ASSERT_EQ(r.status, 200) << r.body;
    v = Body(r);
    EXPECT_EQ(Str(v, "handling_unit"), "46.SOTP");
    EXPECT_EQ(Str(v, "receiving_unit"), "46.TTPVHCC");
    EXPECT_EQ(Deadline(v, "answer_by"), "2027-01-25T10:00:00+07:00");  // Mon 25/1 10:00
    EXPECT_FALSE(v.at("may_handle").as_bool());  // the desk keeps read access only
    EXPECT_EQ(Act(desk, code, {{"action", "accept"}, {"subject", "regulation"}}).status, 403);

    // Tue 5/1: the control officer asks the sender to complete it.
    SetTime("2027-01-05T10:00:00+07:00");
    r = Act(control, code,
            {{"action", "request_supplement"}, {"text", "Đề nghị gửi số hồ sơ đã nộp"}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto followed = api.Call(Method::kGet, "/api/v1/feedback/follow?code=" + code + "&key=" + key);
    ASSERT_EQ(followed.status, 200) << followed.body;
    EXPECT_EQ(Str(Body(followed), "state"), "awaiting_supplement");
    EXPECT_EQ(Str(Body(followed), "note"), "Đề nghị gửi số hồ sơ đã nộp");

    // Thu 7/1: the sender completes it (two working days of waiting, excluded from the clock).
    SetTime("2027-01-07T10:00:00+07:00");
    r = api.Call(Method::kPost, "/api/v1/feedback/follow",
                 json::serialize(json::object{{"code", code},
                                              {"key", key},
                                              {"action", "supplement"},
                                              {"text", "Hồ sơ số 46.TTPVHCC-261201-0003."}}),
                 nullptr, false);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "received");

    SetTime("2027-01-07T11:00:00+07:00");
    r = Act(control, code, {{"action", "accept"}, {"subject", "regulation"}});
    ASSERT_EQ(r.status, 200) << r.body;
    v = Body(r);
    EXPECT_EQ(Str(v, "state"), "in_handling");
    EXPECT_EQ(Str(v, "subject"), "regulation");
    EXPECT_EQ(Deadline(v, "answer_by"), "2027-01-27T10:00:00+07:00");  // 25/1 + the 2 days waited
    EXPECT_NE(Str(v, "content").find("46.TTPVHCC-261201-0003"), std::string::npos);

    // Wed 20/1: the answer (it quotes the sender's contact, which publication removes).
    SetTime("2027-01-20T15:00:00+07:00");
    const std::string answer = "Trả lời bà " + std::string(kName) + " (" + std::string(kPhone) +
                               "): theo Quyết định 15/2024/QĐ-UBND, sổ hộ khẩu không còn là "
                               "thành phần hồ sơ; đã chấn chỉnh bộ phận một cửa.";
    r = Act(control, code, {{"action", "answer"}, {"text", answer}});
    ASSERT_EQ(r.status, 200) << r.body;
    v = Body(r);
    EXPECT_EQ(Str(v, "state"), "answered");
    EXPECT_EQ(Deadline(v, "publish_by"), "2027-01-22T15:00:00+07:00");  // Fri 22/1 15:00

    SetTime("2027-01-21T09:00:00+07:00");
    r = Act(control, code, {{"action", "publish"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "published");
    v = Get(control, code);
    ASSERT_EQ(v.at("events").as_array().size(), 7U);  // submit … publish
    EXPECT_EQ(Str(v.at("events").as_array()[0], "action"), "submit");
    EXPECT_EQ(Str(v.at("events").as_array()[6], "action"), "publish");
    EXPECT_TRUE(v.at("allowed_actions").as_array().empty());

    // The public sees the redacted answer, in the list and by code + key.
    const auto answers = api.Call(Method::kGet, "/api/v1/feedback/answers");
    ASSERT_EQ(answers.status, 200);
    const json::value list = Body(answers);
    ASSERT_EQ(list.at("items").as_array().size(), 1U);
    const json::value& published = list.at("items").as_array()[0];
    EXPECT_EQ(Str(published, "code"), code);
    EXPECT_NE(Str(published, "answer").find("15/2024/QĐ-UBND"), std::string::npos);
    EXPECT_NE(Str(published, "answer").find("[đã ẩn]"), std::string::npos);
    followed = api.Call(Method::kGet, "/api/v1/feedback/follow?code=" + code + "&key=" + key);
    ASSERT_EQ(followed.status, 200);
    EXPECT_EQ(Str(Body(followed), "state"), "published");
    EXPECT_FALSE(Body(followed).at("answer").is_null());
    for (const http::Response* pub :
         std::initializer_list<const http::Response*>{&answers, &followed}) {
        for (std::string_view secret : {kName, kPhone, kEmail, std::string_view("Lê Lợi")}) {
            EXPECT_EQ(pub->body.find(secret), std::string::npos) << secret << " in " << pub->body;
        }
    }

    // Counted for indicator 5.2: handled on time, a regulation, at the Department (in the
    // province's subtree); the same through app::FeedbackCounts.
    const auto counts = api.Call(
        Method::kGet, "/api/v1/feedback/counts?unit=46&from=2026-12-01&to=2027-01-31", "", &leader);
    ASSERT_EQ(counts.status, 200) << counts.body;
    const json::value c = Body(counts);
    EXPECT_EQ(c.at("regulation").at("received").as_int64(), 1);
    EXPECT_EQ(c.at("regulation").at("handled_on_time").as_int64(), 1);
    EXPECT_EQ(c.at("total").at("considered").as_int64(), 1);
    EXPECT_EQ(c.at("by_state").at("published").as_int64(), 1);
    EXPECT_DOUBLE_EQ(c.at("indicator_5_2").as_double(), 100.0);
    auto direct = app::FeedbackCounts(api.context(), api.UnitId("46.SOTP"),
                                      std::chrono::sys_days{std::chrono::year{2027} / 1 / 1},
                                      std::chrono::sys_days{std::chrono::year{2027} / 1 / 31});
    ASSERT_TRUE(direct);
    EXPECT_EQ(direct->total.received, 0);  // received in December
    EXPECT_EQ(direct->total.handled_on_time, 1);
    EXPECT_EQ(api.Call(Method::kGet,
                       "/api/v1/feedback/counts?unit=46&from=2026-12-01&to=2027-01-31", "", &desk)
                  .status,
              403);
}

TEST_F(FeedbackApiTest, LateAnswerOverdueListAndEscalation) {
    const std::string code = Str(Body(Submit(Submission("Cán bộ hẹn trả chậm"))), "code");
    ASSERT_FALSE(code.empty());
    ASSERT_EQ(Act(desk, code, {{"action", "accept"}, {"subject", "conduct"}}).status, 200);
    // Fri 22/1/2027: past the answer deadline (Thu 21/1 09:00).
    SetTime("2027-01-22T09:00:00+07:00");
    for (const Browser* who : {&desk, &leader}) {
        const auto r = api.Call(Method::kGet, "/api/v1/feedback?box=overdue", "", who);
        ASSERT_EQ(r.status, 200) << r.body;
        const json::value items = Body(r).at("items");
        ASSERT_EQ(items.as_array().size(), 1U);
        EXPECT_EQ(Str(items.as_array()[0], "code"), code);
        EXPECT_TRUE(items.as_array()[0].at("deadlines").at("overdue").as_bool());
    }
    const auto elsewhere = api.Call(Method::kGet, "/api/v1/feedback?box=overdue", "", &other_desk);
    ASSERT_EQ(elsewhere.status, 200);
    EXPECT_TRUE(Body(elsewhere).at("items").as_array().empty());
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback", "", &citizen).status, 403);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback").status, 401);

    ASSERT_EQ(Act(desk, code, {{"action", "answer"}, {"text", "Đã nhắc nhở cán bộ."}}).status, 200);
    auto counts = app::FeedbackCounts(api.context(), api.UnitId("46"),
                                      std::chrono::sys_days{std::chrono::year{2026} / 12 / 1},
                                      std::chrono::sys_days{std::chrono::year{2027} / 1 / 31});
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->conduct.handled_late, 1);
    EXPECT_EQ(counts->total.OnTime(), 0);
}

TEST_F(FeedbackApiTest, DueSoonAndInProgressCounts) {
    const std::string code = Str(Body(Submit(Submission("Chậm tiếp nhận"))), "code");
    // Wed 30/12: the acceptance step is due Thu 7/1 — not within 2 working days yet.
    const auto soon = api.Call(Method::kGet, "/api/v1/feedback?box=due_soon", "", &desk);
    EXPECT_TRUE(Body(soon).at("items").as_array().empty());
    SetTime("2027-01-05T09:00:00+07:00");
    const auto later = api.Call(Method::kGet, "/api/v1/feedback?box=due_soon", "", &desk);
    ASSERT_EQ(Body(later).at("items").as_array().size(), 1U);
    auto counts = app::FeedbackCounts(api.context(), api.UnitId("46.TTPVHCC"),
                                      std::chrono::sys_days{std::chrono::year{2026} / 12 / 1},
                                      std::chrono::sys_days{std::chrono::year{2026} / 12 / 31});
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->unclassified.received, 1);
    EXPECT_EQ(counts->unclassified.in_progress_on_time, 1);
    EXPECT_EQ(code.empty(), false);
}

TEST_F(FeedbackApiTest, BadInputIsRefusedAndWritesNothing) {
    const std::int64_t before = api.Count("feedback");
    const auto status = [&](std::string_view body) { return Submit(body, "198.51.100.7").status; };
    EXPECT_EQ(status("{not json"), 400);
    EXPECT_EQ(status(R"({"unit":"46","title":"x"})"), 400);  // no content
    EXPECT_EQ(status(R"({"unit":"46","title":"x","content":"y","extra":1})"), 400);
    EXPECT_EQ(status(R"({"unit":"46","title":5,"content":"y"})"), 400);
    EXPECT_EQ(status(Submission("Đơn vị lạ", "KHONGCO")), 400);
    EXPECT_EQ(status(R"({"unit":"46","title":"x","content":"y","sender_email":"khong-hop-le"})"),
              400);
    json::object big{{"unit", "46"},
                     {"title", "Quá dài"},
                     {"content", std::string(app::kMaxFeedbackContentChars + 1, 'a')}};
    const auto oversize = Submit(json::serialize(big), "198.51.100.7");
    EXPECT_EQ(oversize.status, 400);
    EXPECT_EQ(oversize.content_type, "application/problem+json");
    EXPECT_NE(oversize.body.find("20000"), std::string::npos) << oversize.body;
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/feedback", Submission("x"), nullptr, false,
                       "text/plain", "198.51.100.7")
                  .status,
              400);
    EXPECT_EQ(api.Count("feedback"), before);
}

TEST_F(FeedbackApiTest, DoubleClickAndIdempotencyKeyCreateOne) {
    const auto first = Submit(Submission("Gửi hai lần"));
    ASSERT_EQ(first.status, 201);
    const auto again = Submit(Submission("Gửi hai lần"));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(Str(Body(again), "code"), Str(Body(first), "code"));

    api.SetHeader("idempotency-key", "0d6f1c1e-7d0b-4b59-9e4f-5d1c9a3b2e10");
    const auto keyed = Submit(Submission("Có khóa"));
    ASSERT_EQ(keyed.status, 201);
    const auto replay = Submit(Submission("Có khóa"));
    ASSERT_EQ(replay.status, 200);
    EXPECT_EQ(Str(Body(replay), "code"), Str(Body(keyed), "code"));
    EXPECT_EQ(Submit(Submission("Nội dung khác, cùng khóa")).status, 409);
    api.ClearHeaders();
    EXPECT_EQ(api.Count("feedback"), 2);
}

TEST_F(FeedbackApiTest, SubmissionsAreThrottledPerAddress) {
    for (int i = 0; i < app::kMaxFeedbackSubmissionsPerWindow; ++i) {
        ASSERT_EQ(Submit(Submission("Phản ánh số " + std::to_string(i)), "203.0.113.9").status,
                  201);
    }
    const auto throttled = Submit(Submission("Một lần nữa"), "203.0.113.9");
    EXPECT_EQ(throttled.status, 429);
    EXPECT_EQ(throttled.content_type, "application/problem+json");
    EXPECT_EQ(throttled.Header("retry-after").value_or(""), "900");
    EXPECT_EQ(Submit(Submission("Địa chỉ khác"), "203.0.113.10").status, 201);
}

TEST_F(FeedbackApiTest, FollowNeedsTheKeyAndIsThrottled) {
    const json::value receipt = Body(Submit(Submission("Theo dõi")));
    const std::string code = Str(receipt, "code");
    const auto call = [&](const std::string& key) {
        return api.Call(Method::kGet, "/api/v1/feedback/follow?code=" + code + "&key=" + key, "",
                        nullptr, true, "application/json", "203.0.113.50");
    };
    const auto ok = call(Str(receipt, "follow_key"));
    ASSERT_EQ(ok.status, 200);
    for (std::string_view secret : {kName, kPhone, kEmail}) {
        EXPECT_EQ(ok.body.find(secret), std::string::npos);
    }
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(call("SAIKHOA1").status, 404);
    }
    const auto limited = call(Str(receipt, "follow_key"));
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.Header("retry-after").value_or(""), "900");
}

TEST_F(FeedbackApiTest, IllegalMovesStaleVersionsAndScope) {
    const std::string code = Str(Body(Submit(Submission("Kiểm tra trạng thái"))), "code");
    // Publishing before an answer: 409 naming the rule; nothing written.
    auto r = Act(desk, code, {{"action", "publish"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(Get(desk, code).at("version").as_int64(), 1);
    // Refusing without a reason: 400.
    EXPECT_EQ(Act(desk, code, {{"action", "refuse"}}).status, 400);
    // Stale version (body and If-Match).
    ASSERT_EQ(Act(desk, code, {{"action", "accept"}, {"subject", "regulation"}}).status, 200);
    r = Act(desk, code, {{"action", "answer"}, {"text", "Trả lời"}, {"version", 1}});
    EXPECT_EQ(r.status, 409) << r.body;
    api.SetHeader("if-match", "\"v1\"");
    EXPECT_EQ(Act(desk, code, {{"action", "answer"}, {"text", "Trả lời"}}).status, 409);
    api.SetHeader("if-match", "\"v2\"");
    EXPECT_EQ(Act(desk, code, {{"action", "answer"}, {"text", "Trả lời"}}).status, 200);
    api.ClearHeaders();
    // Another unit's officer: not found; the leader reads but may not act; a citizen neither.
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &other_desk).status, 404);
    EXPECT_EQ(Act(other_desk, code, {{"action", "publish"}, {"version", 3}}).status, 404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &leader).status, 200);
    EXPECT_EQ(Act(leader, code, {{"action", "publish"}}).status, 403);
    EXPECT_EQ(Act(citizen, code, {{"action", "publish"}, {"version", 3}}).status, 404);
    // Unknown action, unknown forward unit.
    EXPECT_EQ(Act(desk, code, {{"action", "xoa"}}).status, 400);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback/PAKN-KHONG-CO", "", &desk).status, 404);
}

TEST_F(FeedbackApiTest, AcceptanceConditionsAndRefusal) {
    // Anonymous and without contact: cannot be accepted, only refused with a reason.
    const std::string code = Str(
        Body(Submit(
            R"({"unit":"46.TTPVHCC","title":"Không tên","content":"Thủ tục này rườm rà quá, cần bỏ bớt giấy tờ."})")),
        "code");
    ASSERT_FALSE(code.empty());
    const json::value v = Get(desk, code);
    EXPECT_FALSE(v.at("unmet_conditions").as_array().empty());
    auto r = Act(desk, code, {{"action", "accept"}, {"subject", "regulation"}});
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_NE(r.body.find("Nghị định 20/2008"), std::string::npos);
    r = Act(desk, code, {{"action", "forward"}, {"to_unit", "KHONGCO"}});
    EXPECT_EQ(r.status, 400);
    r = Act(desk, code, {{"action", "refuse"}, {"text", "Thiếu họ tên và địa chỉ liên hệ."}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Str(Body(r), "state"), "refused");
    EXPECT_EQ(Act(desk, code, {{"action", "accept"}, {"subject", "regulation"}}).status, 409);
}

TEST_F(FeedbackApiTest, OfficersEnterDeskPostAndPhoneFeedback) {
    json::object body = json::parse(Submission("Phản ánh qua điện thoại")).as_object();
    body["channel"] = "phone";
    const std::string text = json::serialize(body);
    const auto r = api.Call(Method::kPost, "/api/v1/feedback/intake", text, &desk);
    ASSERT_EQ(r.status, 201) << r.body;
    const json::value v = Get(desk, Str(Body(r), "code"));
    EXPECT_EQ(Str(v, "channel"), "phone");
    EXPECT_EQ(Str(v.at("events").as_array()[0], "actor"), "Phạm Thị Thu");
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/feedback/intake", text, &citizen).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/feedback/intake", text, &other_desk).status, 403);
    EXPECT_EQ(api.Call(Method::kPost, "/api/v1/feedback/intake", text).status, 401);
    body["channel"] = "online";
    EXPECT_EQ(
        api.Call(Method::kPost, "/api/v1/feedback/intake", json::serialize(body), &desk).status,
        400);
}

TEST_F(FeedbackApiTest, AttachmentsWithLimits) {
    const json::value receipt = Body(Submit(Submission("Có tệp đính kèm")));
    const std::string code = Str(receipt, "code");
    const std::string key = Str(receipt, "follow_key");
    const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    const auto upload = [&](const std::string& k, std::string_view bytes, std::string_view type) {
        return api.Call(Method::kPost,
                        "/api/v1/feedback/" + code + "/attachments?key=" + k + "&name=don.pdf",
                        bytes, nullptr, false, type, "203.0.113.77");
    };
    const auto ok = upload(key, pdf, "application/pdf");
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(Str(Body(ok), "file_name"), "don.pdf");
    EXPECT_EQ(upload("SAIKHOA1", pdf, "application/pdf").status, 404);
    EXPECT_EQ(upload(key, "MZ\x90\x00 not a document", "application/pdf").status, 415);
    EXPECT_EQ(upload(key, std::string(app::kMaxFeedbackAttachmentBytes + 1, 'a'), "application/pdf")
                  .status,
              413);
    EXPECT_EQ(upload(key, pdf, "application/pdf").status, 201);
    EXPECT_EQ(upload(key, pdf, "application/pdf").status, 201);
    EXPECT_EQ(upload(key, pdf, "application/pdf").status, 409);  // at most 3
    EXPECT_EQ(Get(desk, code).at("attachments").as_array().size(), 3U);
    // Officers who may read it download the files; others get 404.
    const auto file =
        api.Call(Method::kGet, "/api/v1/feedback/" + code + "/attachments/1", "", &desk);
    ASSERT_EQ(file.status, 200) << file.body;
    EXPECT_EQ(file.body, pdf);
    EXPECT_EQ(file.content_type, "application/pdf");
    EXPECT_EQ(
        api.Call(Method::kGet, "/api/v1/feedback/" + code + "/attachments/4", "", &desk).status,
        404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback/" + code + "/attachments/1", "", &other_desk)
                  .status,
              404);
    EXPECT_EQ(api.Call(Method::kGet, "/api/v1/feedback/" + code + "/attachments/1").status, 401);
}

}  // namespace
}  // namespace motcua::testing
