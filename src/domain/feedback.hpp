#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"

// Citizens' feedback and petitions (phản ánh, kiến nghị — PAKN; issue #9; REGULATIONS.md §4,
// indicators 5.2 and 5.3 in §1.4; docs/feedback.md). Pure: the state machine, the step deadlines
// in working time, the acceptance conditions, the on-time judgement and the redaction of personal
// data before an answer is published.
namespace motcua::domain::feedback {

// What the feedback is about (Decree 20/2008 Art. 9): an administrative regulation, or the
// conduct of an agency or officer applying one. Unclassified until accepted.
enum class Subject : std::uint8_t { kUnclassified, kRegulation, kConduct };
enum class Channel : std::uint8_t { kOnline, kDesk, kPost, kPhone };
enum class State : std::uint8_t {
    kReceived,            // awaiting the acceptance check at the handling unit
    kAwaitingSupplement,  // the sender was asked to complete it
    kInHandling,          // accepted, being handled by the competent unit
    kRefused,             // not accepted, with the reasons (terminal)
    kAnswered,            // the answer is ready, awaiting publication
    kPublished,           // the answer is public (terminal)
    kWithdrawn,           // withdrawn by the sender (terminal)
};

[[nodiscard]] std::string_view SubjectName(Subject subject);   // unclassified, regulation, conduct
[[nodiscard]] std::string_view SubjectLabel(Subject subject);  // Vietnamese
[[nodiscard]] std::optional<Subject> ParseSubject(std::string_view name);
[[nodiscard]] std::string_view ChannelName(Channel channel);  // online, desk, post, phone
[[nodiscard]] std::optional<Channel> ParseChannel(std::string_view name);
[[nodiscard]] std::string_view StateName(State state);   // received, awaiting_supplement, …
[[nodiscard]] std::string_view StateLabel(State state);  // Vietnamese
[[nodiscard]] std::optional<State> ParseState(std::string_view name);
[[nodiscard]] bool IsTerminal(State state);

// Step deadlines in working days (the National Portal's, REGULATIONS.md §4 — configurable since
// their legal source is unconfirmed), each counted from the start: the submission, or the latest
// forwarding to the unit now handling it.
struct Rules {
    int refuse_within = 2;              // refuse (not accepted)
    int supplement_request_within = 5;  // ask the sender to complete it
    int forward_within = 5;             // forward when outside the receiver's competence (Art. 9.d)
    int answer_within = 15;             // the answer ready
    int publish_within = 2;             // publish, counted from the answer
};

// The versions of the step deadlines (data/rules/feedback.json), by effective date. Immutable,
// thread-safe.
struct RulesVersion {
    std::string id;
    std::string title;
    std::chrono::sys_days effective_from{};
    std::string source;
    Rules rules;
};
class RuleBook final {
public:
    // Parses the rules file: kInvalidArgument naming the version and the field for a missing or
    // out-of-range value (1..60 working days), a missing source, a duplicate id or date.
    [[nodiscard]] static base::Result<std::shared_ptr<const RuleBook>> Parse(std::string_view json);
    // The file compiled into the binary.
    [[nodiscard]] static std::shared_ptr<const RuleBook> Embedded();
    // The version in force on `day` (the earliest one before its date).
    [[nodiscard]] const RulesVersion& InForce(std::chrono::sys_days day) const;
    [[nodiscard]] const std::vector<RulesVersion>& All() const { return versions_; }

private:
    std::vector<RulesVersion> versions_;  // by effective date, at least one
};
// The embedded JSON text (generated from data/rules/feedback.json).
[[nodiscard]] std::string_view EmbeddedRulesData();

// The sender's contact and the text, as submitted; `contact_*` may be empty (optional contact on
// the public site), which the acceptance check reports.
struct Submission {
    std::string title{};
    std::string content{};
    std::string sender_name{};
    std::string sender_address{};
    std::string sender_phone{};
    std::string sender_email{};
    bool under_complaint_or_court = false;  // declared or found: handled by other procedures
};

// The acceptance conditions of Decree 20/2008 Art. 6–7 (92/2017 wording unconfirmed, see
// REGULATIONS.md §4) that `s` does not meet, each as a Vietnamese reason; empty: acceptable.
// Conditions: content present and at least 20 characters; written in Vietnamese (letters with
// Vietnamese diacritics or common Vietnamese words); sender's name, and an address or phone or
// e-mail; not a matter under complaint, denunciation or court proceedings.
[[nodiscard]] std::vector<std::string> UnmetConditions(const Submission& s);

struct Feedback {
    State state = State::kReceived;
    Subject subject = Subject::kUnclassified;
    Channel channel = Channel::kOnline;
    std::int64_t receiving_unit_id = 0;
    std::int64_t handling_unit_id = 0;
    std::chrono::sys_seconds submitted_at{};
    std::chrono::sys_seconds started_at{};  // submission, or the latest forwarding
    std::optional<std::chrono::sys_seconds> supplement_requested_at;  // the open request
    std::vector<calendar::TimeInterval> supplement_pauses;  // closed waits, excluded from clocks
    std::optional<std::chrono::sys_seconds> accepted_at;
    std::optional<std::chrono::sys_seconds> answered_at;
    std::optional<std::chrono::sys_seconds> published_at;
    std::optional<std::chrono::sys_seconds> refused_at;
    int forwards = 0;
    int supplement_requests = 0;
};

enum class ActionKind : std::uint8_t {
    kAccept,             // classify (subject) and take it in: within competence
    kRefuse,             // not accepted; reason required
    kRequestSupplement,  // reason required
    kSupplement,         // the sender completed it
    kForward,            // to the competent unit (conduct, or a regulation outside competence)
    kAnswer,             // the answer is ready; text required
    kPublish,            // the answer made public
    kWithdraw,           // by the sender
};
[[nodiscard]] std::string_view ActionName(ActionKind kind);  // accept, refuse, …
[[nodiscard]] std::optional<ActionKind> ParseAction(std::string_view name);

struct Action {
    ActionKind kind = ActionKind::kAccept;
    std::chrono::sys_seconds at{};
    Subject subject = Subject::kUnclassified;  // accept
    std::int64_t to_unit_id = 0;               // forward
    std::string text{};                        // the reason, or the answer
};

// The next state, or kFailedPrecondition naming the rule (an illegal transition), or
// kInvalidArgument (a missing reason, answer, subject or unit; forwarding to itself).
[[nodiscard]] base::Result<Feedback> Apply(const Feedback& feedback, const Action& action);

// The deadline of the step the feedback is waiting for (nullopt when terminal):
// received → the acceptance decision (refuse/supplement/forward; the longest of those open, the
// refusal one is reported separately by `refuse_by`); in handling → the answer; answered →
// publication. Supplement time is excluded from the answer's clock.
struct Deadlines {
    std::optional<std::chrono::sys_seconds> refuse_by;
    std::optional<std::chrono::sys_seconds> supplement_request_by;
    std::optional<std::chrono::sys_seconds> forward_by;
    std::optional<std::chrono::sys_seconds> answer_by;
    std::optional<std::chrono::sys_seconds> publish_by;
};
[[nodiscard]] base::Result<Deadlines> DeadlinesOf(const Feedback& feedback, const Rules& rules,
                                                  const calendar::WorkingCalendar& cal);

// Indicator 5.2 (REGULATIONS.md §1.4): handled on time — refused within its deadline, or answered
// within the answer deadline — or still in progress with no more than `answer_within` working
// days (less supplement time) from its start to `period_end`. Withdrawn ones are not judged
// (nullopt).
[[nodiscard]] base::Result<std::optional<bool>> OnTime(const Feedback& feedback, const Rules& rules,
                                                       const calendar::WorkingCalendar& cal,
                                                       std::chrono::sys_seconds period_end);

// The answer text made fit for publication: the sender's name, address, phone and e-mail as
// submitted, and any e-mail address, run of 9 or more digits (phone and identity numbers, spaces
// and dots allowed inside) in the text, replaced by "[đã ẩn]".
[[nodiscard]] std::string Redact(std::string_view text, const Submission& sender);

}  // namespace motcua::domain::feedback
