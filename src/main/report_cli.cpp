#include "main/report_cli.hpp"

#include <cstdlib>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>
#include <fmt/core.h>

#include "api/route_util.hpp"
#include "app/context.hpp"
#include "app/reports.hpp"
#include "store/database.hpp"

namespace motcua::main {

namespace {

struct ReportOptions {
    std::string db;
    std::string unit;
    std::string period;
    std::string window = "reporting";
    std::string format = "json";
};

base::Status RunReport(const ReportOptions& o) {
    if (o.format == "xlsx" || o.format == "pdf") {
        return base::Error{
            base::ErrorCode::kUnimplemented,
            "định dạng " + o.format + " chưa được hỗ trợ (not yet); hãy dùng --format json"};
    }
    if (o.format != "json") {
        return base::InvalidArgument("--format phải là json (xlsx, pdf: chưa hỗ trợ)");
    }
    auto rule = domain::report06::ParseWindowRule(o.window);
    if (!rule) {
        return rule.error();
    }
    std::string url = o.db;
    if (url.empty()) {
        const char* env = std::getenv("MOTCUA_DB");
        if (env == nullptr || *env == '\0') {
            return base::InvalidArgument("thiếu --db (hoặc biến môi trường MOTCUA_DB)");
        }
        url = env;
    }
    auto db = store::Open(url);
    if (!db) {
        return db.error();
    }
    auto applied = store::Migrate(**db);
    if (!applied) {
        return applied.error();
    }
    app::AppContext ctx;
    ctx.db = db->get();
    auto report = app::TthcSettlementReportAsSystem(ctx, {o.unit, o.period, *rule});
    if (!report) {
        return report.error();
    }
    fmt::print("{}\n", boost::json::serialize(api::SettlementReportJson(*report)));
    return {};
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
    report->add_option("--format", options->format, "json (xlsx, pdf: not yet)");
    report->callback([options, &exit_code] {
        if (base::Status s = RunReport(*options); !s) {
            fmt::print(stderr, "motcua report: {}\n", s.error().message);
            exit_code = 2;
            return;
        }
        exit_code = 0;
    });
}

}  // namespace motcua::main
