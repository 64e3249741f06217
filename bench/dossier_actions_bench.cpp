// Durable dossier actions per second (issue #4): each action is app::ActOnDossier — judged in a
// read transaction, then the new state and its event written in one durable write — by many
// officers at once, each on their own dossier (pause and resume alternately). Compared, in one
// run: SQLite with group commit, its peer SQLite with one transaction per action
// (synchronous=FULL, `?group_commit=off`), and PostgreSQL (MOTCUA_BENCH_PG_URL, which
// scripts/bench sets from a throw-away cluster). Goals: ≥ 20,000 actions/s on SQLite and ≥ 20×
// its peer. bench_main.cpp prints the figures against the targets.
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>

#include "app/context.hpp"
#include "app/dossiers.hpp"
#include "app/seed.hpp"
#include "base/clock.hpp"
#include "store/database.hpp"
#include "store/users.hpp"

namespace {

namespace app = motcua::app;
namespace base = motcua::base;
namespace domain = motcua::domain;
namespace store = motcua::store;

constexpr double kTargetPerSecond = 20'000;
constexpr double kTargetRatio = 20;
// Officers acting at once (MOTCUA_BENCH_THREADS overrides; the figures in docs/storage.md use 64).
const int kThreads = [] {
    const char* env = std::getenv("MOTCUA_BENCH_THREADS");
    const int n = env != nullptr ? std::atoi(env) : 0;
    return n > 0 ? n : 64;
}();

// A demo database (units, procedures, officers) with one processing dossier per thread.
class Fixture final {
public:
    explicit Fixture(const std::string& url, bool temp_file) {
        if (temp_file) {
            std::random_device random;
            dir_ = std::filesystem::temp_directory_path() /
                   ("motcua-bench-dossiers-" + std::to_string(random()));
        }
        auto db = store::Open(temp_file ? "sqlite:" + (dir_ / "bench.db").string() + url : url);
        if (!db) {
            error_ = db.error().message;
            return;
        }
        db_ = std::move(*db);
        if (auto migrated = store::Migrate(*db_); !migrated) {
            error_ = migrated.error().message;
            return;
        }
        ctx_.db = db_.get();
        ctx_.clock = &clock_;
        if (auto seeded = app::SeedDemo(ctx_); !seeded) {
            error_ = seeded.error().message;
            return;
        }
        desk_ = ActorOf("motcua");
        specialist_ = ActorOf("chuyenvien");
        for (int t = 0; t < kThreads && error_.empty(); ++t) {
            app::ReceiveRequest r;
            r.procedure_code = "1.002010";
            auto unit = UnitId("46.SOTP");
            r.settling_unit_id = unit;
            r.applicant.name = "Người nộp " + std::to_string(t);
            auto received = app::ReceiveDossier(ctx_, desk_, r);
            if (!received) {
                error_ = received.error().message;
                return;
            }
            app::ActionRequest transfer;
            transfer.action.kind = domain::ActionKind::kTransfer;
            auto moved = app::ActOnDossier(ctx_, desk_, received->dossier.id, transfer);
            if (!moved) {
                error_ = moved.error().message;
                return;
            }
            dossiers_.push_back(moved->id);
            versions_.push_back(moved->version);
        }
    }
    Fixture(const Fixture&) = delete;
    Fixture& operator=(const Fixture&) = delete;
    ~Fixture() {
        if (db_ != nullptr && db_->dialect() == store::Dialect::kPostgres) {
            (void)db_->Write([](store::Transaction& tx) {
                return tx.ExecuteScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            });
        }
        db_.reset();
        if (!dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
        }
    }

    [[nodiscard]] const std::string& error() const { return error_; }

    // Every thread performs `per_thread` actions; returns (actions done, seconds).
    std::pair<std::int64_t, double> Run(int per_thread) {
        std::atomic<std::int64_t> done{0};
        std::atomic<std::int64_t> failed{0};
        std::barrier start(kThreads + 1);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                for (int i = 0; i < per_thread; ++i) {
                    app::ActionRequest a;
                    const bool pause = versions_[static_cast<size_t>(t)] % 2 == 0;
                    a.action.kind =
                        pause ? domain::ActionKind::kPause : domain::ActionKind::kResume;
                    a.action.reason = "Chờ xác minh";
                    a.expected_version = versions_[static_cast<size_t>(t)];
                    auto r =
                        app::ActOnDossier(ctx_, specialist_, dossiers_[static_cast<size_t>(t)], a);
                    if (!r) {
                        ++failed;
                        return;
                    }
                    versions_[static_cast<size_t>(t)] = r->version;
                    ++done;
                }
            });
        }
        start.arrive_and_wait();
        const auto begin = std::chrono::steady_clock::now();
        for (auto& th : threads) {
            th.join();
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        if (failed.load() > 0) {
            error_ = "some actions failed";
        }
        return {done.load(), seconds};
    }

