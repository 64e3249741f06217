#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"

namespace motcua::domain {

// Channel of submission, with the National Portal's codes (REGULATIONS.md Appendix A).
enum class Channel { kDirect = 1, kOnline = 2, kPostal = 3 };
[[nodiscard]] std::string_view ChannelName(Channel channel);   // direct, online, postal
[[nodiscard]] std::string_view ChannelLabel(Channel channel);  // Trực tiếp, Trực tuyến, ...
[[nodiscard]] base::Result<Channel> ParseChannel(std::string_view name);

// The states of a dossier (REGULATIONS.md §2, Appendix A). Terminal: kReturned, kRefused,
// kStopped, kWithdrawn.
enum class DossierState {
    kSubmitted,              // online submission waiting for the desk's check
    kAwaitingSupplement,     // supplement requested at receipt (Form 02); clock not started
    kReceived,               // received complete at the desk, to be transferred
    kProcessing,             // at the settling unit (a step of its process)
    kReturnedForSupplement,  // returned after appraisal; the clock restarts on resubmission
    kPaused,                 // paused; paused working time is excluded from the deadline
    kApproved,               // the leader approved; the result is to be recorded
    kResultReady,            // result (or refusal after appraisal) at the desk, to return
    kReturned,               // result returned to the applicant
    kRefused,                // refused at receipt (Form 03)
    kStopped,                // settlement stopped at the applicant's request (Form 05)
    kWithdrawn,              // withdrawn by the applicant
};
[[nodiscard]] std::string_view DossierStateName(DossierState state);   // submitted, ...
[[nodiscard]] std::string_view DossierStateLabel(DossierState state);  // Vietnamese
[[nodiscard]] base::Result<DossierState> ParseDossierState(std::string_view name);
[[nodiscard]] bool IsTerminal(DossierState state);

// Early / on time / late (trước hạn / đúng hạn / quá hạn), for a settled dossier or a step.
enum class Timing { kPending, kEarly, kOnTime, kLate };
[[nodiscard]] std::string_view TimingName(Timing timing);   // pending, early, on_time, late
[[nodiscard]] std::string_view TimingLabel(Timing timing);  // Vietnamese

enum class ApplicantKind { kPerson, kOrganisation };

struct Applicant {
    ApplicantKind kind = ApplicantKind::kPerson;
    std::string name;       // NFC
    std::string id_number;  // person: 12-digit citizen identity number; organisation: tax code
    std::string address;
    std::string phone;
    std::string email;
    std::string owner_name;  // chủ hồ sơ, if different from the submitter
    friend bool operator==(const Applicant&, const Applicant&) = default;
};
// kInvalidArgument (Vietnamese) for a blank or over-long name, an identity number that is not
// 12 digits (person) or a 10/13-character tax code (organisation), a malformed phone or e-mail.
[[nodiscard]] base::Status ValidateApplicant(const Applicant& applicant);

// One component (thành phần hồ sơ) submitted against the procedure's required list.
struct Component {
    std::string name;
    int originals = 0;
    int certified_copies = 0;
    int copies = 0;
    bool provided = true;  // false: required but missing (listed on the supplement request)
    std::string note;
    friend bool operator==(const Component&, const Component&) = default;
};

// A consultation (lấy ý kiến) or an inter-agency leg (liên thông), each with its own deadline.
struct Task {
    enum class Kind { kConsultation, kInterAgency };
    Kind kind = Kind::kConsultation;
    std::int64_t unit_id = 0;
    int order = 0;  // sequential inter-agency: 1, 2, ...; parallel and consultations: 0
    std::string request;
    std::int64_t milli_days = 0;                        // the unit's own time
    std::optional<std::chrono::sys_seconds> opened_at;  // empty: waiting for its turn
    std::optional<std::chrono::sys_seconds> due_at;
    std::optional<std::chrono::sys_seconds> answered_at;
    std::string answer;
    friend bool operator==(const Task&, const Task&) = default;
};

// The current state of a dossier, derived from its events and updated in the same transaction.
struct Dossier {
    std::int64_t id = 0;
    std::string code;         // <agency identifier>-YYMMDD-NNNN
    std::string rule_set_id;  // the rules in force when it was received
    std::string procedure_code;
    std::string procedure_name;
    std::int64_t process_id = 0;  // the process version it follows (0: none)
    std::int64_t receiving_unit_id = 0;
    std::int64_t settling_unit_id = 0;
    std::int64_t current_unit_id = 0;  // where the dossier is now
    bool boundary_free = false;        // received outside the settling unit's own desk
    Channel channel = Channel::kDirect;
    Applicant applicant;
    std::vector<Component> components;
    std::int64_t fee_amount = 0;                  // VND
    std::optional<std::int64_t> citizen_user_id;  // online applicant's account
    DossierState state = DossierState::kSubmitted;

    // Deadline of the procedure: milli-units of its time unit (procedure.hpp TimeUnit).
    std::int64_t processing_milli = 0;
    int time_unit = 0;  // domain::TimeUnit as int

    std::optional<std::chrono::sys_seconds> submitted_at;           // online/postal submission
    std::optional<std::chrono::sys_seconds> received_at;            // complete receipt (slip)
    std::optional<std::chrono::sys_seconds> transfer_due_at;        // 15:00 rule
    std::optional<std::chrono::sys_seconds> competent_received_at;  // at the settling unit
    std::optional<std::chrono::sys_seconds> clock_start;     // settlement time counts from here
    std::optional<std::chrono::sys_seconds> due_at;          // legal deadline (pauses excluded)
    std::optional<std::chrono::sys_seconds> appointment_at;  // promised return instant
    int new_appointments = 0;
    std::vector<calendar::TimeInterval> pauses;         // closed pauses since the clock started
    std::optional<std::chrono::sys_seconds> paused_at;  // an open pause
    DossierState paused_from = DossierState::kProcessing;
    int supplements_at_receipt = 0;
    int returns_after_appraisal = 0;
    std::optional<std::chrono::sys_seconds> supplement_requested_at;  // open request
    std::optional<std::chrono::sys_seconds> finished_at;  // end of processing (§1.4, 2.1)
    std::optional<std::chrono::sys_seconds> returned_at;
    std::optional<std::chrono::sys_seconds> warned_at;  // due-soon warning sent
    bool late = false;  // missed its deadline or too many supplements: late in every count
    Timing timing = Timing::kPending;

    std::string step_key;   // current step of the process
    std::string step_kind;  // its StepKindName (receive, appraise, approve, ...), for inboxes
    std::optional<std::chrono::sys_seconds> step_started_at;
    std::optional<std::chrono::sys_seconds> step_due_at;
    std::optional<std::int64_t> assignee_id;

    std::string result_kind;     // "", "issued", "refusal"
    std::string result_summary;  // số, ngày, trích yếu
    std::string return_method;   // direct, postal, online
    std::vector<Task> tasks;
    std::string idempotency_key;  // online submissions
    std::string lookup_secret;    // second factor printed on the slip (tracking)
    std::chrono::sys_seconds created_at{};
    std::chrono::sys_seconds updated_at{};
    std::int64_t version = 0;  // optimistic concurrency (ETag)
};

}  // namespace motcua::domain
