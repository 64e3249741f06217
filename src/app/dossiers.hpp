#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/process.hpp"
#include "store/dossiers.hpp"

// Dossier use cases (issue #4): receive at any desk, act on a dossier (one transaction writing
// the event and the new state), read, list inboxes, edit processes, sweep deadlines. Each checks
// the caller's role and organisational scope here.
namespace motcua::app {

struct ReceiveRequest {
    std::string procedure_code;
    std::int64_t settling_unit_id = 0;
    std::optional<std::int64_t> receiving_unit_id;  // default: the officer's desk
    domain::Channel channel = domain::Channel::kDirect;
    domain::Applicant applicant;
    std::vector<domain::Component> components;  // empty: the procedure's required list
    domain::Completeness completeness = domain::Completeness::kComplete;
    std::string reason;           // supplement request / refusal
    std::string idempotency_key;  // optional; the same key returns the same dossier
};

struct ReceiveResult {
    domain::Dossier dossier;
    bool created = true;  // false: an earlier submission with the same idempotency key
};

// A desk officer (or leader) of the receiving unit receives a walk-in or postal dossier for any
// settling unit of the province (không phụ thuộc địa giới hành chính). Assigns the code
// <receiving unit code>-YYMMDD-NNNN and the rule set in force today; derives the default process
// when the procedure has none. Errors: kInvalidArgument (applicant, components, channel),
// kNotFound (procedure, unit), kPermissionDenied, kAlreadyExists (idempotency key reused with a
// different request), kFailedPrecondition (the settling unit cannot settle this procedure).
[[nodiscard]] base::Result<ReceiveResult> ReceiveDossier(AppContext& ctx, const Actor& actor,
                                                         ReceiveRequest request);

// An online submission by a signed-in citizen (issue #5) through the portal.
struct OnlineSubmission {
    std::string procedure_code;
    std::int64_t settling_unit_id = 0;
    domain::Applicant applicant;
    std::vector<domain::Component> components;  // against the procedure's required list
    std::string idempotency_key;                // the same key returns the same dossier
    // Runs inside the submission's transaction once the dossier is stored (the draft's
    // bookkeeping: mark it submitted, move its documents); its error undoes the submission.
    std::function<base::Status(store::Transaction&, const domain::Dossier&)> in_transaction;
};

// A citizen submits a dossier online: it is received by the one-stop desk of the settling unit
// (its own Bộ phận Một cửa, else the service centre or desk of the nearest unit above it) in
// state `submitted`, waiting for the desk's completeness check; the code is the desk's, the
// rule set today's. Errors as for ReceiveDossier; kPermissionDenied for non-citizens.
[[nodiscard]] base::Result<ReceiveResult> SubmitOnline(AppContext& ctx, const Actor& actor,
                                                       OnlineSubmission submission);
// The one-stop desk that receives online dossiers for `settling_unit_id` (kNotFound if none).
[[nodiscard]] base::Result<std::int64_t> OnlineDeskFor(store::Transaction& tx,
                                                       std::int64_t settling_unit_id);

struct ActionRequest {
    domain::Action action;              // kind and parameters; time and actor are set here
    std::int64_t expected_version = 0;  // 0: no check (not recommended)
};

// Applies an action to dossier `id`: checks the role the action needs on the unit it concerns,
// the version (kAborted if someone else acted first), the rules (kFailedPrecondition /
// kInvalidArgument), then writes the new state and one event in one transaction.
[[nodiscard]] base::Result<domain::Dossier> ActOnDossier(AppContext& ctx, const Actor& actor,
                                                         std::int64_t id, ActionRequest request);

struct DossierView {
    domain::Dossier dossier;
    std::vector<domain::DossierEvent> events;
    std::optional<domain::Process> process;
    std::vector<domain::ActionKind> allowed;  // actions this caller may try now
};

// The dossier with its timeline, for staff of a unit involved (or covering it) and for the
// citizen who submitted it. kNotFound for an unknown id; kPermissionDenied when the caller may not
// see it (the access matrix expects 403; the citizen pages show their 404 instead).
[[nodiscard]] base::Result<DossierView> GetDossier(AppContext& ctx, const Actor& actor,
                                                   std::int64_t id);
// The id of the dossier with `code` (kNotFound); no access check — the use case given the id
// checks it.
[[nodiscard]] base::Result<std::int64_t> DossierIdByCode(AppContext& ctx, std::string_view code);
[[nodiscard]] base::Result<DossierView> GetDossierByCode(AppContext& ctx, const Actor& actor,
                                                         std::string_view code);

// Officer inboxes.
enum class Inbox {
    kToReceive,   // online submissions waiting at the caller's desks
    kToTransfer,  // received at the caller's desks, not yet transferred
    kToProcess,   // at the caller's units (processing), or assigned to the caller
    kToApprove,   // at an approval step of a unit the caller leads
    kToReturn,    // results waiting at the caller's desks
    kSupplement,  // waiting for the applicant's supplement
    kDueSoon,     // clock running, deadline within the warning window
    kOverdue,     // late
    kAll,         // every dossier the caller may see
};
[[nodiscard]] base::Result<Inbox> ParseInbox(std::string_view name);
[[nodiscard]] std::string_view InboxName(Inbox inbox);
[[nodiscard]] std::string_view InboxLabel(Inbox inbox);

struct InboxQuery {
    Inbox inbox = Inbox::kAll;
    std::string text;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};
[[nodiscard]] base::Result<std::vector<store::dossiers::Summary>> ListDossiers(
    AppContext& ctx, const Actor& actor, const InboxQuery& query);

// The process a new dossier of `procedure_code` settled by `unit_id` would follow: the latest
// stored version or the default derived from the procedure (id 0, not stored).
[[nodiscard]] base::Result<domain::Process> ProcessFor(AppContext& ctx,
                                                       std::string_view procedure_code,
                                                       std::optional<std::int64_t> unit_id);
[[nodiscard]] base::Result<std::vector<domain::Process>> ProcessHistory(
    AppContext& ctx, std::string_view procedure_code);
// TTHC-control officers store a new version (validated against the procedure; `process.version`
// must be the latest stored version, 0 for the first: kAborted otherwise).
[[nodiscard]] base::Result<domain::Process> SaveProcess(AppContext& ctx, const Actor& actor,
                                                        domain::Process process);

// The deadline sweep (run by the server every minute and by tests): warns the officers of
// dossiers due within `window` of working time (an event and a notification each) and marks
// dossiers past their deadline late. Returns the number of dossiers changed.
[[nodiscard]] base::Result<int> SweepDeadlines(AppContext& ctx, std::chrono::seconds window);

// Dossier code: <agency identifier>-YYMMDD-NNNN (Decree 61/2018 Art. 26, Circular 01/2018 Art.
// 19; kept by Decree 118/2025). kResourceExhausted past 9999 dossiers a day.
[[nodiscard]] base::Result<std::string> FormatDossierCode(std::string_view agency,
                                                          std::chrono::sys_days day,
                                                          std::int64_t number);

}  // namespace motcua::app
