// Issue #9: queue tickets at the desk — the ticket's life, which ticket is called next, and the
// waiting-time figures (S0 §III.2: ≤ 15 minutes). Label `queue`.
#include "domain/queue.hpp"

#include <gtest/gtest.h>

namespace motcua::domain::queue {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

const sys_seconds kOpen{seconds{1'780'000'000}};

Ticket Issued(std::int64_t id, std::string group, minutes after_open) {
    Ticket t;
    t.id = id;
    t.number = TicketNumber(group == "HT" ? "B" : "A", static_cast<int>(id)).value();
    t.service_group = std::move(group);
    t.issued_at = kOpen + after_open;
    return t;
}

Ticket Must(const Ticket& t, const Action& a) {
    auto next = Apply(t, a);
    EXPECT_TRUE(next) << (next ? "" : next.error().message);
    return next ? *next : t;
}

TEST(Queue, TicketLifeFromCallToDossier) {
    Ticket t = Issued(7, "DD", minutes{0});
    EXPECT_EQ(t.number, "A007");
    t = Must(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{12}, .counter = "Q1"});
    t = Must(t, {.kind = ActionKind::kRecall, .at = kOpen + minutes{13}, .counter = "Q1"});
    EXPECT_EQ(t.recalls, 1);
    EXPECT_EQ(*t.first_called_at, kOpen + minutes{12});  // the wait ended at the first call
    // Another counter cannot serve a ticket Q1 called.
    auto other = Apply(t, {.kind = ActionKind::kStart, .at = kOpen + minutes{14}, .counter = "Q2"});
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message.find("Q1"), std::string::npos);
    t = Must(t, {.kind = ActionKind::kStart, .at = kOpen + minutes{14}, .counter = "Q1"});
    t = Must(t, {.kind = ActionKind::kFinish,
                 .at = kOpen + minutes{25},
                 .counter = "Q1",
                 .dossier_code = "000.00.46.H57-261129-0001"});
    EXPECT_EQ(t.state, State::kServed);
    EXPECT_EQ(t.dossier_code, "000.00.46.H57-261129-0001");
    auto twice = Apply(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{26}, .counter = "Q1"});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, base::ErrorCode::kFailedPrecondition);
}

TEST(Queue, SkipRequeueAndTransfer) {
    Ticket t = Issued(3, "DD", minutes{0});
    t = Must(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{5}, .counter = "Q1"});
    t = Must(t, {.kind = ActionKind::kSkip, .at = kOpen + minutes{8}, .counter = "Q1"});
    EXPECT_EQ(t.state, State::kSkipped);
    EXPECT_FALSE(Apply(t, {.kind = ActionKind::kStart, .at = kOpen + minutes{9}, .counter = "Q1"}));
    t = Must(t, {.kind = ActionKind::kRequeue, .at = kOpen + minutes{20}});
    EXPECT_EQ(t.state, State::kWaiting);
    EXPECT_TRUE(t.counter.empty());
    t = Must(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{21}, .counter = "Q2"});
    EXPECT_EQ(*t.first_called_at, kOpen + minutes{5});  // the first call still ends the wait
    t = Must(t, {.kind = ActionKind::kTransfer, .at = kOpen + minutes{22}, .service_group = "HT"});
    EXPECT_EQ(t.state, State::kWaiting);
    EXPECT_EQ(t.service_group, "HT");
    EXPECT_EQ(t.transfers, 1);
    EXPECT_FALSE(Apply(t, {.kind = ActionKind::kTransfer,
                           .at = kOpen + minutes{23},
                           .service_group = "DD"}));  // waiting: call it first
}

TEST(Queue, BadActionsAreRefused) {
    const Ticket t = Issued(1, "DD", minutes{10});
    EXPECT_EQ(Apply(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{11}}).error().code,
              base::ErrorCode::kInvalidArgument);  // no counter
    EXPECT_EQ(Apply(t, {.kind = ActionKind::kCall, .at = kOpen + minutes{5}, .counter = "Q1"})
                  .error()
                  .code,
              base::ErrorCode::kInvalidArgument);  // before the ticket was issued
    EXPECT_EQ(Apply(t, {.kind = ActionKind::kFinish, .at = kOpen + minutes{11}, .counter = ""})
                  .error()
                  .code,
              base::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(TicketNumber("a", 1));
    EXPECT_FALSE(TicketNumber("ABCD", 1));
    EXPECT_FALSE(TicketNumber("A", 0));
    EXPECT_EQ(TicketNumber("HT", 1234).value(), "HT1234");
    EXPECT_EQ(ParseAction(ActionName(ActionKind::kRequeue)), ActionKind::kRequeue);
    EXPECT_EQ(ParseState("serving"), State::kServing);
    EXPECT_FALSE(ParseState("gone"));
}

TEST(Queue, NextIsTheEarliestWaitingOfTheCountersGroups) {
    std::vector<Ticket> tickets{Issued(1, "DD", minutes{3}), Issued(2, "HT", minutes{1}),
                                Issued(3, "DD", minutes{2}), Issued(4, "DD", minutes{2})};
    const std::vector<std::string> dd{"DD"};
    const std::vector<std::string> both{"DD", "HT"};
    EXPECT_EQ(PickNext(tickets, dd), 2U);    // id 3: issued at +2, before id 4 by id
    EXPECT_EQ(PickNext(tickets, both), 1U);  // id 2 at +1
    tickets[2].state = State::kCalled;
    EXPECT_EQ(PickNext(tickets, dd), 3U);
    const std::vector<std::string> none{"XX"};
    EXPECT_FALSE(PickNext(tickets, none));
}

TEST(Queue, WaitingFigures) {
    std::vector<Ticket> tickets;
    // Waits of 1, 2, …, 10 minutes, and 20 minutes: 11 called.
    for (int i = 1; i <= 10; ++i) {
        Ticket t = Issued(i, "DD", minutes{0});
        t.first_called_at = t.issued_at + minutes{i};
        tickets.push_back(t);
    }
    Ticket slow = Issued(11, "DD", minutes{0});
    slow.first_called_at = slow.issued_at + minutes{20};
    tickets.push_back(slow);
    tickets.push_back(Issued(12, "DD", minutes{30}));  // still waiting
    const WaitingFigures f = Figures(tickets);
    EXPECT_EQ(f.called, 11);
    EXPECT_EQ(f.waiting, 1);
    EXPECT_EQ(f.average_seconds, (55 + 20) * 60 / 11);  // 409.09 → 409
    EXPECT_EQ(f.p90_seconds, 10 * 60);                  // rank ⌈9.9⌉ = 10
    EXPECT_EQ(f.over_limit, 1);
    EXPECT_EQ(f.over_limit_hundredths, 909);  // 1/11 = 9.09%
    // Exactly 15 minutes is within the limit.
    tickets[0].first_called_at = tickets[0].issued_at + minutes{15};
    EXPECT_EQ(Figures(tickets).over_limit, 1);
    EXPECT_EQ(Figures({}).called, 0);
}

}  // namespace
}  // namespace motcua::domain::queue
