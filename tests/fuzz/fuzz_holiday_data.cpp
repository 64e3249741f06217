// libFuzzer target: the holiday data file parser must never crash, hang or read out of bounds,
// and what it accepts must satisfy the format's invariants (docs/calendar-data.md).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "calendar/civil_date.hpp"
#include "calendar/holiday_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = motcua::calendar::ParseHolidayData(text, "fuzz");
    if (!parsed) {
        if (parsed.error().message.empty()) {
            std::abort();
        }
        return 0;
    }
    for (const auto& entry : parsed->entries) {
        if (entry.last < entry.first || !motcua::calendar::InRange(entry.first) ||
            !motcua::calendar::InRange(entry.last) || entry.name.empty() || entry.source.empty() ||
            entry.line < 1) {
            std::abort();
        }
    }
    return 0;
}
