#include "main/report_cli.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>
#include <fmt/core.h>

#include "api/route_util.hpp"
#include "app/context.hpp"
#include "app/correction_letters.hpp"
#include "app/report_exports.hpp"
#include "app/reports.hpp"
#include "base/clock.hpp"
#include "calendar/civil_date.hpp"
#include "main/cli_db.hpp"
#include "store/database.hpp"

namespace motcua::main {

namespace {

struct ReportOptions {
    std::string db;
    std::string unit;
    std::string period;
    std::string window = "reporting";
    std::string format = "json";
    std::string output;  // empty: stdout
};

// Writes `bytes` to `path`, or to stdout when `path` is empty.
base::Status WriteOut(const std::string& path, const std::string& bytes) {
    if (path.empty()) {
        if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() ||
            std::fflush(stdout) != 0) {
            return base::Internal("không ghi được ra stdout (cannot write to stdout)");
        }
        return {};
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        return base::Internal("không ghi được tệp " + path + " (cannot write the file)");
    }
    return {};
}

std::chrono::sys_days Today() {
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                 calendar::kVietnamOffset);
}

// Parses --window, opens and migrates the database of --db (or MOTCUA_DB) and calls
// `run(ctx, rule)` with a context over it.
template <typename Run>
base::Status WithReportContext(const ReportOptions& o, Run run) {
    auto rule = domain::report06::ParseWindowRule(o.window);
    if (!rule) {
        return rule.error();
    }
    auto db = OpenMigratedDatabase(o.db);
    if (!db) {
        return db.error();
    }
    const base::SystemClock clock;  // plans' progress is judged now for an open period
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    return run(ctx, *rule);
}

base::Status RunLetter(const ReportOptions& o) {
    auto format = app::ParseLetterFormat(o.format);
    if (!format) {
        return base::InvalidArgument("--format phải là docx hoặc pdf (bad format '" + o.format +
                                     "')");
    }
    return WithReportContext(o, [&](app::AppContext& ctx, domain::report06::WindowRule rule) {
        auto letter = app::CorrectionLetterAsSystem(ctx, {o.unit, o.period, rule});
        if (!letter) {
            return base::Status(letter.error());
        }
        auto file = app::ExportCorrectionLetter(*letter, *format, Today());
        if (!file) {
            return base::Status(file.error());
        }
        return WriteOut(o.output, file->bytes);
    });
}

base::Status RunReport(const ReportOptions& o) {
    auto format = app::ParseReportFormat(o.format);
    if (!format) {
        return base::InvalidArgument("--format phải là json, xlsx hoặc pdf (bad format '" +
                                     o.format + "')");
    }
    return WithReportContext(o, [&](app::AppContext& ctx, domain::report06::WindowRule rule) {
        auto report = app::TthcSettlementReportAsSystem(ctx, {o.unit, o.period, rule});
        if (!report) {
            return base::Status(report.error());
        }
        if (*format == app::ReportFormat::kJson) {
            return WriteOut(o.output,
                            boost::json::serialize(api::SettlementReportJson(*report)) + "\n");
        }
        auto file = app::ExportSettlementReport(*report, *format, Today());
        if (!file) {
            return base::Status(file.error());
        }
        return WriteOut(o.output, file->bytes);
    });
}

// One subcommand over ReportOptions: --db, --unit, --period, --window, --format, --output; exit
// code 0, or 2 with the message on stderr.
void AddReportCommand(CLI::App& app, int& exit_code, const std::string& name,
                      const std::string& description, const std::string& period_help,
                      const std::string& default_format, const std::string& format_help,
                      base::Status (*run)(const ReportOptions&)) {
    auto options = std::make_shared<ReportOptions>();
    options->format = default_format;
    CLI::App* command = app.add_subcommand(name, description);
    command->add_option("--db", options->db,
                        "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    command->add_option("--unit", options->unit, "Unit code (with its subtree)")->required();
    command->add_option("--period", options->period, period_help)->required();
    command->add_option("--window", options->window, "reporting (default) or calendar");
    command->add_option("--format", options->format, format_help);
    command->add_option("--output", options->output, "Output file (default: stdout)");
    command->callback([options, &exit_code, name, run] {
        if (base::Status s = run(*options); !s) {
            fmt::print(stderr, "motcua {}: {}\n", name, s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int& exit_code) {
    AddReportCommand(
        app, exit_code, "report",
        "Báo cáo biểu 06/II.06a (Thông tư 01/2020): tình hình, kết quả giải quyết TTHC",
        "2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-07", "json", "json (default), xlsx or pdf",
        RunReport);
    AddReportCommand(app, exit_code, "letter",
                     "Văn bản đôn đốc, chấn chỉnh hằng quý: hồ sơ quá hạn, kết quả chưa số hóa, "
                     "DVC trực tuyến, thanh toán trực tuyến của đơn vị và các đơn vị trực thuộc",
                     "2026-Q3 (or 2026-H1, 2026-07, ...)", "pdf", "pdf (default) or docx",
                     RunLetter);
}

}  // namespace motcua::main
