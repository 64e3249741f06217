#include "main/plan_cli.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/core.h>

#include "calendar/working_time.hpp"
#include "domain/plan_import.hpp"
#include "text/unicode.hpp"

namespace motcua::main {

namespace {

constexpr std::uintmax_t kMaxPlanBytes = std::uintmax_t{5} * 1024U * 1024U;

struct ImportOptions {
    std::string file;
    bool dry_run = false;
    bool json = false;
    int year = 0;
};

int RunImport(const ImportOptions& options) {
    if (!options.dry_run) {
        fmt::print(stderr,
                   "chưa hỗ trợ ghi kế hoạch vào cơ sở dữ liệu (storage comes in a later slice); "
                   "dùng --dry-run\n");
        return 2;
    }
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(options.file, ec);
    if (ec) {
        fmt::print(stderr, "không đọc được tệp {}: {}\n", options.file, ec.message());
        return 1;
    }
    if (size > kMaxPlanBytes) {
        fmt::print(stderr, "tệp {} lớn hơn 5 MB ({} byte): không nhập\n", options.file, size);
        return 1;
    }
    std::ifstream in(options.file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in || content.str().size() > kMaxPlanBytes) {
        fmt::print(stderr, "không đọc được tệp {}\n", options.file);
        return 1;
    }
    const std::string body = std::move(content).str();
    if (!text::IsValidUtf8(body)) {
        fmt::print(stderr, "tệp {} không phải văn bản UTF-8 hợp lệ\n", options.file);
        return 1;
    }
    auto built = calendar::WorkingCalendar::BuildDefault();
    if (!built) {
        fmt::print(stderr, "không dựng được lịch làm việc: {}\n", built.error().message);
        return 1;
    }
    const domain::plan_import::Plan plan = domain::plan_import::Read(body, options.year, **built);
    // JSON is the only output of the dry run; --json says so explicitly.
    fmt::print("{}\n", domain::plan_import::ToJson(plan));
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
    import_cmd->callback([options, &exit_code] { exit_code = RunImport(*options); });
}

}  // namespace motcua::main
