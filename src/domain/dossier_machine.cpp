#include "domain/dossier_machine.hpp"

#include <algorithm>
#include <array>

#include "calendar/civil_date.hpp"
#include "calendar/instant.hpp"

namespace motcua::domain {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using State = DossierState;

struct ActionInfo {
    ActionKind kind;
    std::string_view name;
    std::string_view label;
    Role role;
};

constexpr std::array<ActionInfo, 21> kActions{{
    {ActionKind::kSubmit, "submit", "Nộp hồ sơ trực tuyến", Role::kCitizen},
    {ActionKind::kReceive, "receive", "Tiếp nhận hồ sơ", Role::kDeskOfficer},
    {ActionKind::kSupplement, "supplement", "Nhận hồ sơ bổ sung", Role::kDeskOfficer},
    {ActionKind::kTransfer, "transfer", "Chuyển hồ sơ đến cơ quan giải quyết", Role::kDeskOfficer},
    {ActionKind::kAssign, "assign", "Phân công xử lý", Role::kLeader},
    {ActionKind::kCompleteStep, "complete_step", "Hoàn thành bước xử lý", Role::kSpecialist},
    {ActionKind::kRequestSupplement, "request_supplement", "Trả lại để bổ sung sau thẩm định",
     Role::kSpecialist},
    {ActionKind::kRefuse, "refuse", "Từ chối giải quyết", Role::kSpecialist},
    {ActionKind::kConsult, "consult", "Lấy ý kiến cơ quan liên quan", Role::kSpecialist},
    {ActionKind::kInterAgency, "inter_agency", "Chuyển liên thông", Role::kSpecialist},
    {ActionKind::kAnswer, "answer", "Trả lời, hoàn thành phần liên thông", Role::kSpecialist},
    {ActionKind::kPause, "pause", "Tạm dừng giải quyết", Role::kSpecialist},
    {ActionKind::kResume, "resume", "Tiếp tục giải quyết", Role::kSpecialist},
    {ActionKind::kApologize, "apologize", "Xin lỗi và hẹn lại ngày trả kết quả", Role::kLeader},
    {ActionKind::kStop, "stop", "Dừng giải quyết theo đề nghị", Role::kDeskOfficer},
    {ActionKind::kApprove, "approve", "Phê duyệt", Role::kLeader},
    {ActionKind::kRecordResult, "record_result", "Ban hành kết quả", Role::kSpecialist},
    {ActionKind::kReturnResult, "return_result", "Trả kết quả", Role::kDeskOfficer},
    {ActionKind::kWithdraw, "withdraw", "Rút hồ sơ", Role::kDeskOfficer},
    {ActionKind::kWarn, "warn", "Cảnh báo sắp đến hạn", Role::kAdmin},
    {ActionKind::kMarkLate, "mark_late", "Hồ sơ quá hạn", Role::kAdmin},
}};

base::Error Illegal(std::string message) {
    return base::Error{base::ErrorCode::kFailedPrecondition, std::move(message)};
}

base::Error WrongState(const Dossier& d, ActionKind kind) {
    return Illegal("không thể \"" + std::string(ActionKindLabel(kind)) +
                   "\" khi hồ sơ đang ở trạng thái \"" + std::string(DossierStateLabel(d.state)) +
                   "\"");
}

bool In(State s, std::initializer_list<State> states) {
    return std::find(states.begin(), states.end(), s) != states.end();
}

std::string Show(sys_seconds t) {
    return calendar::FormatInstant(t);
}

sys_days LocalDay(sys_seconds t) {
    return std::chrono::floor<days>(t + calendar::kVietnamOffset);
}

sys_seconds LocalMidnight(sys_days day) {
    return sys_seconds{day} - calendar::kVietnamOffset;
}

// The end of the office hours of the first open day ≥ `day`.
base::Result<sys_seconds> EndOfWorkingDay(const calendar::WorkingCalendar& cal, sys_days day) {
    for (int i = 0; i < 400; ++i, day += days{1}) {
        if (!calendar::InRange(day)) {
            break;
        }
        if (!cal.IsOpen(day)) {
            continue;
        }
        auto work = cal.WorkingTimeBetween(LocalMidnight(day), LocalMidnight(day + days{1}));
        if (!work) {
            return std::move(work).error();
        }
        return cal.AddWorkingTime(LocalMidnight(day), *work);
    }
    return base::InvalidArgument("không tìm được ngày làm việc trong phạm vi lịch");
}

std::int64_t CountMilli(std::int64_t total, std::int64_t per) {
    return total * per / 1000;
}

// Working time of `milli_days` on the settling unit's calendar.
base::Result<sys_seconds> AddDays(const calendar::WorkingCalendar& cal, sys_seconds start,
                                  std::int64_t milli_days) {
    return cal.AddWorkingDays(start, milli_days);
}

class Machine final {
public:
    Machine(const Dossier& d, const Action& a, const ActionContext& c) : d_(d), a_(a), c_(c) {
        e_.dossier_id = d.id;
        e_.at = a.at;
        e_.actor_id = a.actor_id;
        e_.actor_name = a.actor_name;
        e_.action = a.kind;
        e_.from = d.state;
        e_.reason = a.reason;
        e_.unit_id = a.actor_unit_id != 0 ? a.actor_unit_id : d.current_unit_id;
        e_.attachments = a.attachments;
    }

