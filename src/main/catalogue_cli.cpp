#include "main/catalogue_cli.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/core.h>

#include "app/catalogue_exchange.hpp"
#include "app/context.hpp"
#include "base/clock.hpp"
#include "main/cli_db.hpp"

namespace motcua::main {

namespace {

constexpr std::uintmax_t kMaxDocumentBytes = std::uintmax_t{64} * 1024U * 1024U;

struct Options {
    std::string db;
    std::string unit;
    std::string out;
    std::string file;
    bool dry_run = false;
};

int RunExport(const Options& o) {
    auto db = OpenMigratedDatabase(o.db);
    if (!db) {
        fmt::print(stderr, "motcua catalogue export: {}\n", db.error().message);
        return 1;
    }
    const base::SystemClock clock;
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    auto doc = app::ExportCatalogueDocument(ctx, o.unit);
    if (!doc) {
        fmt::print(stderr, "motcua catalogue export: {}\n", doc.error().message);
        return 1;
    }
    if (o.out.empty()) {
        fmt::print("{}\n", *doc);
        return 0;
    }
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << *doc << '\n';
    if (!out) {
        fmt::print(stderr, "motcua catalogue export: không ghi được tệp {}\n", o.out);
        return 1;
    }
    return 0;
}

int RunImport(const Options& o) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(o.file, ec);
    if (ec || size > kMaxDocumentBytes) {
        fmt::print(stderr, "motcua catalogue import: không đọc được tệp {} ({})\n", o.file,
                   ec ? ec.message() : "lớn hơn 64 MB");
        return 1;
    }
    std::ifstream in(o.file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) {
        fmt::print(stderr, "motcua catalogue import: không đọc được tệp {}\n", o.file);
        return 1;
    }
    auto db = OpenMigratedDatabase(o.db);
    if (!db) {
        fmt::print(stderr, "motcua catalogue import: {}\n", db.error().message);
        return 1;
    }
    const base::SystemClock clock;
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    auto report = app::ImportCatalogueDocumentAsSystem(ctx, content.str(), o.dry_run);
    if (!report) {
        fmt::print(stderr, "motcua catalogue import: {}\n", report.error().message);
        return 1;
    }
    fmt::print("{{\"created\":{},\"unchanged\":{},\"dry_run\":{}}}\n", report->created,
               report->unchanged, report->dry_run ? "true" : "false");
    return 0;
}

}  // namespace

void RegisterCatalogueCommands(CLI::App& app, int& exit_code) {
    CLI::App* catalogue = app.add_subcommand(
        "catalogue", "Trao đổi danh mục TTHC với CSDL quốc gia (tài liệu motcua-catalogue/1)");
    catalogue->require_subcommand(1);

    auto ex = std::make_shared<Options>();
    CLI::App* export_cmd = catalogue->add_subcommand("export", "Xuất danh mục (mọi phiên bản)");
    export_cmd->add_option("--db", ex->db,
                           "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    export_cmd->add_option("--unit", ex->unit,
                           "Only the procedures in the competence of this unit's level");
    export_cmd->add_option("--out", ex->out, "Write to this file instead of stdout");
    export_cmd->callback([ex, &exit_code] { exit_code = RunExport(*ex); });

    auto im = std::make_shared<Options>();
    CLI::App* import_cmd = catalogue->add_subcommand("import", "Nhập danh mục, tất cả hoặc không");
    import_cmd->add_option("FILE", im->file, "A motcua-catalogue/1 JSON document")->required();
    import_cmd->add_option("--db", im->db,
                           "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    import_cmd->add_flag("--dry-run", im->dry_run, "Check and count without writing");
    import_cmd->callback([im, &exit_code] { exit_code = RunImport(*im); });
}

}  // namespace motcua::main
