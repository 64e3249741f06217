// libFuzzer target: the task-table reader of plans (issue #7, domain::plan_import::Read) must
// never crash, hang or read out of bounds, whatever the text: tab-separated, '|' lines, markdown
// or garbage. Every problem names a line of the text and says why; every section, task and
// deliverable line is a line of the text; the JSON is produced; the reading is deterministic.
// The first byte picks the plan year (0: read from the text, else 1990–2244, some outside the
// calendar); the rest is the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "calendar/working_time.hpp"
#include "domain/plan_import.hpp"

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
    namespace pi = motcua::domain::plan_import;
    if (size == 0) {
        return 0;
    }
    const int plan_year = data[0] == 0 ? 0 : 1990 + (data[0] % 256);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    std::size_t lines = 1;
    for (const char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    const pi::Plan plan = pi::Read(text, plan_year, Calendar());
    for (const pi::Problem& p : plan.problems) {
        if (p.line < 1 || p.line > lines || p.reason.empty()) {
            std::abort();
        }
    }
    std::size_t tasks = 0;
    std::size_t deliverables = 0;
    for (const pi::Section& s : plan.sections) {
        if (s.line < 1 || s.line > lines) {
            std::abort();
        }
        for (const pi::Task& t : s.tasks) {
            ++tasks;
            if (t.line < 1 || t.line > lines) {
                std::abort();
            }
            for (const pi::Deliverable& d : t.deliverables) {
                ++deliverables;
                if (d.line < 1 || d.line > lines) {
                    std::abort();
                }
            }
        }
    }
    if (tasks != plan.TaskCount() || deliverables != plan.DeliverableCount()) {
        std::abort();
    }
    const std::string json = pi::ToJson(plan);
    if (json.empty() || json.front() != '{') {
        std::abort();
    }
    if (pi::ToJson(pi::Read(text, plan_year, Calendar())) != json) {
        std::abort();
    }
    return 0;
}