    base::Result<Transition> Run() {
        if (c_.rules == nullptr || c_.calendar == nullptr) {
            return base::Internal("thiếu bộ quy tắc hoặc lịch làm việc");
        }
        if (d_.updated_at.time_since_epoch().count() != 0 && a_.at < d_.updated_at) {
            return base::InvalidArgument("thời điểm thao tác (" + Show(a_.at) +
                                         ") trước thao tác gần nhất (" + Show(d_.updated_at) + ")");
        }
        if (IsTerminal(d_.state)) {
            return Illegal("hồ sơ đã kết thúc (\"" + std::string(DossierStateLabel(d_.state)) +
                           "\"), không thể \"" + std::string(ActionKindLabel(a_.kind)) + "\"");
        }
        base::Status s = Dispatch();
        if (!s) {
            return s.error();
        }
        // Unfinished past its deadline: late in every count from now on (§1.4 indicator 2.1).
        // While paused the clock stands still where the pause began.
        if (!d_.late && d_.due_at && !d_.finished_at && ClockReading() > *d_.due_at &&
            d_.state != State::kReturnedForSupplement) {
            d_.late = true;
            e_.details.emplace_back("became_late", "true");
        }
        d_.updated_at = a_.at;
        e_.to = d_.state;
        e_.step_key = d_.step_key;
        return Transition{std::move(d_), std::move(e_)};
    }

    base::Status Receive() {
        // The desk re-checking a supplemented dossier that is still incomplete would issue a
        // second Form 02: judged by the supplement-once rule below, not as a wrong state.
        const bool recheck =
            d_.state == State::kAwaitingSupplement && a_.completeness == Completeness::kIncomplete;
        if (d_.state != State::kSubmitted && !recheck) {
            return WrongState(d_, a_.kind);
        }
        if (!a_.components.empty()) {
            d_.components = a_.components;
        }
        switch (a_.completeness) {
            case Completeness::kIncomplete: {
                if (d_.supplements_at_receipt >= c_.rules->max_supplements_at_receipt) {
                    return Illegal("chỉ được yêu cầu bổ sung một lần khi tiếp nhận (" +
                                   Source("max_supplements_at_receipt") + ")");
                }
                const bool missing = std::any_of(d_.components.begin(), d_.components.end(),
                                                 [](const Component& x) { return !x.provided; });
                if (!missing && a_.reason.empty()) {
                    return base::InvalidArgument(
                        "phiếu yêu cầu bổ sung phải nêu đầy đủ thành phần còn thiếu hoặc lý do");
                }
                ++d_.supplements_at_receipt;
                d_.supplement_requested_at = a_.at;
                d_.state = State::kAwaitingSupplement;
                CheckSupplementLimit();
                return {};
            }
            case Completeness::kRefuse:
                if (a_.reason.empty()) {
                    return base::InvalidArgument("phiếu từ chối phải nêu rõ lý do");
                }
                d_.state = State::kRefused;
                d_.finished_at = a_.at;
                return {};
            case Completeness::kComplete:
                break;
        }
        return StartAtReceipt();
    }

    base::Status Supplement() {
        if (!In(d_.state, {State::kAwaitingSupplement, State::kReturnedForSupplement})) {
            return WrongState(d_, a_.kind);
        }
        for (const Component& given : a_.components) {
            auto it = std::find_if(d_.components.begin(), d_.components.end(),
                                   [&](const Component& x) { return x.name == given.name; });
            if (it == d_.components.end()) {
                d_.components.push_back(given);
            } else {
                *it = given;
            }
        }
        if (std::any_of(d_.components.begin(), d_.components.end(),
                        [](const Component& x) { return !x.provided; })) {
            return base::InvalidArgument("hồ sơ bổ sung còn thiếu thành phần; ghi nhận khi đủ");
        }
        d_.supplement_requested_at.reset();
        e_.details.emplace_back("supplemented_at", Show(a_.at));
        if (a_.by_applicant) {
            e_.details.emplace_back("by_applicant", "true");
        }
        if (d_.state == State::kAwaitingSupplement && a_.by_applicant) {
            // Sent through the portal: the desk checks it again (Receive from kSubmitted; a
            // second Form 02 stays illegal through supplements_at_receipt).
            d_.state = State::kSubmitted;
            d_.submitted_at = a_.at;
            return {};
        }
        if (d_.state == State::kAwaitingSupplement) {
            d_.state = State::kSubmitted;
            return StartAtReceipt();
        }
        // After appraisal the settlement time restarts from zero (ND61 Art. 19.4).
        d_.state = State::kProcessing;
        d_.current_unit_id = d_.settling_unit_id;
        d_.pauses.clear();
        d_.clock_start = a_.at;
        if (base::Status s = SetDue(true); !s) {
            return s;
        }
        e_.details.emplace_back("clock_restarted", Show(a_.at));
        return StartStep(a_.at);
    }

