#include "app/settlement_time.hpp"

#include "app/dossier_access.hpp"
#include "app/publication.hpp"
#include "calendar/civil_date.hpp"
#include "domain/settlement_time.hpp"
#include "store/procedure_stats.hpp"
#include "store/procedures.hpp"

namespace motcua::app {

std::string FormatSettlementTime(const SettlementTime& t) {
    if (!t.average_hundredths) {
        return "Chưa có dữ liệu";
    }
    return FormatHundredths(*t.average_hundredths) + " " +
           std::string(domain::TimeUnitWords(t.unit));
}

namespace internal {

base::Result<SettlementTime> AverageSettlementTime(store::Transaction& tx,
                                                   const std::string& procedure_code,
                                                   const std::vector<std::int64_t>& settling_units,
                                                   std::chrono::sys_days from,
                                                   std::chrono::sys_days to) {
    SettlementTime out;
    out.procedure_code = procedure_code;
    auto in_force = store::procedures::GetInForce(tx, procedure_code, to);
    if (!in_force) {
        return std::move(in_force).error();
    }
    std::optional<domain::Procedure> procedure = std::move(*in_force);
    if (!procedure) {
        auto history = store::procedures::History(tx, procedure_code);
        if (!history) {
            return std::move(history).error();
        }
        if (history->empty()) {
            return base::NotFound("không có thủ tục mã " + procedure_code);
        }
        procedure = std::move(history->back());
    }
    out.procedure_name = procedure->name;
    out.unit = procedure->time_unit;
    const auto begin = std::chrono::sys_seconds{from} - calendar::kVietnamOffset;
    const auto end = std::chrono::sys_seconds{to + std::chrono::days{1}} - calendar::kVietnamOffset;
    auto clocks =
        store::procedure_stats::SettledClocks(tx, procedure_code, settling_units, begin, end);
    if (!clocks) {
        return std::move(clocks).error();
    }
    std::vector<std::int64_t> micro;
    micro.reserve(clocks->size());
    for (const store::procedure_stats::SettledClock& c : *clocks) {
        auto cal = CalendarFor(c.settling_unit_id);
        if (!cal) {
            return std::move(cal).error();
        }
        auto m = domain::settlement::MicroUnits(**cal, out.unit, c.start, c.end, c.pauses);
        if (!m) {
            return std::move(m).error();
        }
        micro.push_back(*m);
    }
    const domain::settlement::Average avg = domain::settlement::AverageOf(micro);
    out.completed = avg.count;
    out.average_hundredths = avg.hundredths;
    return out;
}

}  // namespace internal

}  // namespace motcua::app
