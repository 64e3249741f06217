#include "domain/dossier_machine.hpp"

#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "calendar/instant.hpp"

namespace motcua::domain {
namespace {

using std::chrono::sys_seconds;
using State = DossierState;
using Kind = ActionKind;

sys_seconds At(std::string_view text) {
    const auto t = calendar::ParseInstant(text);
    EXPECT_TRUE(t.ok()) << text;
    return t ? *t : sys_seconds{};
}

std::string Show(const std::optional<sys_seconds>& t) {
    return t ? calendar::FormatInstant(*t) : "none";
}

constexpr std::int64_t kDesk = 1;
constexpr std::int64_t kAgency = 2;
constexpr std::int64_t kTax = 3;
constexpr std::int64_t kLand = 4;

constexpr std::array<Kind, 21> kAllActions{Kind::kSubmit,
                                           Kind::kReceive,
                                           Kind::kSupplement,
                                           Kind::kTransfer,
                                           Kind::kAssign,
                                           Kind::kCompleteStep,
                                           Kind::kRequestSupplement,
                                           Kind::kRefuse,
                                           Kind::kConsult,
                                           Kind::kInterAgency,
                                           Kind::kAnswer,
                                           Kind::kPause,
                                           Kind::kResume,
                                           Kind::kApologize,
                                           Kind::kStop,
                                           Kind::kApprove,
                                           Kind::kRecordResult,
                                           Kind::kReturnResult,
                                           Kind::kWithdraw,
                                           Kind::kWarn,
                                           Kind::kMarkLate};

// A 5-working-day procedure under the 2026 rules (nd118-2025), the national calendar and the
// default process; dossiers are received Monday 2/3/2026 09:00 (due Monday 9/3 09:00).
class DossierMachineTest : public ::testing::Test {
protected:
    DossierMachineTest() {
        auto built = calendar::WorkingCalendar::BuildDefault();
        EXPECT_TRUE(built.ok());
        calendar_ = *built;
        procedure_.code = "1.001193";
        procedure_.name = "Đăng ký khai sinh";
        procedure_.processing_milli = 5000;
        procedure_.time_unit = TimeUnit::kWorkingDays;
        process_ = DefaultProcess(procedure_);
        rules_ = *RuleBook::Embedded()->Find("nd118-2025");
        Context();
    }

    void Context() {
        context_.rules = rules_;
        context_.calendar = calendar_.get();
        context_.process = &process_;
        context_.resolve_unit = [](std::string_view code) -> std::optional<std::int64_t> {
            if (code == "thue") {
                return kTax;
            }
            return std::nullopt;
        };
    }

    Dossier Draft(Channel channel = Channel::kDirect) const {
        Dossier d;
        d.id = 42;
        d.rule_set_id = rules_->id;
        d.procedure_code = procedure_.code;
        d.receiving_unit_id = kDesk;
        d.settling_unit_id = kAgency;
        d.channel = channel;
        d.applicant.name = "Nguyễn Văn An";
        Component form;
        form.name = "Tờ khai";
        Component birth;
        birth.name = "Giấy chứng sinh";
        d.components = {form, birth};
        d.processing_milli = procedure_.processing_milli;
        d.time_unit = static_cast<int>(procedure_.time_unit);
        return d;
    }

    static Action Make(Kind kind, std::string_view at) {
        Action a;
        a.kind = kind;
        a.at = At(at);
        a.actor_id = 7;
        a.actor_name = "Trần Văn Bình";
        return a;
    }

    // A well-formed action of `kind`: if it fails, it is for the dossier's state, not its content.
    static Action WellFormed(Kind kind, std::string_view at) {
        Action a = Make(kind, at);
        a.reason = "Lý do thử";
        a.assignee_id = 9;
        a.result_summary = "Giấy khai sinh số 1";
        a.new_appointment = At("2026-03-20T17:00");
        a.tasks = {TaskRequest{kTax, 1000, "Cho ý kiến"}};
        a.task_index = 0;
        Component birth;
        birth.name = "Giấy chứng sinh";
        a.components = {birth};
        return a;
    }

    base::Result<Transition> Run(const Dossier& d, const Action& a) const {
        return Apply(d, a, context_);
    }