    base::Status Transfer() {
        if (d_.state != State::kReceived) {
            return WrongState(d_, a_.kind);
        }
        d_.state = State::kProcessing;
        d_.competent_received_at = a_.at;
        const std::int64_t from = d_.current_unit_id;
        d_.current_unit_id = d_.settling_unit_id;
        HandOver(from, d_.settling_unit_id, d_.transfer_due_at);
        if (!d_.clock_start) {  // boundary-free under ND309: the clock starts at the agency
            d_.clock_start = a_.at;
            // The slip's appointment is the promise made to the applicant: it stays as printed
            // (only an apology moves it); the legal deadline now runs from the agency's receipt.
            const auto printed = d_.appointment_at;
            if (base::Status s = SetDue(false); !s) {
                return s;
            }
            if (printed) {
                d_.appointment_at = printed;
            }
        }
        return Advance(a_.next_step);
    }

    base::Status Assign() {
        if (!In(d_.state,
                {State::kReceived, State::kProcessing, State::kPaused, State::kApproved})) {
            return WrongState(d_, a_.kind);
        }
        if (!a_.assignee_id) {
            return base::InvalidArgument("chưa chọn công chức được phân công");
        }
        d_.assignee_id = a_.assignee_id;
        e_.details.emplace_back("assignee_id", std::to_string(*a_.assignee_id));
        return {};
    }

    base::Status CompleteStep() {
        if (d_.state != State::kProcessing) {
            return WrongState(d_, a_.kind);
        }
        if (base::Status s = NoOpenTasks(); !s) {
            return s;
        }
        if (const ProcessStep* step = Step()) {
            if (step->kind == StepKind::kApprove) {
                return Illegal("bước \"" + step->name + "\" do lãnh đạo phê duyệt");
            }
            if (step->kind == StepKind::kResult || step->kind == StepKind::kReturn) {
                return Illegal("bước \"" + step->name + "\" hoàn thành bằng ban hành/trả kết quả");
            }
        } else {
            return Illegal("hồ sơ không theo quy trình nào; hãy trình phê duyệt");
        }
        const std::int64_t from = d_.current_unit_id;
        base::Status s = Advance(a_.next_step);
        if (!s) {
            return s;
        }
        HandOver(from, d_.current_unit_id, std::nullopt);
        return {};
    }

    base::Status RequestSupplement() {
        if (d_.state != State::kProcessing) {
            return WrongState(d_, a_.kind);
        }
        if (a_.reason.empty()) {
            return base::InvalidArgument("văn bản trả lại hồ sơ phải nêu rõ nội dung cần bổ sung");
        }
        if (d_.returns_after_appraisal >= c_.rules->max_returns_after_appraisal) {
            return Illegal("đã trả lại hồ sơ để bổ sung sau thẩm định một lần (" +
                           Source("max_returns_after_appraisal") + ")");
        }
        const sys_seconds since = d_.competent_received_at.value_or(*d_.clock_start);
        auto limit = AddDays(*c_.calendar, since, c_.rules->appraisal_return_milli_days);
        if (!limit) {
            return limit.error();
        }
        if (a_.at > *limit) {
            return Illegal("quá thời hạn trả lại hồ sơ để bổ sung (" + Show(*limit) + "; " +
                           Source("appraisal_return_days") + ")");
        }
        ++d_.returns_after_appraisal;
        d_.supplement_requested_at = a_.at;
        d_.state = State::kReturnedForSupplement;
        d_.current_unit_id = d_.receiving_unit_id;
        CheckSupplementLimit();
        for (Component& c : d_.components) {
            for (const Component& wanted : a_.components) {
                if (wanted.name == c.name) {
                    c.provided = false;
                }
            }
        }
        return {};
    }

    base::Status Refuse() {
        if (!In(d_.state, {State::kProcessing, State::kPaused})) {
            return WrongState(d_, a_.kind);
        }
        if (a_.reason.empty()) {
            return base::InvalidArgument("văn bản từ chối phải nêu rõ lý do");
        }
        if (base::Status s = EndPause(); !s) {
            return s;
        }
        d_.result_kind = "refusal";
        d_.result_summary = a_.reason;
        return Finish(State::kResultReady);
    }

