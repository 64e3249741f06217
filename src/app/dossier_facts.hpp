#pragma once

#include <cstdint>
#include <optional>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "store/dossier_facts.hpp"

// Facts about a dossier from outside systems (issue #6, docs/indicators.md): synced to the
// National Portal, population data used, e-result pushed to the citizen's store. Recorded by the
// integration (an API token of a staff account) or by an officer; they feed Decision 766
// indicators 1.4, 4.4 and 4.5 and are never dropped: unknown stays unknown (null).
namespace motcua::app {

// Each field: true sets the fact at the current instant (keeping an earlier instant), false
// clears it, empty leaves it unchanged.
struct DossierFactsUpdate {
    std::optional<bool> synced_to_portal;
    std::optional<bool> population_data;
    std::optional<bool> pushed_to_store;
};

// Staff who may view the dossier (not its applicant) record facts; audited (`dossier.facts`).
// kNotFound for an unknown dossier, kPermissionDenied otherwise refused, kInvalidArgument for an
// empty update.
[[nodiscard]] base::Result<store::dossier_facts::Facts> RecordDossierFacts(
    AppContext& ctx, const Actor& actor, std::int64_t dossier_id, const DossierFactsUpdate& update);
// The facts (all empty when none recorded), for whoever may view the dossier.
[[nodiscard]] base::Result<store::dossier_facts::Facts> GetDossierFacts(AppContext& ctx,
                                                                        const Actor& actor,
                                                                        std::int64_t dossier_id);

}  // namespace motcua::app