    Dossier Must(const base::Result<Transition>& r) const {
        EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
        return r ? r->dossier : Dossier{};
    }
    Dossier Step(const Dossier& d, const Action& a) const { return Must(Run(d, a)); }

    Dossier Received() const {
        return Must(Open(Draft(), Make(Kind::kReceive, "2026-03-02T09:00"), context_));
    }
    Dossier Processing() const {
        return Step(Received(), Make(Kind::kTransfer, "2026-03-02T10:00"));
    }
    Dossier Approved() const {
        const Dossier d = Step(Processing(), Make(Kind::kCompleteStep, "2026-03-02T11:00"));
        return Step(d, Make(Kind::kApprove, "2026-03-02T14:00"));
    }

    // A dossier in `state`, the last action at or before Monday 2/3/2026 16:00.
    Dossier Reach(State state) const {
        Action a;
        switch (state) {
            case State::kSubmitted:
                return Must(Open(Draft(Channel::kOnline), Make(Kind::kSubmit, "2026-03-02T08:00"),
                                 context_));
            case State::kAwaitingSupplement:
                a = Make(Kind::kReceive, "2026-03-02T09:00");
                a.completeness = Completeness::kIncomplete;
                a.reason = "Thiếu giấy chứng sinh";
                return Must(Open(Draft(), a, context_));
            case State::kReceived:
                return Received();
            case State::kProcessing:
                return Processing();
            case State::kReturnedForSupplement:
                a = Make(Kind::kRequestSupplement, "2026-03-02T15:00");
                a.reason = "Bổ sung";
                return Step(Processing(), a);
            case State::kPaused:
                a = Make(Kind::kPause, "2026-03-02T15:00");
                a.reason = "Chờ giám định";
                return Step(Processing(), a);
            case State::kApproved:
                return Approved();
            case State::kResultReady:
                a = Make(Kind::kRecordResult, "2026-03-02T15:00");
                a.result_summary = "Giấy khai sinh số 1";
                return Step(Approved(), a);
            case State::kReturned:
                return Step(Reach(State::kResultReady),
                            Make(Kind::kReturnResult, "2026-03-02T16:00"));
            case State::kRefused:
                a = Make(Kind::kReceive, "2026-03-02T09:00");
                a.completeness = Completeness::kRefuse;
                a.reason = "Không thuộc thẩm quyền";
                return Must(Open(Draft(), a, context_));
            case State::kStopped:
                a = Make(Kind::kStop, "2026-03-02T15:00");
                a.reason = "Người nộp đề nghị dừng";
                return Step(Processing(), a);
            case State::kWithdrawn:
                return Step(Received(), Make(Kind::kWithdraw, "2026-03-02T15:00"));
        }
        return {};
    }

