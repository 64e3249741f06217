#include "main/indicator_cli.hpp"

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>
#include <fmt/core.h>

#include "api/route_util.hpp"
#include "app/context.hpp"
#include "app/indicators.hpp"
#include "main/cli_db.hpp"
#include "store/database.hpp"

namespace motcua::main {

namespace {

struct Options {
    std::string db;
    std::string unit;
    std::string period;
    std::string window = "calendar";
    std::string procedure;     // H2: one procedure (adds indicator 2.2)
    bool from_inputs = false;  // rebuild-aggregates: recount from the stored inputs only
};

base::Status RunIndicators(const Options& o) {
    auto rule = domain::report06::ParseWindowRule(o.window);
    if (!rule) {
        return rule.error();
    }
    auto db = OpenMigratedDatabase(o.db);
    if (!db) {
        return db.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    if (base::Status s = app::EnsureAggregates(ctx); !s) {
        return s;
    }
    app::IndicatorQuery query{o.unit, o.period, *rule};
    query.procedure_code = o.procedure;
    auto report = app::IndicatorsAsSystem(ctx, query);
    if (!report) {
        return report.error();
    }
    fmt::print("{}\n", boost::json::serialize(api::IndicatorReportJson(*report)));
    return {};
}

base::Status RunRebuild(const Options& o) {
    auto db = OpenMigratedDatabase(o.db);
    if (!db) {
        return db.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    const auto start = std::chrono::steady_clock::now();
    auto stats = app::RebuildAggregates(
        ctx, o.from_inputs ? app::RebuildSource::kStoredInputs : app::RebuildSource::kDossiers);
    if (!stats) {
        return stats.error();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fmt::print(
        "{{\"dossiers\":{},\"cells\":{},\"from\":\"{}\",\"cells_written\":{},"
        "\"inputs_written\":{},\"phases_ms\":{{\"read\":{:.0f},\"sort\":{:.0f},\"compare\":{:.0f},"
        "\"write\":{:.0f},\"commit\":{:.0f}}},\"seconds\":{:.3f}}}\n",
        stats->dossiers, stats->cells,
        stats->source == app::RebuildSource::kDossiers ? "dossiers" : "stored_inputs",
        stats->cells_written, stats->inputs_written, stats->read_ms, stats->sort_ms,
        stats->compare_ms, stats->write_ms, stats->commit_ms, seconds);
    return {};
}

}  // namespace

void RegisterIndicatorCommands(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<Options>();
    CLI::App* indicators = app.add_subcommand(
        "indicators", "Bộ chỉ số 766 của đơn vị và các đơn vị trực thuộc trong kỳ (JSON)");
    indicators->add_option("--db", options->db,
                           "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    indicators->add_option("--unit", options->unit, "Unit code (with its subtree)")->required();
    indicators
        ->add_option("--period", options->period, "2026-07, 2026-Q3, 2026-H1, 2026-9M or 2026")
        ->required();
    indicators->add_option("--window", options->window, "calendar (default) or reporting");
    indicators->add_option("--procedure", options->procedure,
                           "Only one procedure (national code); adds indicator 2.2, the average "
                           "settlement time");
    indicators->callback([options, &exit_code] {
        if (base::Status s = RunIndicators(*options); !s) {
            fmt::print(stderr, "motcua indicators: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });

    auto rebuild_options = std::make_shared<Options>();
    CLI::App* rebuild = app.add_subcommand(
        "rebuild-aggregates", "Tính lại toàn bộ số liệu cộng dồn (chỉ số 766, báo cáo) từ hồ sơ");
    rebuild->add_option("--db", rebuild_options->db,
                        "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    rebuild->add_flag("--from-inputs", rebuild_options->from_inputs,
                      "Only recount the counters from the stored per-dossier inputs (faster; "
                      "default: recompute the inputs from the dossiers too and repair them)");
    rebuild->callback([rebuild_options, &exit_code] {
        if (base::Status s = RunRebuild(*rebuild_options); !s) {
            fmt::print(stderr, "motcua rebuild-aggregates: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });
}

}  // namespace motcua::main
