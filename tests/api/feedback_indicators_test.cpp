// Citizens' feedback (issue #9) feeding the numbers of issue #6: indicators 5.2 and 5.3 of
// Decision 766 (REGULATIONS.md §1.4), the sender's rating of an answer and re-raised feedback,
// and the PAKN form of the periodic report (REGULATIONS.md §3.2) in JSON, XLSX and PDF.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "app/feedback.hpp"
#include "app/reports.hpp"
#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"
#include "feedback_test_util.hpp"
#include "store/plans.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using http::Method;

using feedback_util::Body;
using feedback_util::Str;

std::string Submission(std::string_view title, std::string_view reraises = {},
                       std::string_view reraises_key = {}) {
    json::object o{
        {"unit", "46.TTPVHCC"},
        {"title", title},
        {"content",
         "Bộ phận một cửa yêu cầu nộp thêm bản sao sổ hộ khẩu dù quy định đã bãi bỏ giấy tờ này."},
        {"sender_name", "Trần Thị Bích Ngọc"},
        {"sender_address", "15 Lê Lợi, phường Thuận Hóa"},
        {"sender_phone", "0987654321"}};
    if (!reraises.empty()) {
        o["reraises"] = reraises;
        o["reraises_key"] = reraises_key;
    }
    return json::serialize(o);
}

struct Sent {
    std::string code;
    std::string key;
};

class FeedbackIndicatorsTest : public ::testing::Test {
protected:
    void SetUp() override {
        static int test_number = 0;
        ip_ = "203.0.113." + std::to_string(++test_number);
        SetTime("2026-07-01T09:00:00+07:00");  // Wednesday; no holiday in July
    }
    void SetTime(std::string_view instant) {
        api.clock().Set(*calendar::ParseInstant(instant));
        desk = api.SignIn("motcua");
        leader = api.SignIn("lanhdao");
    }
    Sent Submit(std::string_view body) {
        const auto r = api.Call(Method::kPost, "/api/v1/feedback", body, nullptr, false,
                                "application/json", ip_);
        EXPECT_EQ(r.status, 201) << r.body;
        const json::value v = Body(r);
        return {Str(v, "code"), Str(v, "follow_key")};
    }
    void Act(const std::string& code, json::object body) {
        const auto got = api.Call(Method::kGet, "/api/v1/feedback/" + code, "", &desk);
        body["version"] = Body(got).at("version");
        const auto r = api.Call(Method::kPost, "/api/v1/feedback/" + code + "/actions",
                                json::serialize(body), &desk);
        EXPECT_EQ(r.status, 200) << code << " " << r.body;
    }
    http::Response Follow(const Sent& s, json::object body) {
        body["code"] = s.code;
        body["key"] = s.key;
        return api.Call(Method::kPost, "/api/v1/feedback/follow", json::serialize(body), nullptr,
                        false, "application/json", ip_);
    }
    http::Response Rate(const Sent& s, bool satisfied, std::string_view comment = {}) {
        return Follow(s, {{"action", "rate"}, {"satisfied", satisfied}, {"text", comment}});
    }