    std::shared_ptr<const calendar::WorkingCalendar> calendar_;
    Procedure procedure_;
    Process process_;
    const RuleSet* rules_ = nullptr;
    ActionContext context_;
};

// The fields an action may change, to check that a refused action changed nothing.
void ExpectSame(const Dossier& a, const Dossier& b) {
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.updated_at, b.updated_at);
    EXPECT_EQ(a.current_unit_id, b.current_unit_id);
    EXPECT_EQ(a.step_key, b.step_key);
    EXPECT_EQ(Show(a.due_at), Show(b.due_at));
    EXPECT_EQ(Show(a.appointment_at), Show(b.appointment_at));
    EXPECT_EQ(Show(a.clock_start), Show(b.clock_start));
    EXPECT_EQ(Show(a.finished_at), Show(b.finished_at));
    EXPECT_EQ(Show(a.paused_at), Show(b.paused_at));
    EXPECT_EQ(a.pauses.size(), b.pauses.size());
    EXPECT_EQ(a.tasks, b.tasks);
    EXPECT_EQ(a.components, b.components);
    EXPECT_EQ(a.late, b.late);
    EXPECT_EQ(a.timing, b.timing);
    EXPECT_EQ(a.new_appointments, b.new_appointments);
    EXPECT_EQ(a.supplements_at_receipt, b.supplements_at_receipt);
    EXPECT_EQ(a.returns_after_appraisal, b.returns_after_appraisal);
}

TEST_F(DossierMachineTest, EachStateAllowsOnlyItsActions) {
    // The legal actions from each state (given a well-formed action a day later, before the
    // deadline); every other action is kFailedPrecondition. `answer` with no task open is a bad
    // parameter (kInvalidArgument) where the state allows answers.
    const std::map<State, std::set<Kind>> legal{
        {State::kSubmitted, {Kind::kReceive, Kind::kWithdraw}},
        {State::kAwaitingSupplement, {Kind::kSupplement, Kind::kWithdraw}},
        {State::kReceived,
         {Kind::kTransfer, Kind::kAssign, Kind::kPause, Kind::kApologize, Kind::kWithdraw,
          Kind::kWarn}},
        {State::kProcessing,
         {Kind::kAssign, Kind::kCompleteStep, Kind::kRequestSupplement, Kind::kRefuse,
          Kind::kConsult, Kind::kInterAgency, Kind::kPause, Kind::kApologize, Kind::kStop,
          Kind::kWarn}},
        {State::kReturnedForSupplement, {Kind::kSupplement, Kind::kWithdraw}},
        {State::kPaused,
         {Kind::kAssign, Kind::kRefuse, Kind::kResume, Kind::kApologize, Kind::kStop}},
        {State::kApproved,
         {Kind::kAssign, Kind::kPause, Kind::kApologize, Kind::kStop, Kind::kRecordResult,
          Kind::kWarn}},
        {State::kResultReady, {Kind::kReturnResult}},
        {State::kReturned, {}},
        {State::kRefused, {}},
        {State::kStopped, {}},
        {State::kWithdrawn, {}},
    };
    for (const auto& [state, allowed] : legal) {
        const Dossier d = Reach(state);
        ASSERT_EQ(d.state, state) << DossierStateName(state);
        const Dossier before = d;
        for (const Kind kind : kAllActions) {
            const auto r = Run(d, WellFormed(kind, "2026-03-03T10:00"));
            const std::string what =
                std::string(DossierStateName(state)) + " + " + std::string(ActionKindName(kind));
            if (allowed.count(kind) != 0) {
                EXPECT_TRUE(r.ok()) << what << ": " << (r ? "" : r.error().message);
            } else if (kind == Kind::kAnswer &&
                       (state == State::kProcessing || state == State::kPaused)) {
                ASSERT_FALSE(r.ok()) << what;
                EXPECT_EQ(r.error().code, base::ErrorCode::kInvalidArgument) << what;
            } else {
                ASSERT_FALSE(r.ok()) << what;
                EXPECT_EQ(r.error().code, base::ErrorCode::kFailedPrecondition)
                    << what << ": " << r.error().message;
                if (IsTerminal(state)) {
                    EXPECT_NE(r.error().message.find("hồ sơ đã kết thúc"), std::string::npos)
                        << what << ": " << r.error().message;
                }
            }
            ExpectSame(d, before);
        }
    }
}

TEST_F(DossierMachineTest, WrongStateNamesTheActionAndTheState) {
    const auto r = Run(Reach(State::kReceived), WellFormed(Kind::kApprove, "2026-03-03T10:00"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "không thể \"Phê duyệt\" khi hồ sơ đang ở trạng thái \"Đã tiếp nhận\"");
    const auto done = Run(Reach(State::kReturned), WellFormed(Kind::kApprove, "2026-03-03T10:00"));
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().message,
              "hồ sơ đã kết thúc (\"Đã trả kết quả\"), không thể \"Phê duyệt\"");
}

TEST_F(DossierMachineTest, ApplyIsPure) {
    const Dossier d = Reach(State::kProcessing);
    const Action a = WellFormed(Kind::kInterAgency, "2026-03-03T10:00");
    const auto first = Run(d, a);
    const auto second = Run(d, a);
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    ExpectSame(first->dossier, second->dossier);
    EXPECT_EQ(first->event.details, second->event.details);
    EXPECT_EQ(d.tasks.size(), 0U);
    EXPECT_EQ(first->dossier.tasks.size(), 1U);
}

TEST_F(DossierMachineTest, TimeMovesForwardOnly) {
    const Dossier d = Reach(State::kProcessing);  // last action Monday 10:00
    const auto r = Run(d, WellFormed(Kind::kAssign, "2026-03-02T09:59"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message,
              "thời điểm thao tác (2026-03-02T09:59:00+07:00) trước thao tác gần nhất "
              "(2026-03-02T10:00:00+07:00)");
    // The same instant is allowed.
    EXPECT_TRUE(Run(d, WellFormed(Kind::kAssign, "2026-03-02T10:00")).ok());
}

TEST_F(DossierMachineTest, MissingRulesOrCalendarIsInternal) {
    ActionContext empty;
    const auto r =
        Apply(Reach(State::kProcessing), WellFormed(Kind::kAssign, "2026-03-03T10:00"), empty);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, base::ErrorCode::kInternal);
}

TEST_F(DossierMachineTest, OpenChecksTheDraft) {
    Dossier bad = Draft();
    bad.applicant.name = "";
    EXPECT_EQ(Open(bad, Make(Kind::kReceive, "2026-03-02T09:00"), context_).error().code,
              base::ErrorCode::kInvalidArgument);
    Dossier empty = Draft();
    empty.components.clear();
    EXPECT_EQ(Open(empty, Make(Kind::kReceive, "2026-03-02T09:00"), context_).error().message,
              "hồ sơ phải có ít nhất một thành phần");
    EXPECT_EQ(Open(Draft(), Make(Kind::kTransfer, "2026-03-02T09:00"), context_).error().message,
              "hồ sơ mới chỉ được nộp hoặc tiếp nhận");
    EXPECT_EQ(Open(Draft(), Make(Kind::kSubmit, "2026-03-02T09:00"), context_).error().message,
              "chỉ hồ sơ trực tuyến được nộp qua cổng");
    const Dossier postal = [&] {
        Dossier d = Draft(Channel::kPostal);
        return Must(Open(d, Make(Kind::kReceive, "2026-03-02T09:00"), context_));
    }();
    EXPECT_EQ(Show(postal.submitted_at), "2026-03-02T09:00:00+07:00");
    EXPECT_EQ(postal.created_at, At("2026-03-02T09:00"));
}

TEST_F(DossierMachineTest, ReceiptSetsTheSlip) {
    const auto r = Open(Draft(), Make(Kind::kReceive, "2026-03-02T09:00"), context_);
    ASSERT_TRUE(r.ok());
    const Dossier& d = r->dossier;
    EXPECT_EQ(d.state, State::kReceived);
    EXPECT_EQ(Show(d.received_at), "2026-03-02T09:00:00+07:00");
    EXPECT_EQ(Show(d.due_at), "2026-03-09T09:00:00+07:00");
    EXPECT_EQ(Show(d.appointment_at), "2026-03-09T09:00:00+07:00");
    EXPECT_EQ(Show(d.transfer_due_at), "2026-03-02T17:00:00+07:00");
    EXPECT_EQ(d.step_key, "tiep-nhan");
    EXPECT_EQ(d.current_unit_id, kDesk);
    EXPECT_EQ(r->event.action, Kind::kReceive);
    EXPECT_EQ(r->event.from, State::kSubmitted);
    EXPECT_EQ(r->event.to, State::kReceived);
    EXPECT_EQ(r->event.dossier_id, 42);
    EXPECT_EQ(r->event.actor_id, 7);
    EXPECT_EQ(r->event.Detail("due_at"), "2026-03-09T09:00:00+07:00");
    EXPECT_EQ(r->event.Detail("transfer_due_at"), "2026-03-02T17:00:00+07:00");
    EXPECT_EQ(r->event.Detail("nothing"), "");
    EXPECT_TRUE(ClockRunning(d));
}

TEST_F(DossierMachineTest, HandOverEventsNameGiverReceiverAndTiming) {
    const Dossier received = Reach(State::kReceived);
    const auto transfer = Run(received, Make(Kind::kTransfer, "2026-03-02T16:00"));
    ASSERT_TRUE(transfer.ok());
    EXPECT_EQ(transfer->event.Detail("from_unit"), "1");
    EXPECT_EQ(transfer->event.Detail("to_unit"), "2");
    EXPECT_EQ(transfer->event.Detail("handover_timing"), "on_time");
    // The receipt step (half a day from 09:00) was due at 14:30.
    EXPECT_EQ(transfer->event.Detail("step_timing"), "late");
    EXPECT_EQ(transfer->event.step_key, "tham-dinh");
    EXPECT_EQ(transfer->event.unit_id, kDesk);
    const auto late = Run(received, Make(Kind::kTransfer, "2026-03-03T07:45"));
    ASSERT_TRUE(late.ok());
    EXPECT_EQ(late->event.Detail("handover_timing"), "late");

    // A step completed: the hand-over inside the agency, with no deadline of its own.
    const auto step = Run(transfer->dossier, Make(Kind::kCompleteStep, "2026-03-03T10:00"));
    ASSERT_TRUE(step.ok());
    EXPECT_EQ(step->event.Detail("from_unit"), "2");
    EXPECT_EQ(step->event.Detail("to_unit"), "2");
    EXPECT_EQ(step->event.Detail("handover_timing"), "");
    EXPECT_EQ(step->event.Detail("step_timing"), "early");

    // Sequential inter-agency: each answer hands the file to the next agency, then back.
    Action legs = WellFormed(Kind::kInterAgency, "2026-03-03T10:00");
    legs.tasks = {TaskRequest{kTax, 1000, "Thuế"}, TaskRequest{kLand, 2000, "Đất đai"}};
    const Dossier sequential = Step(transfer->dossier, legs);
    EXPECT_EQ(sequential.current_unit_id, kTax);
    Action answer = Make(Kind::kAnswer, "2026-03-04T11:00");
    answer.task_index = 0;
    answer.actor_unit_id = kTax;
    const auto first = Run(sequential, answer);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->event.Detail("from_unit"), "3");
    EXPECT_EQ(first->event.Detail("to_unit"), "4");
    EXPECT_EQ(first->event.Detail("timing"), "late");
    EXPECT_EQ(first->event.unit_id, kTax);
    EXPECT_EQ(Show(first->dossier.tasks[1].due_at), "2026-03-06T11:00:00+07:00");
    answer.task_index = 1;
    answer.actor_unit_id = kLand;
    answer.at = At("2026-03-05T09:00");
    const auto second = Run(first->dossier, answer);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->event.Detail("from_unit"), "4");
    EXPECT_EQ(second->event.Detail("to_unit"), "2");
    EXPECT_EQ(second->event.Detail("timing"), "early");
    EXPECT_EQ(second->dossier.current_unit_id, kAgency);
}

