#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/process.hpp"
#include "store/database.hpp"

// Dossiers (issue #4): the current-state row (indexed columns + the whole state as JSON) and the
// append-only event log, written together by each action in one transaction; internal process
// versions; dossier-code counters; the notification outbox.
namespace motcua::store::dossiers {

// Inserts a new dossier (version 1) and returns its id. kAlreadyExists if the code or the
// idempotency key is taken.
[[nodiscard]] base::Result<std::int64_t> Insert(Transaction& tx, const domain::Dossier& dossier);

// Replaces the state of `dossier.id` if its stored version is `expected_version`; the stored
// version becomes `dossier.version`. kAborted (Vietnamese: changed by someone else) otherwise,
// kNotFound if there is no such dossier.
[[nodiscard]] base::Status Update(Transaction& tx, const domain::Dossier& dossier,
                                  std::int64_t expected_version);

// The encoded new state, prepared before the write transaction (JSON encoding happens here) so the
// single SQLite writer only binds and steps; Update(tx, prepared) as above.
struct PreparedUpdate {
    std::int64_t id = 0;
    std::string code;
    std::vector<Value> params;
};
[[nodiscard]] PreparedUpdate PrepareUpdate(const domain::Dossier& dossier,
                                           std::int64_t expected_version);
[[nodiscard]] base::Status Update(Transaction& tx, const PreparedUpdate& update);

[[nodiscard]] base::Result<std::optional<domain::Dossier>> Get(Transaction& tx, std::int64_t id);
[[nodiscard]] base::Result<std::optional<domain::Dossier>> GetByCode(Transaction& tx,
                                                                     std::string_view code);
[[nodiscard]] base::Result<std::optional<domain::Dossier>> GetByIdempotencyKey(
    Transaction& tx, std::string_view key);

// Appends an event (its dossier_id and seq must be set; (dossier, seq) is unique).
[[nodiscard]] base::Status AppendEvent(Transaction& tx, const domain::DossierEvent& event);
struct PreparedEvent {
    std::vector<Value> params;
};
[[nodiscard]] PreparedEvent PrepareEvent(const domain::DossierEvent& event);
[[nodiscard]] base::Status AppendEvent(Transaction& tx, const PreparedEvent& event);
[[nodiscard]] base::Result<std::vector<domain::DossierEvent>> Events(Transaction& tx,
                                                                     std::int64_t dossier_id);

// The next number of the day for `prefix` (1, 2, ...), reserved in this transaction.
[[nodiscard]] base::Result<std::int64_t> NextCodeNumber(Transaction& tx, std::string_view prefix,
                                                        std::chrono::sys_days day);

struct Filter {
    std::vector<std::int64_t> current_units;   // at one of these units (empty: any)
    std::vector<std::int64_t> involved_units;  // received, settled or now at one of these
    std::vector<domain::DossierState> states;  // empty: any
    std::optional<std::int64_t> assignee_id;
    std::optional<std::int64_t> citizen_user_id;
    std::optional<std::chrono::sys_seconds> due_before;  // open dossiers due before
    std::optional<bool> late;
    bool open_only = false;  // not finished
    std::string text;  // words of the code, applicant name or number (folded: no case, no marks)
    std::string step_kind;                  // at a step of this kind (e.g. "approve")
    std::optional<std::int64_t> before_id;  // cursor: ids below it (newest first)
    int limit = 50;
};

struct Summary {
    std::int64_t id = 0;
    std::string code;
    domain::DossierState state = domain::DossierState::kSubmitted;
    std::string procedure_code;
    std::string procedure_name;
    std::string applicant_name;
    std::int64_t receiving_unit_id = 0;
    std::int64_t settling_unit_id = 0;
    std::int64_t current_unit_id = 0;
    domain::Channel channel = domain::Channel::kDirect;
    std::optional<std::chrono::sys_seconds> received_at;
    std::optional<std::chrono::sys_seconds> due_at;
    std::optional<std::chrono::sys_seconds> appointment_at;
    std::optional<std::chrono::sys_seconds> finished_at;
    bool late = false;
    domain::Timing timing = domain::Timing::kPending;
    std::optional<std::int64_t> assignee_id;
    std::int64_t version = 0;
};

// Newest first; at most `limit` (clamped to 1..200).
[[nodiscard]] base::Result<std::vector<Summary>> List(Transaction& tx, const Filter& filter);

// Ids of dossiers received at `unit_id` (created) in [from, to), oldest first, at most `limit`.
[[nodiscard]] base::Result<std::vector<std::int64_t>> ReceivedAt(Transaction& tx,
                                                                 std::int64_t unit_id,
                                                                 std::chrono::sys_seconds from,
                                                                 std::chrono::sys_seconds to,
                                                                 int limit);

// Open dossiers whose legal deadline is before `before` and that were not yet warned, oldest
// deadline first, at most `limit`.
[[nodiscard]] base::Result<std::vector<std::int64_t>> DueForWarning(Transaction& tx,
                                                                    std::chrono::sys_seconds before,
                                                                    int limit);
// Open dossiers past their deadline and not yet marked late.
[[nodiscard]] base::Result<std::vector<std::int64_t>> PastDue(Transaction& tx,
                                                              std::chrono::sys_seconds now,
                                                              int limit);

// Process versions.
[[nodiscard]] base::Result<domain::Process> InsertProcess(Transaction& tx, domain::Process process,
                                                          std::optional<std::int64_t> created_by,
                                                          std::chrono::sys_seconds at);
// The latest version for (procedure, unit), falling back to the all-units version.
[[nodiscard]] base::Result<std::optional<domain::Process>> LatestProcess(
    Transaction& tx, std::string_view procedure_code, std::optional<std::int64_t> unit_id);
[[nodiscard]] base::Result<std::optional<domain::Process>> GetProcess(Transaction& tx,
                                                                      std::int64_t id);
[[nodiscard]] base::Result<std::vector<domain::Process>> ProcessHistory(
    Transaction& tx, std::string_view procedure_code);

// Notification outbox.
struct Notification {
    std::int64_t id = 0;
    std::optional<std::int64_t> recipient_user_id;
    std::optional<std::int64_t> recipient_unit_id;
    std::optional<std::int64_t> dossier_id;
    std::string kind;
    std::string message;
    std::chrono::sys_seconds created_at{};
    std::optional<std::chrono::sys_seconds> sent_at;
};
[[nodiscard]] base::Status Notify(Transaction& tx, const Notification& notification);
[[nodiscard]] base::Result<std::vector<Notification>> NotificationsFor(
    Transaction& tx, std::optional<std::int64_t> user_id, const std::vector<std::int64_t>& unit_ids,
    int limit);

// One event of the log with the dossier facts needed to recompute indicators and reports
// (`motcua export events`, docs/indicators.md). No applicant data and no officer names.
struct ExportedEvent {
    std::int64_t dossier_id = 0;
    std::string dossier_code;
    std::string procedure_code;
    std::string receiving_unit;  // unit codes
    std::string settling_unit;
    domain::Channel channel = domain::Channel::kDirect;
    std::int64_t seq = 0;
    std::chrono::sys_seconds at{};
    std::string action;
    std::string from_state;
    std::string to_state;
    std::string unit;  // where it happened
    std::optional<std::int64_t> actor_user_id;
    std::string step_key;
    std::string reason;
    std::string details_json;
};
// The events after (after_dossier, after_seq) in (dossier_id, seq) order, at most `limit`.
[[nodiscard]] base::Result<std::vector<ExportedEvent>> ExportEvents(Transaction& tx,
                                                                    std::int64_t after_dossier,
                                                                    std::int64_t after_seq,
                                                                    int limit);

// JSON form of the state (the body_json column), exposed for the API and tests.
[[nodiscard]] std::string EncodeDossier(const domain::Dossier& dossier);
[[nodiscard]] base::Result<domain::Dossier> DecodeDossier(std::string_view json);
[[nodiscard]] std::string EncodeSteps(const std::vector<domain::ProcessStep>& steps);
[[nodiscard]] base::Result<std::vector<domain::ProcessStep>> DecodeSteps(std::string_view json);

// Issue #6 (form 06, engineer G): the facts of the dossiers settled by one of `settling_units`
// that were received before `before` and not finished before `after` (received_at set), with the
// field (lĩnh vực) of their procedure's version in force on `field_day` (else its latest
// version; "" if none). At most `limit` rows, by id.
struct ReportFact {
    std::int64_t id = 0;
    std::int64_t settling_unit_id = 0;
    domain::Channel channel = domain::Channel::kDirect;
    std::optional<std::chrono::sys_seconds> received_at;
    std::optional<std::chrono::sys_seconds> due_at;
    std::optional<std::chrono::sys_seconds> appointment_at;
    std::optional<std::chrono::sys_seconds> finished_at;
    bool late = false;
    domain::Timing timing = domain::Timing::kPending;
    std::string field;
};
[[nodiscard]] base::Result<std::vector<ReportFact>> ReportFacts(
    Transaction& tx, const std::vector<std::int64_t>& settling_units,
    std::chrono::sys_seconds after, std::chrono::sys_seconds before,
    std::chrono::sys_days field_day, int limit);

}  // namespace motcua::store::dossiers
