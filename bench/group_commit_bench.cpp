// Durable write throughput on SQLite (the dossier-actions goal: ≥ 20,000 durable actions per
// second from concurrent callers, and ≥ 20× one transaction per action, synchronous=FULL). Each
// action is one Database::Write: an INSERT into an events table and an UPDATE of a state row, the
// size of a dossier action. Group commit (`sqlite:PATH`) against its peer, one commit per action
// (`sqlite:PATH?group_commit=off`), 64 threads, a temporary file. bench_main.cpp prints the rate
// against its target and the ratio to the peer against its target.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "store/database.hpp"
#include "write_load.hpp"

namespace {

namespace store = motcua::store;
namespace base = motcua::base;

constexpr double kTargetPerSecond = 20'000;
constexpr double kTargetRatio = 20;  // group commit / one commit per action
constexpr int kThreads = 64;

constexpr const char* kSchema =
    "CREATE TABLE bench_events (thread BIGINT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL,"
    " payload TEXT NOT NULL, PRIMARY KEY (thread, seq));"
    "CREATE TABLE bench_state (id BIGINT PRIMARY KEY, version BIGINT NOT NULL,"
    " last_seq BIGINT NOT NULL);";

// The action: append an event, move the state row on (optimistic version, as dossiers will).
base::Status Action(store::Transaction& tx, int thread, int i) {
    const std::vector<store::Value> event{
        store::Value{std::int64_t{thread}}, store::Value{std::int64_t{i}},
        store::Value{std::string(R"({"step":"receive","note":"benchmark action"})")}};
    if (auto inserted = tx.Execute(
            "INSERT INTO bench_events (thread, seq, kind, payload) VALUES ($1, $2, 'action', $3)",
            event);
        !inserted) {
        return inserted.error();
    }
    const std::vector<store::Value> state{store::Value{std::int64_t{thread}},
                                          store::Value{std::int64_t{i}}};
    auto updated = tx.Execute(
        "UPDATE bench_state SET version = version + 1, last_seq = $2 WHERE id = $1", state);
    if (!updated) {
        return updated.error();
    }
    if (*updated != 1) {
        return base::Internal("no state row");
    }
    return {};
}

// A fresh SQLite file in a temporary directory, with the benchmark's tables; removed at the end.
class TempDatabase final {
public:
    explicit TempDatabase(bool group_commit) {
        std::random_device random;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-bench-" + std::to_string(random()) + std::to_string(random()));
        auto db = store::Open("sqlite:" + (dir_ / "bench.db").string() +
                              (group_commit ? "" : "?group_commit=off"));
        if (!db) {
            error_ = db.error().message;
            return;
        }
        db_ = std::move(*db);
        const base::Status created = db_->Write([](store::Transaction& tx) -> base::Status {
            if (base::Status s = tx.ExecuteScript(kSchema); !s) {
                return s;
            }
            for (std::int64_t id = 0; id < kThreads; ++id) {
                if (auto row = tx.Execute(
                        "INSERT INTO bench_state (id, version, last_seq) VALUES ($1, 0, -1)",
                        std::vector<store::Value>{store::Value{id}});
                    !row) {
                    return row.error();
                }
            }
            return {};
        });
        if (!created) {
            error_ = created.error().message;
        }
    }
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    ~TempDatabase() {
        db_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    [[nodiscard]] const std::string& error() const { return error_; }
    [[nodiscard]] store::Database& Get() { return *db_; }

private:
    std::filesystem::path dir_;
    std::unique_ptr<store::Database> db_;
    std::string error_;
};

// The peer's rate, for the ratio (the peer is registered, hence run, first).
std::atomic<double> one_commit_each_rate{0};

void RunDurableWrites(benchmark::State& state, bool group_commit) {
    TempDatabase temp(group_commit);
    if (!temp.error().empty()) {
        state.SkipWithError(temp.error().c_str());
        return;
    }
    const auto per_thread = static_cast<int>(state.range(0));
    int first = 0;
    double seconds = 0;
    std::int64_t writes = 0;
    std::int64_t failures = 0;
    std::uint64_t commits = 0;
    for (auto _ : state) {
        const motcua::bench::WriteLoadResult run =
            motcua::bench::RunWriteLoad(temp.Get(), kThreads, per_thread, first, Action);
        first += per_thread;
        state.SetIterationTime(run.seconds);
        seconds += run.seconds;
        writes += run.writes;
        failures += run.failures;
        commits += run.stats.commits;
    }
    if (failures > 0) {
        state.SkipWithError("some writes failed");
        return;
    }
    state.SetItemsProcessed(writes);
    const double rate = seconds > 0 ? static_cast<double>(writes) / seconds : 0;
    state.counters["writes_per_commit"] =
        commits > 0 ? static_cast<double>(writes) / static_cast<double>(commits) : 0;
    if (!group_commit) {
        one_commit_each_rate.store(rate);
        return;
    }
    state.counters["target_per_s"] = kTargetPerSecond;
    if (const double peer = one_commit_each_rate.load(); peer > 0) {
        state.counters["vs_peer"] = rate / peer;
        state.counters["vs_peer_target"] = kTargetRatio;
    }
}

void DurableWritesOneCommitEach(benchmark::State& state) {
    RunDurableWrites(state, false);
}
BENCHMARK(DurableWritesOneCommitEach)
    ->Name("DurableWrites/sqlite/64threads/one_commit_each")
    ->Arg(4)
    ->ArgName("writes_per_thread")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void DurableWritesGroupCommit(benchmark::State& state) {
    RunDurableWrites(state, true);
}
BENCHMARK(DurableWritesGroupCommit)
    ->Name("DurableWrites/sqlite/64threads/group_commit")
    ->Arg(100)
    ->ArgName("writes_per_thread")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