TEST_F(DossierMachineTest, AnswerRules) {
    Action legs = WellFormed(Kind::kInterAgency, "2026-03-03T10:00");
    legs.tasks = {TaskRequest{kTax, 1000, ""}, TaskRequest{kLand, 1000, ""}};
    const Dossier d = Step(Reach(State::kProcessing), legs);
    Action answer = Make(Kind::kAnswer, "2026-03-03T11:00");
    answer.task_index = 1;
    EXPECT_EQ(Run(d, answer).error().message, "chưa đến lượt cơ quan này (liên thông tuần tự)");
    answer.task_index = 2;
    EXPECT_EQ(Run(d, answer).error().code, base::ErrorCode::kInvalidArgument);
    answer.task_index = 0;
    answer.actor_unit_id = kLand;
    EXPECT_EQ(Run(d, answer).error().code, base::ErrorCode::kPermissionDenied);
    answer.actor_unit_id = 0;  // the app checked the actor already
    const Dossier answered = Step(d, answer);
    EXPECT_EQ(Run(answered, answer).error().message, "yêu cầu này đã được trả lời");
    EXPECT_EQ(Run(answered, Make(Kind::kCompleteStep, "2026-03-03T12:00")).error().message,
              "còn chờ ý kiến / kết quả liên thông của cơ quan khác");
}

