// Working-time arithmetic throughput (issue #2: ≥10 million "add N working days" per second on
// one core). bench_main.cpp prints each rate as a ratio of its target.
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "calendar/working_time.hpp"

namespace {

namespace cal = motcua::calendar;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr double kAddTarget = 10'000'000.0;

const cal::WorkingCalendar& Calendar() {
    static const auto calendar = *cal::WorkingCalendar::BuildDefault();
    return *calendar;
}

struct Case {
    sys_seconds start;
    std::int64_t milli_days;
};

// Receipt instants spread over 2020–2030 at any time of day, 1–30 working days: the shape of
// real dossier deadlines.
std::vector<Case> Cases() {
    std::mt19937_64 random(42);
    const std::int64_t from = sys_seconds{std::chrono::sys_days{std::chrono::year{2020} / 1 / 1}}
                                  .time_since_epoch()
                                  .count();
    const std::int64_t to = sys_seconds{std::chrono::sys_days{std::chrono::year{2030} / 1 / 1}}
                                .time_since_epoch()
                                .count();
    std::uniform_int_distribution<std::int64_t> instant(from, to);
    std::uniform_int_distribution<std::int64_t> days(1, 30);
    std::vector<Case> cases(4096);
    for (Case& c : cases) {
        c = Case{sys_seconds{seconds{instant(random)}}, days(random) * 1000};
    }
    return cases;
}

void BM_AddWorkingDays(benchmark::State& state) {
    const auto& calendar = Calendar();
    const auto cases = Cases();
    size_t i = 0;
    for (auto _ : state) {
        const Case& c = cases[i++ & (cases.size() - 1)];
        auto due = calendar.AddWorkingDays(c.start, c.milli_days);
        benchmark::DoNotOptimize(due);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["target_per_s"] = kAddTarget;
}
BENCHMARK(BM_AddWorkingDays);

void BM_WorkingTimeBetween(benchmark::State& state) {
    const auto& calendar = Calendar();
    const auto cases = Cases();
    size_t i = 0;
    for (auto _ : state) {
        const Case& a = cases[i++ & (cases.size() - 1)];
        const Case& b = cases[i & (cases.size() - 1)];
        auto elapsed = calendar.WorkingTimeBetween(a.start, b.start);
        benchmark::DoNotOptimize(elapsed);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkingTimeBetween);

void BM_AddWorkingDaysSaturdayDesk(benchmark::State& state) {
    // Unequal working days (Saturday mornings) take the binary-search path.
    const auto holidays = *cal::HolidayCalendar::BuildDefault();
    const auto hours = *cal::OfficeHours::Parse("mon-fri 07:30-11:30,13:00-17:00; sat 07:30-11:30");
    const auto calendar = *cal::WorkingCalendar::Build(holidays, hours);
    const auto cases = Cases();
    size_t i = 0;
    for (auto _ : state) {
        const Case& c = cases[i++ & (cases.size() - 1)];
        auto due = calendar->AddWorkingDays(c.start, c.milli_days);
        benchmark::DoNotOptimize(due);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["target_per_s"] = kAddTarget;
}
BENCHMARK(BM_AddWorkingDaysSaturdayDesk);

}  // namespace
