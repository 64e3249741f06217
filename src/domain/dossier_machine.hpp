#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"
#include "domain/dossier.hpp"
#include "domain/procedure.hpp"
#include "domain/process.hpp"
#include "domain/rule_set.hpp"
#include "domain/user.hpp"

namespace motcua::domain {

// Every action on a dossier (REGULATIONS.md §2). Each is one transaction that writes one event
// and the new state (app/dossiers.cpp).
enum class ActionKind {
    kSubmit,             // online submission (issue #5 adds the citizen's side)
    kReceive,            // desk check: complete (slip), incomplete (Form 02) or refuse (Form 03)
    kSupplement,         // the applicant completes the dossier
    kTransfer,           // desk → competent agency (15:00 rule)
    kAssign,             // leader assigns a handler
    kCompleteStep,       // a step of the internal process is done
    kRequestSupplement,  // return for supplement after appraisal (≤ 3 working days)
    kRefuse,             // refusal after appraisal (entered as the result)
    kConsult,            // lấy ý kiến another agency
    kInterAgency,        // liên thông, sequential or parallel
    kAnswer,             // a consulted / inter-agency unit answers its task
    kPause,
    kResume,
    kApologize,     // apology with one new appointment (Form 04)
    kStop,          // stop at the applicant's request (Form 05 since 2025)
    kApprove,       // leader approval
    kRecordResult,  // result issued
    kReturnResult,  // result returned (direct, postal, online)
    kWithdraw,      // withdrawn by the applicant
    kWarn,          // system: the deadline is near, the officer is warned
    kMarkLate,      // system: the deadline passed with the dossier unfinished
};
[[nodiscard]] std::string_view ActionKindName(ActionKind kind);   // submit, receive, ...
[[nodiscard]] std::string_view ActionKindLabel(ActionKind kind);  // Vietnamese
[[nodiscard]] base::Result<ActionKind> ParseActionKind(std::string_view name);
// The staff role that performs an action (leaders may also do a specialist's actions; the
// system actions return kAdmin and are not offered to people).
[[nodiscard]] Role ActionRole(ActionKind kind);

enum class Completeness { kComplete, kIncomplete, kRefuse };

struct TaskRequest {
    std::int64_t unit_id = 0;
    std::int64_t milli_days = 0;
    std::string request;
};

// What the caller asks for, with everything the rules need; the app fills actor and time.
struct Action {
    ActionKind kind = ActionKind::kReceive;
    std::chrono::sys_seconds at{};
    std::optional<std::int64_t> actor_id;
    std::string actor_name;
    std::int64_t actor_unit_id = 0;
    std::string reason;
    Completeness completeness = Completeness::kComplete;      // receive
    std::vector<Component> components;                        // receive, supplement
    std::optional<std::int64_t> assignee_id;                  // assign
    std::string next_step;                                    // complete-step branch
    std::vector<TaskRequest> tasks;                           // consult, inter-agency
    bool parallel = false;                                    // inter-agency
    int task_index = -1;                                      // answer
    std::optional<std::chrono::sys_seconds> new_appointment;  // apologize
    std::string result_summary;                               // record-result
    std::string return_method;             // return-result: direct, postal, online
    std::vector<std::string> attachments;  // file references kept with the event
    // Done by the applicant through the portal (supplement, withdraw), not at the desk: an
    // online supplement to a request made at receipt waits for the desk's new check.
    bool by_applicant = false;
};

// One entry of the append-only event log: who, when, from-state, to-state, reason.
struct DossierEvent {
    std::int64_t dossier_id = 0;
    std::int64_t seq = 0;  // 1, 2, ... per dossier
    std::chrono::sys_seconds at{};
    std::optional<std::int64_t> actor_id;
    std::string actor_name;
    ActionKind action = ActionKind::kReceive;
    DossierState from = DossierState::kSubmitted;
    DossierState to = DossierState::kSubmitted;
    std::string reason;
    std::int64_t unit_id = 0;  // the unit where it happened
    std::string step_key;
    // Facts the action established (deadlines set, hand-over giver/receiver and timing, task
    // deadlines), as name → text; stored as a JSON object.
    std::vector<std::pair<std::string, std::string>> details;
    std::vector<std::string> attachments;

    [[nodiscard]] std::string Detail(std::string_view name) const;
};

// The rules and calendars an action is judged by.
struct ActionContext {
    const RuleSet* rules = nullptr;                       // the dossier's rule set
    const calendar::WorkingCalendar* calendar = nullptr;  // the settling unit's calendar
    const Process* process = nullptr;                     // null: no steps are tracked
    // Resolves a named step unit's code to its id (inter-agency steps).
    std::function<std::optional<std::int64_t>(std::string_view code)> resolve_unit;
};

struct Transition {
    Dossier dossier;
    DossierEvent event;
};

// Creates a dossier from `draft` (procedure, units, channel, applicant, components, deadline,
// code, rule set) by a kSubmit (online) or kReceive (walk-in, postal) action. Errors: a bad
// applicant or no components (kInvalidArgument), a kSubmit on a non-online channel
// (kInvalidArgument), and the kReceive rules of Apply.
[[nodiscard]] base::Result<Transition> Open(Dossier draft, const Action& action,
                                            const ActionContext& context);

// Applies `action` to `dossier` and returns the new state and the event. Illegal transitions
// (wrong state, second apology, supplement limits, late return after appraisal, open tasks
// before approval) are kFailedPrecondition with a Vietnamese message naming the rule; bad
// parameters (missing reason, unknown branch, appointment not later) are kInvalidArgument.
// Pure: the same input gives the same output.
[[nodiscard]] base::Result<Transition> Apply(const Dossier& dossier, const Action& action,
                                             const ActionContext& context);

// The legal deadline for `processing_milli` of `unit` counted from `start`, excluding `pauses`
// (working days and hours: working time; calendar days and months: elapsed time, and a deadline
// on a day off moves to the end of the next working day — Civil Code 2015 Art. 148.2). A
// processing time of 0 (immediate result) is due at the end of the working day.
[[nodiscard]] base::Result<std::chrono::sys_seconds> ComputeDue(
    const calendar::WorkingCalendar& calendar, TimeUnit unit, std::int64_t processing_milli,
    std::chrono::sys_seconds start, std::span<const calendar::TimeInterval> pauses = {});

// Early if finished on a civil day before the deadline's, on time if not after it, late after.
[[nodiscard]] Timing JudgeTiming(std::chrono::sys_seconds finished, std::chrono::sys_seconds due);

// True if the dossier's clock is running (received, not finished, not waiting for the
// applicant).
[[nodiscard]] bool ClockRunning(const Dossier& dossier);

}  // namespace motcua::domain