TEST_F(DossierMachineTest, JudgeTimingByCivilDay) {
    const sys_seconds due = At("2026-03-09T09:00");
    EXPECT_EQ(JudgeTiming(At("2026-03-06T16:59"), due), Timing::kEarly);
    EXPECT_EQ(JudgeTiming(At("2026-03-09T00:00"), due), Timing::kOnTime);
    EXPECT_EQ(JudgeTiming(At("2026-03-09T09:00"), due), Timing::kOnTime);
    EXPECT_EQ(JudgeTiming(At("2026-03-09T09:00:01"), due), Timing::kLate);
    // 23:30 UTC on 8/3 is 06:30 on 9/3 in Vietnam: the same civil day as the deadline.
    EXPECT_EQ(JudgeTiming(At("2026-03-08T23:30Z"), due), Timing::kOnTime);
}

TEST_F(DossierMachineTest, ComputeDueByUnit) {
    const auto& cal = *calendar_;
    const auto due = [&](TimeUnit unit, std::int64_t milli, std::string_view start) {
        auto r = ComputeDue(cal, unit, milli, At(start));
        return r ? calendar::FormatInstant(*r) : "error";
    };
    EXPECT_EQ(due(TimeUnit::kWorkingDays, 5000, "2026-03-02T09:00"), "2026-03-09T09:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kHours, 4000, "2026-03-02T10:00"), "2026-03-02T15:30:00+07:00");
    EXPECT_EQ(due(TimeUnit::kDays, 5000, "2026-03-03T10:00"), "2026-03-09T17:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kMonths, 1000, "2026-01-30T10:00"), "2026-03-02T17:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kMonths, 1000, "2026-03-02T09:00"), "2026-04-02T09:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kWorkingDays, 0, "2026-03-02T09:00"), "2026-03-02T17:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kHours, 0, "2026-03-07T10:00"), "2026-03-09T17:00:00+07:00");
    EXPECT_EQ(due(TimeUnit::kWorkingDays, -1, "2026-03-02T09:00"), "error");
    // Pauses: working time for working days, elapsed time for calendar days.
    const std::vector<calendar::TimeInterval> pauses{
        {At("2026-03-04T09:00"), At("2026-03-06T09:00")}};
    EXPECT_EQ(calendar::FormatInstant(
                  *ComputeDue(cal, TimeUnit::kWorkingDays, 5000, At("2026-03-02T09:00"), pauses)),
              "2026-03-11T09:00:00+07:00");
    EXPECT_EQ(calendar::FormatInstant(
                  *ComputeDue(cal, TimeUnit::kDays, 15000, At("2026-03-02T09:00"), pauses)),
              "2026-03-19T09:00:00+07:00");
}

