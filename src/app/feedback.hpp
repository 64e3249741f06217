#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/feedback.hpp"
#include "store/feedback.hpp"

// Citizens' feedback and petitions (PAKN, issue #9; docs/feedback.md "API"): intake from the
// public site (no account), from the desk, by post or phone; following it by code and key; the
// handling cycle through domain::feedback::Apply (one transaction, an event and an audit entry
// each); officers' lists with deadlines, reminders and escalation; the published answers
// (redacted) and the counts for the Circular 01/2020 form and indicators 5.2/5.3.
//
// Access: anyone may submit and follow (with the key). Desk officers of the handling unit and
// TTHC-control officers covering it handle; staff of the receiving unit (after a forward) and
// leaders covering either unit read. Anyone else gets kNotFound, as for an unknown code.
namespace motcua::app {

namespace fbk = domain::feedback;

inline constexpr std::size_t kMaxFeedbackTitleChars = 300;
inline constexpr std::size_t kMaxFeedbackContentChars = 20'000;
inline constexpr std::size_t kMaxFeedbackTextChars = 20'000;  // answers, reasons
inline constexpr int kMaxFeedbackAttachments = 3;
inline constexpr std::size_t kMaxFeedbackAttachmentBytes = std::size_t{5} << 20;  // 5 MiB
// Online submissions per client address within 15 minutes (anti-spam), like /api/v1/tracking.
inline constexpr int kMaxFeedbackSubmissionsPerWindow = 10;

struct FeedbackUpload {
    std::string file_name;
    std::string declared_type;
    std::string_view bytes;
};
// A file's checks before it is stored (≤ kMaxFeedbackAttachmentBytes, then sniffed as
// app::CheckUpload): the sniffed media type; kResourceExhausted for a file too large,
// kInvalidArgument for an empty, unsupported or mislabelled one (the message names the file).
[[nodiscard]] base::Result<std::string> CheckFeedbackUpload(const FeedbackUpload& upload);

struct FeedbackIntake {
    std::string unit_code;  // the receiving unit
    std::string title;
    std::string content;
    std::string sender_name;  // optional on the public site
    std::string sender_address;
    std::string sender_phone;
    std::string sender_email;
    bool under_complaint_or_court = false;
    // kOnline from the public site; officers enter kDesk, kPost or kPhone for their unit.
    fbk::Channel channel = fbk::Channel::kOnline;
    std::string idempotency_key;  // optional (Idempotency-Key header)
    // Optional: the earlier feedback this one raises again (indicator 5.3), with its follow key
    // (the sender's proof; a wrong code or key is kInvalidArgument, counted by the follow
    // throttle).
    std::string reraises_code;
    std::string reraises_key;
    // Files stored with it in the same transaction (the public form): at most
    // kMaxFeedbackAttachments (kInvalidArgument), each checked by CheckFeedbackUpload first.
    std::vector<FeedbackUpload> attachments;
};

struct FeedbackReceipt {
    std::string code;
    std::string follow_key;
    fbk::State state = fbk::State::kReceived;
    bool created = true;  // false: an earlier identical submission (double click) was returned
};

// Stores a new feedback in `received` at the unit, with its first event and an audit entry.
// Online: anyone; throttled per `actor.ip` (kResourceExhausted after
// kMaxFeedbackSubmissionsPerWindow within 15 minutes). Desk/post/phone: a desk officer or
// TTHC-control officer of the unit (kUnauthenticated / kPermissionDenied). The same
// Idempotency-Key, or the same title, content and sender at the same unit within 10 minutes,
// returns the first one (created = false); a key reused for other content is kAlreadyExists.
// kInvalidArgument: empty or oversize title/content, bad e-mail, unknown unit.
[[nodiscard]] base::Result<FeedbackReceipt> SubmitFeedback(AppContext& ctx, const Actor& actor,
                                                           const FeedbackIntake& intake);

// Attaches a file to a feedback still `received` or `awaiting_supplement`, by its sender (code +
// key, throttled like FollowFeedback) — at most kMaxFeedbackAttachments, each ≤
// kMaxFeedbackAttachmentBytes, sniffed as app::CheckUpload. kFailedPrecondition otherwise.
[[nodiscard]] base::Result<store::feedback::Attachment> AttachToFeedback(
    AppContext& ctx, const Actor& actor, std::string_view code, std::string_view key,
    const FeedbackUpload& upload);

struct FeedbackFile {
    store::feedback::Attachment attachment;
    std::string bytes;
};
// An attachment's bytes, for whoever may read the feedback (GetFeedback); kNotFound otherwise
// and for an unknown position.
[[nodiscard]] base::Result<FeedbackFile> DownloadFeedbackAttachment(AppContext& ctx,
                                                                    const Actor& actor,
                                                                    std::string_view code,
                                                                    int position);

struct FeedbackDeadlinesView {
    fbk::Deadlines deadlines;
    // The deadline of the step waiting for the unit now (nullopt: none — final, or the sender's
    // turn); overdue / due soon (within 2 working days) against the clock.
    std::optional<std::chrono::sys_seconds> due_at;
    bool overdue = false;
    bool due_soon = false;
};

// What the sender sees by code + key: no personal data, no officer names.
struct FeedbackFollowView {
    std::string code;
    std::string title;
    fbk::State state = fbk::State::kReceived;
    std::chrono::sys_seconds submitted_at{};
    std::string handling_unit;
    std::string note;  // the reason for a refusal or a supplement request
    std::optional<store::feedback::Publication> publication;
    std::optional<store::feedback::Rating> rating;  // the sender's, once given
    bool may_rate = false;                          // answered or published, and not rated yet
};
// kNotFound (one message for an unknown code and a wrong key); kResourceExhausted after 10
// failures from one address within 15 minutes.
[[nodiscard]] base::Result<FeedbackFollowView> FollowFeedback(AppContext& ctx,
                                                              std::string_view code,
                                                              std::string_view key,
                                                              const std::string& ip);

// The sender completes (kSupplement, text appended to the content) or withdraws (kWithdraw) by
// code + key. Errors as FollowFeedback, and Apply's (409 for an illegal move).
[[nodiscard]] base::Result<FeedbackFollowView> SenderAction(AppContext& ctx, const Actor& actor,
                                                            std::string_view code,
                                                            std::string_view key,
                                                            fbk::ActionKind kind,
                                                            const std::string& text);

inline constexpr std::size_t kMaxFeedbackRatingCommentChars = 2'000;
// The sender rates the answer by code + key (indicator 5.3): once (kAlreadyExists), only when
// answered or published (kFailedPrecondition); an optional comment (≤
// kMaxFeedbackRatingCommentChars). An event and an audit entry in the same transaction. Errors
// of the code and key as FollowFeedback.
[[nodiscard]] base::Result<FeedbackFollowView> RateFeedbackAnswer(
    AppContext& ctx, const Actor& actor, std::string_view code, std::string_view key,
    bool satisfied, const std::string& comment);

struct FeedbackView {
    store::feedback::Record record;
    std::string receiving_unit;  // names
    std::string handling_unit;
    std::string receiving_unit_code;
    std::string handling_unit_code;
    FeedbackDeadlinesView deadlines;
    std::vector<std::string> unmet_conditions;  // UnmetConditions of the submission
    std::vector<store::feedback::Event> events;
    std::vector<store::feedback::Attachment> attachments;
    std::optional<store::feedback::Publication> publication;
    std::vector<fbk::ActionKind> allowed;  // what the caller may do now
    bool may_handle = false;
};

[[nodiscard]] base::Result<FeedbackView> GetFeedback(AppContext& ctx, const Actor& actor,
                                                     std::string_view code);

struct FeedbackActionRequest {
    fbk::ActionKind kind = fbk::ActionKind::kAccept;
    std::int64_t expected_version = 0;                   // 0: kInvalidArgument (required)
    fbk::Subject subject = fbk::Subject::kUnclassified;  // accept
    std::string to_unit_code;                            // forward
    std::string text;                                    // reason / answer / supplement
};
// One handling step: Apply, the row (version + 1), an event and an audit entry in one write
// transaction. Publish also stores the redacted answer (fbk::Redact). Accepting requires the
// acceptance conditions to be met (kFailedPrecondition listing them). kAborted for a stale
// version, kFailedPrecondition for an illegal move, kNotFound / kPermissionDenied by access.
[[nodiscard]] base::Result<FeedbackView> ActOnFeedback(AppContext& ctx, const Actor& actor,
                                                       std::string_view code,
                                                       const FeedbackActionRequest& request);

enum class FeedbackBox : std::uint8_t { kAll, kOpen, kDueSoon, kOverdue };
[[nodiscard]] std::optional<FeedbackBox> ParseFeedbackBox(std::string_view name);

struct FeedbackListQuery {
    FeedbackBox box = FeedbackBox::kOpen;
    std::optional<fbk::State> state;
    int limit = 100;
};
struct FeedbackSummary {
    std::int64_t id = 0;
    std::string code;
    std::string title;
    fbk::State state = fbk::State::kReceived;
    fbk::Subject subject = fbk::Subject::kUnclassified;
    fbk::Channel channel = fbk::Channel::kOnline;
    std::int64_t handling_unit_id = 0;
    std::string handling_unit;
    std::chrono::sys_seconds submitted_at{};
    FeedbackDeadlinesView deadlines;
    std::int64_t version = 0;
};
// The feedback received or handled by the units in the caller's scope (desk officers and
// specialists: their unit; leaders and control officers: their subtree), newest first.
// kOverdue is the reminder list and, for leaders, the escalation list. kUnauthenticated /
// kPermissionDenied for non-staff.
[[nodiscard]] base::Result<std::vector<FeedbackSummary>> ListFeedback(
    AppContext& ctx, const Actor& actor, const FeedbackListQuery& query);

// Published answers (redacted), newest first; `unit_code` empty: every unit.
[[nodiscard]] base::Result<std::vector<store::feedback::Publication>> ListPublishedAnswers(
    AppContext& ctx, std::string_view unit_code, int limit, int offset);

// ---- Counts (Circular 01/2020 PAKN form; indicators 5.2 and 5.3)

struct FeedbackCountRow {
    int received = 0;             // submitted in the period
    int carried_over = 0;         // submitted before it, not finished before it
    int handled_on_time = 0;      // refused or answered by the period's end, within deadline
    int handled_late = 0;         //   … after it
    int in_progress_on_time = 0;  // open at the period's end, answer deadline not passed
    int in_progress_overdue = 0;  //   … passed
    int withdrawn = 0;            // not judged
    [[nodiscard]] int Considered() const {  // received or handled in the period (5.2 denominator)
        return handled_on_time + handled_late + in_progress_on_time + in_progress_overdue;
    }
    [[nodiscard]] int OnTime() const { return handled_on_time + in_progress_on_time; }
    // The PAKN report form: received + carried over = handled + withdrawn + in progress.
    [[nodiscard]] int Handled() const { return handled_on_time + handled_late; }
    [[nodiscard]] int InProgress() const { return in_progress_on_time + in_progress_overdue; }
    // Indicator 5.3 (REGULATIONS.md §1.4): over the feedback first received in the period (not
    // withdrawn), those rated "not satisfied", raised again by a later feedback, or late (handled
    // late, or still open past the answer deadline at the period's end), each counted once in
    // `dissatisfied`; all by the period's end.
    int satisfaction_base = 0;  // received in the period, not withdrawn (5.3 denominator)
    int rated_satisfied = 0;
    int rated_unsatisfied = 0;
    int reraised = 0;
    int late = 0;
    int dissatisfied = 0;  // unsatisfied or re-raised or late
    [[nodiscard]] int Satisfied() const { return satisfaction_base - dissatisfied; }
};
struct FeedbackCountsReport {
    std::int64_t unit_id = 0;
    std::chrono::sys_days from{};
    std::chrono::sys_days to{};  // inclusive
    FeedbackCountRow regulation;
    FeedbackCountRow conduct;
    FeedbackCountRow unclassified;  // not yet classified (received, refused, withdrawn early)
    FeedbackCountRow total;
    std::vector<std::pair<fbk::State, int>> by_state;  // at the period's end, every state
    std::vector<std::pair<std::int64_t, FeedbackCountRow>> by_unit;  // handling unit → counts
};
// The feedback handled by `unit_id` and its subtree that was received in [from, to] (Vietnam
// days) or still open at `from`, judged by fbk::OnTime at the end of `to`. No access check (the
// system: indicators call it as `FeedbackCounts(ctx, unit.id, from, to)`; 5.2 =
// total.OnTime() / total.Considered()).
[[nodiscard]] base::Result<FeedbackCountsReport> FeedbackCounts(AppContext& ctx,
                                                                std::int64_t unit_id,
                                                                std::chrono::sys_days from,
                                                                std::chrono::sys_days to);
// The same over given units (a scope's ids, e.g. indicators' subtrees), in the caller's
// transaction: one query for the rows, each judged in memory. `unit_id` of the result is 0.
[[nodiscard]] base::Result<FeedbackCountsReport> CountFeedbackIn(
    store::Transaction& tx, const std::vector<std::int64_t>& unit_ids, std::chrono::sys_days from,
    std::chrono::sys_days to);
// The same for the API: leaders, control officers and administrators covering the unit.
[[nodiscard]] base::Result<FeedbackCountsReport> FeedbackCountsFor(AppContext& ctx,
                                                                   const Actor& actor,
                                                                   std::string_view unit_code,
                                                                   std::chrono::sys_days from,
                                                                   std::chrono::sys_days to);

// The rules used (the National Portal's 2/5/5/15/2).
[[nodiscard]] const fbk::Rules& FeedbackRules();
// The rules in force when a feedback was submitted (the step deadlines of the version of
// data/rules/feedback.json in force on its Vietnam day; docs/feedback.md "Deadlines").
[[nodiscard]] fbk::Rules FeedbackRulesAt(std::chrono::sys_seconds submitted_at);
// The versions in use: the embedded file unless replaced at run time (process-wide,
// thread-safe; nullptr restores the embedded one).
[[nodiscard]] std::shared_ptr<const fbk::RuleBook> FeedbackRuleBook();
void SetFeedbackRuleBook(std::shared_ptr<const fbk::RuleBook> book);
// Reads and installs a rules file (`motcua serve --feedback-rules FILE`); kInvalidArgument for
// an unreadable or invalid file (the rules in use stay).
[[nodiscard]] base::Status LoadFeedbackRules(const std::string& path);

// ---- Escalation (docs/feedback.md "Escalation")

// Queues one notification to the leaders of the handling unit (the nearest unit up the tree
// that has leaders) for every open feedback whose current step is overdue, once per
// (feedback, step, deadline): the sweep of `motcua serve`. Returns the notifications queued.
[[nodiscard]] base::Result<int> SweepFeedbackEscalations(AppContext& ctx);

}  // namespace motcua::app
