// http_echo_server: the HTTP server core serving a fixed procedure JSON, so that
// bench/http/run can be exercised before the application exists. Test-only.
//
//   http_echo_server [--listen 127.0.0.1:0] [--io-threads 1] [--workers 4] [--access-log]
//                    [--inline]
//
// The procedure handler runs on the worker pool, as a database-backed handler would;
// --inline runs it on the network thread instead (Execution::kInline), to show the cost of the
// hand-off.
//
// Prints "listening on http://HOST:PORT" on stdout once bound; stops on SIGTERM/SIGINT.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "http/builtin.hpp"
#include "http/problem.hpp"
#include "http/server.hpp"

namespace {

using motcua::http::Method;
using motcua::http::Request;
using motcua::http::Response;

// A realistic procedure record (≈ 400 bytes of Vietnamese JSON).
constexpr std::string_view kBodyBefore = R"({"code":")";
constexpr std::string_view kBodyAfter =
    R"(","name":"Đăng ký khai sinh","level":"commune","field":"Hộ tịch",)"
    R"("agency":"Ủy ban nhân dân cấp xã","processing_days":1,"fee":"Miễn lệ phí",)"
    R"("channels":["direct","postal","online"],"legal_basis":["Luật Hộ tịch số 60/2014/QH13",)"
    R"("Nghị định số 123/2015/NĐ-CP"],"version":3})";

bool IsPlainCode(std::string_view code) {
    return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
    });
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Fixed-JSON HTTP server for the HTTP benchmark (test-only)"};
    motcua::http::ServerOptions options;
    options.listen = "127.0.0.1:0";
    bool access_log = false;
    bool run_inline = false;
    cli.add_option("--listen", options.listen, "host:port (port 0: any free port)");
    cli.add_option("--io-threads", options.io_threads, "network threads");
    cli.add_option("--workers", options.worker_threads, "handler threads");
    cli.add_flag("--access-log", access_log, "log one line per request (info level)");
    cli.add_flag("--inline", run_inline, "run the handler on the network thread");
    CLI11_PARSE(cli, argc, argv);
    options.access_log = access_log;
    spdlog::set_level(access_log ? spdlog::level::info : spdlog::level::warn);

    motcua::http::Router router;
    motcua::http::Metrics metrics;
    router.Add(
        Method::kGet, "/api/v1/procedures/{code}",
        [](const Request& request) {
            const std::string& code = request.path_params.at("code");
            if (!IsPlainCode(code)) {
                return motcua::http::ProblemResponse(
                    motcua::base::NotFound("Không có thủ tục với mã này."));
            }
            std::string body;
            body.reserve(kBodyBefore.size() + code.size() + kBodyAfter.size());
            body.append(kBodyBefore).append(code).append(kBodyAfter);
            return motcua::http::JsonResponse(200, std::move(body));
        },
        {.summary = "Thông tin một thủ tục hành chính (dữ liệu cố định cho đo hiệu năng)",
         .auth = "public",
         .request_schema = "",
         .response_schema = ""},
        run_inline ? motcua::http::Execution::kInline : motcua::http::Execution::kWorkerPool);
    motcua::http::RegisterBuiltinRoutes(router, metrics, nullptr);

    motcua::http::Server server(options, router, metrics);
    motcua::base::Result<int> port = server.Start();
    if (!port.ok()) {
        spdlog::error("{}", port.error().message);
        return 1;
    }
    std::string host = options.listen.substr(0, options.listen.rfind(':'));
    std::printf("listening on http://%s:%d\n", host.c_str(), *port);
    std::fflush(stdout);
    motcua::base::Status ran = server.Run();
    if (!ran.ok()) {
        spdlog::error("{}", ran.error().message);
        return 1;
    }
    return 0;
}
