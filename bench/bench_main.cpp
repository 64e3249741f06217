// Benchmark entry point: runs every benchmark with the console reporter, then prints, for each
// benchmark that declared a target rate (counter `target_per_s`), its rate as a ratio of the
// target — the figure each issue asks for ("≥10 million per second" → ratio ≥ 1) — and, for each
// that measured itself against a peer (counters `vs_peer`, its rate / the peer's, and
// `vs_peer_target`), that ratio against its target ("≥ 20× one commit per action").
#include <array>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

namespace {

// A rate with a unit that keeps a few significant digits: "12.3 M/s", "41.5 k/s".
std::pair<double, const char*> Scaled(double per_second) {
    if (per_second >= 1e6) {
        return {per_second / 1e6, "M/s"};
    }
    return {per_second / 1e3, "k/s"};
}

class TargetReporter final : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            const auto target = run.counters.find("target_per_s");
            const auto rate = run.counters.find("items_per_second");
            if (target != run.counters.end() && rate != run.counters.end() &&
                target->second.value > 0) {
                const auto [value, unit] = Scaled(rate->second.value);
                const auto [target_value, target_unit] = Scaled(target->second.value);
                std::array<char, 256> line{};
                std::snprintf(line.data(), line.size(), "%-32s %9.1f %s = %6.2f x target %.1f %s",
                              run.benchmark_name().c_str(), value, unit,
                              rate->second.value / target->second.value, target_value, target_unit);
                lines_.emplace_back(line.data());
            }
            const auto ratio = run.counters.find("vs_peer");
            const auto ratio_target = run.counters.find("vs_peer_target");
            if (ratio != run.counters.end() && ratio_target != run.counters.end() &&
                ratio_target->second.value > 0) {
                std::array<char, 256> line{};
                std::snprintf(
                    line.data(), line.size(), "%-32s %9.1f x its peer = %6.2f x target %.0f x",
                    run.benchmark_name().c_str(), ratio->second.value,
                    ratio->second.value / ratio_target->second.value, ratio_target->second.value);
                lines_.emplace_back(line.data());
            }
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        std::printf("\nAgainst targets:\n");
        for (const std::string& line : lines_) {
            std::printf("  %s\n", line.c_str());
        }
    }

private:
    std::vector<std::string> lines_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    TargetReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
