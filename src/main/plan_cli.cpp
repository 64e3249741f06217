#include "main/plan_cli.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/core.h>

#include "app/audit_util.hpp"
#include "app/plans.hpp"
#include "base/clock.hpp"
#include "calendar/working_time.hpp"
#include "domain/plan_import.hpp"
#include "main/cli_db.hpp"
#include "render/docx_reader.hpp"
#include "render/plan_export.hpp"
#include "text/unicode.hpp"

namespace motcua::main {

namespace {

constexpr std::uintmax_t kMaxPlanBytes = std::uintmax_t{5} * 1024U * 1024U;

struct ImportOptions {
    std::string file;
    bool dry_run = false;
    bool json = false;
    int year = 0;
    std::string db;    // writing (without --dry-run): --db, else MOTCUA_DB
    std::string unit;  // writing: the issuing unit's code
};

// The plan text of FILE (issue #7, engineer X): a .docx — picked by its content, the zip magic
// "PK\x03\x04", not by its name — is read by render::ReadDocxText; anything else must be UTF-8
// text. At most 5 MB. nullopt after a message on stderr.
std::optional<std::string> ReadPlanFile(const std::string& file) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) {
        fmt::print(stderr, "không đọc được tệp {}: {}\n", file, ec.message());
        return std::nullopt;
    }
    if (size > kMaxPlanBytes) {
        fmt::print(stderr, "tệp {} lớn hơn 5 MB ({} byte): không nhập\n", file, size);
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in || content.str().size() > kMaxPlanBytes) {
        fmt::print(stderr, "không đọc được tệp {}\n", file);
        return std::nullopt;
    }
    std::string body = std::move(content).str();
    if (render::LooksLikeZip(body)) {
        auto text = render::ReadDocxText(body);
        if (!text) {
            fmt::print(stderr, "không đọc được tệp DOCX {}: {}\n", file, text.error().message);
            return std::nullopt;
        }
        return std::move(text).value();
    }
    if (!text::IsValidUtf8(body)) {
        fmt::print(stderr, "tệp {} không phải văn bản UTF-8 hợp lệ\n", file);
        return std::nullopt;
    }
    return body;
}

// Without --dry-run (issue #7, engineer P): stores the plan (app::ImportPlanAsSystem) and prints
// its id, counts, unmatched unit names and problems as JSON.
int WriteImport(const ImportOptions& options, std::string text) {
    auto db = OpenMigratedDatabase(options.db);
    if (!db) {
        fmt::print(stderr, "{}\n", db.error().message);
        return 1;
    }
    const base::SystemClock clock;
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    app::PlanImportInput input;
    input.text = std::move(text);
    input.unit_code = options.unit;
    input.year = options.year;
    auto result = app::ImportPlanAsSystem(ctx, input);
    if (!result) {
        fmt::print(stderr, "không nhập được kế hoạch: {}\n", result.error().message);
        return 1;
    }
    const auto& plan = result->view.plan;
    // Each unmatched name once, with the number of cells naming it (S1: 10 names, not 37 cells).
    std::string unmatched;
    for (const app::UnmatchedCount& n : app::CountUnmatched(plan)) {
        unmatched += (unmatched.empty() ? "" : ",") +
                     fmt::format(R"({{"name":{},"count":{}}})", app::JsonQuote(n.name), n.count);
    }
    std::string problems;
    for (const auto& p : plan.problems) {
        problems += (problems.empty() ? "" : ",") +
                    fmt::format(R"({{"line":{},"reason":{}}})", p.line, app::JsonQuote(p.reason));
    }
    fmt::print(
        "{{\"plan_id\":{},\"unit\":{},\"year\":{},\"decision\":{},\"counts\":{{\"sections\":{},"
        "\"tasks\":{},\"deliverables\":{},\"problems\":{},\"unmatched\":{},"
        "\"unmatched_names\":{}}},\"unmatched\":[{}],\"problems\":[{}]}}\n",
        plan.head.id, app::JsonQuote(options.unit), plan.head.year,
        app::JsonQuote(plan.head.decision_number), result->parsed.sections.size(),
        result->parsed.TaskCount(), result->parsed.DeliverableCount(), plan.problems.size(),
        plan.unmatched.size(), app::CountUnmatched(plan).size(), unmatched, problems);
    return 0;
}

int RunImport(const ImportOptions& options) {
    if (!options.dry_run && options.unit.empty()) {
        fmt::print(stderr,
                   "để ghi kế hoạch vào cơ sở dữ liệu cần --unit (mã đơn vị ban hành) và --db "
                   "(hoặc MOTCUA_DB); hoặc dùng --dry-run\n");
        return 2;
    }
    const std::optional<std::string> body = ReadPlanFile(options.file);
    if (!body) {
        return 1;
    }
    if (!options.dry_run) {
        return WriteImport(options, *body);
    }
    auto built = calendar::WorkingCalendar::BuildDefault();
    if (!built) {
        fmt::print(stderr, "không dựng được lịch làm việc: {}\n", built.error().message);
        return 1;
    }
    const domain::plan_import::Plan plan = domain::plan_import::Read(*body, options.year, **built);
    // JSON is the only output of the dry run; --json says so explicitly.
    fmt::print("{}\n", domain::plan_import::ToJson(plan));
    return 0;
}

// `motcua plan export FILE --format docx|xlsx --out OUT [--year N]` (issue #7, engineer X): the
// plan read from FILE (text or .docx) written as a Word document or a spreadsheet. OUT is written
// through a temporary file beside it and renamed, so a failure leaves no half-written file.
struct ExportOptions {
    std::string file;
    std::string format;
    std::string out;
    int year = 0;
    std::string db;            // with --plan: --db, else MOTCUA_DB
    std::int64_t plan_id = 0;  // a stored plan (issue #7, engineer P)
};

