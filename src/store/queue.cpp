#include "store/queue.hpp"

#include <array>
#include <map>

#include "store/codec.hpp"

namespace motcua::store::queue {

namespace {

using domain::queue::State;
using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;

constexpr std::string_view kTicketColumns =
    "id, desk_unit_id, day, prefix, sequence, number, group_code, state, issued_at, "
    "first_called_at, called_at, serve_started_at, serve_ended_at, counter_code, recalls, "
    "transfers, dossier_id, dossier_code, version";

// A concurrent caller may take the row between our pick and our update (PostgreSQL, READ
// COMMITTED): the update then changes nothing and we pick again. Bounded, as every winner
// removes one waiting ticket.
constexpr int kMaxCallAttempts = 64;

base::Result<StoredTicket> DecodeTicket(const Row& row) {
    StoredTicket s;
    s.ticket.id = row.Int(0);
    s.desk_unit_id = row.Int(1);
    auto day = internal::ParseDay(row.Text(2));
    if (!day) {
        return std::move(day).error();
    }
    s.day = *day;
    s.prefix = row.Text(3);
    s.sequence = static_cast<int>(row.Int(4));
    s.ticket.number = row.Text(5);
    s.ticket.service_group = row.Text(6);
    const auto state = domain::queue::ParseState(row.Text(7));
    if (!state) {
        return internal::CorruptValue("queue_tickets.state", row.Text(7));
    }
    s.ticket.state = *state;
    s.ticket.issued_at = internal::ToSeconds(row.Int(8));
    s.ticket.first_called_at = internal::ToOptSeconds(row, 9);
    s.ticket.called_at = internal::ToOptSeconds(row, 10);
    s.ticket.serve_started_at = internal::ToOptSeconds(row, 11);
    s.ticket.serve_ended_at = internal::ToOptSeconds(row, 12);
    s.ticket.counter = row.Text(13);
    s.ticket.recalls = static_cast<int>(row.Int(14));
    s.ticket.transfers = static_cast<int>(row.Int(15));
    s.dossier_id = row.OptInt(16);
    s.ticket.dossier_code = row.Text(17);
    s.version = row.Int(18);
    return s;
}

base::Result<std::vector<StoredTicket>> DecodeTickets(base::Result<std::vector<Row>> rows) {
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<StoredTicket> out;
    out.reserve(rows->size());
    for (const Row& row : *rows) {
        auto t = DecodeTicket(row);
        if (!t) {
            return std::move(t).error();
        }
        out.push_back(std::move(*t));
    }
    return out;
}

base::Result<std::optional<StoredTicket>> OneTicket(base::Result<std::vector<Row>> rows) {
    auto all = DecodeTickets(std::move(rows));
    if (!all) {
        return std::move(all).error();
    }
    if (all->empty()) {
        return std::optional<StoredTicket>{};
    }
    return std::optional<StoredTicket>{std::move(all->front())};
}

base::Status AppendEvent(Transaction& tx, const StoredTicket& t, std::string_view action,
                         std::chrono::sys_seconds at, std::optional<std::int64_t> actor,
                         std::string_view detail) {
    const std::array<Value, 7> params{Int(t.ticket.id), Int(t.desk_unit_id),    Text(action),
                                      Seconds(at),      Text(t.ticket.counter), OptInt(actor),
                                      Text(detail)};
    auto done = tx.Execute(
        "INSERT INTO queue_ticket_events (ticket_id, desk_unit_id, action, at, counter_code, "
        "actor_user_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params);
    if (!done) {
        return std::move(done).error();
    }
    return {};
}

// The latest instant of the ticket (the event just applied).
std::chrono::sys_seconds LastInstant(const domain::queue::Ticket& t) {
    std::chrono::sys_seconds at = t.issued_at;
    for (const auto& v : {t.first_called_at, t.called_at, t.serve_started_at, t.serve_ended_at}) {
        if (v && *v > at) {
            at = *v;
        }
    }
    return at;
}

}  // namespace

base::Status ReplaceSetup(Transaction& tx, std::int64_t desk_unit_id,
                          const std::vector<Group>& groups, const std::vector<Counter>& counters) {
    const std::array<Value, 1> desk{Int(desk_unit_id)};
    // Keep who is signed in at a counter whose code stays.
    std::map<std::string, std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>>
        signed_in;
    {
        auto rows = tx.Query(
            "SELECT code, officer_user_id, signed_in_at FROM queue_counters WHERE desk_unit_id = "
            "$1",
            desk);
        if (!rows) {
            return std::move(rows).error();
        }
        for (const Row& row : *rows) {
            signed_in[row.Text(0)] = {row.OptInt(1), row.OptInt(2)};
        }
    }
    for (std::string_view sql :
         {"DELETE FROM queue_counter_groups WHERE counter_id IN (SELECT id FROM queue_counters "
          "WHERE desk_unit_id = $1)",
          "DELETE FROM queue_counters WHERE desk_unit_id = $1",
          "DELETE FROM queue_groups WHERE desk_unit_id = $1"}) {
        auto done = tx.Execute(sql, desk);
        if (!done) {
            return std::move(done).error();
        }
    }
    for (const Group& g : groups) {
        const std::array<Value, 5> params{Int(desk_unit_id), Text(g.code), Text(g.prefix),
                                          Text(g.label), Int(g.position)};
        auto done = tx.Execute(
            "INSERT INTO queue_groups (desk_unit_id, code, prefix, label, position) VALUES ($1, "
            "$2, $3, $4, $5)",
            params);
        if (!done) {
            return internal::Rephrase(std::move(done).error(), base::ErrorCode::kAlreadyExists,
                                      "Mã nhóm dịch vụ hoặc chữ cái đầu số \"" + g.code + "\"/\"" +
                                          g.prefix + "\" bị trùng.");
        }
    }
    for (const Counter& c : counters) {
        const auto kept = signed_in.find(c.code);
        std::optional<std::int64_t> officer;
        std::optional<std::int64_t> since;
        if (kept != signed_in.end()) {
            officer = kept->second.first;
            since = kept->second.second;
        }
        const std::array<Value, 6> params{Int(desk_unit_id), Text(c.code),    Text(c.label),
                                          Int(c.position),   OptInt(officer), OptInt(since)};
        auto inserted = internal::InsertReturningId(
            tx,
            "INSERT INTO queue_counters (desk_unit_id, code, label, position, officer_user_id, "
            "signed_in_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            params, base::ErrorCode::kAlreadyExists, "Mã quầy \"" + c.code + "\" bị trùng.");
        if (!inserted) {
            return std::move(inserted).error();
        }
        const std::int64_t counter_id = *inserted;
        for (const std::string& group : c.groups) {
            const std::array<Value, 2> link{Int(counter_id), Text(group)};
            auto done = tx.Execute(
                "INSERT INTO queue_counter_groups (counter_id, group_code) VALUES ($1, $2)", link);
            if (!done) {
                return internal::Rephrase(
                    std::move(done).error(), base::ErrorCode::kAlreadyExists,
                    "Quầy \"" + c.code + "\" nhận nhóm \"" + group + "\" hai lần.");
            }
        }
    }
    return {};
}

base::Result<std::vector<Group>> Groups(Transaction& tx, std::int64_t desk_unit_id) {
    const std::array<Value, 1> params{Int(desk_unit_id)};
    auto rows = tx.Query(
        "SELECT id, desk_unit_id, code, prefix, label, position FROM queue_groups WHERE "
        "desk_unit_id = $1 ORDER BY position, code",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Group> out;
    for (const Row& row : *rows) {
        out.push_back(Group{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                            static_cast<int>(row.Int(5))});
    }
    return out;
}

base::Result<std::vector<Counter>> Counters(Transaction& tx, std::int64_t desk_unit_id) {
    const std::array<Value, 1> params{Int(desk_unit_id)};
    auto rows = tx.Query(
        "SELECT id, desk_unit_id, code, label, position, officer_user_id, signed_in_at FROM "
        "queue_counters WHERE desk_unit_id = $1 ORDER BY position, code",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    auto links = tx.Query(
        "SELECT g.counter_id, g.group_code FROM queue_counter_groups g JOIN queue_counters c ON "
        "c.id = g.counter_id WHERE c.desk_unit_id = $1 ORDER BY g.counter_id, g.group_code",
        params);
    if (!links) {
        return std::move(links).error();
    }
    std::vector<Counter> out;
    for (const Row& row : *rows) {
        Counter c;
        c.id = row.Int(0);
        c.desk_unit_id = row.Int(1);
        c.code = row.Text(2);
        c.label = row.Text(3);
        c.position = static_cast<int>(row.Int(4));
        c.officer_user_id = row.OptInt(5);
        c.signed_in_at = internal::ToOptSeconds(row, 6);
        for (const Row& link : *links) {
            if (link.Int(0) == c.id) {
                c.groups.push_back(link.Text(1));
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

base::Result<bool> SignIn(Transaction& tx, std::int64_t desk_unit_id, std::string_view counter,
                          std::optional<std::int64_t> officer, std::chrono::sys_seconds at) {
    const std::array<Value, 4> params{Int(desk_unit_id), Text(counter), OptInt(officer),
                                      officer ? Seconds(at) : Value{}};
    auto changed = tx.Execute(
        "UPDATE queue_counters SET officer_user_id = $3, signed_in_at = $4 WHERE desk_unit_id = "
        "$1 AND code = $2",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    return *changed > 0;
}

base::Result<int> NextSequence(Transaction& tx, std::int64_t desk_unit_id, std::string_view prefix,
                               std::chrono::sys_days day) {
    const std::array<Value, 3> params{Int(desk_unit_id), Text(prefix), internal::Day(day)};
    auto row = tx.QueryOne(
        "INSERT INTO queue_sequences (desk_unit_id, prefix, day, last_seq) VALUES ($1, $2, $3, 1) "
        "ON CONFLICT (desk_unit_id, prefix, day) DO UPDATE SET last_seq = "
        "queue_sequences.last_seq + 1 RETURNING last_seq",
        params);
    if (!row) {
        return std::move(row).error();
    }
    if (!*row) {
        return base::Internal("INSERT … RETURNING returned no row");
    }
    return static_cast<int>((*row)->Int(0));
}

base::Result<StoredTicket> Insert(Transaction& tx, StoredTicket t,
                                  std::optional<std::int64_t> actor_user_id) {
    const domain::queue::Ticket& k = t.ticket;
    const std::array<Value, 12> params{Int(t.desk_unit_id),
                                       internal::Day(t.day),
                                       Text(t.prefix),
                                       Int(t.sequence),
                                       Text(k.number),
                                       Text(k.service_group),
                                       Text(domain::queue::StateName(k.state)),
                                       Seconds(k.issued_at),
                                       Text(k.counter),
                                       Int(k.recalls),
                                       Int(k.transfers),
                                       Text(k.dossier_code)};
    auto inserted = internal::InsertReturningId(
        tx,
        "INSERT INTO queue_tickets (desk_unit_id, day, prefix, sequence, number, group_code, "
        "state, issued_at, counter_code, recalls, transfers, dossier_code) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        params, base::ErrorCode::kAlreadyExists,
        "Số thứ tự " + k.number + " đã được cấp trong ngày.");
    if (!inserted) {
        return std::move(inserted).error();
    }
    t.ticket.id = *inserted;
    t.version = 1;
    auto event = AppendEvent(tx, t, "issue", k.issued_at, actor_user_id, "");
    if (!event) {
        return std::move(event).error();
    }
    return t;
}

base::Result<std::optional<StoredTicket>> Get(Transaction& tx, std::int64_t id) {
    const std::array<Value, 1> params{Int(id)};
    return OneTicket(tx.Query(
        "SELECT " + std::string(kTicketColumns) + " FROM queue_tickets WHERE id = $1", params));
}

base::Result<std::optional<StoredTicket>> GetByNumber(Transaction& tx, std::int64_t desk_unit_id,
                                                      std::chrono::sys_days day,
                                                      std::string_view number) {
    const std::array<Value, 3> params{Int(desk_unit_id), internal::Day(day), Text(number)};
    return OneTicket(tx.Query("SELECT " + std::string(kTicketColumns) +
                                  " FROM queue_tickets WHERE desk_unit_id = $1 AND day = $2 AND "
                                  "number = $3",
                              params));
}

base::Result<std::optional<StoredTicket>> CallNext(Transaction& tx, std::int64_t desk_unit_id,
                                                   std::string_view counter,
                                                   std::chrono::sys_seconds at,
                                                   std::optional<std::int64_t> actor_user_id) {
    const std::array<Value, 3> params{Int(desk_unit_id), Text(counter), Seconds(at)};
    const std::string update =
        "UPDATE queue_tickets SET state = 'called', counter_code = $2, called_at = $3, "
        "first_called_at = COALESCE(first_called_at, $3), version = version + 1 "
        "WHERE state = 'waiting' AND id = (SELECT t.id FROM queue_tickets t WHERE "
        "t.desk_unit_id = $1 AND t.state = 'waiting' AND t.group_code IN (SELECT cg.group_code "
        "FROM queue_counter_groups cg JOIN queue_counters c ON c.id = cg.counter_id WHERE "
        "c.desk_unit_id = $1 AND c.code = $2) ORDER BY t.issued_at, t.id LIMIT 1) RETURNING " +
        std::string(kTicketColumns);
    const std::array<Value, 2> waiting_params{Int(desk_unit_id), Text(counter)};
    for (int attempt = 0; attempt < kMaxCallAttempts; ++attempt) {
        auto called = OneTicket(tx.Query(update, params));
        if (!called) {
            return std::move(called).error();
        }
        if (*called) {
            auto event = AppendEvent(tx, **called, "call", at, actor_user_id, "");
            if (!event) {
                return std::move(event).error();
            }
            return called;
        }
        // Nothing updated: none waits, or a concurrent caller took the row we picked.
        auto left = tx.QueryOne(
            "SELECT COUNT(*) FROM queue_tickets t WHERE t.desk_unit_id = $1 AND t.state = "
            "'waiting' AND t.group_code IN (SELECT cg.group_code FROM queue_counter_groups cg "
            "JOIN queue_counters c ON c.id = cg.counter_id WHERE c.desk_unit_id = $1 AND c.code "
            "= $2)",
            waiting_params);
        if (!left) {
            return std::move(left).error();
        }
        if (!*left || (*left)->Int(0) == 0) {
            return std::optional<StoredTicket>{};
        }
    }
    return base::Error{base::ErrorCode::kAborted,
                       "Quá nhiều quầy gọi số cùng lúc; vui lòng thử lại."};
}

base::Result<StoredTicket> Update(Transaction& tx, StoredTicket updated,
                                  std::int64_t expected_version, std::string_view action,
                                  std::optional<std::int64_t> actor_user_id,
                                  std::string_view detail) {
    const domain::queue::Ticket& k = updated.ticket;
    const std::array<Value, 14> params{Int(k.id),
                                       Int(expected_version),
                                       Text(k.service_group),
                                       Text(domain::queue::StateName(k.state)),
                                       OptSeconds(k.first_called_at),
                                       OptSeconds(k.called_at),
                                       OptSeconds(k.serve_started_at),
                                       OptSeconds(k.serve_ended_at),
                                       Text(k.counter),
                                       Int(k.recalls),
                                       Int(k.transfers),
                                       OptInt(updated.dossier_id),
                                       Text(k.dossier_code),
                                       Int(expected_version + 1)};
    auto changed = tx.Execute(
        "UPDATE queue_tickets SET group_code = $3, state = $4, first_called_at = $5, called_at = "
        "$6, serve_started_at = $7, serve_ended_at = $8, counter_code = $9, recalls = $10, "
        "transfers = $11, dossier_id = $12, dossier_code = $13, version = $14 WHERE id = $1 AND "
        "version = $2",
        params);
    if (!changed) {
        return std::move(changed).error();
    }
    if (*changed == 0) {
        return internal::StaleVersion("Số thứ tự " + k.number);
    }
    updated.version = expected_version + 1;
    auto event = AppendEvent(tx, updated, action, LastInstant(k), actor_user_id, detail);
    if (!event) {
        return std::move(event).error();
    }
    return updated;
}

base::Result<std::vector<StoredTicket>> ForDays(Transaction& tx, std::int64_t desk_unit_id,
                                                std::chrono::sys_days from,
                                                std::chrono::sys_days to) {
    const std::array<Value, 3> params{Int(desk_unit_id), internal::Day(from), internal::Day(to)};
    return DecodeTickets(tx.Query("SELECT " + std::string(kTicketColumns) +
                                      " FROM queue_tickets WHERE desk_unit_id = $1 AND day >= $2 "
                                      "AND day <= $3 ORDER BY issued_at, id",
                                  params));
}

base::Result<std::int64_t> WaitingAhead(Transaction& tx, std::int64_t desk_unit_id,
                                        std::string_view group, const StoredTicket& ticket) {
    const std::array<Value, 4> params{Int(desk_unit_id), Text(group),
                                      Seconds(ticket.ticket.issued_at), Int(ticket.ticket.id)};
    auto row = tx.QueryOne(
        "SELECT COUNT(*) FROM queue_tickets WHERE desk_unit_id = $1 AND group_code = $2 AND "
        "state = 'waiting' AND (issued_at < $3 OR (issued_at = $3 AND id < $4))",
        params);
    if (!row) {
        return std::move(row).error();
    }
    return *row ? (*row)->Int(0) : 0;
}

base::Result<std::int64_t> DeskVersion(Transaction& tx, std::int64_t desk_unit_id) {
    const std::array<Value, 1> params{Int(desk_unit_id)};
    auto row = tx.QueryOne(
        "SELECT COALESCE(MAX(id), 0) FROM queue_ticket_events WHERE desk_unit_id = $1", params);
    if (!row) {
        return std::move(row).error();
    }
    return *row ? (*row)->Int(0) : 0;
}

base::Result<std::map<std::int64_t, WaitSum>> WaitSums(Transaction& tx, std::chrono::sys_days from,
                                                       std::chrono::sys_days to) {
    const std::array<Value, 2> params{internal::Day(from), internal::Day(to)};
    auto rows = tx.Query(
        "SELECT desk_unit_id, SUM(first_called_at - issued_at), COUNT(*) FROM queue_tickets WHERE "
        "first_called_at IS NOT NULL AND day >= $1 AND day <= $2 GROUP BY desk_unit_id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::map<std::int64_t, WaitSum> out;
    for (const Row& row : *rows) {
        out[row.Int(0)] = WaitSum{row.Int(1), row.Int(2)};
    }
    return out;
}

base::Result<std::vector<Event>> Events(Transaction& tx, std::int64_t ticket_id) {
    const std::array<Value, 1> params{Int(ticket_id)};
    auto rows = tx.Query(
        "SELECT id, ticket_id, desk_unit_id, action, at, counter_code, actor_user_id, detail FROM "
        "queue_ticket_events WHERE ticket_id = $1 ORDER BY id",
        params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Event> out;
    for (const Row& row : *rows) {
        out.push_back(Event{row.Int(0), row.Int(1), row.Int(2), row.Text(3),
                            internal::ToSeconds(row.Int(4)), row.Text(5), row.OptInt(6),
                            row.Text(7)});
    }
    return out;
}

}  // namespace motcua::store::queue