TEST_F(DossierMachineTest, SecondSupplementRequestAtReceiptNamesTheRule) {
    const Dossier d = Reach(State::kAwaitingSupplement);
    Action again = Make(Kind::kReceive, "2026-03-04T09:00");
    again.completeness = Completeness::kIncomplete;
    again.reason = "Vẫn thiếu";
    const auto r = Run(d, again);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, base::ErrorCode::kFailedPrecondition);
    EXPECT_NE(r.error().message.find("chỉ được yêu cầu bổ sung một lần khi tiếp nhận"),
              std::string::npos)
        << r.error().message;
    // A rule set allowing two requests: the second is recorded, and makes the dossier late.
    RuleSet lenient = *rules_;
    lenient.max_supplements_at_receipt = 2;
    context_.rules = &lenient;
    const auto allowed = Run(d, again);
    ASSERT_TRUE(allowed.ok()) << allowed.error().message;
    EXPECT_EQ(allowed->dossier.state, State::kAwaitingSupplement);
    EXPECT_EQ(allowed->dossier.supplements_at_receipt, 2);
    EXPECT_TRUE(allowed->dossier.late);
    // A complete receipt is not a way back in.
    context_.rules = rules_;
    EXPECT_EQ(Run(d, Make(Kind::kReceive, "2026-03-04T09:00")).error().code,
              base::ErrorCode::kFailedPrecondition);
}

