#include "main/generate_cli.hpp"

#include <charconv>
#include <cstdlib>
#include <memory>
#include <string>

#include <fmt/core.h>

#include "app/context.hpp"
#include "app/generate.hpp"
#include "main/cli_db.hpp"
#include "store/database.hpp"

namespace motcua::main {

namespace {

struct GenerateCliOptions {
    std::string db;
    std::string dossiers;  // parsed here: CLI11 would accept "1e3" or wrap negatives
    std::string seed;
    int year = 2026;
    int batch = 20'000;
    bool append = false;
};

template <typename T>
base::Result<T> ParseWhole(const std::string& text, std::string_view what) {
    T value{};
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return base::InvalidArgument(std::string(what) + " không hợp lệ: \"" + text + "\"");
    }
    return value;
}

base::Status RunGenerate(const GenerateCliOptions& o) {
    auto n = ParseWhole<std::int64_t>(o.dossiers, "--dossiers");
    if (!n) {
        return n.error();
    }
    auto seed = ParseWhole<std::uint64_t>(o.seed, "--seed");
    if (!seed) {
        return seed.error();
    }
    auto url = DatabaseUrl(o.db);
    if (!url) {
        return url.error();
    }
    app::GenerateOptions options;
    options.dossiers = *n;
    options.seed = *seed;
    options.year = o.year;
    options.append = o.append;
    options.batch_size = o.batch;
    // Validate before opening (and creating) the database.
    if (options.dossiers < 1) {
        return base::InvalidArgument("số hồ sơ (--dossiers) phải lớn hơn 0");
    }
    auto db = store::Open(*url);
    if (!db) {
        return db.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    options.on_progress = [](std::int64_t done, std::int64_t total, double seconds) {
        fmt::print(stderr, "motcua generate: {}/{} hồ sơ, {:.1f} s, {:.0f} hồ sơ/s\n", done, total,
                   seconds, seconds > 0 ? static_cast<double>(done) / seconds : 0.0);
    };
    auto stats = app::Generate(ctx, options);
    if (!stats) {
        return stats.error();
    }
    const double rate =
        stats->seconds > 0 ? static_cast<double>(stats->dossiers) / stats->seconds : 0.0;
    fmt::print(
        "dossiers={} events={} payments={} ratings={} facts={} citizens={} units={} "
        "procedures={} officers={} refused_actions={} seconds={:.1f} rate={:.0f}/s "
        "aggregate_cells={} aggregate_seconds={:.1f}\n",
        stats->dossiers, stats->events, stats->payments, stats->ratings, stats->facts,
        stats->citizens, stats->units, stats->procedures, stats->officers, stats->refused_actions,
        stats->seconds, rate, stats->aggregate_cells, stats->aggregate_seconds);
    return {};
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<GenerateCliOptions>();
    CLI::App* cmd = app.add_subcommand(
        "generate", "Sinh dữ liệu tổng hợp một năm của một tỉnh (đo hiệu năng, trình diễn)");
    cmd->add_option("--db", options->db,
                    "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    cmd->add_option("--dossiers", options->dossiers, "Number of dossiers N (≥ 1)")->required();
    cmd->add_option("--seed", options->seed, "Random seed (unsigned 64-bit integer)")->required();
    cmd->add_option("--year", options->year, "Year of the dossiers (default 2026)");
    cmd->add_option("--batch", options->batch, "Dossiers per transaction (default 20000)");
    cmd->add_flag("--append", options->append,
                  "Allow a database that already has dossiers (adds to it)");
    cmd->callback([options, &exit_code] {
        if (base::Status s = RunGenerate(*options); !s) {
            fmt::print(stderr, "motcua generate: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });
}

}  // namespace motcua::main
