#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"
#include "domain/procedure.hpp"
#include "store/database.hpp"

// Per-procedure reads straight from the dossiers (issue #6, engineer H2; docs/indicators.md
// "2.2", docs/plan-targets.md "online_dossier_share"): the settlement clocks of one procedure's
// settled dossiers (indicator 2.2) and the dossiers received per settling unit and procedure by
// channel (the per-service online share of S0 §III). Independent of the aggregates tables. No
// query here returns an applicant field.
namespace motcua::store::procedure_stats {

// A dossier settled with a result (issued, or refused after appraisal): its settlement clock.
struct SettledClock {
    std::int64_t dossier_id = 0;
    std::int64_t settling_unit_id = 0;
    std::chrono::sys_seconds start{};            // clock_start
    std::chrono::sys_seconds end{};              // finished_at (end of processing)
    std::vector<calendar::TimeInterval> pauses;  // closed pauses since the clock started
};
// The dossiers of `procedure_code` settled by one of `settling_units`, received complete in
// [from, to), finished with a result (result_kind issued or refusal: not stopped, withdrawn or
// refused at receipt) and with a started clock; by id.
[[nodiscard]] base::Result<std::vector<SettledClock>> SettledClocks(
    Transaction& tx, const std::string& procedure_code,
    const std::vector<std::int64_t>& settling_units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to);

// The dossiers received complete in [from, to) by one settling unit for one procedure.
struct Received {
    std::int64_t settling_unit_id = 0;
    std::string procedure_code;
    std::int64_t online = 0;  // channel online (portal code 2)
    std::int64_t total = 0;   // every channel
};
// Per (settling unit of `settling_units`, procedure), by unit then procedure code.
[[nodiscard]] base::Result<std::vector<Received>> ReceivedByProcedure(
    Transaction& tx, const std::vector<std::int64_t>& settling_units, std::chrono::sys_seconds from,
    std::chrono::sys_seconds to);

}  // namespace motcua::store::procedure_stats
