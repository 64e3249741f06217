#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Reads of the indicator dashboard and the monthly publication (issue #6; app/publication.hpp,
// docs/indicators.md "Pages"). No applicant data is ever selected here: dossier codes, units,
// deadlines and the officers who handled them only.
namespace motcua::store::publication {

// A dossier received complete and not yet finished.
struct OpenDossier {
    std::int64_t id = 0;
    std::int64_t settling_unit_id = 0;
    std::optional<std::chrono::sys_seconds> due_at;
    bool late = false;  // flagged late while open (e.g. more than one supplement request)
};
// The open dossiers settled by `units` (one query).
[[nodiscard]] base::Result<std::vector<OpenDossier>> OpenDossiers(
    Transaction& tx, const std::vector<std::int64_t>& units);

// A dossier of `units` that may have been late in [begin, end): finished inside it, or still
// open at `end` with a deadline before `end` or flagged late.
struct LateCandidate {
    std::int64_t id = 0;
    std::string code;
    std::int64_t settling_unit_id = 0;
    std::optional<std::int64_t> assignee_id;
    std::optional<std::chrono::sys_seconds> due_at;
    std::optional<std::chrono::sys_seconds> finished_at;
    bool late = false;
    std::string timing;  // pending, early, on_time, late
};
[[nodiscard]] base::Result<std::vector<LateCandidate>> LateCandidates(
    Transaction& tx, const std::vector<std::int64_t>& units, std::chrono::sys_seconds begin,
    std::chrono::sys_seconds end);

// The staff accounts (not citizens) that acted on the dossier after `after`, by id.
[[nodiscard]] base::Result<std::vector<std::int64_t>> StaffActingAfter(
    Transaction& tx, std::int64_t dossier_id, std::chrono::sys_seconds after);

// An officer's public identity: display name and the unit of their first staff grant.
struct Officer {
    std::int64_t user_id = 0;
    std::string name;
    std::optional<std::int64_t> unit_id;
};
[[nodiscard]] base::Result<std::optional<Officer>> OfficerOf(Transaction& tx, std::int64_t user_id);

}  // namespace motcua::store::publication