    base::Status OpenTasks(Task::Kind kind) {
        if (d_.state != State::kProcessing) {
            return WrongState(d_, a_.kind);
        }
        if (a_.tasks.empty()) {
            return base::InvalidArgument("chưa chọn cơ quan để lấy ý kiến / liên thông");
        }
        int order = 0;
        for (const TaskRequest& r : a_.tasks) {
            if (r.unit_id == 0 || r.milli_days <= 0) {
                return base::InvalidArgument("mỗi cơ quan phải có thời hạn lớn hơn 0");
            }
            if (r.unit_id == d_.settling_unit_id) {
                return base::InvalidArgument(
                    "không thể lấy ý kiến / liên thông với chính cơ quan "
                    "chủ trì");
            }
            Task t;
            t.kind = kind;
            t.unit_id = r.unit_id;
            t.request = r.request;
            t.milli_days = r.milli_days;
            const bool sequential = kind == Task::Kind::kInterAgency && !a_.parallel;
            t.order = sequential ? ++order : 0;
            if (!sequential || t.order == 1) {
                if (base::Status s = OpenTask(t); !s) {
                    return s;
                }
            }
            d_.tasks.push_back(std::move(t));
        }
        e_.details.emplace_back("mode", kind == Task::Kind::kConsultation ? "consultation"
                                        : a_.parallel                     ? "parallel"
                                                                          : "sequential");
        e_.details.emplace_back("units", std::to_string(a_.tasks.size()));
        if (kind == Task::Kind::kInterAgency && !a_.parallel) {
            d_.current_unit_id = a_.tasks.front().unit_id;
        }
        return {};
    }

    base::Status Answer() {
        if (!In(d_.state, {State::kProcessing, State::kPaused})) {
            return WrongState(d_, a_.kind);
        }
        if (a_.task_index < 0 || static_cast<size_t>(a_.task_index) >= d_.tasks.size()) {
            return base::InvalidArgument("không có yêu cầu lấy ý kiến / liên thông số " +
                                         std::to_string(a_.task_index));
        }
        Task& t = d_.tasks[static_cast<size_t>(a_.task_index)];
        if (!t.opened_at || t.answered_at) {
            return Illegal(t.answered_at ? "yêu cầu này đã được trả lời"
                                         : "chưa đến lượt cơ quan này (liên thông tuần tự)");
        }
        if (a_.actor_unit_id != 0 && a_.actor_unit_id != t.unit_id) {
            return base::Error{base::ErrorCode::kPermissionDenied,
                               "chỉ cơ quan được yêu cầu mới trả lời được"};
        }
        t.answered_at = a_.at;
        t.answer = a_.reason;
        const Timing timing = JudgeTiming(a_.at, *t.due_at);
        e_.details.emplace_back("task", std::to_string(a_.task_index));
        e_.details.emplace_back("timing", std::string(TimingName(timing)));
        e_.details.emplace_back("from_unit", std::to_string(t.unit_id));
        if (t.kind == Task::Kind::kInterAgency && t.order > 0) {
            for (Task& next : d_.tasks) {
                if (next.kind == Task::Kind::kInterAgency && next.order == t.order + 1 &&
                    !next.opened_at) {
                    if (base::Status s = OpenTask(next); !s) {
                        return s;
                    }
                    d_.current_unit_id = next.unit_id;
                    e_.details.emplace_back("to_unit", std::to_string(next.unit_id));
                    return {};
                }
            }
            d_.current_unit_id = d_.settling_unit_id;
            e_.details.emplace_back("to_unit", std::to_string(d_.settling_unit_id));
        }
        return {};
    }

    base::Status Pause() {
        if (!In(d_.state, {State::kReceived, State::kProcessing, State::kApproved})) {
            return WrongState(d_, a_.kind);
        }
        if (a_.reason.empty()) {
            return base::InvalidArgument("phải nêu lý do tạm dừng");
        }
        d_.paused_from = d_.state;
        d_.paused_at = a_.at;
        d_.state = State::kPaused;
        return {};
    }

    base::Status Resume() {
        if (d_.state != State::kPaused) {
            return WrongState(d_, a_.kind);
        }
        d_.state = d_.paused_from;
        ClosePause();
        return SetDue(false);
    }

    base::Status Apologize() {
        if (!In(d_.state,
                {State::kReceived, State::kProcessing, State::kPaused, State::kApproved})) {
            return WrongState(d_, a_.kind);
        }
        if (d_.new_appointments >= c_.rules->max_new_appointments) {
            return Illegal("việc hẹn lại ngày trả kết quả chỉ được thực hiện một lần (" +
                           Source("max_new_appointments") + ")");
        }
        if (a_.reason.empty()) {
            return base::InvalidArgument("văn bản xin lỗi phải nêu lý do chậm");
        }
        if (!d_.due_at) {
            return Illegal(
                "thời hạn giải quyết chưa bắt đầu tính (hồ sơ chưa đến cơ quan có "
                "thẩm quyền), chưa thể hẹn lại");
        }
        if (!a_.new_appointment || !d_.appointment_at ||
            *a_.new_appointment <= *d_.appointment_at) {
            return base::InvalidArgument(
                "ngày hẹn mới phải sau ngày hẹn trả hiện tại" +
                (d_.appointment_at ? " (" + Show(*d_.appointment_at) + ")" : std::string()));
        }
        auto left = c_.calendar->WorkingTimeBetween(a_.at, *d_.due_at);
        if (!left) {
            return left.error();
        }
        const auto lead = seconds{
            CountMilli(c_.rules->apology_lead_milli_days, c_.calendar->WorkingDayLength().count())};
        if (*left < lead) {
            return Illegal(
                "văn bản xin lỗi và hẹn lại phải gửi chậm nhất 01 ngày làm việc trước "
                "hạn (" +
                Show(*d_.due_at) + "; " + Source("apology_lead_days") + ")");
        }
        ++d_.new_appointments;
        e_.details.emplace_back("old_appointment_at", Show(*d_.appointment_at));
        d_.appointment_at = *a_.new_appointment;
        e_.details.emplace_back("new_appointment_at", Show(*a_.new_appointment));
        return {};
    }