    // The July scenario (hand-computed below):
    //   A regulation, answered Fri 3/7, rated satisfied, raised again by E;
    //   B conduct, answered Fri 3/7, rated not satisfied;
    //   C regulation, answered Fri 24/7 — its deadline was Wed 22/7 09:00 (15 working days);
    //   D refused Thu 2/7 (within 2 working days), no class;
    //   E submitted Thu 2/7 raising A again, never handled: due Thu 23/7, overdue on 31/7;
    //   F withdrawn by its sender on Thu 2/7;
    //   G regulation, answered Mon 6/7, published, rated satisfied.
    void July() {
        a = Submit(Submission("Giấy tờ đã bãi bỏ A"));
        b = Submit(Submission("Cán bộ hẹn trả chậm B"));
        c = Submit(Submission("Thành phần hồ sơ C"));
        d = Submit(Submission("Nội dung D"));
        f = Submit(Submission("Phản ánh F"));
        g = Submit(Submission("Mẫu đơn G"));
        for (const Sent* s : {&a, &c, &g}) {
            Act(s->code, {{"action", "accept"}, {"subject", "regulation"}});
        }
        Act(b.code, {{"action", "accept"}, {"subject", "conduct"}});
        SetTime("2026-07-02T10:00:00+07:00");
        Act(d.code, {{"action", "refuse"}, {"text", "Nội dung thuộc thẩm quyền Tòa án."}});
        EXPECT_EQ(Follow(f, {{"action", "withdraw"}}).status, 200);
        e = Submit(Submission("Vẫn bị yêu cầu giấy tờ đã bãi bỏ E", a.code, a.key));
        SetTime("2026-07-03T15:00:00+07:00");
        for (const Sent* s : {&a, &b}) {
            Act(s->code, {{"action", "answer"}, {"text", "Đã chấn chỉnh, không yêu cầu nữa."}});
        }
        EXPECT_EQ(Rate(a, true).status, 200);
        const auto rated = Rate(b, false, "Câu trả lời chung chung.");
        EXPECT_EQ(rated.status, 200) << rated.body;
        SetTime("2026-07-06T09:00:00+07:00");
        Act(g.code, {{"action", "answer"}, {"text", "Mẫu đơn đã được sửa."}});
        Act(g.code, {{"action", "publish"}});
        EXPECT_EQ(Rate(g, true).status, 200);
        SetTime("2026-07-24T09:00:00+07:00");
        Act(c.code, {{"action", "answer"}, {"text", "Đã rà soát thành phần hồ sơ."}});
        SetTime("2026-10-20T09:00:00+07:00");
    }

    ApiFixture api;
    std::string ip_;
    Browser desk, leader;
    Sent a, b, c, d, e, f, g;
};

json::value Indicator(const json::value& body, std::string_view id) {
    for (const auto& group : body.at("groups").as_array()) {
        for (const auto& v : group.at("indicators").as_array()) {
            if (v.at("id").as_string() == id) {
                return v;
            }
        }
    }
    ADD_FAILURE() << "no indicator " << id;
    return nullptr;
}