// The stored plan `--plan ID` of the database (read as the operator: no role check), with its
// title and issuing unit for the document's heading.
std::optional<domain::plan_import::Plan> ReadStoredPlan(const ExportOptions& options,
                                                        render::PlanExportInfo& info) {
    auto db = OpenMigratedDatabase(options.db);
    if (!db) {
        fmt::print(stderr, "{}\n", db.error().message);
        return std::nullopt;
    }
    const base::SystemClock clock;
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    auto view = app::GetPlanAsSystem(ctx, options.plan_id);
    if (!view) {
        fmt::print(stderr, "không đọc được kế hoạch {}: {}\n", options.plan_id,
                   view.error().message);
        return std::nullopt;
    }
    info.title = view->plan.head.title;
    info.issuing_unit = view->issuing_unit.name;
    return app::PlanViewAsImport(*view);
}

int RunExport(const ExportOptions& options) {
    if (options.file.empty() == (options.plan_id == 0)) {
        fmt::print(stderr, "cần đúng một trong hai: tệp kế hoạch hoặc --plan ID (với --db)\n");
        return 2;
    }
    render::PlanExportInfo info;
    domain::plan_import::Plan plan;
    if (options.plan_id != 0) {
        auto stored = ReadStoredPlan(options, info);
        if (!stored) {
            return 1;
        }
        plan = std::move(*stored);
    } else {
        const std::optional<std::string> body = ReadPlanFile(options.file);
        if (!body) {
            return 1;
        }
        auto built = calendar::WorkingCalendar::BuildDefault();
        if (!built) {
            fmt::print(stderr, "không dựng được lịch làm việc: {}\n", built.error().message);
            return 1;
        }
        plan = domain::plan_import::Read(*body, options.year, **built);
    }
    for (const auto& problem : plan.problems) {
        fmt::print(stderr, "dòng {}: {}\n", problem.line, problem.reason);
    }
    if (plan.TaskCount() == 0) {
        fmt::print(stderr, "{} không có bảng nhiệm vụ nào đọc được: không xuất\n",
                   options.file.empty() ? "kế hoạch " + std::to_string(options.plan_id)
                                        : "tệp " + options.file);
        return 1;
    }
    auto bytes = options.format == "docx" ? render::RenderPlanDocx(plan, info)
                                          : render::RenderPlanXlsx(plan, info);
    if (!bytes) {
        fmt::print(stderr, "không xuất được kế hoạch: {}\n", bytes.error().message);
        return 1;
    }
    const std::string temporary = options.out + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
        if (!out.flush()) {
            fmt::print(stderr, "không ghi được tệp {}\n", temporary);
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return 1;
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, options.out, ec);
    if (ec) {
        fmt::print(stderr, "không ghi được tệp {}: {}\n", options.out, ec.message());
        std::filesystem::remove(temporary, ec);
        return 1;
    }
    fmt::print(stderr, "đã ghi {} ({} mục, {} nhiệm vụ, {} sản phẩm)\n", options.out,
               plan.sections.size(), plan.TaskCount(), plan.DeliverableCount());
    return 0;
}

}  // namespace

void RegisterPlanCommands(CLI::App& app, int& exit_code) {
    CLI::App* plan = app.add_subcommand("plan", "Kế hoạch kiểm soát TTHC (issue #7)");
    plan->require_subcommand(1);
    auto options = std::make_shared<ImportOptions>();
    CLI::App* import_cmd = plan->add_subcommand(
        "import", "Đọc bảng nhiệm vụ của một kế hoạch (--dry-run: in JSON, không ghi gì)");
    import_cmd->add_option("file", options->file, "Tệp văn bản kế hoạch (UTF-8, tối đa 5 MB)")
        ->required();
    import_cmd->add_flag("--dry-run", options->dry_run, "Chỉ in những gì sẽ được nhập");
    import_cmd->add_flag("--json", options->json, "In JSON (mặc định)");
    import_cmd->add_option("--year", options->year, "Năm kế hoạch (mặc định: đọc từ văn bản)")
        ->check(CLI::Range(1900, 2199));
    import_cmd->add_option("--db", options->db,
                           "Cơ sở dữ liệu để ghi kế hoạch (mặc định: MOTCUA_DB)");
    import_cmd->add_option("--unit", options->unit, "Mã đơn vị ban hành (khi ghi)");
    import_cmd->callback([options, &exit_code] { exit_code = RunImport(*options); });

    auto export_options = std::make_shared<ExportOptions>();
    CLI::App* export_cmd = plan->add_subcommand(
        "export", "Xuất bảng nhiệm vụ của một kế hoạch ra DOCX hoặc XLSX (issue #7)");
    export_cmd->add_option("file", export_options->file,
                           "Tệp kế hoạch (văn bản UTF-8 hoặc .docx); hoặc --plan");
    export_cmd->add_option("--plan", export_options->plan_id, "Số kế hoạch đã lưu (với --db)")
        ->check(CLI::PositiveNumber);
    export_cmd->add_option("--db", export_options->db,
                           "Cơ sở dữ liệu của --plan (mặc định: MOTCUA_DB)");
    export_cmd->add_option("--format", export_options->format, "docx hoặc xlsx")
        ->required()
        ->check(CLI::IsMember({"docx", "xlsx"}));
    export_cmd->add_option("--out", export_options->out, "Tệp ghi ra")->required();
    export_cmd
        ->add_option("--year", export_options->year, "Năm kế hoạch (mặc định: đọc từ văn bản)")
        ->check(CLI::Range(1900, 2199));
    export_cmd->callback([export_options, &exit_code] { exit_code = RunExport(*export_options); });
}

}  // namespace motcua::main
