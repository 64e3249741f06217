// Issue #9: citizens' feedback and petitions (PAKN) — the state machine, step deadlines in
// working time across Tết, indicator 5.2's on-time rule, acceptance and redaction. Label
// `feedback`.
#include "domain/feedback.hpp"

#include <cstdlib>
#include <memory>

#include <gtest/gtest.h>

#include "calendar/civil_date.hpp"

namespace motcua::domain::feedback {
namespace {

using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

const calendar::WorkingCalendar& Cal() {
    static const std::shared_ptr<const calendar::WorkingCalendar> kCalendar = [] {
        auto built = calendar::WorkingCalendar::BuildDefault();
        if (!built) std::abort();
        return std::move(built).value();
    }();
    return *kCalendar;
}

// A local (UTC+7) time.
sys_seconds Local(int y, int m, int d, int h) {
    return sys_seconds{sys_days{std::chrono::year{y} / m / d}} + hours{h} -
           calendar::kVietnamOffset;
}
std::string LocalDay(sys_seconds t) {
    return calendar::FormatIsoDate(
        std::chrono::floor<std::chrono::days>(t + calendar::kVietnamOffset));
}

Feedback Submitted(sys_seconds at) {
    Feedback f;
    f.channel = Channel::kOnline;
    f.receiving_unit_id = 7;
    f.handling_unit_id = 7;
    f.submitted_at = at;
    f.started_at = at;
    return f;
}

Feedback Must(const Feedback& f, Action a) {
    auto next = Apply(f, a);
    EXPECT_TRUE(next) << (next ? "" : next.error().message);
    return next ? *next : f;
}

TEST(Feedback, FullCycleAcrossTetWithDeadlines) {
    const Rules rules;
    // Submitted Wednesday 11/2/2026 at 09:00, three days before Tết Bính Ngọ (14–22/2).
    Feedback f = Submitted(Local(2026, 2, 11, 9));
    auto d = DeadlinesOf(f, rules, Cal());
    ASSERT_TRUE(d);
    EXPECT_EQ(LocalDay(*d->refuse_by), "2026-02-13");              // 2 working days
    EXPECT_EQ(LocalDay(*d->supplement_request_by), "2026-02-25");  // 5: 12, 13, 23, 24, 25
    EXPECT_EQ(LocalDay(*d->forward_by), "2026-02-25");
    EXPECT_EQ(LocalDay(*d->answer_by), "2026-03-11");  // 15 working days, Tết skipped

    f = Must(f, {.kind = ActionKind::kAccept,
                 .at = Local(2026, 2, 12, 10),
                 .subject = Subject::kRegulation});
    EXPECT_EQ(f.state, State::kInHandling);
    d = DeadlinesOf(f, rules, Cal());
    ASSERT_TRUE(d);
    EXPECT_FALSE(d->refuse_by);
    EXPECT_EQ(LocalDay(*d->answer_by), "2026-03-11");

    f = Must(f, {.kind = ActionKind::kAnswer,
                 .at = Local(2026, 3, 10, 15),
                 .text = "Quy định đã được đề nghị sửa đổi."});
    EXPECT_EQ(f.state, State::kAnswered);
    d = DeadlinesOf(f, rules, Cal());
    ASSERT_TRUE(d);
    EXPECT_EQ(LocalDay(*d->publish_by), "2026-03-12");
    auto on_time = OnTime(f, rules, Cal(), Local(2026, 3, 31, 23));
    ASSERT_TRUE(on_time);
    EXPECT_EQ(*on_time, std::optional<bool>{true});

    f = Must(f, {.kind = ActionKind::kPublish, .at = Local(2026, 3, 11, 8)});
    EXPECT_EQ(f.state, State::kPublished);
    EXPECT_TRUE(IsTerminal(f.state));
    auto again = Apply(f, {.kind = ActionKind::kPublish, .at = Local(2026, 3, 12, 8)});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, base::ErrorCode::kFailedPrecondition);
}

TEST(Feedback, ForwardingRestartsTheClockAtTheCompetentUnit) {
    const Rules rules;
    Feedback f = Submitted(Local(2026, 4, 6, 9));  // Monday
    f = Must(f, {.kind = ActionKind::kForward, .at = Local(2026, 4, 9, 14), .to_unit_id = 12});
    EXPECT_EQ(f.state, State::kReceived);
    EXPECT_EQ(f.handling_unit_id, 12);
    EXPECT_EQ(f.forwards, 1);
    auto d = DeadlinesOf(f, rules, Cal());
    ASSERT_TRUE(d);
    // 15 working days from Thursday 9/4 14:00; 27/4 (the day off for Giỗ Tổ on Sunday 26/4),
    // 30/4 and 1/5 are not working days: 10, 13–17, 20–24, 28, 29, 4/5, 5/5 → 5/5.
    EXPECT_EQ(LocalDay(*d->answer_by), "2026-05-05");
    auto self =
        Apply(f, {.kind = ActionKind::kForward, .at = Local(2026, 4, 10, 9), .to_unit_id = 12});
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, base::ErrorCode::kInvalidArgument);
}

