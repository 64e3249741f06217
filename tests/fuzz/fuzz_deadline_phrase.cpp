// libFuzzer target: the deadline-phrase parser of plans (issue #7) must never crash, hang or read
// out of bounds, and every result must keep its contract: due dates sorted, unique and working
// days; an event has words and no date; an unresolved phrase says why and has no date; the kind
// agrees with the recurrence. The first byte picks the plan year (1890–2209, some outside the
// calendar); the rest is the phrase.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "calendar/civil_date.hpp"
#include "calendar/working_time.hpp"
#include "domain/plan_deadline.hpp"

namespace {

const motcua::calendar::WorkingCalendar& Calendar() {
    static const std::shared_ptr<const motcua::calendar::WorkingCalendar> kCalendar = [] {
        auto built = motcua::calendar::WorkingCalendar::BuildDefault();
        if (!built) {
            std::abort();
        }
        return std::move(built).value();
    }();
    return *kCalendar;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace pd = motcua::domain::plan_deadline;
    if (size == 0) {
        return 0;
    }
    const int plan_year = 1890 + (data[0] % 64) * 5;
    const std::string_view phrase(reinterpret_cast<const char*>(data + 1), size - 1);
    const pd::Deadline d = pd::Resolve(phrase, plan_year, Calendar());

    if (!std::is_sorted(d.due.begin(), d.due.end()) ||
        std::adjacent_find(d.due.begin(), d.due.end()) != d.due.end()) {
        std::abort();
    }
    for (const auto day : d.due) {
        if (!motcua::calendar::InRange(day) || !Calendar().IsOpen(day)) {
            std::abort();
        }
    }
    switch (d.kind) {
        case pd::Kind::kDate:
            if (d.due.empty() || d.recurrence != pd::Recurrence::kNone) {
                std::abort();
            }
            break;
        case pd::Kind::kRecurring:
            if (d.due.empty() || d.recurrence == pd::Recurrence::kNone) {
                std::abort();
            }
            break;
        case pd::Kind::kEvent:
            if (!d.due.empty() || d.event.empty() || d.recurrence != pd::Recurrence::kNone) {
                std::abort();
            }
            break;
        case pd::Kind::kUnresolved:
            if (!d.due.empty() || d.note.empty() || d.recurrence != pd::Recurrence::kNone) {
                std::abort();
            }
            break;
    }
    if (d.note.empty()) {
        std::abort();
    }
    // Deterministic.
    const pd::Deadline again = pd::Resolve(phrase, plan_year, Calendar());
    if (again.due != d.due || again.kind != d.kind || again.note != d.note) {
        std::abort();
    }
    (void)pd::FoldForMatching(phrase);
    return 0;
}