    base::Status Stop() {
        if (!In(d_.state, {State::kProcessing, State::kPaused, State::kApproved})) {
            return WrongState(d_, a_.kind);
        }
        if (a_.reason.empty()) {
            return base::InvalidArgument("phải ghi đề nghị dừng giải quyết của người nộp");
        }
        if (base::Status s = EndPause(); !s) {
            return s;
        }
        return Finish(State::kStopped);
    }

    base::Status Withdraw() {
        if (!In(d_.state, {State::kSubmitted, State::kAwaitingSupplement, State::kReceived,
                           State::kReturnedForSupplement})) {
            return WrongState(d_, a_.kind);
        }
        d_.supplement_requested_at.reset();
        d_.state = State::kWithdrawn;
        d_.finished_at = a_.at;
        return {};
    }

    base::Status Approve() {
        if (d_.state != State::kProcessing) {
            return WrongState(d_, a_.kind);
        }
        if (base::Status s = NoOpenTasks(); !s) {
            return s;
        }
        const ProcessStep* step = Step();
        if (step != nullptr && step->kind != StepKind::kApprove) {
            return Illegal("hồ sơ đang ở bước \"" + step->name + "\", chưa trình phê duyệt");
        }
        d_.state = State::kApproved;
        return step != nullptr ? Advance(a_.next_step) : base::Status{};
    }

    base::Status RecordResult() {
        if (d_.state != State::kApproved) {
            return WrongState(d_, a_.kind);
        }
        if (a_.result_summary.empty()) {
            return base::InvalidArgument("phải ghi số, ngày và trích yếu kết quả");
        }
        d_.result_kind = "issued";
        d_.result_summary = a_.result_summary;
        return Finish(State::kResultReady);
    }

    base::Status ReturnResult() {
        if (d_.state != State::kResultReady) {
            return WrongState(d_, a_.kind);
        }
        const std::string method = a_.return_method.empty() ? "direct" : a_.return_method;
        if (method != "direct" && method != "postal" && method != "online") {
            return base::InvalidArgument(
                "hình thức trả kết quả phải là direct, postal hoặc online");
        }
        d_.return_method = method;
        d_.returned_at = a_.at;
        d_.state = State::kReturned;
        e_.details.emplace_back("return_method", method);
        e_.details.emplace_back("timing", std::string(TimingName(d_.timing)));
        return {};
    }

    base::Status Warn() {
        if (!ClockRunning(d_) || d_.warned_at) {
            return Illegal("hồ sơ không cần cảnh báo");
        }
        d_.warned_at = a_.at;
        e_.details.emplace_back("due_at", Show(*d_.due_at));
        return {};
    }

    base::Status MarkLate() {
        // Returned for supplement the clock will restart from zero: nothing is overdue.
        if (d_.late || !d_.due_at || d_.finished_at || ClockReading() <= *d_.due_at ||
            d_.state == State::kReturnedForSupplement) {
            return Illegal("hồ sơ chưa quá hạn");
        }
        return {};  // Run() sets the flag and the detail
    }

private:
    base::Status Dispatch() {
        switch (a_.kind) {
            case ActionKind::kSubmit:
                return Illegal("hồ sơ đã được nộp");
            case ActionKind::kReceive:
                return Receive();
            case ActionKind::kSupplement:
                return Supplement();
            case ActionKind::kTransfer:
                return Transfer();
            case ActionKind::kAssign:
                return Assign();
            case ActionKind::kCompleteStep:
                return CompleteStep();
            case ActionKind::kRequestSupplement:
                return RequestSupplement();
            case ActionKind::kRefuse:
                return Refuse();
            case ActionKind::kConsult:
                return OpenTasks(Task::Kind::kConsultation);
            case ActionKind::kInterAgency:
                return OpenTasks(Task::Kind::kInterAgency);
            case ActionKind::kAnswer:
                return Answer();
            case ActionKind::kPause:
                return Pause();
            case ActionKind::kResume:
                return Resume();
            case ActionKind::kApologize:
                return Apologize();
            case ActionKind::kStop:
                return Stop();
            case ActionKind::kApprove:
                return Approve();
            case ActionKind::kRecordResult:
                return RecordResult();
            case ActionKind::kReturnResult:
                return ReturnResult();
            case ActionKind::kWithdraw:
                return Withdraw();
            case ActionKind::kWarn:
                return Warn();
            case ActionKind::kMarkLate:
                return MarkLate();
        }
        return base::Internal("unknown action");
    }