TEST_F(FeedbackIndicatorsTest, IndicatorsFiveTwoAndFiveThreeByHand) {
    July();
    const auto r = api.Call(
        Method::kGet, "/api/v1/indicators?unit=46&period=2026-07&window=calendar", "", &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value body = Body(r);
    // 5.2: considered A B C D E G (F withdrawn, not judged) = 6; on time A B D G = 4
    // (C answered late, E open past its deadline) → 66.67% → 6 × 0.6667 = 4.00 points.
    const json::value v52 = Indicator(body, "5.2");
    EXPECT_EQ(v52.at("numerator").as_int64(), 4);
    EXPECT_EQ(v52.at("denominator").as_int64(), 6);
    EXPECT_DOUBLE_EQ(v52.at("rate_percent").as_double(), 66.67);
    EXPECT_DOUBLE_EQ(v52.at("points").as_double(), 4.0);
    // 5.3: first received in July and not withdrawn = 6; failing: A (raised again by E), B (not
    // satisfied), C (late), E (late) → 2 of 6 = 33.33% → 2.00 points.
    const json::value v53 = Indicator(body, "5.3");
    EXPECT_EQ(v53.at("numerator").as_int64(), 2);
    EXPECT_EQ(v53.at("denominator").as_int64(), 6);
    EXPECT_DOUBLE_EQ(v53.at("rate_percent").as_double(), 33.33);
    EXPECT_DOUBLE_EQ(v53.at("points").as_double(), 2.0);
    EXPECT_NE(Str(v53, "note").find("không hài lòng 1, phản ánh lại 1, trễ hạn 2"),
              std::string::npos)
        << Str(v53, "note");

    // The counts API says the same.
    const auto counts = api.Call(
        Method::kGet, "/api/v1/feedback/counts?unit=46&from=2026-07-01&to=2026-07-31", "", &leader);
    ASSERT_EQ(counts.status, 200) << counts.body;
    const json::value t = Body(counts).at("total");
    EXPECT_EQ(t.at("satisfaction_base").as_int64(), 6);
    EXPECT_EQ(t.at("rated_satisfied").as_int64(), 2);
    EXPECT_EQ(t.at("rated_unsatisfied").as_int64(), 1);
    EXPECT_EQ(t.at("reraised").as_int64(), 1);
    EXPECT_EQ(t.at("satisfied").as_int64(), 2);
    EXPECT_NEAR(Body(counts).at("indicator_5_3").as_double(), 33.333, 0.01);

    // A rating given after the window does not count in it: judged at the window's end.
    // Mid-July (1–10/7): C and E are still within their deadlines; B's rating (3/7) counts.
    const auto early = api.Call(
        Method::kGet, "/api/v1/indicators?unit=46&from=2026-07-01&to=2026-07-10", "", &leader);
    ASSERT_EQ(early.status, 200) << early.body;
    const json::value e52 = Indicator(Body(early), "5.2");
    EXPECT_EQ(e52.at("numerator").as_int64(), 6);
    EXPECT_EQ(e52.at("denominator").as_int64(), 6);
    const json::value e53 = Indicator(Body(early), "5.3");
    EXPECT_EQ(e53.at("numerator").as_int64(), 4);  // less A (raised again) and B (not satisfied)

    // A unit with no feedback: a zero denominator, no rate, not "Chưa có dữ liệu".
    const auto none =
        api.Call(Method::kGet, "/api/v1/indicators?unit=46.SOTP&period=2026-07&window=calendar", "",
                 &leader);
    ASSERT_EQ(none.status, 200) << none.body;
    const json::value n52 = Indicator(Body(none), "5.2");
    EXPECT_EQ(n52.at("denominator").as_int64(), 0);
    EXPECT_TRUE(n52.at("rate_percent").is_null());
    EXPECT_EQ(Str(n52, "note").find("Chưa có dữ liệu"), std::string::npos);
    const auto province_q2 = api.Call(
        Method::kGet, "/api/v1/indicators?unit=46&period=2026-Q2&window=calendar", "", &leader);
    ASSERT_EQ(province_q2.status, 200) << province_q2.body;
    for (const char* id : {"5.2", "5.3"}) {
        const json::value v = Indicator(Body(province_q2), id);
        EXPECT_EQ(v.at("denominator").as_int64(), 0) << id;
        EXPECT_TRUE(v.at("rate_percent").is_null()) << id;
        EXPECT_EQ(Str(v, "note").find("Chưa có dữ liệu"), std::string::npos) << id;
    }
}

TEST_F(FeedbackIndicatorsTest, RatingOnceAfterTheAnswerAndReraiseNeedsTheKey) {
    const Sent s = Submit(Submission("Chậm trả lời"));
    const std::int64_t events = api.Count("feedback_events");
    // Not answered yet: 409, nothing written.
    auto r = Rate(s, true);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(api.Count("feedback_ratings"), 0);
    // The follow view says whether a rating is possible.
    auto followed =
        api.Call(Method::kGet, "/api/v1/feedback/follow?code=" + s.code + "&key=" + s.key, "",
                 nullptr, false, "application/json", ip_);
    EXPECT_FALSE(Body(followed).at("may_rate").as_bool());
    Act(s.code, {{"action", "accept"}, {"subject", "regulation"}});
    Act(s.code, {{"action", "answer"}, {"text", "Đã trả lời."}});
    // Bad inputs: no "satisfied", a wrong type, an unknown field, a wrong key.
    EXPECT_EQ(Follow(s, {{"action", "rate"}}).status, 400);
    EXPECT_EQ(Follow(s, {{"action", "rate"}, {"satisfied", "có"}}).status, 400);
    EXPECT_EQ(Follow(s, {{"action", "rate"}, {"satisfied", true}, {"stars", 5}}).status, 400);
    Sent wrong = s;
    wrong.key = "ZZZZZZZZ";
    EXPECT_EQ(Rate(wrong, true).status, 404);
    EXPECT_EQ(Rate(s, false, std::string(2001, 'x')).status, 400);
    EXPECT_EQ(api.Count("feedback_ratings"), 0);
    // Once.
    r = Rate(s, false, "Chưa giải quyết được vướng mắc.");
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value v = Body(r);
    EXPECT_FALSE(v.at("rating").at("satisfied").as_bool());
    EXPECT_EQ(Str(v.at("rating"), "comment"), "Chưa giải quyết được vướng mắc.");
    EXPECT_FALSE(v.at("may_rate").as_bool());
    EXPECT_EQ(Rate(s, true).status, 409);
    EXPECT_EQ(api.Count("feedback_ratings"), 1);
    // The rating is in the history (by the sender) and audited.
    const json::value view = Body(api.Call(Method::kGet, "/api/v1/feedback/" + s.code, "", &desk));
    EXPECT_EQ(Str(view.at("events").as_array().back(), "action"), "rate");
    EXPECT_GT(api.Count("feedback_events"), events);

    // Raising it again needs its key; a wrong key or an unknown code is 400 and writes nothing.
    const std::int64_t before = api.Count("feedback");
    auto bad =
        api.Call(Method::kPost, "/api/v1/feedback", Submission("Phản ánh lại", s.code, "ZZZZZZZZ"),
                 nullptr, false, "application/json", ip_);
    EXPECT_EQ(bad.status, 400) << bad.body;
    bad = api.Call(Method::kPost, "/api/v1/feedback",
                   Submission("Phản ánh lại", "PAKN-46-000000-0001", s.key), nullptr, false,
                   "application/json", ip_);
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(api.Count("feedback"), before);
    EXPECT_EQ(api.Count("feedback_reraises"), 0);
    const Sent again = Submit(Submission("Phản ánh lại", s.code, s.key));
    EXPECT_EQ(api.Count("feedback_reraises"), 1);
    const json::value again_view =
        Body(api.Call(Method::kGet, "/api/v1/feedback/" + again.code, "", &desk));
    EXPECT_NE(Str(again_view.at("events").as_array().front(), "text").find(s.code),
              std::string::npos);
}

TEST_F(FeedbackIndicatorsTest, PaknFormInTheQuarterlyReport) {
    July();
    auto r = api.Call(Method::kGet,
                      "/api/v1/reports/tthc-settlement?unit=46&period=2026-Q3&window=calendar", "",
                      &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value form = Body(r).at("feedback");
    const auto& subjects = form.at("by_subject").as_array();
    ASSERT_EQ(subjects.size(), 3U);
    // Regulation: A, C, G received; A and G on time, C late.
    EXPECT_EQ(Str(subjects[0], "label"), "Về quy định hành chính");
    EXPECT_EQ(subjects[0].at("received").at("total").as_int64(), 3);
    EXPECT_EQ(subjects[0].at("handled").at("on_time").as_int64(), 2);
    EXPECT_EQ(subjects[0].at("handled").at("late").as_int64(), 1);
    // Conduct: B, on time.
    EXPECT_EQ(subjects[1].at("handled").at("total").as_int64(), 1);
    // Not classified: D refused on time, E open and overdue (30/9), F withdrawn.
    EXPECT_EQ(subjects[2].at("received").at("in_period").as_int64(), 3);
    EXPECT_EQ(subjects[2].at("handled").at("on_time").as_int64(), 1);
    EXPECT_EQ(subjects[2].at("in_progress").at("overdue").as_int64(), 1);
    EXPECT_EQ(subjects[2].at("withdrawn").as_int64(), 1);
    const json::value& total = form.at("total");
    EXPECT_EQ(total.at("received").at("total").as_int64(), 7);
    EXPECT_EQ(total.at("received").at("carried_over").as_int64(), 0);
    EXPECT_EQ(total.at("handled").at("total").as_int64(), 5);
    EXPECT_EQ(total.at("in_progress").at("total").as_int64(), 1);
    // The invariant: received = handled + withdrawn + in progress, on every row.
    const auto holds = [](const json::value& row) {
        return row.at("received").at("total").as_int64() ==
               row.at("handled").at("total").as_int64() + row.at("withdrawn").as_int64() +
                   row.at("in_progress").at("total").as_int64();
    };
    for (const auto& row : subjects) {
        EXPECT_TRUE(holds(row)) << json::serialize(row);
    }
    ASSERT_EQ(form.at("by_unit").as_array().size(), 1U);
    EXPECT_TRUE(holds(form.at("by_unit").as_array()[0]));
    EXPECT_TRUE(holds(total));

    // August: only E is carried over (finished and withdrawn ones stay in July).
    r = api.Call(Method::kGet,
                 "/api/v1/reports/tthc-settlement?unit=46&period=2026-08&window=calendar", "",
                 &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value aug = Body(r).at("feedback").at("total");
    EXPECT_EQ(aug.at("received").at("in_period").as_int64(), 0);
    EXPECT_EQ(aug.at("received").at("carried_over").as_int64(), 1);
    EXPECT_EQ(aug.at("in_progress").at("overdue").as_int64(), 1);
    EXPECT_EQ(aug.at("withdrawn").as_int64(), 0);

    // A unit without feedback: the form reads zeros, not missing.
    r = api.Call(Method::kGet,
                 "/api/v1/reports/tthc-settlement?unit=46.SOTP&period=2026-Q3&window=calendar", "",
                 &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value zero = Body(r).at("feedback");
    EXPECT_EQ(zero.at("total").at("received").at("total").as_int64(), 0);
    EXPECT_EQ(zero.at("by_subject").as_array().size(), 3U);

    // The XLSX has a second sheet laid out like the form; the PDF prints it on a new page.
    r = api.Call(
        Method::kGet,
        "/api/v1/reports/tthc-settlement?unit=46&period=2026-Q3&window=calendar&format=xlsx", "",
        &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.rfind("PK", 0), 0U);
    r = api.Call(
        Method::kGet,
        "/api/v1/reports/tthc-settlement?unit=46&period=2026-Q3&window=calendar&format=pdf", "",
        &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.rfind("%PDF", 0), 0U);
}

TEST_F(FeedbackIndicatorsTest, BrokenInvariantIsAnInternalErrorNamingTheRow) {
    app::FeedbackCountRow row;
    row.received = 2;
    row.handled_on_time = 1;
    const base::Status s = app::CheckFeedbackRow(row, "Về quy định hành chính");
    EXPECT_EQ(s.error().code, base::ErrorCode::kInternal);
    EXPECT_NE(s.error().message.find("Về quy định hành chính"), std::string::npos);
    row.in_progress_on_time = 1;
    EXPECT_TRUE(app::CheckFeedbackRow(row, "x").ok());
}

// Overdue steps are escalated to the handling unit's leaders once per step and deadline: the
// Service Centre has no leader of its own, so the province's leader (lanhdao) is told.
TEST_F(FeedbackIndicatorsTest, OverdueStepsEscalateOnceToTheLeaders) {
    const Sent s = Submit(Submission("Chậm trả lời phản ánh"));
    Act(s.code, {{"action", "accept"}, {"subject", "regulation"}});
    ASSERT_TRUE(app::SweepFeedbackEscalations(api.context()));
    EXPECT_EQ(api.Count("feedback_escalations"), 0);  // not due yet
    const std::int64_t before = api.Count("notifications");
    SetTime("2026-07-22T09:00:01+07:00");  // one second past the answer deadline (Wed 22/7 09:00)
    auto queued = app::SweepFeedbackEscalations(api.context());
    ASSERT_TRUE(queued) << queued.error().message;
    EXPECT_EQ(*queued, 1);
    EXPECT_EQ(api.Count("notifications"), before + 1);
    EXPECT_EQ(api.Count("feedback_escalations"), 1);
    SetTime("2026-07-23T09:00:00+07:00");
    queued = app::SweepFeedbackEscalations(api.context());
    ASSERT_TRUE(queued);
    EXPECT_EQ(*queued, 0);  // once
    EXPECT_EQ(api.Count("notifications"), before + 1);
    // Answered: the publication step has its own deadline (2 working days), escalated once too.
    Act(s.code, {{"action", "answer"}, {"text", "Đã trả lời."}});
    SetTime("2026-07-28T09:00:00+07:00");
    queued = app::SweepFeedbackEscalations(api.context());
    ASSERT_TRUE(queued);
    EXPECT_EQ(*queued, 1);
    EXPECT_EQ(api.Count("feedback_escalations"), 2);
    // Published: nothing more.
    Act(s.code, {{"action", "publish"}});
    SetTime("2026-08-28T09:00:00+07:00");
    queued = app::SweepFeedbackEscalations(api.context());
    ASSERT_TRUE(queued);
    EXPECT_EQ(*queued, 0);
}

// The step deadlines come from a versioned rules file; a feedback is judged by the version in
// force on the day it was submitted.
class RuleBookGuard {
public:
    explicit RuleBookGuard(std::shared_ptr<const domain::feedback::RuleBook> book) {
        app::SetFeedbackRuleBook(std::move(book));
    }
    ~RuleBookGuard() { app::SetFeedbackRuleBook(nullptr); }
    RuleBookGuard(const RuleBookGuard&) = delete;
    RuleBookGuard& operator=(const RuleBookGuard&) = delete;
};

TEST_F(FeedbackIndicatorsTest, TheRulesVersionInForceAtSubmissionIsUsed) {
    // The embedded file parses and holds the National Portal's figures.
    const auto embedded = domain::feedback::RuleBook::Embedded();
    ASSERT_FALSE(embedded->All().empty());
    EXPECT_EQ(embedded->All().front().rules.answer_within, 15);
    EXPECT_EQ(embedded->All().front().rules.refuse_within, 2);

    auto book = domain::feedback::RuleBook::Parse(R"({"versions":[
      {"id":"a","title":"A","effective_from":"2021-01-01","source":"s","refuse_within":2,
       "supplement_request_within":5,"forward_within":5,"answer_within":15,"publish_within":2},
      {"id":"b","title":"B","effective_from":"2026-07-15","source":"s","refuse_within":3,
       "supplement_request_within":5,"forward_within":5,"answer_within":10,"publish_within":2}]})");
    ASSERT_TRUE(book) << book.error().message;
    const RuleBookGuard guard(*book);
    const Sent before = Submit(Submission("Trước ngày hiệu lực"));  // Wed 1/7 09:00: version a
    SetTime("2026-07-16T09:00:00+07:00");
    const Sent after = Submit(Submission("Sau ngày hiệu lực"));  // Thu 16/7 09:00: version b
    const auto deadlines = [&](const Sent& s) {
        return Body(api.Call(Method::kGet, "/api/v1/feedback/" + s.code, "", &desk))
            .at("deadlines");
    };
    // a: 15 working days from Wed 1/7 → Wed 22/7; refuse 2 → Fri 3/7.
    EXPECT_EQ(Str(deadlines(before), "answer_by"), "2026-07-22T09:00:00+07:00");
    EXPECT_EQ(Str(deadlines(before), "refuse_by"), "2026-07-03T09:00:00+07:00");
    // b: 10 working days from Thu 16/7 → Thu 30/7; refuse 3 → Tue 21/7.
    EXPECT_EQ(Str(deadlines(after), "answer_by"), "2026-07-30T09:00:00+07:00");
    EXPECT_EQ(Str(deadlines(after), "refuse_by"), "2026-07-21T09:00:00+07:00");

    // Broken files are refused, naming what is wrong; the rules in use stay.
    for (const char* bad :
         {"{", R"({"versions":[]})",
          R"({"versions":[{"id":"x","title":"X","effective_from":"2026-01-01","source":"s",)"
          R"("refuse_within":0,"supplement_request_within":5,"forward_within":5,)"
          R"("answer_within":15,"publish_within":2}]})",
          R"({"versions":[{"id":"x","title":"X","effective_from":"1/1/2026","source":"s",)"
          R"("refuse_within":2,"supplement_request_within":5,"forward_within":5,)"
          R"("answer_within":15,"publish_within":2}]})"}) {
        auto parsed = domain::feedback::RuleBook::Parse(bad);
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, base::ErrorCode::kInvalidArgument);
    }
    EXPECT_FALSE(app::LoadFeedbackRules("/nonexistent/feedback.json"));
    EXPECT_EQ(Str(deadlines(after), "answer_by"), "2026-07-30T09:00:00+07:00");
}

// Issue #7: a plan's progress feeds the periodic report. The S2 seed plan (Nhật Tân, 2024) is
// imported for the province; the 2024 report lists its deliverables due in the year, judged at
// the year's end: those reported done by their due day, done later, and the rest overdue.
TEST_F(FeedbackIndicatorsTest, PlanProgressOfTheImportedS2PlanInTheYearReport) {
    std::ifstream in(std::string(MOTCUA_SEED_DIR) + "/s2-nhat-tan-2024.txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const Browser control = api.SignIn("kiemsoat");
    const auto imported = api.Call(Method::kPost, "/api/v1/plans/import?unit=46&year=2024",
                                   text.str(), &control, true, "text/plain; charset=utf-8");
    ASSERT_EQ(imported.status, 201) << imported.body;
    const std::int64_t plan_id = Body(imported).at("id").as_int64();

    // The deliverables and their due dates in 2024, read from the store.
    namespace sp = store::plans;
    auto plan = app::InReadTransaction<sp::Plan>(
        *api.context().db, [&](store::Transaction& tx) -> base::Result<sp::Plan> {
            auto p = sp::Get(tx, plan_id);
            if (!p) {
                return std::move(p).error();
            }
            return **p;
        });
    ASSERT_TRUE(plan) << plan.error().message;
    using std::chrono::sys_days;
    const sys_days from{std::chrono::year{2024} / 1 / 1};
    const sys_days to{std::chrono::year{2024} / 12 / 31};
    std::vector<const sp::Deliverable*> with_due;
    int due = 0;
    for (const auto& section : plan->sections) {
        for (const auto& task : section.tasks) {
            for (const auto& deliv : task.deliverables) {
                int n = 0;
                for (const sys_days day : deliv.due) {
                    n += day >= from && day <= to ? 1 : 0;
                }
                if (n > 0) {
                    with_due.push_back(&deliv);
                }
                due += n;
            }
        }
    }
    ASSERT_GE(with_due.size(), 2U) << "S2 should have deliverables due in 2024";

    // d1 reported done on its first due day (10:00): every due date of it counts done on time;
    // d2 reported done on 31/12/2024: its due dates before that day count done late. Every lead
    // unit reports (with no lead resolved, any unit's report counts).
    const sp::Deliverable& d1 = *with_due[0];
    const sp::Deliverable& d2 = *with_due[1];
    const auto report_done = [&](const sp::Deliverable& deliv, sys_days day) {
        std::vector<std::int64_t> units;
        for (const sp::Assignment& asg : deliv.assignments) {
            if (asg.role == "lead") {
                units.push_back(asg.unit_id);
            }
        }
        if (units.empty()) {
            units.push_back(api.UnitId("46"));
        }
        for (const std::int64_t unit : units) {
            auto added = app::InWriteTransaction<std::int64_t>(
                *api.context().db, [&](store::Transaction& tx) -> base::Result<std::int64_t> {
                    sp::Progress p;
                    p.deliverable_id = deliv.id;
                    p.unit_id = unit;
                    p.status = "done";
                    p.percent = 100;
                    p.reported_at = std::chrono::sys_seconds{day} + std::chrono::hours{10} -
                                    calendar::kVietnamOffset;
                    return sp::AddProgress(tx, p);
                });
            ASSERT_TRUE(added) << added.error().message;
        }
    };
    sys_days d1_first = to;
    for (const sys_days day : d1.due) {
        if (day >= from && day <= to && day < d1_first) {
            d1_first = day;
        }
    }
    report_done(d1, d1_first);
    report_done(d2, to);
    int done = 0;
    int done_late = 0;
    for (const sys_days day : d1.due) {
        done += day >= from && day <= to ? 1 : 0;
    }
    for (const sys_days day : d2.due) {
        if (day >= from && day <= to) {
            ++(day >= to ? done : done_late);
        }
    }

    const auto r = api.Call(Method::kGet,
                            "/api/v1/reports/tthc-settlement?unit=46&period=2024&window=calendar",
                            "", &leader);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value plans = Body(r).at("plans");
    ASSERT_EQ(plans.at("plans").as_array().size(), 1U) << json::serialize(plans);
    const json::value& row = plans.at("plans").as_array()[0];
    EXPECT_EQ(row.at("plan_id").as_int64(), plan_id);
    EXPECT_EQ(row.at("due").as_int64(), due);
    EXPECT_EQ(row.at("done").as_int64(), done);
    EXPECT_EQ(row.at("done_late").as_int64(), done_late);
    EXPECT_EQ(row.at("in_progress").as_int64(), 0);  // the year is over: nothing still to come
    EXPECT_EQ(row.at("overdue").as_int64(), due - done - done_late);
    EXPECT_EQ(plans.at("total").at("due").as_int64(), due);

    // Judged now when the window has not ended: on 1/7/2024 the due dates still ahead are in
    // progress, none of the later "done" reports counts yet.
    SetTime("2024-07-01T00:00:00+07:00");
    const auto mid = api.Call(Method::kGet,
                              "/api/v1/reports/tthc-settlement?unit=46&period=2024&window=calendar",
                              "", &leader);
    ASSERT_EQ(mid.status, 200) << mid.body;
    const json::value m = Body(mid).at("plans").at("plans").as_array()[0];
    int ahead = 0;
    for (const sp::Deliverable* deliv : with_due) {
        for (const sys_days day : deliv->due) {
            ahead += day >= sys_days{std::chrono::year{2024} / 7 / 1} && day <= to ? 1 : 0;
        }
    }
    EXPECT_EQ(m.at("due").as_int64(), due);
    EXPECT_EQ(m.at("done_late").as_int64(), 0);
    EXPECT_GE(m.at("in_progress").as_int64(), 1);
    EXPECT_LE(m.at("in_progress").as_int64(), ahead);
    EXPECT_EQ(m.at("done").as_int64() + m.at("in_progress").as_int64() + m.at("overdue").as_int64(),
              due);
    SetTime("2026-07-01T09:00:00+07:00");

    // Other years list no plan; the exports carry the section too.
    const auto other = api.Call(
        Method::kGet, "/api/v1/reports/tthc-settlement?unit=46&period=2025&window=calendar", "",
        &leader);
    ASSERT_EQ(other.status, 200);
    EXPECT_TRUE(Body(other).at("plans").at("plans").as_array().empty());
    const auto pdf =
        api.Call(Method::kGet,
                 "/api/v1/reports/tthc-settlement?unit=46&period=2024&window=calendar&format=pdf",
                 "", &leader);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0U);
}

// Issue #9: dossiers received per desk staff member per year in the indicators of a unit (the
// plan target desk_productivity's computation), absent when the unit has no desk staff.
TEST_F(FeedbackIndicatorsTest, DeskProductivityIsInTheIndicatorsOfAUnit) {
    SetTime("2026-10-05T09:00:00+07:00");
    for (int i = 0; i < 2; ++i) {
        const auto r =
            api.Call(Method::kPost, "/api/v1/dossiers",
                     R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","channel":"direct",)"
                     R"("applicant":{"name":"Lê Văn Bình","id_number":"046090001234",)"
                     R"("phone":"0912345678","address":"12 Lê Lợi, Huế"}})",
                     &desk);
        ASSERT_EQ(r.status, 201) << r.body;
    }
    SetTime("2026-11-27T10:00:00+07:00");
    const Browser control = api.SignIn("kiemsoat");
    auto r = api.Call(Method::kGet, "/api/v1/indicators?unit=46&period=2026-10", "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    const json::value v = Body(r);
    ASSERT_TRUE(v.as_object().contains("desk_productivity")) << r.body;
    const json::object& p = v.at("desk_productivity").as_object();
    // The province's subtree has two desk officers (motcua at 46.TTPVHCC, motcuaxa at the
    // commune's 19753.BPMC); 2 dossiers received in October's 31 days:
    // 2 × 365 / (2 × 31) = 11.77 → 12 a year, below the urban 1,600.
    EXPECT_EQ(p.at("received").as_int64(), 2);
    EXPECT_EQ(p.at("staff").as_int64(), 2);
    EXPECT_EQ(p.at("days").as_int64(), 31);
    EXPECT_EQ(p.at("per_year").as_int64(), 12);
    EXPECT_EQ(p.at("target").as_int64(), 1600);
    EXPECT_EQ(p.at("area").as_string(), "urban");
    EXPECT_FALSE(p.at("meets").as_bool());
    // A department with no desk in its subtree: the field is absent, not zero.
    r = api.Call(Method::kGet, "/api/v1/indicators?unit=46.SOTP&period=2026-10", "", &control);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(Body(r).as_object().contains("desk_productivity")) << r.body;
}

}  // namespace
}  // namespace motcua::testing
