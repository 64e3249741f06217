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

// Opens and migrates the database of --db (or MOTCUA_DB).
base::Result<std::unique_ptr<store::Database>> OpenDb(const ReportOptions& o) {
    return OpenMigratedDatabase(o.db);
}

std::chrono::sys_days Today() {
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                 calendar::kVietnamOffset);
}

base::Status RunLetter(const ReportOptions& o) {
    auto format = app::ParseLetterFormat(o.format);
    if (!format) {
        return base::InvalidArgument("--format phải là docx hoặc pdf (bad format '" + o.format +
                                     "')");
    }
    auto rule = domain::report06::ParseWindowRule(o.window);
    if (!rule) {
        return rule.error();
    }
    auto db = OpenDb(o);
    if (!db) {
        return db.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    auto letter = app::CorrectionLetterAsSystem(ctx, {o.unit, o.period, *rule});
    if (!letter) {
        return letter.error();
    }
    auto file = app::ExportCorrectionLetter(*letter, *format, Today());
    if (!file) {
        return file.error();
    }
    return WriteOut(o.output, file->bytes);
}

base::Status RunReport(const ReportOptions& o) {
    auto format = app::ParseReportFormat(o.format);
    if (!format) {
        return base::InvalidArgument("--format phải là json, xlsx hoặc pdf (bad format '" +
                                     o.format + "')");
    }
    auto rule = domain::report06::ParseWindowRule(o.window);
    if (!rule) {
        return rule.error();
    }
    auto db = OpenDb(o);
    if (!db) {
        return db.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    auto report = app::TthcSettlementReportAsSystem(ctx, {o.unit, o.period, *rule});
    if (!report) {
        return report.error();
    }
    if (*format == app::ReportFormat::kJson) {
        return WriteOut(o.output,
                        boost::json::serialize(api::SettlementReportJson(*report)) + "\n");
    }
    auto file = app::ExportSettlementReport(*report, *format, Today());
    if (!file) {
        return file.error();
    }
    return WriteOut(o.output, file->bytes);
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ReportOptions>();
    CLI::App* report = app.add_subcommand(
        "report", "Báo cáo biểu 06/II.06a (Thông tư 01/2020): tình hình, kết quả giải quyết TTHC");
    report->add_option("--db", options->db,
                       "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    report->add_option("--unit", options->unit, "Unit code (with its subtree)")->required();
    report->add_option("--period", options->period, "2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-07")
        ->required();
    report->add_option("--window", options->window, "reporting (default) or calendar");
    report->add_option("--format", options->format, "json (default), xlsx or pdf");
    report->add_option("--output", options->output, "Output file (default: stdout)");
    report->callback([options, &exit_code] {
        if (base::Status s = RunReport(*options); !s) {
            fmt::print(stderr, "motcua report: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });

    auto letter_options = std::make_shared<ReportOptions>();
    letter_options->format = "pdf";
    CLI::App* letter = app.add_subcommand(
        "letter",
        "Văn bản đôn đốc, chấn chỉnh hằng quý: hồ sơ quá hạn, kết quả chưa số hóa, DVC trực "
        "tuyến, thanh toán trực tuyến của đơn vị và các đơn vị trực thuộc");
    letter->add_option("--db", letter_options->db,
                       "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
    letter->add_option("--unit", letter_options->unit, "Unit code (with its subtree)")->required();
    letter->add_option("--period", letter_options->period, "2026-Q3 (or 2026-H1, 2026-07, ...)")
        ->required();
    letter->add_option("--window", letter_options->window, "reporting (default) or calendar");
    letter->add_option("--format", letter_options->format, "pdf (default) or docx");
    letter->add_option("--output", letter_options->output, "Output file (default: stdout)");
    letter->callback([letter_options, &exit_code] {
        if (base::Status s = RunLetter(*letter_options); !s) {
            fmt::print(stderr, "motcua letter: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });
}

}  // namespace motcua::main
