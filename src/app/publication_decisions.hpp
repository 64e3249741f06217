#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "domain/publication_rules.hpp"
#include "domain/unit.hpp"
#include "store/publication_decisions.hpp"

// Publication decisions (quyết định công bố TTHC; issue #8; REGULATIONS.md §5.1–5.2;
// docs/control.md "Publication decisions"): drafts, signature, applying a decision to the
// catalogue (new versions from the legal document's effective day), the days of entry into the
// national TTHC database and of the catalogue update at the centres, and the deadline warnings
// and violation list computed by domain::publication (never re-implemented here).
//
// Who: TTHC-control officers (kiemsoat) whose scope covers the issuing unit, and the leaders of
// the issuing unit. Anyone else: kPermissionDenied for a unit they name, kNotFound for a decision
// they may not see (no existence leak). Every change is audited in its transaction.
namespace motcua::app {

struct PublicationWarning {
    std::string rule;            // late_decision, late_database, database_overdue,
                                 // catalogue_not_updated, catalogue_late
    std::string procedure_code;  // empty for the decision as a whole
    std::string message;         // Vietnamese, with the day and the rule
    std::optional<std::chrono::sys_days> due;
    std::int64_t days_late = 0;  // calendar days after `due` (0 while merely pending)
};

struct PublicationDecisionView {
    store::publication_decisions::Decision decision;
    domain::Unit unit;  // the issuing unit
    // Against the legal documents (once the decision carries its signature day).
    std::optional<domain::publication::DecisionCheck> check;
    std::optional<std::chrono::sys_days> database_due;  // entry deadline, once signed
    std::vector<PublicationWarning> warnings;
    std::vector<std::string> actions;  // edit, sign, apply, record_database, record_catalogue
};

// POST body: {"issuing_unit" (code), "number", "title", "issuer" (province|ministry, default
// province), "convention" (working_days|calendar_days, default working_days), "signed_on"
// (planned day, optional in a draft), "signer", "signer_position", "legal_documents": [{"number",
// "title", "level", "adopted_on", "effective_on", "shortened"}], "items": [{"procedure_code",
// "change" (added|amended|replaced|abolished), "replaced_code", "document" (index), "procedure"
// (exchange-format fields of the new version, docs/exchange.md, without code/effective_from)}]}.
// kInvalidArgument (Vietnamese, naming the field or item), kAlreadyExists (number taken),
// kNotFound (an amended/replaced/abolished procedure not in the catalogue, naming the item).
[[nodiscard]] base::Result<PublicationDecisionView> CreatePublicationDecision(
    AppContext& ctx, const Actor& actor, std::string_view json);
// PUT: the same fields (issuing unit unchanged) and "version" (or `if_match`); drafts only
// (kFailedPrecondition otherwise); kAborted when stale.
[[nodiscard]] base::Result<PublicationDecisionView> UpdatePublicationDecision(
    AppContext& ctx, const Actor& actor, std::int64_t id, std::string_view json,
    std::optional<std::int64_t> if_match);
[[nodiscard]] base::Result<PublicationDecisionView> GetPublicationDecision(AppContext& ctx,
                                                                           const Actor& actor,
                                                                           std::int64_t id);

struct PublicationDecisionQuery {
    std::optional<std::string> unit_code;  // the unit and its subtree; empty: every unit in scope
    std::optional<std::string> state;
    std::optional<std::chrono::sys_days> from;  // signed on or after
    std::optional<std::chrono::sys_days> to;
};
[[nodiscard]] base::Result<std::vector<PublicationDecisionView>> ListPublicationDecisions(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query);

// {"version", "signed_on" (default: the stored day, else today)}: draft → signed.
[[nodiscard]] base::Result<PublicationDecisionView> SignPublicationDecision(AppContext& ctx,
                                                                            const Actor& actor,
                                                                            std::int64_t id,
                                                                            std::string_view json);
// {"version"}: signed → applied, in one transaction: for each item a new catalogue version from
// its legal document's effective day (the previous version closed the day before), abolished and
// replaced procedures closed. kFailedPrecondition (409) when applied already or not signed;
// kNotFound naming the item for an unknown procedure; kAlreadyExists for a version in the way.
[[nodiscard]] base::Result<PublicationDecisionView> ApplyPublicationDecision(AppContext& ctx,
                                                                             const Actor& actor,
                                                                             std::int64_t id,
                                                                             std::string_view json);
// {"version", "on" (YYYY-MM-DD), "procedures" (codes; default every item)}: records the day the
// items were entered into the national TTHC database (`database` true) or the catalogue at the
// centres/online was updated. Signed or applied decisions; not before the signature.
[[nodiscard]] base::Result<PublicationDecisionView> RecordPublicationDay(
    AppContext& ctx, const Actor& actor, std::int64_t id, std::string_view json, bool database);

// The violation list: every warning of the signed/applied decisions of `unit_code`'s subtree
// signed in [from, to] (both optional).
struct PublicationViolation {
    PublicationDecisionView decision;  // with its warnings
    PublicationWarning warning;
};
[[nodiscard]] base::Result<std::vector<PublicationViolation>> PublicationViolations(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query);
// The same list as an XLSX workbook (bytes).
[[nodiscard]] base::Result<std::string> PublicationViolationsXlsx(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query);
// The same list as a Word document (A4 landscape): the title, the unit (or "the units in your
// scope"), the period, the XLSX's columns with the rule in words, "Không có vi phạm" when empty.
[[nodiscard]] base::Result<std::string> PublicationViolationsDocx(
    AppContext& ctx, const Actor& actor, const PublicationDecisionQuery& query);
// The rule of a warning in words ("Ban hành quyết định công bố muộn").
[[nodiscard]] std::string_view PublicationRuleLabel(std::string_view rule);

// The inspection checklist's publication figure (app/inspections.cpp) for `unit`'s subtree over
// [from, to] (indicators 1.1 and 1.2 with the late procedures): a JSON text, or "" when the system
// holds no decision of the subtree. Read as the system (the caller has authorised the read).
[[nodiscard]] base::Result<std::string> PublicationFigureOf(AppContext& ctx,
                                                            const domain::Unit& unit,
                                                            std::chrono::sys_days from,
                                                            std::chrono::sys_days to);

// Demo (run by SeedDemoDossiers, i.e. `motcua seed-demo`, not by test fixtures): two decisions of
// Thành phố Huế (46) dated around today, one on time (applied, entered into the national
// database) and one late (signed after its deadline, not yet entered). Only when the city has no
// decision yet; returns how many were made.
[[nodiscard]] base::Result<int> SeedDemoPublicationDecisions(AppContext& ctx);

namespace internal {

// The procedures of the units `unit_ids` as published (one row per item of every signed or
// applied decision) for domain::publication::Indicators; empty when none is stored.
[[nodiscard]] base::Result<std::vector<domain::publication::Publication>> PublicationsOf(
    store::Transaction& tx, const std::vector<std::int64_t>& unit_ids);

// The inspection checklist's publication figure (app/inspections.cpp) for the unit's subtree
// over [from, to]: a JSON text, or "" when the system holds no decision of the unit.
[[nodiscard]] base::Result<std::string> PublicationFigure(store::Transaction& tx,
                                                          const std::vector<std::int64_t>& unit_ids,
                                                          std::chrono::sys_days from,
                                                          std::chrono::sys_days to,
                                                          std::chrono::sys_days today);

}  // namespace internal

}  // namespace motcua::app
