#include <chrono>
#include <cstddef>
#include <vector>

#include <benchmark/benchmark.h>

#include "calendar/lunar.hpp"

namespace motcua::calendar {
namespace {

// 4096 solar days spread over 1900-01-01..2199-12-31 with a stride that is not a multiple of a
// week or a month, so look-ups hit every part of the month table (lunar.hpp range).
std::vector<std::chrono::year_month_day> SpreadSolarDates() {
    constexpr std::size_t kCount = 4096;
    const std::chrono::sys_days first{std::chrono::year{kFirstSolarYear} / 1 / 1};
    const std::chrono::sys_days last{std::chrono::year{kLastSolarYear} / 12 / 31};
    const auto span = (last - first).count() + 1;
    std::vector<std::chrono::year_month_day> dates;
    dates.reserve(kCount);
    for (std::size_t i = 0; i < kCount; ++i) {
        const auto offset = static_cast<long long>(i) * 7919 % span;
        dates.emplace_back(first + std::chrono::days{offset});
    }
    return dates;
}

// The lunar dates of SpreadSolarDates(), for the reverse direction.
std::vector<LunarDate> SpreadLunarDates() {
    std::vector<LunarDate> dates;
    for (const std::chrono::year_month_day& solar : SpreadSolarDates()) {
        dates.push_back(*ToLunar(solar));
    }
    return dates;
}

// Solar → lunar conversions per second (lunar.hpp: table look-up).
void BM_ToLunar(benchmark::State& state) {  // NOLINT(readability-identifier-naming)
    const std::vector<std::chrono::year_month_day> dates = SpreadSolarDates();
    benchmark::DoNotOptimize(ToLunar(dates.front()));  // builds the table outside the loop
    std::size_t i = 0;
    for (auto _ : state) {
        base::Result<LunarDate> lunar = ToLunar(dates[i]);
        benchmark::DoNotOptimize(lunar);
        i = (i + 1) % dates.size();
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["target_per_s"] = 1'000'000.0;  // issue #2: ≥1 million per second
}
BENCHMARK(BM_ToLunar);

// Lunar → solar conversions per second (lunar.hpp: table look-up).
void BM_ToSolar(benchmark::State& state) {  // NOLINT(readability-identifier-naming)
    const std::vector<LunarDate> dates = SpreadLunarDates();
    std::size_t i = 0;
    for (auto _ : state) {
        base::Result<std::chrono::year_month_day> solar = ToSolar(dates[i]);
        benchmark::DoNotOptimize(solar);
        i = (i + 1) % dates.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToSolar);

}  // namespace
}  // namespace motcua::calendar