    std::string Source(const std::string& param) const {
        auto it = c_.rules->sources.find(param);
        return it == c_.rules->sources.end() ? c_.rules->title : it->second;
    }

    // Complete receipt: the slip, the 15:00 transfer deadline, the clock and the appointment.
    base::Status StartAtReceipt() {
        d_.state = State::kReceived;
        d_.received_at = a_.at;
        d_.supplement_requested_at.reset();
        if (base::Status s = SetTransferDue(); !s) {
            return s;
        }
        const bool at_agency = d_.boundary_free && d_.channel != Channel::kOnline &&
                               c_.rules->clock_start == ClockStart::kCompetentAgency;
        if (at_agency) {
            // The slip promises the date counted from the latest lawful transfer.
            auto due = ComputeDue(*c_.calendar, static_cast<TimeUnit>(d_.time_unit),
                                  d_.processing_milli, *d_.transfer_due_at);
            if (!due) {
                return due.error();
            }
            d_.appointment_at = *due;
            e_.details.emplace_back("appointment_at", Show(*due));
            e_.details.emplace_back("clock_starts", "at the competent agency");
        } else {
            d_.clock_start = a_.at;
            if (base::Status s = SetDue(true); !s) {
                return s;
            }
        }
        return StartStep(a_.at);
    }

    // ND61 Art. 18.2 / ND118 Art. 18.2: the same working day, or the start of the next working
    // day if received after 15:00; online dossiers go electronically at once.
    base::Status SetTransferDue() {
        const auto& cal = *c_.calendar;
        if (d_.channel == Channel::kOnline) {
            d_.transfer_due_at = a_.at;
        } else {
            const sys_days day = LocalDay(a_.at);
            // "Sau 15 giờ" (after 15:00): 15:00:00 itself is still the same day.
            const auto since_midnight = (a_.at - LocalMidnight(day)).count();
            base::Result<sys_seconds> due = base::Internal("unset");
            if (calendar::InRange(day) && cal.IsOpen(day) &&
                since_midnight <= std::int64_t{c_.rules->transfer_cutoff_minutes} * 60) {
                due = EndOfWorkingDay(cal, day);
            } else {
                const sys_seconds base = calendar::InRange(day) && cal.IsOpen(day)
                                             ? LocalMidnight(day + days{1})
                                             : a_.at;
                due = cal.AddWorkingDays(
                    base, std::max<std::int64_t>(c_.rules->transfer_grace_milli_days, 1));
            }
            if (!due) {
                return due.error();
            }
            d_.transfer_due_at = *due;
        }
        e_.details.emplace_back("transfer_due_at", Show(*d_.transfer_due_at));
        return {};
    }

    // Sets due_at from clock_start and the pauses; the appointment follows unless a new one was
    // made (the apology), or `reset_appointment` (a new slip after supplement).
    base::Status SetDue(bool reset_appointment) {
        if (!d_.clock_start) {  // boundary-free under ND309, not yet at the competent agency
            return {};
        }
        auto due = ComputeDue(*c_.calendar, static_cast<TimeUnit>(d_.time_unit),
                              d_.processing_milli, *d_.clock_start, d_.pauses);
        if (!due) {
            return due.error();
        }
        d_.due_at = *due;
        if (reset_appointment || d_.new_appointments == 0 || !d_.appointment_at ||
            *d_.appointment_at < *due) {
            d_.appointment_at = *due;
        }
        e_.details.emplace_back("due_at", Show(*due));
        e_.details.emplace_back("appointment_at", Show(*d_.appointment_at));
        return {};
    }

    // The instant the settlement clock has reached: the action's time, or the start of an open
    // pause (paused time does not count).
    sys_seconds ClockReading() const { return d_.paused_at.value_or(a_.at); }

    void ClosePause() {
        if (d_.paused_at) {
            d_.pauses.push_back(calendar::TimeInterval{*d_.paused_at, a_.at});
            e_.details.emplace_back("paused_from", Show(*d_.paused_at));
            d_.paused_at.reset();
        }
    }

    // Closes an open pause and moves the deadline by it, before the dossier is judged.
    base::Status EndPause() {
        if (!d_.paused_at) {
            return {};
        }
        ClosePause();
        return SetDue(false);
    }

    // End of processing (§1.4 indicator 2.1): judged against the legal deadline.
    base::Status Finish(State to) {
        d_.state = to;
        d_.finished_at = a_.at;
        d_.current_unit_id = d_.receiving_unit_id;
        if (d_.due_at) {
            Timing t = JudgeTiming(a_.at, *d_.due_at);
            if (d_.late) {
                t = Timing::kLate;
            }
            d_.timing = t;
            if (t == Timing::kLate) {
                d_.late = true;
            }
            e_.details.emplace_back("timing", std::string(TimingName(t)));
        }
        if (const ProcessStep* step = Step()) {
            if (step->kind != StepKind::kReturn && c_.process != nullptr) {
                d_.step_key = c_.process->steps.back().key;
                return StartStep(a_.at);
            }
        }
        return {};
    }

