#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "app/plan_targets.hpp"
#include "base/result.hpp"
#include "domain/queue.hpp"
#include "domain/unit.hpp"
#include "store/queue.hpp"

// Queue tickets at the one-stop desk (issue #9; docs/feedback.md "Queue API and pages"). A desk
// is a unit of type one_stop_desk or service_centre, named by its code. The kiosk and the
// waiting-room display are public; counter actions belong to the desk officers of that desk;
// the setup to administrators covering it; the figures to staff covering it. Every change is
// audited in the same transaction.
namespace motcua::app::queue {

struct DeskSetup {
    domain::Unit desk;
    std::vector<store::queue::Group> groups;
    std::vector<store::queue::Counter> counters;
};

// Public (the kiosk's buttons, the counters' labels). kNotFound for an unknown code or a unit
// that is not a desk.
[[nodiscard]] base::Result<DeskSetup> GetSetup(AppContext& ctx, std::string_view desk_code);

// Replaces the desk's groups and counters: administrators covering the desk. Checks codes
// (1–16 of [A-Za-z0-9_-]), prefixes (1–3 capital letters), labels (1–100 characters), that every
// counter serves known groups; kInvalidArgument naming what is wrong.
[[nodiscard]] base::Result<DeskSetup> SaveSetup(AppContext& ctx, const Actor& actor,
                                                std::string_view desk_code,
                                                std::vector<store::queue::Group> groups,
                                                std::vector<store::queue::Counter> counters);

struct IssuedTicket {
    store::queue::StoredTicket ticket;
    std::string group_label;
    std::int64_t ahead = 0;  // waiting tickets of the group issued before it
    // The day's average waiting time at the desk so far; nullopt before the first call.
    std::optional<std::int64_t> estimated_wait_seconds;
};

// The kiosk: a ticket of `group_code` (public, no account). Throttled per client address and
// desk (kResourceExhausted). kNotFound for an unknown desk or group.
[[nodiscard]] base::Result<IssuedTicket> IssueTicket(AppContext& ctx, const Actor& actor,
                                                     std::string_view desk_code,
                                                     std::string_view group_code);

// Counter actions: desk officers of the desk only (kPermissionDenied otherwise), at a counter of
// the desk (kNotFound otherwise); the acting officer is recorded as signed in at the counter.
// Calls the earliest waiting ticket of the counter's groups; nullopt when none waits.
[[nodiscard]] base::Result<std::optional<store::queue::StoredTicket>> CallNext(
    AppContext& ctx, const Actor& actor, std::string_view desk_code, std::string_view counter);

struct ActRequest {
    domain::queue::ActionKind kind = domain::queue::ActionKind::kRecall;  // not kCall
    std::string counter;
    std::string service_group;  // transfer
    std::string dossier_code;   // finish, optional: must exist and be received at the desk
    std::optional<std::int64_t> expected_version;  // kAborted when stale
};
// Recall, start, finish, skip, requeue, transfer ticket `ticket_id` of the desk:
// kFailedPrecondition for an illegal move or another counter's ticket (domain::queue::Apply),
// kNotFound for a ticket of another desk, an unknown group or dossier.
[[nodiscard]] base::Result<store::queue::StoredTicket> Act(AppContext& ctx, const Actor& actor,
                                                           std::string_view desk_code,
                                                           std::int64_t ticket_id,
                                                           const ActRequest& request);

// Today's tickets of the desk (the counter page): desk officers of the desk.
[[nodiscard]] base::Result<std::vector<store::queue::StoredTicket>> TodaysTickets(
    AppContext& ctx, const Actor& actor, std::string_view desk_code);

struct CounterCall {
    std::string counter;
    std::string counter_label;
    std::string number;  // empty: nothing called yet today
    domain::queue::State state = domain::queue::State::kCalled;
    std::optional<std::chrono::sys_seconds> called_at;
    int recalls = 0;
};
struct DisplayState {
    std::string desk_code;
    std::string desk_name;
    std::int64_t version = 0;           // the desk's latest event; changes with every move
    std::chrono::sys_days day{};        // today (the display starts empty each day)
    std::vector<CounterCall> counters;  // the latest ticket called at each counter today
    std::vector<CounterCall> recent;    // today's calls, latest first (at most 8)
    std::int64_t waiting = 0;
};
// Public: no personal data (numbers and counters only).
[[nodiscard]] base::Result<DisplayState> Display(AppContext& ctx, std::string_view desk_code);

struct FigureRow {
    std::string key;    // hour "08", or group code
    std::string label;  // "08:00–08:59", or the group's label
    domain::queue::WaitingFigures figures;
};
struct Figures {
    domain::Unit desk;
    std::chrono::sys_days from{};
    std::chrono::sys_days to{};
    domain::queue::WaitingFigures total;
    std::vector<FigureRow> by_hour;   // by the local hour of issue
    std::vector<FigureRow> by_group;  // by the ticket's (current) service group
    // Dossiers received per desk staff member per year over the window (the plan target
    // desk_productivity, app::DeskProductivityOver) against its 1,600 / 1,200 / 800 target.
    DeskProductivity productivity;
};
// Waiting-time figures of the desk over [from, to] (at most 366 days): staff covering the desk.
[[nodiscard]] base::Result<Figures> DeskFigures(AppContext& ctx, const Actor& actor,
                                                std::string_view desk_code,
                                                std::chrono::sys_days from,
                                                std::chrono::sys_days to);

// The desks (one-stop desks, service centres) of `unit`'s subtree together: dossiers received
// per desk staff member per year over [from, to] (the indicators' "desk_productivity"); nullopt
// when they have no desk staff. No access check: for callers that have authorised the unit
// (app::Indicators).
[[nodiscard]] base::Result<std::optional<DeskProductivity>> SubtreeDeskProductivity(
    AppContext& ctx, const domain::Unit& unit, std::chrono::sys_days from,
    std::chrono::sys_days to);

}  // namespace motcua::app::queue
