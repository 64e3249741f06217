#include "server_fixture.hpp"

#include <chrono>
#include <stdexcept>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "http/builtin.hpp"
#include "http/problem.hpp"

namespace motcua::http::testing {
namespace {

Response Json(const boost::json::object& object, int status = 200) {
    return JsonResponse(status, boost::json::serialize(object));
}

}  // namespace

TestApp::TestApp() {
    router.Add(Method::kGet, "/api/v1/procedures/{code}", [](const Request& request) {
        return Json({{"code", request.path_params.at("code")}});
    });
    router.Add(Method::kGet, "/api/v1/procedures/search", [](const Request&) {
        return Json({{"search", true}});
    });
    router.Add(Method::kPost, "/api/v1/procedures", [](const Request& request) {
        return Json({{"received", request.body.size()}}, 201);
    });
    router.Add(Method::kGet, "/api/v1/echo", [](const Request& request) {
        boost::json::object object;
        for (const auto& [name, value] : request.query) {
            if (!object.contains(name)) {
                object[name] = value;
            }
        }
        return Json(object);
    });
    router.Add(Method::kGet, "/headers", [](const Request& request) {
        return Json({{"x-custom", request.Header("x-custom").value_or("")},
                     {"ip", request.remote_ip},
                     {"path", request.path},
                     {"request_id", request.request_id}});
    });
    router.Add(Method::kGet, "/boom", [](const Request&) -> Response {
        throw std::runtime_error("mật khẩu cơ sở dữ liệu lộ ra");
    });
    router.Add(Method::kGet, "/slow", [this](const Request&) {
        slow_started.fetch_add(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms.load()));
        return Json({{"slow", true}});
    });
    router.Add(Method::kGet, "/fast", [](const Request&) { return Json({{"fast", true}}); });
    router.Add(Method::kGet, "/page", [](const Request&) {
        Response response;
        response.content_type = "text/html; charset=utf-8";
        response.body = "<!doctype html><title>Một cửa</title>";
        return response;
    });
    router.Add(Method::kGet, "/cached", [](const Request&) {
        Response response = Json({{"cached", true}});
        response.AddHeader("Cache-Control", "max-age=60");
        return response;
    });
    router.Add(Method::kGet, "/nocontent", [](const Request&) {
        Response response;
        response.status = 204;
        return response;
    });
    router.Add(Method::kGet, "/bad-header", [](const Request&) {
        Response response = Json({{"ok", true}});
        response.AddHeader("X-Evil", "a\r\nSet-Cookie: stolen=1");
        response.AddHeader("Bad Name", "x");
        response.AddHeader("X-Good", "yes");
        return response;
    });
    router.Add(Method::kGet, "/error/{code}", [](const Request& request) {
        const std::string& name = request.path_params.at("code");
        for (int i = 0; i <= static_cast<int>(base::ErrorCode::kUnimplemented); ++i) {
            auto code = static_cast<base::ErrorCode>(i);
            if (base::ErrorCodeName(code) == name) {
                return ProblemResponse(base::Error{code, "Chi tiết: " + name});
            }
        }
        return Json({{"unknown", name}});
    });
    RegisterBuiltinRoutes(router, metrics, [this]() -> base::Status {
        if (healthy.load()) {
            return {};
        }
        return base::Internal("database: không kết nối được");
    });
}

ServerOptions TestOptions() {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.io_threads = 1;
    options.worker_threads = 4;
    options.max_body_bytes = 1024;
    options.max_header_bytes = 2048;
    options.handle_signals = false;
    options.shutdown_timeout = std::chrono::seconds(5);
    return options;
}

RunningServer::RunningServer(ServerOptions options, const Router& router, Metrics& metrics)
    : server_(std::move(options), router, metrics) {
    base::Result<int> port = server_.Start();
    EXPECT_TRUE(port.ok()) << (port.ok() ? "" : port.error().message);
    if (!port.ok()) {
        finished_ = true;
        return;
    }
    port_ = *port;
    thread_ = std::thread([this] {
        run_ok_ = server_.Run().ok();
        finished_ = true;
    });
}

RunningServer::~RunningServer() {
    StopAndJoin();
}

bool RunningServer::StopAndJoin() {
    server_.Stop();
    if (thread_.joinable()) {
        thread_.join();
    }
    return run_ok_.load();
}

}  // namespace motcua::http::testing
