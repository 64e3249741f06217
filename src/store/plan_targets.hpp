#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/plan_targets.hpp"
#include "store/database.hpp"

// Plan targets (issue #6; migration 0011_plan_targets.sql; docs/plan-targets.md): the target
// sets of the plans, and the reads their evaluation needs beyond the aggregates (the catalogue's
// online levels, the one-stop desks' receipts and staff, the dossiers behind a failure). No query
// here reads an applicant field.
namespace motcua::store::plan_targets {

namespace pt = domain::plan_targets;

struct Record {
    pt::Plan plan;
    std::int64_t issuing_unit_id = 0;
    std::int64_t version = 0;
    std::optional<std::int64_t> updated_by;
    std::chrono::sys_seconds updated_at{};
};

// Stores `plan` (targets and unit areas in their order) issued by `issuing_unit_id`. With
// `expect_new`, kAlreadyExists when the key is taken; otherwise replaces the plan's content,
// version + 1 (1 when new). With `expected_version`, kAborted unless the stored version is that
// one (0: the plan must not exist yet). kFailedPrecondition for an unknown unit.
[[nodiscard]] base::Result<Record> Put(Transaction& tx, const pt::Plan& plan,
                                       std::int64_t issuing_unit_id, bool expect_new,
                                       std::optional<std::int64_t> by, std::chrono::sys_seconds at,
                                       std::optional<std::int64_t> expected_version = {});
// The plan; empty when unknown.
[[nodiscard]] base::Result<std::optional<Record>> Get(Transaction& tx, const std::string& key);

struct Summary {
    std::string key;
    std::string title;
    int year = 0;
    std::int64_t issuing_unit_id = 0;
    std::int64_t targets = 0;
    std::int64_t version = 0;
};
// Every plan, by year (newest first) then key.
[[nodiscard]] base::Result<std::vector<Summary>> List(Transaction& tx);

// ---- Reads of the evaluation

// A procedure's version in force on `day` (else its latest version), in code order.
struct Procedure {
    std::string code;
    std::string name;
    std::vector<std::string> levels;  // province, district, commune, ministry
    std::string online_level;         // none, partial, full
};
[[nodiscard]] base::Result<std::vector<Procedure>> Catalogue(Transaction& tx,
                                                             std::chrono::sys_days day);

// The ids of the units that settle or receive at least one dossier (any time).
[[nodiscard]] base::Result<std::vector<std::int64_t>> ActiveUnits(Transaction& tx);

// Per receiving unit of `units`: the dossiers received complete in [from, to).
[[nodiscard]] base::Result<std::map<std::int64_t, std::int64_t>> DeskReceived(
    Transaction& tx, const std::vector<std::int64_t>& units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to);
// Per unit of `units`: the active accounts holding the desk_officer role on it.
[[nodiscard]] base::Result<std::map<std::int64_t, std::int64_t>> DeskStaff(
    Transaction& tx, const std::vector<std::int64_t>& units);

// A dossier behind a failure: codes and dates only.
struct FailingDossier {
    std::string code;
    std::string procedure_code;
    std::string settling_unit_code;
    int channel = 1;
    std::string state;
    std::optional<std::chrono::sys_seconds> received_at;
    std::optional<std::chrono::sys_seconds> due_at;
    std::optional<std::chrono::sys_seconds> finished_at;
};
struct FailureQuery {
    pt::Metric metric = pt::Metric::kResultsDigitised;
    std::vector<std::int64_t> settling_units;
    std::chrono::sys_seconds from{};      // inclusive
    std::chrono::sys_seconds to{};        // exclusive
    std::vector<std::string> procedures;  // online_dossier_share: the procedures offered online
    int limit = 500;
};
struct FailurePage {
    std::int64_t total = 0;
    std::vector<FailingDossier> items;  // by receipt (or end of processing), then code
};
// The dossiers that count against the metric in the window (the complement of its numerator
// within its denominator, as in store::aggregates / domain::indicators::Contribute):
// results_digitised — finished in the window with an issued result and no digitised result;
// components_digitised / data_reuse — received in the window with no digitised / reused
// component; online_payment_share — received with a fee and not paid online;
// online_dossier_share — received not online for a procedure of `procedures`; satisfaction —
// received and rated dissatisfied (or with a complaint). kInvalidArgument for the other metrics.
[[nodiscard]] base::Result<FailurePage> FailingDossiers(Transaction& tx, const FailureQuery& query);

}  // namespace motcua::store::plan_targets
