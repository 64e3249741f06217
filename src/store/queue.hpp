#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/queue.hpp"
#include "store/database.hpp"

// Queue tickets at the one-stop desk (issue #9, migration 0015): the desk's service groups and
// counters, the tickets and their append-only events. Plain records; who may do what is in
// app/queue.hpp. "Call next" is one conditional UPDATE (no ticket called twice, also across
// processes and PostgreSQL connections); the day's sequence is one upsert.
namespace motcua::store::queue {

struct Group {
    std::int64_t id = 0;
    std::int64_t desk_unit_id = 0;
    std::string code;    // the kiosk button's code ("HT")
    std::string prefix;  // the ticket numbers' letters ("A")
    std::string label;   // Vietnamese
    int position = 0;
};

struct Counter {
    std::int64_t id = 0;
    std::int64_t desk_unit_id = 0;
    std::string code;   // "1", "Q2"
    std::string label;  // "Quầy 2"
    int position = 0;
    std::vector<std::string> groups;  // the group codes it serves
    std::optional<std::int64_t> officer_user_id;
    std::optional<std::chrono::sys_seconds> signed_in_at;
};

// A stored ticket: the domain ticket with where and when it belongs.
struct StoredTicket {
    domain::queue::Ticket ticket;
    std::int64_t desk_unit_id = 0;
    std::chrono::sys_days day{};
    std::string prefix;
    int sequence = 0;
    std::optional<std::int64_t> dossier_id;
    std::int64_t version = 1;
};

struct Event {
    std::int64_t id = 0;
    std::int64_t ticket_id = 0;
    std::int64_t desk_unit_id = 0;
    std::string action;  // issue, call, recall, start, finish, skip, requeue, transfer
    std::chrono::sys_seconds at{};
    std::string counter;
    std::optional<std::int64_t> actor_user_id;
    std::string detail;
};

// Replaces the desk's groups and counters (counters keep their signed-in officer when their code
// stays). kAlreadyExists for a repeated group code or prefix, or a repeated counter code.
[[nodiscard]] base::Status ReplaceSetup(Transaction& tx, std::int64_t desk_unit_id,
                                        const std::vector<Group>& groups,
                                        const std::vector<Counter>& counters);
// In their order (position, then code).
[[nodiscard]] base::Result<std::vector<Group>> Groups(Transaction& tx, std::int64_t desk_unit_id);
[[nodiscard]] base::Result<std::vector<Counter>> Counters(Transaction& tx,
                                                          std::int64_t desk_unit_id);
// Records `officer` as signed in at the counter (empty: signed out). False if no such counter.
[[nodiscard]] base::Result<bool> SignIn(Transaction& tx, std::int64_t desk_unit_id,
                                        std::string_view counter,
                                        std::optional<std::int64_t> officer,
                                        std::chrono::sys_seconds at);

// The next sequence of (desk, prefix, day): 1 for the first ticket, atomically incremented.
[[nodiscard]] base::Result<int> NextSequence(Transaction& tx, std::int64_t desk_unit_id,
                                             std::string_view prefix, std::chrono::sys_days day);

// Inserts a waiting ticket (ids ignored) and its "issue" event; returns it with its id.
// kAlreadyExists if (desk, prefix, day, sequence) is taken.
[[nodiscard]] base::Result<StoredTicket> Insert(Transaction& tx, StoredTicket ticket,
                                                std::optional<std::int64_t> actor_user_id);

[[nodiscard]] base::Result<std::optional<StoredTicket>> Get(Transaction& tx, std::int64_t id);
// The ticket numbered `number` at the desk on `day`.
[[nodiscard]] base::Result<std::optional<StoredTicket>> GetByNumber(Transaction& tx,
                                                                    std::int64_t desk_unit_id,
                                                                    std::chrono::sys_days day,
                                                                    std::string_view number);

// Calls the earliest issued waiting ticket (ties by id) of the groups counter `counter` serves at
// the desk: one conditional UPDATE (state still 'waiting'), retried when a concurrent caller won
// the row, and the "call" event. nullopt when nothing of those groups waits.
[[nodiscard]] base::Result<std::optional<StoredTicket>> CallNext(
    Transaction& tx, std::int64_t desk_unit_id, std::string_view counter,
    std::chrono::sys_seconds at, std::optional<std::int64_t> actor_user_id);

// Writes `updated` (the result of domain::queue::Apply on `expected_version`'s ticket) if the
// stored version is still `expected_version` (compare and set) and appends the event `action`.
// kAborted (stale) when someone else moved the ticket meanwhile. Returns it with its new version.
[[nodiscard]] base::Result<StoredTicket> Update(Transaction& tx, StoredTicket updated,
                                                std::int64_t expected_version,
                                                std::string_view action,
                                                std::optional<std::int64_t> actor_user_id,
                                                std::string_view detail);

// Tickets of the desk issued on days [from, to], oldest first.
[[nodiscard]] base::Result<std::vector<StoredTicket>> ForDays(Transaction& tx,
                                                              std::int64_t desk_unit_id,
                                                              std::chrono::sys_days from,
                                                              std::chrono::sys_days to);
// Waiting tickets of `group` issued before (issue time, id) — the people ahead.
[[nodiscard]] base::Result<std::int64_t> WaitingAhead(Transaction& tx, std::int64_t desk_unit_id,
                                                      std::string_view group,
                                                      const StoredTicket& ticket);
// The display's version: the desk's highest event id (0 without events).
[[nodiscard]] base::Result<std::int64_t> DeskVersion(Transaction& tx, std::int64_t desk_unit_id);
// Per desk unit: the total waiting seconds (first call − issue) and the number of tickets called
// at least once, over the tickets issued on days [from, to] (plan target waiting_minutes).
struct WaitSum {
    std::int64_t seconds = 0;
    std::int64_t called = 0;
};
[[nodiscard]] base::Result<std::map<std::int64_t, WaitSum>> WaitSums(Transaction& tx,
                                                                     std::chrono::sys_days from,
                                                                     std::chrono::sys_days to);
// Events of a ticket, oldest first.
[[nodiscard]] base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t ticket_id);

}  // namespace motcua::store::queue