    void CheckSupplementLimit() {
        if (d_.supplements_at_receipt + d_.returns_after_appraisal >=
            c_.rules->late_after_supplements) {
            d_.late = true;
            e_.details.emplace_back("late_reason", "supplement requested more than once");
        }
    }

    base::Status NoOpenTasks() const {
        for (const Task& t : d_.tasks) {
            if (!t.answered_at) {
                return Illegal("còn chờ ý kiến / kết quả liên thông của cơ quan khác");
            }
        }
        return {};
    }

    base::Status OpenTask(Task& t) {
        t.opened_at = a_.at;
        auto due = AddDays(*c_.calendar, a_.at, t.milli_days);
        if (!due) {
            return due.error();
        }
        t.due_at = *due;
        return {};
    }

    const ProcessStep* Step() const {
        if (c_.process == nullptr) {
            return nullptr;
        }
        auto i = c_.process->Find(d_.step_key);
        return i ? &c_.process->steps[*i] : nullptr;
    }

    base::Status StartStep(sys_seconds at) {
        if (c_.process == nullptr) {
            return {};
        }
        if (d_.step_key.empty()) {
            d_.step_key = c_.process->steps.front().key;
        }
        const ProcessStep* step = Step();
        if (step == nullptr) {
            return base::Internal("bước " + d_.step_key + " không có trong quy trình");
        }
        d_.step_kind = std::string(StepKindName(step->kind));
        d_.step_started_at = at;
        // The share is in the procedure's time unit: working hours for hours, working days for
        // working days. Shares of calendar days and months are still counted as working days.
        auto due =
            static_cast<TimeUnit>(d_.time_unit) == TimeUnit::kHours
                ? c_.calendar->AddWorkingTime(at, seconds{CountMilli(step->share_milli, 3600)})
                : AddDays(*c_.calendar, at, step->share_milli);
        if (!due) {
            return due.error();
        }
        d_.step_due_at = *due;
        return {};
    }

    // Moves to the next step (`choice` among branches, or the only successor).
    base::Status Advance(const std::string& choice) {
        if (c_.process == nullptr) {
            return {};
        }
        auto index = c_.process->Find(d_.step_key);
        if (!index) {
            return base::Internal("bước " + d_.step_key + " không có trong quy trình");
        }
        if (d_.step_due_at) {
            e_.details.emplace_back("step_timing",
                                    std::string(TimingName(JudgeTiming(a_.at, *d_.step_due_at))));
        }
        const std::vector<size_t> next = c_.process->Successors(*index);
        if (next.empty()) {
            return Illegal("đây là bước cuối của quy trình");
        }
        size_t target = next.front();
        if (next.size() > 1 || !choice.empty()) {
            std::string names;
            bool found = false;
            for (size_t i : next) {
                names += (names.empty() ? "" : ", ") + c_.process->steps[i].key;
                if (c_.process->steps[i].key == choice) {
                    target = i;
                    found = true;
                }
            }
            if (!found) {
                return base::InvalidArgument("chọn bước tiếp theo trong: " + names);
            }
        }
        const ProcessStep& step = c_.process->steps[target];
        d_.step_key = step.key;
        switch (step.unit) {
            case StepUnit::kReceiving:
                d_.current_unit_id = d_.receiving_unit_id;
                break;
            case StepUnit::kSettling:
                d_.current_unit_id = d_.settling_unit_id;
                break;
            case StepUnit::kNamed: {
                auto unit = c_.resolve_unit ? c_.resolve_unit(step.unit_code) : std::nullopt;
                if (!unit) {
                    return base::NotFound("không có đơn vị mã " + step.unit_code);
                }
                d_.current_unit_id = *unit;
                break;
            }
        }
        d_.assignee_id.reset();
        return StartStep(a_.at);
    }

    // A hand-over row of the process-control slip: giver, receiver, time, timing.
    void HandOver(std::int64_t from, std::int64_t to, std::optional<sys_seconds> due) {
        e_.details.emplace_back("from_unit", std::to_string(from));
        e_.details.emplace_back("to_unit", std::to_string(to));
        if (due) {
            e_.details.emplace_back("handover_timing",
                                    std::string(TimingName(JudgeTiming(a_.at, *due))));
        }
    }

    Dossier d_;
    const Action& a_;
    const ActionContext& c_;
    DossierEvent e_;
};

}  // namespace

std::string_view ActionKindName(ActionKind kind) {
    for (const ActionInfo& a : kActions) {
        if (a.kind == kind) {
            return a.name;
        }
    }
    return "receive";
}

std::string_view ActionKindLabel(ActionKind kind) {
    for (const ActionInfo& a : kActions) {
        if (a.kind == kind) {
            return a.label;
        }
    }
    return "";
}

