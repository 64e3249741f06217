#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "base/result.hpp"
#include "calendar/working_time.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"

// Internal to app/: who may do what to a dossier, shared by the dossier use cases.
namespace motcua::app::internal {

// The national working calendar (built once). Per-unit office hours and closures plug in here.
[[nodiscard]] base::Result<std::shared_ptr<const calendar::WorkingCalendar>> CalendarFor(
    std::int64_t unit_id);

// True if the actor holds `role` on `unit_id` directly, or a supervising role (leader) whose
// subtree covers it. Leaders may also act where a specialist or desk officer may.
[[nodiscard]] base::Result<bool> HoldsRoleOn(store::Transaction& tx, const Actor& actor,
                                             domain::Role role, std::int64_t unit_id);

// True if the actor is the citizen who submitted the dossier online (its owner).
[[nodiscard]] bool IsOwner(const Actor& actor, const domain::Dossier& dossier);

// Whether the actor may see the dossier: staff (not administrators) holding any role on, or
// covering, a unit the dossier passed through; the citizen who submitted it.
[[nodiscard]] base::Result<bool> MayView(store::Transaction& tx, const Actor& actor,
                                         const domain::Dossier& dossier);

// The unit an action concerns: the receiving desk for desk actions, the task's unit for answers,
// the settling unit (or where the dossier is now) otherwise.
[[nodiscard]] std::int64_t ActionUnit(const domain::Dossier& dossier, const domain::Action& action);

// kPermissionDenied unless the actor may perform `action` on the dossier now; fills in
// action.actor_unit_id.
[[nodiscard]] base::Status AuthorizeAction(store::Transaction& tx, const Actor& actor,
                                           const domain::Dossier& dossier, domain::Action& action);

}  // namespace motcua::app::internal
