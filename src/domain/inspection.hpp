#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"

// Inspections of TTHC-control work (issue #7, "Inspections"; docs/inspections.md). Pure: the
// inspection plan and its inspections, the checklist templates (data/inspections/checklists.json,
// copied from the seeds S3 §II.1, S0 appendix §I, S4 §II), the rule warnings of the seeds, and the
// inspection cycle as a state machine (planned → notified → inspected → draft conclusion →
// comments received → concluded → remediation due → remediation reported → closed).
namespace motcua::domain::inspection {

// ---- Kinds -------------------------------------------------------------------------------------

enum class Kind : std::uint8_t {
    kScheduled,          // kiểm tra theo kế hoạch (định kỳ)
    kSudden,             // kiểm tra đột xuất
    kInformationSystem,  // kiểm tra qua Hệ thống thông tin giải quyết TTHC (S0 appendix §II.3)
    kSelfInspection,  // tự kiểm tra (S3 §VII.4.a, S0 appendix §II.2)
};
[[nodiscard]] std::string_view KindName(Kind kind);   // scheduled, sudden, …
[[nodiscard]] std::string_view KindLabel(Kind kind);  // Vietnamese
[[nodiscard]] std::optional<Kind> ParseKind(std::string_view name);

// ---- The cycle ---------------------------------------------------------------------------------

enum class State : std::uint8_t {
    kPlanned,
    kNotified,             // notice of the team, time and place sent
    kInspected,            // the visit done, minutes (biên bản) recorded
    kDraftConclusion,      // dự thảo kết luận sent to the inspected unit
    kCommentsReceived,     // the inspected unit's comments (ý kiến tiếp thu, giải trình)
    kConcluded,            // final conclusion signed by the leader
    kRemediationDue,       // conclusion received by the unit: remediation report due
    kRemediationReported,  // báo cáo khắc phục received
    kClosed,
};
[[nodiscard]] std::string_view StateName(State state);   // planned, notified, …
[[nodiscard]] std::string_view StateLabel(State state);  // Vietnamese
[[nodiscard]] std::optional<State> ParseState(std::string_view name);

enum class Action : std::uint8_t {
    kNotify,             // planned → notified
    kSubmitReport,       // the inspected unit's report (Đề cương); no change of state
    kRecordMinutes,      // notified → inspected (planned → inspected for information-system and
                         // self-inspections, which need no notice)
    kDraftConclusion,    // inspected → draft_conclusion
    kComment,            // draft_conclusion → comments_received (the inspected unit)
    kConclude,           // draft_conclusion | comments_received → concluded (a leader)
    kDeliverConclusion,  // concluded → remediation_due (the unit received the conclusion)
    kReportRemediation,  // remediation_due → remediation_reported (the inspected unit)
    kClose,              // remediation_reported → closed
};
[[nodiscard]] std::string_view ActionName(Action action);   // notify, submit_report, …
[[nodiscard]] std::string_view ActionLabel(Action action);  // Vietnamese
[[nodiscard]] std::optional<Action> ParseAction(std::string_view name);
[[nodiscard]] const std::vector<Action>& AllActions();

// Who performs an action: the inspecting unit's TTHC-control staff, its leader, or the inspected
// unit.
enum class Party : std::uint8_t { kInspector, kLeader, kInspected };
[[nodiscard]] Party ActionParty(Action action);

// ---- Plans and inspections ---------------------------------------------------------------------

struct TeamMember {
    std::string name;
    std::string position;  // chức vụ, đơn vị
    bool leader = false;   // trưởng đoàn
};

struct Inspection {
    std::int64_t id = 0;
    std::int64_t plan_id = 0;
    std::int64_t inspected_unit_id = 0;
    std::string inspected_unit_type;  // domain::UnitTypeName of the inspected unit (warnings)
    std::optional<std::int64_t> inspected_parent_id;
    Kind kind = Kind::kScheduled;
    int quarter = 0;                             // 1..4, 0 when dated
    std::optional<std::chrono::sys_days> start;  // first day of the visit
    std::optional<std::chrono::sys_days> end;    // last day of the visit
    std::vector<TeamMember> team;
    std::optional<std::int64_t> follow_up_of;  // phúc tra: the inspection whose conclusion
    State state = State::kPlanned;
    std::optional<std::chrono::sys_days> notified_on;
    std::optional<std::chrono::sys_days> report_submitted_on;
    std::optional<std::chrono::sys_days> minutes_on;
    std::optional<std::chrono::sys_days> concluded_on;
    std::optional<std::chrono::sys_days> conclusion_received_on;
    std::optional<std::chrono::sys_days> remediation_due;
    std::optional<std::chrono::sys_days> remediation_reported_on;
    std::int64_t version = 0;
};

struct Plan {
    std::int64_t id = 0;
    int year = 0;
    std::int64_t inspecting_unit_id = 0;
    std::string title;
    std::string decision_number;  // "20/KH-UBND"
    std::optional<std::chrono::sys_days> decision_date;
    std::string checklist;  // the template key (s3, s0, s4)
    std::int64_t version = 0;
};

// kInvalidArgument (Vietnamese, naming the field) for a year outside 2000–2100, a title longer
// than 500 characters or empty, a decision date after the plan year, an unknown checklist.
[[nodiscard]] base::Status ValidatePlan(const Plan& plan);
// kInvalidArgument for a quarter outside 0..4, a visit without a start (and no quarter), an end
// before the start, dates outside the plan year, a quarter that does not hold the dates, an empty
// team member name, more than one team leader, more than 50 members.
[[nodiscard]] base::Status ValidateInspection(const Plan& plan, const Inspection& inspection);
// A follow-up inspection must reference an inspection of the same inspected unit that has a
// final conclusion (concluded or later); kFailedPrecondition otherwise.
[[nodiscard]] base::Status ValidateFollowUp(const Inspection& follow_up,
                                            const Inspection& previous);

// ---- Working days ------------------------------------------------------------------------------

// The day `n` working days after `day` (n ≥ 1; `day` itself not counted).
[[nodiscard]] base::Result<std::chrono::sys_days> WorkingDaysAfter(
    const calendar::WorkingCalendar& cal, std::chrono::sys_days day, int n);
// The day `n` working days before `day` (n ≥ 1; `day` itself not counted).
[[nodiscard]] base::Result<std::chrono::sys_days> WorkingDaysBefore(
    const calendar::WorkingCalendar& cal, std::chrono::sys_days day, int n);
// The working days in [from, to] (0 when to < from).
[[nodiscard]] int WorkingDaysIn(const calendar::WorkingCalendar& cal, std::chrono::sys_days from,
                                std::chrono::sys_days to);

// The deadlines of the seeds.
inline constexpr int kScheduledNoticeWorkingDays = 10;  // S3 §II.2 (S0 appendix §III.1.1: 10 days)
inline constexpr int kSuddenNoticeWorkingDays = 3;      // S3 §II.2
inline constexpr int kReportBeforeVisitWorkingDays = 5;  // S3 §VII.3
inline constexpr int kRemediationWorkingDays = 30;       // S3 §II.2, §V.1.d
inline constexpr int kDaysPerUnit = 2;                   // S0 appendix §II.1.2
inline constexpr int kMinAgencies = 5;                   // S0 appendix §II.1.1
inline constexpr int kMinCommunes = 10;                  // S0 appendix §II.1.1

// The latest day the notice may go out (scheduled and sudden inspections with a start).
[[nodiscard]] std::optional<std::chrono::sys_days> NoticeDeadline(
    const calendar::WorkingCalendar& cal, const Inspection& inspection);
// The latest day the inspected unit's report is due (inspections with a start).
[[nodiscard]] std::optional<std::chrono::sys_days> ReportDeadline(
    const calendar::WorkingCalendar& cal, const Inspection& inspection);

// ---- Warnings ----------------------------------------------------------------------------------

struct Warning {
    std::string rule;     // min_agencies, min_communes, notice_scheduled, notice_sudden,
                          // days_per_unit, self_inspection_coverage, report_before_visit,
                          // remediation_overdue
    std::string source;   // "S3 §II.2", …
    std::string message;  // Vietnamese
    std::optional<std::int64_t> inspection_id;
};

// The facts about the inspecting unit the rules need.
struct PlanContext {
    // The inspecting unit's direct sub-units (phòng, ban, đơn vị trực thuộc) for the
    // self-inspection coverage rule; 0: the rule is not checked.
    std::vector<std::int64_t> sub_units;
};

// The rule warnings of a plan with its inspections on `today` (notices and reports not yet sent
// are judged against today).
[[nodiscard]] std::vector<Warning> Warnings(const calendar::WorkingCalendar& cal, const Plan& plan,
                                            const std::vector<Inspection>& inspections,
                                            const PlanContext& context,
                                            std::chrono::sys_days today);

// ---- Transitions -------------------------------------------------------------------------------

struct Step {
    Action action = Action::kNotify;
    std::chrono::sys_days on{};  // the day it happened (notice sent, conclusion received, …)
};

// The inspection after `step`; kFailedPrecondition (Vietnamese, naming the rule) for an illegal
// transition: the action is not allowed in the current state, a day before the previous step,
// minutes before the visit's first day. Sets the dates of the step and, for kDeliverConclusion,
// remediation_due = 30 working days after the day the conclusion was received (S3 §II.2).
[[nodiscard]] base::Result<Inspection> Apply(const calendar::WorkingCalendar& cal,
                                             const Inspection& inspection, const Step& step);
// The actions allowed in the state for the kind (what a page offers).
[[nodiscard]] std::vector<Action> Allowed(const Inspection& inspection);

// ---- Checklists --------------------------------------------------------------------------------

// The system figure that pre-fills an item.
enum class Figure : std::uint8_t {
    kNone,
    kOverdue,         // dossiers overdue at the period's end
    kBacklog,         // dossiers unfinished at the period's end (within time and overdue)
    kDigitisation,    // results settled in the period without a digitised result
    kOnlineServices,  // dossiers received online / received
    kOnlinePayments,  // fee-bearing dossiers paid online / fee-bearing
    kPublication,     // publication status: not in the system yet
    kFeedback,        // feedback (PAKN) handling: not in the system yet
    kSettlement,      // form 06 totals: received, settled on time / late, in progress
    kInspections,     // the unit's earlier inspections (report outline only)
};
[[nodiscard]] std::string_view FigureName(Figure figure);  // "", overdue, backlog, …, settlement,
                                                           // inspections
[[nodiscard]] std::optional<Figure> ParseFigure(std::string_view name);

struct TemplateItem {
    std::string key;
    std::string number;
    std::string title;
    std::vector<std::string> points;
    Figure figure = Figure::kNone;
};
struct Template {
    std::string key;
    std::string title;
    std::string source;
    std::vector<TemplateItem> items;
};

// Reads checklists.json; kInvalidArgument naming what is wrong.
[[nodiscard]] base::Result<std::vector<Template>> ParseTemplates(std::string_view json);
// The templates of data/inspections/checklists.json (embedded; aborts if they do not parse).
[[nodiscard]] const std::vector<Template>& Templates();
[[nodiscard]] const Template* FindTemplate(std::string_view key);
// The template of the report outline attached to S3 (not a plan's checklist).
inline constexpr std::string_view kReportOutline = "s3-outline";
// The embedded bytes of data/inspections/checklists.json.
[[nodiscard]] std::string_view EmbeddedChecklistData();

}  // namespace motcua::domain::inspection
