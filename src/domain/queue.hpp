#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

// Queue tickets at the one-stop desk (issue #9; S0 §III.2: average waiting time ≤ 15 minutes;
// docs/feedback.md "Queue"). Pure: the ticket's life, which ticket a counter calls next, and the
// waiting-time figures. Storage makes "call next" atomic (no ticket called twice).
namespace motcua::domain::queue {

enum class State : std::uint8_t {
    kWaiting,  // issued (or put back), not called
    kCalled,   // called to a counter, the citizen not yet there
    kServing,  // at the counter
    kServed,   // done (final)
    kSkipped,  // called and did not come (final unless put back)
};
[[nodiscard]] std::string_view StateName(State state);  // waiting, called, serving, …
[[nodiscard]] std::optional<State> ParseState(std::string_view name);

struct Ticket {
    std::int64_t id = 0;
    std::string number;         // "A007": the service group's letter and the day's sequence
    std::string service_group;  // the kiosk button's group code
    State state = State::kWaiting;
    std::chrono::sys_seconds issued_at{};
    std::optional<std::chrono::sys_seconds> first_called_at;  // the wait ends here
    std::optional<std::chrono::sys_seconds> called_at;        // the latest call
    std::optional<std::chrono::sys_seconds> serve_started_at;
    std::optional<std::chrono::sys_seconds> serve_ended_at;
    std::string counter;  // the counter that called it last
    int recalls = 0;
    int transfers = 0;
    std::string dossier_code;  // the dossier received while serving, if any
};

// "A" + the sequence on three digits ("A007"); sequences above 999 take more digits.
// Errors: a prefix that is not one to three ASCII capital letters, a sequence < 1.
[[nodiscard]] base::Result<std::string> TicketNumber(std::string_view prefix, int sequence);

enum class ActionKind : std::uint8_t {
    kCall,      // waiting → called, at `counter`
    kRecall,    // called → called again (announced again)
    kStart,     // called → serving
    kFinish,    // serving → served; may link `dossier_code`
    kSkip,      // called → skipped (did not come)
    kRequeue,   // skipped → waiting (came late), keeps its place by issue time
    kTransfer,  // called/serving → waiting in `service_group` (another counter's service)
};
[[nodiscard]] std::string_view ActionName(ActionKind kind);
[[nodiscard]] std::optional<ActionKind> ParseAction(std::string_view name);

struct Action {
    ActionKind kind = ActionKind::kCall;
    std::chrono::sys_seconds at{};
    std::string counter{};        // call, recall, start, finish: the acting counter
    std::string service_group{};  // transfer
    std::string dossier_code{};   // finish
};

// The next ticket state; kFailedPrecondition for an illegal move (naming it), kInvalidArgument
// for a missing counter/group, an action timed before the ticket's last event, or a counter
// acting on a ticket another counter called.
[[nodiscard]] base::Result<Ticket> Apply(const Ticket& ticket, const Action& action);

// The ticket a counter serving `groups` calls next: the earliest issued waiting ticket of those
// groups (ties by id); nullopt when none waits.
[[nodiscard]] std::optional<std::size_t> PickNext(std::span<const Ticket> tickets,
                                                  std::span<const std::string> groups);

// Waiting time = first call − issue. Figures over the tickets called at least once; `waiting`
// counts those not yet called (their wait so far is not in the averages).
struct WaitingFigures {
    std::int64_t called = 0;
    std::int64_t waiting = 0;
    std::int64_t average_seconds = 0;        // rounded half up; 0 without calls
    std::int64_t p90_seconds = 0;            // nearest rank
    std::int64_t over_limit = 0;             // called after more than `limit`
    std::int64_t over_limit_hundredths = 0;  // share of `called`, % × 100, half up
};
[[nodiscard]] WaitingFigures Figures(std::span<const Ticket> tickets,
                                     std::chrono::seconds limit = std::chrono::minutes{15});

}  // namespace motcua::domain::queue
