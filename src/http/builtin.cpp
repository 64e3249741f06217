#include "http/builtin.hpp"

#include <exception>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "http/problem.hpp"

namespace motcua::http {
namespace {

Response Unavailable(std::string_view detail) {
    spdlog::warn("health check failed: {}", detail);
    return JsonResponse(503, boost::json::serialize(boost::json::object{{"status", "unavailable"},
                                                                        {"detail", detail}}));
}

}  // namespace

void RegisterBuiltinRoutes(Router& router, Metrics& metrics, HealthCheck health_check) {
    router.Add(
        Method::kGet, "/healthz",
        [check = std::move(health_check)](const Request&) {
            if (check) {
                try {
                    base::Status status = check();
                    if (!status.ok()) {
                        return Unavailable(status.error().message);
                    }
                } catch (const std::exception& e) {
                    return Unavailable(std::string("health check threw: ") + e.what());
                }
            }
            return JsonResponse(200, R"({"status":"ok"})");
        },
        RouteInfo{.summary = "Kiểm tra tình trạng hoạt động của máy chủ",
                  .auth = "public",
                  .request_schema = "",
                  .response_schema = R"({"type":"object","required":["status"],"properties":{)"
                                     R"("status":{"type":"string","enum":["ok","unavailable"]},)"
                                     R"("detail":{"type":"string"}}})"});
    router.Add(
        Method::kGet, "/metrics",
        [&metrics](const Request&) {
            Response response;
            response.content_type = "text/plain; version=0.0.4; charset=utf-8";
            response.body = metrics.RenderPrometheus();
            return response;
        },
        RouteInfo{.summary = "Số liệu giám sát (định dạng Prometheus)",
                  .auth = "public",
                  .request_schema = "",
                  .response_schema = R"({"type":"string"})"},
        Execution::kInline);
}

}  // namespace motcua::http
