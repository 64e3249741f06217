// libFuzzer target: the instant, working-time amount and office-hours parsers. Whatever
// ParseInstant accepts must survive FormatInstant → ParseInstant unchanged; accepted office hours
// must round-trip through ToString.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "calendar/instant.hpp"
#include "calendar/office_hours.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace cal = motcua::calendar;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto t = cal::ParseInstant(text)) {
        const auto again = cal::ParseInstant(cal::FormatInstant(*t));
        if (!again || *again != *t) {
            std::abort();
        }
    }
    if (const auto amount = cal::ParseWorkAmount(text)) {
        if (amount->milli < 0 || amount->ToSeconds(std::chrono::seconds{28800}).count() < 0) {
            std::abort();
        }
    }
    if (const auto hours = cal::OfficeHours::Parse(text)) {
        const auto again = cal::OfficeHours::Parse(hours->ToString());
        if (!again || !(again->weekdays == hours->weekdays)) {
            std::abort();
        }
    }
    return 0;
}
