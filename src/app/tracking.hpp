#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "base/result.hpp"

// Public tracking of a dossier (issue #5 slice, used by the receipt's QR code): by the dossier
// code and the tracking code printed on the slip — the state and the step history, never the
// applicant's personal data nor the officers' names.
namespace motcua::app {

struct TrackingStep {
    std::chrono::sys_seconds at{};
    std::string action;  // Vietnamese label of the action
    std::string state;   // Vietnamese label of the state after it
    std::string unit;    // the unit where it happened
};

struct TrackingView {
    std::string code;
    std::string procedure_name;
    std::string state;  // Vietnamese label
    std::string receiving_unit;
    std::string settling_unit;
    std::optional<std::chrono::sys_seconds> received_at;
    std::optional<std::chrono::sys_seconds> appointment_at;
    std::optional<std::chrono::sys_seconds> returned_at;
    std::string timing;  // pending, early, on_time, late
    std::vector<TrackingStep> steps;
};

// kNotFound (one message for an unknown code and a wrong tracking code, so codes cannot be
// probed) and, after 10 failures from one address within 15 minutes, kResourceExhausted until
// the window passes.
[[nodiscard]] base::Result<TrackingView> TrackDossier(AppContext& ctx, std::string_view code,
                                                      std::string_view tracking_code,
                                                      const std::string& ip);

}  // namespace motcua::app
