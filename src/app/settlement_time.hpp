#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "store/database.hpp"

// Indicator 2.2 of Decision 766, average settlement time of one procedure (issue #6, engineer H2;
// REGULATIONS.md §1.4; docs/indicators.md "2.2"). Display only: no points. Computed from the
// dossiers themselves, not from the aggregates.
namespace motcua::app {

struct SettlementTime {
    std::string procedure_code;
    std::string procedure_name;
    domain::TimeUnit unit = domain::TimeUnit::kWorkingDays;  // the procedure's deadline unit
    std::int64_t completed = 0;                              // dossiers averaged
    std::optional<std::int64_t> average_hundredths;          // empty when none completed
};

// "3,25 ngày làm việc", or "Chưa có dữ liệu" when no dossier was completed.
[[nodiscard]] std::string FormatSettlementTime(const SettlementTime& t);

namespace internal {
// Indicator 2.2 for `procedure_code` over the settling units `settling_units`: the dossiers
// received complete on the civil days [from, to] (Vietnam time) and settled with a result (issued,
// or refused after appraisal), each measured from its clock start to its end of processing
// without its pauses (domain::settlement::MicroUnits on its settling unit's calendar), in the
// unit of the procedure's version in force on `to` (else its latest version). No authorisation:
// the caller's.
[[nodiscard]] base::Result<SettlementTime> AverageSettlementTime(
    store::Transaction& tx, const std::string& procedure_code,
    const std::vector<std::int64_t>& settling_units, std::chrono::sys_days from,
    std::chrono::sys_days to);
}  // namespace internal

}  // namespace motcua::app