TEST_F(DossierMachineTest, OnlineSupplementWaitsForTheDesksNewCheck) {
    const Dossier d = Reach(State::kAwaitingSupplement);
    Action online = Make(Kind::kSupplement, "2026-03-04T09:00");
    online.by_applicant = true;
    const auto r = Run(d, online);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->dossier.state, State::kSubmitted) << "not received until the desk checks it";
    EXPECT_FALSE(r->dossier.received_at.has_value());
    EXPECT_FALSE(r->dossier.due_at.has_value());
    EXPECT_EQ(r->event.Detail("by_applicant"), "true");
    // The desk's new check may receive it, but not ask a second time.
    Action check = Make(Kind::kReceive, "2026-03-04T10:00");
    const auto received = Run(r->dossier, check);
    ASSERT_TRUE(received.ok()) << received.error().message;
    EXPECT_TRUE(received->dossier.received_at.has_value());
    check.completeness = Completeness::kIncomplete;
    check.reason = "Vẫn thiếu";
    EXPECT_EQ(Run(r->dossier, check).error().code, base::ErrorCode::kFailedPrecondition);
    // At the desk (not online) the supplement is received at once, as before.
    const auto at_desk = Run(d, Make(Kind::kSupplement, "2026-03-04T09:00"));
    ASSERT_TRUE(at_desk.ok()) << at_desk.error().message;
    EXPECT_TRUE(at_desk->dossier.received_at.has_value());
}

TEST_F(DossierMachineTest, ClockAtTheCompetentAgencyUnderNd309) {
    context_.rules = *RuleBook::Embedded()->Find("nd309-2026");
    Dossier draft = Draft();
    draft.boundary_free = true;
    draft.rule_set_id = "nd309-2026";
    const Dossier d = Must(Open(draft, Make(Kind::kReceive, "2026-08-05T09:00"), context_));
    EXPECT_FALSE(d.clock_start.has_value());
    EXPECT_FALSE(d.due_at.has_value());
    EXPECT_FALSE(ClockRunning(d));
    // 5 days from the latest lawful transfer, Wednesday 5/8 17:00 → Wednesday 12/8 17:00.
    EXPECT_EQ(Show(d.appointment_at), "2026-08-12T17:00:00+07:00");
    // No deadline yet: an apology is refused (it used to read an empty deadline).
    Action apology = WellFormed(Kind::kApologize, "2026-08-05T10:00");
    apology.new_appointment = At("2026-08-20T17:00");
    const auto r = Run(d, apology);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, base::ErrorCode::kFailedPrecondition);
    // Pause and resume before the transfer leave no deadline (resume used to read an empty clock).
    const Dossier paused = Step(d, WellFormed(Kind::kPause, "2026-08-05T10:00"));
    const Dossier resumed = Step(paused, Make(Kind::kResume, "2026-08-05T11:00"));
    EXPECT_EQ(resumed.state, State::kReceived);
    EXPECT_FALSE(resumed.due_at.has_value());
    const Dossier at_agency = Step(resumed, Make(Kind::kTransfer, "2026-08-05T14:00"));
    EXPECT_EQ(Show(at_agency.clock_start), "2026-08-05T14:00:00+07:00");
    EXPECT_EQ(Show(at_agency.competent_received_at), "2026-08-05T14:00:00+07:00");
    EXPECT_EQ(Show(at_agency.due_at), "2026-08-12T14:00:00+07:00");
}