TEST(Feedback, SupplementTimeIsNotCounted) {
    const Rules rules;
    Feedback f = Submitted(Local(2026, 6, 1, 9));  // Monday
    f = Must(f, {.kind = ActionKind::kRequestSupplement,
                 .at = Local(2026, 6, 2, 9),
                 .text = "Đề nghị ghi rõ văn bản quy phạm bị phản ánh"});
    EXPECT_EQ(f.state, State::kAwaitingSupplement);
    auto early_accept = Apply(
        f, {.kind = ActionKind::kAccept, .at = Local(2026, 6, 3, 9), .subject = Subject::kConduct});
    ASSERT_FALSE(early_accept);
    EXPECT_EQ(early_accept.error().code, base::ErrorCode::kFailedPrecondition);
    // A week's wait (2/6 09:00 → 9/6 09:00) is excluded: the answer is due a week later.
    f = Must(f, {.kind = ActionKind::kSupplement, .at = Local(2026, 6, 9, 9)});
    auto d = DeadlinesOf(f, rules, Cal());
    ASSERT_TRUE(d);
    EXPECT_EQ(LocalDay(*d->answer_by), "2026-06-29");  // 22/6 + 5 working days
    EXPECT_EQ(f.supplement_requests, 1);
}

TEST(Feedback, RefusalNeedsAReasonAndIsJudgedOnItsOwnDeadline) {
    const Rules rules;
    Feedback f = Submitted(Local(2026, 9, 28, 9));  // Monday
    auto no_reason = Apply(f, {.kind = ActionKind::kRefuse, .at = Local(2026, 9, 29, 9)});
    ASSERT_FALSE(no_reason);
    EXPECT_EQ(no_reason.error().code, base::ErrorCode::kInvalidArgument);
    // Refused on Thursday 1/10: 2 working days ended Wednesday 30/9 09:00 → late.
    f = Must(f, {.kind = ActionKind::kRefuse,
                 .at = Local(2026, 10, 1, 9),
                 .text = "Nội dung đang được giải quyết theo thủ tục khiếu nại"});
    auto on_time = OnTime(f, rules, Cal(), Local(2026, 12, 31, 23));
    ASSERT_TRUE(on_time);
    EXPECT_EQ(*on_time, std::optional<bool>{false});
    EXPECT_FALSE(Apply(
        f,
        {.kind = ActionKind::kAccept, .at = Local(2026, 10, 2, 9), .subject = Subject::kConduct}));
}

TEST(Feedback, InProgressIsOnTimeUntilItsAnswerDeadline) {
    const Rules rules;
    Feedback f = Submitted(Local(2026, 3, 2, 9));  // Monday; answer due Monday 23/3 09:00
    f = Must(
        f,
        {.kind = ActionKind::kAccept, .at = Local(2026, 3, 2, 10), .subject = Subject::kConduct});
    EXPECT_EQ(*OnTime(f, rules, Cal(), Local(2026, 3, 20, 17)).value(), true);
    EXPECT_EQ(*OnTime(f, rules, Cal(), Local(2026, 3, 31, 17)).value(), false);
    // Answered late, judged by the answer.
    f = Must(f, {.kind = ActionKind::kAnswer, .at = Local(2026, 3, 24, 9), .text = "Đã xử lý"});
    EXPECT_EQ(*OnTime(f, rules, Cal(), Local(2026, 3, 31, 17)).value(), false);
    Feedback w = Must(Submitted(Local(2026, 3, 2, 9)),
                      {.kind = ActionKind::kWithdraw, .at = Local(2026, 3, 3, 9)});
    EXPECT_FALSE(OnTime(w, rules, Cal(), Local(2026, 3, 31, 17)).value().has_value());
}

