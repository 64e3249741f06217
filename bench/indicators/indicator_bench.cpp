// Issue #6 benchmark, motcua's side (bench/indicators/run drives it; docs/indicators.md
// "Benchmark"). On a database made by `motcua generate`:
//   1. all Decision 766 indicators for all units of a quarter, from the in-memory index and from
//      the aggregates table (median of --repeat runs);
//   2. the quarterly Form 06 report of the province (median);
//   3. a full rebuild of the aggregates (once, timed);
//   4. the per-dossier facts written as CSV for the peers (DuckDB, and SQLite running the same
//      SQL: bench/indicators/peer.sql), and that SQL timed in SQLite here;
//   5. the rows and sums per metric of the counter tables after the rebuild (DuckDB builds the
//      same counters from the CSV; the run script compares them);
// and prints one JSON object: timings in milliseconds, peak memory, and the per-unit Form 06
// cells so the run script can check that every engine gives the same answer.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <sys/resource.h>

#include "app/context.hpp"
#include "app/indicator_index.hpp"
#include "app/indicators.hpp"
#include "app/reports.hpp"
#include "base/clock.hpp"
#include "domain/indicators.hpp"
#include "domain/report06.hpp"
#include "store/aggregates.hpp"
#include "store/database.hpp"

namespace {

namespace json = boost::json;
namespace ind = motcua::domain::indicators;
namespace r06 = motcua::domain::report06;
namespace agg = motcua::store::aggregates;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

template <typename F>
double Median(int repeat, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        f();
        times.push_back(Ms(Clock::now() - start));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

long PeakRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

[[noreturn]] void Die(const std::string& what) {
    std::fprintf(stderr, "indicator_bench: %s\n", what.c_str());
    std::exit(2);
}

std::string Opt(std::optional<std::chrono::sys_seconds> t) {
    return t ? std::to_string(t->time_since_epoch().count()) : std::string();
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

json::object CellsJson(const std::map<std::int64_t, r06::Cells>& cells) {
    json::object out;
    for (const auto& [unit, c] : cells) {
        out[std::to_string(unit)] =
            json::array{c.online,  c.direct_postal, c.carried_over, c.early,
                        c.on_time, c.late,          c.within,       c.overdue};
    }
    return out;
}

double CpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The cost the aggregates add to a dossier write (--hot-path N): N open dossiers spread over the
// ids, each written in its own Database::Write (the desk's group-commit path, one at a time):
// its `late` flag toggled — which moves its overdue counters — with and without
// app::internal::RefreshIndicators. Each pass is run twice (toggled and back), so the database
// ends as it began. Prints CPU and wall microseconds per write.
json::object HotPath(motcua::store::Database& db, int n) {
    std::vector<std::int64_t> ids;
    {
        auto tx = db.Begin(motcua::store::TxMode::kRead);
        if (!tx) Die(tx.error().message);
        auto rows = (*tx)->Query(
            "SELECT id FROM dossiers WHERE received_at IS NOT NULL AND finished_at IS NULL "
            "ORDER BY id",
            {});
        if (!rows) Die(rows.error().message);
        const std::size_t step =
            std::max<std::size_t>(1, rows->size() / static_cast<std::size_t>(n));
        for (std::size_t i = 0; i < rows->size() && ids.size() < static_cast<std::size_t>(n);
             i += step) {
            ids.push_back((*rows)[i].Int(0));
        }
    }
    if (ids.empty()) Die("no open dossiers for --hot-path");
    json::object out;
    out["writes"] = static_cast<std::int64_t>(ids.size()) * 2;
    for (const bool refresh : {false, true, false, true}) {
        const double cpu = CpuSeconds();
        const auto start = Clock::now();
        for (int pass = 0; pass < 2; ++pass) {
            for (std::int64_t id : ids) {
                auto done = db.Write([&](motcua::store::Transaction& tx) -> motcua::base::Status {
                    const std::vector<motcua::store::Value> p{id};
                    auto updated =
                        tx.Execute("UPDATE dossiers SET late = 1 - late WHERE id = $1", p);
                    if (!updated) return updated.error();
                    return refresh ? motcua::app::internal::RefreshIndicators(tx, id)
                                   : motcua::base::Status{};
                });
                if (!done) Die(done.error().message);
            }
        }
        const double writes = static_cast<double>(ids.size()) * 2;
        const std::string key = refresh ? "with_refresh" : "update_only";
        out[key + "_cpu_us"] = (CpuSeconds() - cpu) * 1e6 / writes;
        out[key + "_wall_us"] = Ms(Clock::now() - start) * 1e3 / writes;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_url;
    std::string unit = "99";
    std::string period = "2026-Q3";
    std::string csv_path;
    std::string sql_path;
    int repeat = 21;
    bool rebuild = true;
    int hot_path = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--db")
            db_url = value;
        else if (key == "--unit")
            unit = value;
        else if (key == "--period")
            period = value;
        else if (key == "--csv")
            csv_path = value;
        else if (key == "--peer-sql")
            sql_path = value;
        else if (key == "--repeat")
            repeat = std::max(1, std::atoi(value.c_str()));
        else if (key == "--rebuild")
            rebuild = value != "no";
        else if (key == "--hot-path")
            hot_path = std::max(1, std::atoi(value.c_str()));
        else
            Die("unknown option " + key);
    }
    if (db_url.empty()) Die("--db is required");
    auto db = motcua::store::Open(db_url);
    if (!db) Die(db.error().message);
    if (auto m = motcua::store::Migrate(**db); !m) Die(m.error().message);
    const motcua::base::SystemClock clock;
    motcua::app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    if (auto s = motcua::app::EnsureAggregates(ctx); !s) Die(s.error().message);
    if (hot_path > 0) {
        std::printf("%s\n", json::serialize(HotPath(**db, hot_path)).c_str());
        return 0;
    }

    const auto parsed = r06::ParsePeriod(period);
    if (!parsed) Die(parsed.error().message);
    const r06::Window window = r06::Resolve(*parsed, r06::WindowRule::kReporting);
    const ind::Day from = ind::ToDay(window.from);
    const ind::Day to = ind::ToDay(window.to);
    const ind::ScoringRules* rules = *ind::RuleBook::Embedded()->InForce(window.to);
    json::object out;
    out["period"] = period;
    out["from"] = static_cast<std::int64_t>(window.Begin().time_since_epoch().count());
    out["to"] = static_cast<std::int64_t>(window.End().time_since_epoch().count());

    // 1. All indicators for all units: sums for every unit, then each unit's scorecard.
    std::int64_t dossiers = 0;
    auto all_units = [&](bool from_index, motcua::app::IndicatorIndex* index,
                         std::map<std::int64_t, r06::Cells>* cells) {
        auto tx = (*db)->Begin(motcua::store::TxMode::kRead);
        if (!tx) Die(tx.error().message);
        auto sums =
            from_index ? index->Sums(**tx, {}, from, to) : agg::SumsByUnit(**tx, {}, from, to);
        if (!sums) Die(sums.error().message);
        std::int64_t points = 0;
        for (const auto& [id, s] : *sums) {
            const ind::Scorecard card = ind::Score(*rules, s, ind::CatalogueFacts{});
            points += card.points_hundredths;
            if (cells != nullptr) (*cells)[id] = card.cells;
        }
        return points;
    };
    motcua::app::IndicatorIndex index(&clock);
    const auto load_start = Clock::now();
    std::map<std::int64_t, r06::Cells> cells;
    all_units(true, &index, &cells);
    out["index_load_ms"] = Ms(Clock::now() - load_start);
    for (const auto& [id, c] : cells) dossiers += c.Received();
    out["units"] = static_cast<std::int64_t>(cells.size());
    out["dossiers_in_window"] = dossiers;
    out["all_units_index_ms"] = Median(repeat, [&] { all_units(true, &index, nullptr); });
    out["all_units_table_ms"] =
        Median(std::max(1, repeat / 4), [&] { all_units(false, nullptr, nullptr); });
    const auto stats = index.GetStats();
    out["index_points"] = stats.points;
    out["index_bytes"] = stats.bytes;
    out["cells"] = CellsJson(cells);

    // 2. The province's quarterly Form 06 (reporting window), served from the index.
    ctx.indicator_index = &index;
    out["quarterly_report_ms"] = Median(repeat, [&] {
        auto report = motcua::app::TthcSettlementReportAsSystem(
            ctx, {unit, period, r06::WindowRule::kReporting});
        if (!report) Die(report.error().message);
    });
    ctx.indicator_index = nullptr;

    // 4. The per-dossier facts for the peers, and the peers' SQL in SQLite.
    if (!csv_path.empty()) {
        const auto start = Clock::now();
        std::ofstream csv(csv_path, std::ios::trunc);
        csv << "dossier_id,settling_unit_id,procedure_code,channel,received_at,finished_at,due_at,"
               "timing,late,result_issued,fee_bearing,paid_online,facts_known,synced,"
               "population_data,pushed_to_store,reused,digitised_component,digitised_result,"
               "rated,dissatisfied\n";
        auto tx = (*db)->Begin(motcua::store::TxMode::kRead);
        if (!tx) Die(tx.error().message);
        std::int64_t after = 0;
        std::int64_t rows = 0;
        for (;;) {
            auto page = agg::Inputs(**tx, after, 20000);
            if (!page) Die(page.error().message);
            if (page->empty()) break;
            for (const ind::Inputs& d : *page) {
                csv << d.dossier_id << ',' << d.settling_unit_id << ',' << d.procedure_code << ','
                    << static_cast<int>(d.channel) << ',' << Opt(d.received_at) << ','
                    << Opt(d.finished_at) << ',' << Opt(d.due_at) << ','
                    << motcua::domain::TimingName(d.timing) << ',' << d.late << ','
                    << d.result_issued << ',' << d.fee_bearing << ',' << d.paid_online << ','
                    << d.facts_known << ',' << d.synced << ',' << d.population_data << ','
                    << d.pushed_to_store << ',' << d.reused << ',' << d.digitised_component << ','
                    << d.digitised_result << ',' << d.rated << ',' << d.dissatisfied << '\n';
            }
            rows += static_cast<std::int64_t>(page->size());
            after = page->back().dossier_id;
        }
        out["export_ms"] = Ms(Clock::now() - start);
        out["dossiers"] = rows;
    }
    if (!sql_path.empty() && !csv_path.empty()) {
        // The same SQL in SQLite, over the same facts loaded into a table of a scratch database.
        auto scratch = motcua::store::Open("sqlite:" + csv_path + ".sqlite?group_commit=off");
        if (!scratch) Die(scratch.error().message);
        const auto load_start2 = Clock::now();
        auto status = (*scratch)->Write([&](motcua::store::Transaction& tx)
                                            -> motcua::base::Status {
            if (auto s = tx.ExecuteScript(
                    "DROP TABLE IF EXISTS facts; CREATE TABLE facts (dossier_id INTEGER, "
                    "settling_unit_id INTEGER, procedure_code TEXT, channel INTEGER, received_at "
                    "INTEGER, finished_at INTEGER, due_at INTEGER, timing TEXT, late INTEGER, "
                    "result_issued INTEGER, fee_bearing INTEGER, paid_online INTEGER, facts_known "
                    "INTEGER, synced INTEGER, population_data INTEGER, pushed_to_store INTEGER, "
                    "reused INTEGER, digitised_component INTEGER, digitised_result INTEGER, rated "
                    "INTEGER, dissatisfied INTEGER)");
                !s)
                return s;
            auto src = (*db)->Begin(motcua::store::TxMode::kRead);
            if (!src) return src.error();
            std::int64_t after = 0;
            auto opt = [](std::optional<std::chrono::sys_seconds> t) {
                return t ? motcua::store::Value{static_cast<std::int64_t>(
                               t->time_since_epoch().count())}
                         : motcua::store::Value{};
            };
            for (;;) {
                auto page = agg::Inputs(**src, after, 20000);
                if (!page) return page.error();
                if (page->empty()) break;
                for (const ind::Inputs& d : *page) {
                    const std::vector<motcua::store::Value> p{
                        d.dossier_id,
                        d.settling_unit_id,
                        d.procedure_code,
                        static_cast<std::int64_t>(d.channel),
                        opt(d.received_at),
                        opt(d.finished_at),
                        opt(d.due_at),
                        std::string(motcua::domain::TimingName(d.timing)),
                        std::int64_t{d.late},
                        std::int64_t{d.result_issued},
                        std::int64_t{d.fee_bearing},
                        std::int64_t{d.paid_online},
                        std::int64_t{d.facts_known},
                        std::int64_t{d.synced},
                        std::int64_t{d.population_data},
                        std::int64_t{d.pushed_to_store},
                        std::int64_t{d.reused},
                        std::int64_t{d.digitised_component},
                        std::int64_t{d.digitised_result},
                        std::int64_t{d.rated},
                        std::int64_t{d.dissatisfied}};
                    auto done = tx.Execute(
                        "INSERT INTO facts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                        "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
                        p);
                    if (!done) return done.error();
                }
                after = page->back().dossier_id;
            }
            return {};
        });
        if (!status) Die(status.error().message);
        out["sqlite_load_ms"] = Ms(Clock::now() - load_start2);
        std::string sql = ReadFile(sql_path);
        const auto b = std::to_string(window.Begin().time_since_epoch().count());
        const auto e = std::to_string(window.End().time_since_epoch().count());
        for (std::size_t p = sql.find(":B"); p != std::string::npos; p = sql.find(":B"))
            sql.replace(p, 2, b);
        for (std::size_t p = sql.find(":E"); p != std::string::npos; p = sql.find(":E"))
            sql.replace(p, 2, e);
        std::map<std::int64_t, r06::Cells> sqlite_cells;
        out["sqlite_rescan_ms"] = Median(std::max(1, repeat / 4), [&] {
            auto tx = (*scratch)->Begin(motcua::store::TxMode::kRead);
            if (!tx) Die(tx.error().message);
            auto rows = (*tx)->Query(sql, {});
            if (!rows) Die(rows.error().message);
            sqlite_cells.clear();
            for (const auto& row : *rows) {
                r06::Cells c{row.Int(1), row.Int(2), row.Int(3), row.Int(4),
                             row.Int(5), row.Int(6), row.Int(7), row.Int(8)};
                sqlite_cells[row.Int(0)] = c;
            }
        });
        out["sqlite_cells"] = CellsJson(sqlite_cells);
    }

    // 3. Full rebuilds (last: they rewrite the tables the reads above used): from the dossiers
    // (`motcua rebuild-aggregates`; the goal), from the stored per-dossier inputs
    // (`--from-inputs`), and
    // from the stored inputs into emptied counter tables (every counter row written).
    if (rebuild) {
        auto timed = [&](const std::string& name, motcua::app::RebuildSource source) {
            const double cpu = CpuSeconds();
            const auto start = Clock::now();
            auto rebuilt = motcua::app::RebuildAggregates(ctx, source);
            if (!rebuilt) Die(rebuilt.error().message);
            out[name + "_ms"] = Ms(Clock::now() - start);
            out[name + "_cpu_ms"] = (CpuSeconds() - cpu) * 1e3;
            out[name + "_phases"] = json::object{{"read_ms", rebuilt->read_ms},
                                                 {"sort_ms", rebuilt->sort_ms},
                                                 {"compare_ms", rebuilt->compare_ms},
                                                 {"write_ms", rebuilt->write_ms},
                                                 {"commit_ms", rebuilt->commit_ms},
                                                 {"cells", rebuilt->cells},
                                                 {"cells_written", rebuilt->cells_written},
                                                 {"inputs_written", rebuilt->inputs_written},
                                                 {"rewritten", rebuilt->rewritten}};
            out["rebuild_cells"] = rebuilt->cells;
        };
        timed("rebuild", motcua::app::RebuildSource::kDossiers);
        timed("recount", motcua::app::RebuildSource::kStoredInputs);
        auto cleared = (*db)->Begin(motcua::store::TxMode::kWrite);
        if (!cleared) Die(cleared.error().message);
        if (auto s = agg::Clear(**cleared); !s) Die(s.error().message);
        if (auto s = (*cleared)->Commit(); !s) Die(s.error().message);
        timed("recount_empty", motcua::app::RebuildSource::kStoredInputs);
    }
    // 4. What the counter tables hold, per metric: the rows and their sum (non-zero rows). The
    // run script checks them against DuckDB's equivalent of the rebuild.
    {
        auto tx = (*db)->Begin(motcua::store::TxMode::kRead);
        if (!tx) Die(tx.error().message);
        json::object counters;
        for (const char* table : {"aggregates", "aggregates_unit"}) {
            json::array per;
            for (int m = 0; m < ind::kMetricCount; ++m) per.push_back(json::array{0, 0});
            auto rows = (*tx)->Query(std::string("SELECT metric, COUNT(*), SUM(value) FROM ") +
                                         table + " WHERE value <> 0 GROUP BY metric",
                                     {});
            if (!rows) Die(rows.error().message);
            for (const auto& row : *rows) {
                const std::int64_t m = row.Int(0);
                if (m < 0 || m >= ind::kMetricCount) Die("unknown metric in " + std::string(table));
                per[static_cast<std::size_t>(m)] = json::array{row.Int(1), row.Int(2)};
            }
            counters[table] = std::move(per);
        }
        out["counters"] = std::move(counters);
    }
    out["peak_rss_kb"] = PeakRssKb();
    std::printf("%s\n", json::serialize(out).c_str());
    return 0;
}