TEST_F(DossierMachineTest, NoLatenessWhilePaused) {
    // Paused Monday 15:00 with the deadline Monday 9/3 09:00 still ahead.
    const Dossier paused = Reach(State::kPaused);
    const auto assign = Run(paused, WellFormed(Kind::kAssign, "2026-03-12T09:00"));
    ASSERT_TRUE(assign.ok());
    EXPECT_FALSE(assign->dossier.late);
    EXPECT_EQ(Run(paused, Make(Kind::kMarkLate, "2026-03-12T09:00")).error().message,
              "hồ sơ chưa quá hạn");
    // Resumed Thursday 12/3 09:00 with 35.5 working hours left (Monday 2 h, Tuesday–Friday
    // 32 h, Monday 1.5 h): Thursday 6.5 h, Friday, Monday, Tuesday 24 h, Wednesday 18/3 5 h.
    const Dossier resumed = Step(assign->dossier, Make(Kind::kResume, "2026-03-12T09:00"));
    EXPECT_EQ(Show(resumed.due_at), "2026-03-18T14:00:00+07:00");
    EXPECT_FALSE(resumed.late);
    // Refused (or stopped) while paused: judged against the deadline moved by the pause.
    const auto refused = Run(paused, WellFormed(Kind::kRefuse, "2026-03-12T09:00"));
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ(Show(refused->dossier.due_at), "2026-03-18T14:00:00+07:00");
    EXPECT_EQ(refused->dossier.timing, Timing::kEarly);
    EXPECT_FALSE(refused->dossier.late);
    const auto stopped = Run(paused, WellFormed(Kind::kStop, "2026-03-12T09:00"));
    ASSERT_TRUE(stopped.ok());
    EXPECT_EQ(stopped->dossier.timing, Timing::kEarly);
    // Returned for supplement, the old deadline passing is not lateness either.
    const Dossier returned = Reach(State::kReturnedForSupplement);
    EXPECT_EQ(Run(returned, Make(Kind::kMarkLate, "2026-03-12T09:00")).error().code,
              base::ErrorCode::kFailedPrecondition);
    // A pause that begins after the deadline does not cure lateness.
    const auto late_pause =
        Run(Reach(State::kProcessing), WellFormed(Kind::kPause, "2026-03-09T10:00"));
    ASSERT_TRUE(late_pause.ok());
    EXPECT_TRUE(late_pause->dossier.late);
}

TEST_F(DossierMachineTest, BranchChosenAtTransferAndApproval) {
    process_.steps[0].next = {"tham-dinh", "phe-duyet"};
    process_.steps[2].next = {"ban-hanh"};
    const Dossier received = Reach(State::kReceived);
    const auto unchosen = Run(received, Make(Kind::kTransfer, "2026-03-02T10:00"));
    ASSERT_FALSE(unchosen.ok());
    EXPECT_EQ(unchosen.error().message, "chọn bước tiếp theo trong: tham-dinh, phe-duyet");
    Action transfer = Make(Kind::kTransfer, "2026-03-02T10:00");
    transfer.next_step = "phe-duyet";
    const Dossier at_approval = Step(received, transfer);
    EXPECT_EQ(at_approval.step_key, "phe-duyet");
    Action approve = Make(Kind::kApprove, "2026-03-02T11:00");
    approve.next_step = "ban-hanh";
    EXPECT_EQ(Step(at_approval, approve).step_key, "ban-hanh");
}

TEST_F(DossierMachineTest, StepDeadlinesInHours) {
    procedure_.processing_milli = 4000;
    procedure_.time_unit = TimeUnit::kHours;
    process_ = DefaultProcess(procedure_);
    Dossier draft = Draft();
    draft.processing_milli = 4000;
    draft.time_unit = static_cast<int>(TimeUnit::kHours);
    const Dossier d = Must(Open(draft, Make(Kind::kReceive, "2026-03-02T10:00"), context_));
    EXPECT_EQ(Show(d.due_at), "2026-03-02T15:30:00+07:00");
    // 0.4 hours, not 0.4 days.
    EXPECT_EQ(Show(d.step_due_at), "2026-03-02T10:24:00+07:00");
}

TEST(ActionKind, NamesRolesAndLabels) {
    for (const Kind kind : kAllActions) {
        const auto parsed = ParseActionKind(ActionKindName(kind));
        ASSERT_TRUE(parsed.ok()) << ActionKindName(kind);
        EXPECT_EQ(*parsed, kind);
        EXPECT_FALSE(ActionKindLabel(kind).empty());
    }
    EXPECT_EQ(ActionRole(Kind::kApprove), Role::kLeader);
    EXPECT_EQ(ActionRole(Kind::kReceive), Role::kDeskOfficer);
    EXPECT_EQ(ActionRole(Kind::kCompleteStep), Role::kSpecialist);
    EXPECT_EQ(ActionRole(Kind::kSubmit), Role::kCitizen);
    EXPECT_EQ(ActionRole(Kind::kMarkLate), Role::kAdmin);
    EXPECT_FALSE(ParseActionKind("delete").ok());
}

}  // namespace
}  // namespace motcua::domain