TEST(Feedback, IllegalAndMalformedActions) {
    Feedback f = Submitted(Local(2026, 3, 2, 9));
    EXPECT_EQ(Apply(f, {.kind = ActionKind::kAnswer, .at = Local(2026, 3, 3, 9), .text = "x"})
                  .error()
                  .code,
              base::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Apply(f, {.kind = ActionKind::kPublish, .at = Local(2026, 3, 3, 9)}).error().code,
              base::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Apply(f, {.kind = ActionKind::kSupplement, .at = Local(2026, 3, 3, 9)}).error().code,
              base::ErrorCode::kFailedPrecondition);
    EXPECT_EQ(Apply(f, {.kind = ActionKind::kAccept, .at = Local(2026, 3, 3, 9)}).error().code,
              base::ErrorCode::kInvalidArgument);  // no subject
    EXPECT_EQ(Apply(f, {.kind = ActionKind::kAccept,
                        .at = Local(2026, 3, 1, 9),
                        .subject = Subject::kConduct})
                  .error()
                  .code,
              base::ErrorCode::kInvalidArgument);  // before the submission
    EXPECT_EQ(ParseAction(ActionName(ActionKind::kRequestSupplement)),
              ActionKind::kRequestSupplement);
    EXPECT_EQ(ParseState("in_handling"), State::kInHandling);
    EXPECT_EQ(ParseSubject("conduct"), Subject::kConduct);
    EXPECT_EQ(ParseChannel("phone"), Channel::kPhone);
    EXPECT_FALSE(ParseState("done"));
}

TEST(Feedback, AcceptanceConditions) {
    Submission ok{.title = "Thủ tục cấp giấy phép xây dựng",
                  .content = "Đề nghị bỏ yêu cầu nộp bản sao chứng thực giấy tờ đã có trên CSDL.",
                  .sender_name = "Nguyễn Văn An",
                  .sender_phone = "0912345678"};
    EXPECT_TRUE(UnmetConditions(ok).empty());
    Submission bad{.content = "please fix this procedure now!!"};
    const auto unmet = UnmetConditions(bad);
    ASSERT_EQ(unmet.size(), 3U);
    EXPECT_NE(unmet[0].find("tiếng Việt"), std::string::npos);
    EXPECT_NE(unmet[1].find("họ và tên"), std::string::npos);
    EXPECT_NE(unmet[2].find("liên hệ"), std::string::npos);
    Submission court = ok;
    court.under_complaint_or_court = true;
    ASSERT_EQ(UnmetConditions(court).size(), 1U);
    Submission short_text = ok;
    short_text.content = "Chậm quá";
    EXPECT_NE(UnmetConditions(short_text).at(0).find("20 ký tự"), std::string::npos);
}

TEST(Feedback, RedactionRemovesPersonalData) {
    const Submission sender{.sender_name = "Trần Thị Bình",
                            .sender_address = "12 Lê Lợi, phường Phú Xuân",
                            .sender_phone = "0905 123 456",
                            .sender_email = "binh.tt@example.vn"};
    const std::string answer =
        "Trả lời bà Trần Thị Bình (12 Lê Lợi, phường Phú Xuân; ĐT 0905 123 456, "
        "binh.tt@example.vn; CCCD 046.185.000.123; liên hệ khác: other.person@mail.com hoặc "
        "+84 905.111.222): Quyết định số 15/2024/QĐ-UBND đã được sửa đổi ngày 20/5/2025.";
    const std::string out = Redact(answer, sender);
    for (const char* gone : {"Trần Thị Bình", "Lê Lợi", "0905", "binh.tt", "046.185",
                             "other.person", "mail.com", "905.111"})
        EXPECT_EQ(out.find(gone), std::string::npos) << gone << " in " << out;
    // Citations and dates stay.
    EXPECT_NE(out.find("15/2024/QĐ-UBND"), std::string::npos) << out;
    EXPECT_NE(out.find("20/5/2025"), std::string::npos) << out;
    EXPECT_NE(out.find("Trả lời bà [đã ẩn]"), std::string::npos) << out;
}

}  // namespace
}  // namespace motcua::domain::feedback