private:
    app::Actor ActorOf(const std::string& username) {
        app::Actor a;
        auto tx = db_->Begin(store::TxMode::kRead);
        if (tx) {
            auto user = store::users::GetByUsername(**tx, username);
            if (user && *user) {
                a.user = **user;
            }
        }
        if (!a.user) {
            error_ = "no demo user " + username;
        }
        return a;
    }

    std::int64_t UnitId(const std::string& code) {
        auto tx = db_->Begin(store::TxMode::kRead);
        if (!tx) {
            return 0;
        }
        const std::vector<store::Value> params{store::Value{code}};
        auto row = (*tx)->QueryOne("SELECT id FROM units WHERE code = $1", params);
        return row && *row ? (*row)->Int(0) : 0;
    }

    std::filesystem::path dir_;
    std::unique_ptr<store::Database> db_;
    base::SystemClock clock_;
    app::AppContext ctx_;
    app::Actor desk_;
    app::Actor specialist_;
    std::vector<std::int64_t> dossiers_;
    std::vector<std::int64_t> versions_;
    std::string error_;
};

std::atomic<double> one_commit_each_rate{0};

void Report(benchmark::State& state, Fixture& fixture, int per_thread, bool peer, bool targets) {
    std::int64_t actions = 0;
    double seconds = 0;
    for (auto _ : state) {
        const auto [done, took] = fixture.Run(per_thread);
        state.SetIterationTime(took);
        actions += done;
        seconds += took;
    }
    if (!fixture.error().empty()) {
        state.SkipWithError(fixture.error().c_str());
        return;
    }
    state.SetItemsProcessed(actions);
    const double rate = seconds > 0 ? static_cast<double>(actions) / seconds : 0;
    if (peer) {
        one_commit_each_rate.store(rate);
        return;
    }
    if (targets) {
        state.counters["target_per_s"] = kTargetPerSecond;
        if (const double p = one_commit_each_rate.load(); p > 0) {
            state.counters["vs_peer"] = rate / p;
            state.counters["vs_peer_target"] = kTargetRatio;
        }
    }
}

void BM_DossierActionsSqliteOneCommitEach(benchmark::State& state) {
    Fixture fixture("?group_commit=off", true);
    if (!fixture.error().empty()) {
        state.SkipWithError(fixture.error().c_str());
        return;
    }
    Report(state, fixture, static_cast<int>(state.range(0)), true, false);
}
BENCHMARK(BM_DossierActionsSqliteOneCommitEach)
    ->Name("DossierActions/sqlite/64officers/one_commit_each")
    ->Arg(4)
    ->ArgName("actions_per_officer")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_DossierActionsSqliteGroupCommit(benchmark::State& state) {
    Fixture fixture("", true);
    if (!fixture.error().empty()) {
        state.SkipWithError(fixture.error().c_str());
        return;
    }
    Report(state, fixture, static_cast<int>(state.range(0)), false, true);
}
BENCHMARK(BM_DossierActionsSqliteGroupCommit)
    ->Name("DossierActions/sqlite/64officers/group_commit")
    ->Arg(300)
    ->ArgName("actions_per_officer")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_DossierActionsPostgres(benchmark::State& state) {
    const char* url = std::getenv("MOTCUA_BENCH_PG_URL");
    if (url == nullptr || *url == '\0') {
        state.SkipWithError("MOTCUA_BENCH_PG_URL is not set (scripts/bench sets it)");
        return;
    }
    Fixture fixture(url, false);
    if (!fixture.error().empty()) {
        state.SkipWithError(fixture.error().c_str());
        return;
    }
    Report(state, fixture, static_cast<int>(state.range(0)), false, false);
}
BENCHMARK(BM_DossierActionsPostgres)
    ->Name("DossierActions/postgres/64officers")
    ->Arg(20)
    ->ArgName("actions_per_officer")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