base::Result<ActionKind> ParseActionKind(std::string_view name) {
    for (const ActionInfo& a : kActions) {
        if (a.name == name) {
            return a.kind;
        }
    }
    return base::InvalidArgument("thao tác không hợp lệ: \"" + std::string(name) + "\"");
}

Role ActionRole(ActionKind kind) {
    for (const ActionInfo& a : kActions) {
        if (a.kind == kind) {
            return a.role;
        }
    }
    return Role::kAdmin;
}

std::string DossierEvent::Detail(std::string_view name) const {
    for (const auto& [k, v] : details) {
        if (k == name) {
            return v;
        }
    }
    return "";
}

base::Result<sys_seconds> ComputeDue(const calendar::WorkingCalendar& cal, TimeUnit unit,
                                     std::int64_t milli, sys_seconds start,
                                     std::span<const calendar::TimeInterval> pauses) {
    if (milli < 0) {
        return base::InvalidArgument("thời hạn giải quyết không được âm");
    }
    if (milli == 0) {  // immediate result: the end of the working day
        auto open = cal.NextOpening(start);
        if (!open) {
            return std::move(open).error();
        }
        return EndOfWorkingDay(cal, LocalDay(*open));
    }
    switch (unit) {
        case TimeUnit::kWorkingDays:
            return cal.AddWorkingDays(start, milli, pauses);
        case TimeUnit::kHours:
            return cal.AddWorkingTime(start, seconds{CountMilli(milli, 3600)}, pauses);
        case TimeUnit::kDays:
        case TimeUnit::kMonths: {
            if (unit == TimeUnit::kMonths && milli % 1000 != 0) {
                return base::InvalidArgument("thời hạn tính theo tháng phải là số tháng nguyên");
            }
            seconds paused{0};
            for (const calendar::TimeInterval& p : pauses) {
                paused += std::max(seconds{0}, p.end - p.begin);
            }
            sys_seconds t = start + paused;
            if (unit == TimeUnit::kDays) {
                t += seconds{CountMilli(milli, 86400)};
            } else {
                const sys_days day = LocalDay(t);
                const auto time_of_day = t - LocalMidnight(day);
                std::chrono::year_month_day ymd{day};
                ymd += std::chrono::months{milli / 1000};
                if (!ymd.ok()) {  // 31 January + 1 month: the last day of February
                    ymd = std::chrono::year_month_day_last{
                        ymd.year(), std::chrono::month_day_last{ymd.month()}};
                }
                t = LocalMidnight(sys_days{ymd}) + time_of_day;
            }
            const sys_days day = LocalDay(t);
            if (!calendar::InRange(day)) {
                return base::InvalidArgument("thời hạn vượt phạm vi lịch");
            }
            if (!cal.IsOpen(day)) {
                return EndOfWorkingDay(cal, day);
            }
            return t;
        }
    }
    return base::Internal("unknown time unit");
}

Timing JudgeTiming(sys_seconds finished, sys_seconds due) {
    if (finished > due) {
        return Timing::kLate;
    }
    return LocalDay(finished) < LocalDay(due) ? Timing::kEarly : Timing::kOnTime;
}

bool ClockRunning(const Dossier& d) {
    return d.due_at.has_value() && !d.finished_at &&
           In(d.state, {State::kReceived, State::kProcessing, State::kApproved});
}

base::Result<Transition> Open(Dossier draft, const Action& action, const ActionContext& context) {
    if (base::Status s = ValidateApplicant(draft.applicant); !s) {
        return s.error();
    }
    if (draft.components.empty() && action.components.empty()) {
        return base::InvalidArgument("hồ sơ phải có ít nhất một thành phần");
    }
    if (action.kind != ActionKind::kSubmit && action.kind != ActionKind::kReceive) {
        return base::InvalidArgument("hồ sơ mới chỉ được nộp hoặc tiếp nhận");
    }
    if (action.kind == ActionKind::kSubmit && draft.channel != Channel::kOnline) {
        return base::InvalidArgument("chỉ hồ sơ trực tuyến được nộp qua cổng");
    }
    draft.state = DossierState::kSubmitted;
    draft.current_unit_id = draft.receiving_unit_id;
    draft.created_at = action.at;
    if (action.kind == ActionKind::kSubmit || draft.channel == Channel::kPostal) {
        draft.submitted_at = action.at;
    }
    if (!action.components.empty()) {
        draft.components = action.components;
    }
    if (action.kind == ActionKind::kSubmit) {
        DossierEvent e;
        e.at = action.at;
        e.actor_id = action.actor_id;
        e.actor_name = action.actor_name;
        e.action = action.kind;
        e.from = DossierState::kSubmitted;
        e.to = DossierState::kSubmitted;
        e.unit_id = draft.receiving_unit_id;
        draft.updated_at = action.at;
        return Transition{std::move(draft), std::move(e)};
    }
    return Machine(draft, action, context).Run();
}

base::Result<Transition> Apply(const Dossier& dossier, const Action& action,
                               const ActionContext& context) {
    return Machine(dossier, action, context).Run();
}

}  // namespace motcua::domain
