// motcua: one binary, subcommands (ARCHITECTURE.md). main only wires: it parses the command line,
// sets up logging and hands over to the subcommand.
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "main/calendar_cli.hpp"
#include "main/catalogue_cli.hpp"
#include "main/generate_cli.hpp"
#include "main/indicator_cli.hpp"
#include "main/payment_sandbox.hpp"
#include "main/plan_cli.hpp"
#include "main/report_cli.hpp"
#include "main/server_cli.hpp"

namespace {

// Logs go to stderr so that command output on stdout stays machine-readable.
void SetUpLogging() {
    auto logger = spdlog::stderr_color_mt("motcua");
    spdlog::set_default_logger(logger);
    const char* level = std::getenv("MOTCUA_LOG_LEVEL");
    spdlog::set_level(level != nullptr ? spdlog::level::from_str(level) : spdlog::level::warn);
}

}  // namespace

int main(int argc, char** argv) {
    SetUpLogging();
    CLI::App app{"motcua — kiểm soát thủ tục hành chính và cơ chế một cửa", "motcua"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "motcua 0.1.0");
    int exit_code = 0;
    motcua::main::RegisterCalendarCommands(app, exit_code);
    motcua::main::RegisterServerCommands(app, exit_code);
    motcua::main::RegisterPaymentSandboxCommand(app, exit_code);
    motcua::main::RegisterReportCommand(app, exit_code);      // issue #6
    motcua::main::RegisterIndicatorCommands(app, exit_code);  // issue #6: QĐ 766
    motcua::main::RegisterGenerateCommand(app, exit_code);    // issue #6
    motcua::main::RegisterPlanCommands(app, exit_code);       // issue #7 (H4)
    motcua::main::RegisterCatalogueCommands(app, exit_code);  // issue #8 (E): catalogue exchange
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;  // usage errors exit 2 like every other error of the CLI
    }
    return exit_code;
}
