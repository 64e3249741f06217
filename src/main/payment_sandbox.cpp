#include "main/payment_sandbox.hpp"

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "app/crypto.hpp"
#include "app/payments.hpp"
#include "calendar/instant.hpp"
#include "http/builtin.hpp"
#include "http/client.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "text/markup.hpp"

namespace motcua::main {

namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kHtml = "text/html; charset=utf-8";

struct SandboxSettings {
    std::string listen = "127.0.0.1:8091";
    std::string secret;
    std::string notify_url = "http://127.0.0.1:8080/api/v1/payments/callback";
    std::string merchant = std::string(app::kSandboxMerchant);
};

std::string Escape(std::string_view text) {
    return text::EscapeMarkup(text);
}

// "1234000" → "1.234.000 đ".
std::string Vnd(std::string_view digits) {
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out.push_back('.');
        }
        out.push_back(digits[i]);
    }
    return out + " đ";
}

Response Page(int status, std::string_view title, const std::string& body) {
    Response r;
    r.status = status;
    r.content_type = std::string(kHtml);
    r.body = "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" +
             Escape(title) + " — Cổng thanh toán thử nghiệm</title></head><body><h1>" +
             Escape(title) + "</h1>\n" + body +
             "\n<p><small>Cổng thanh toán thử nghiệm "
             "(sandbox) của motcua — không có giao dịch tiền thật.</small></p></body></html>\n";
    return r;
}

// The merchant's order, if its signature and merchant are right.
base::Result<app::PaymentParams> VerifiedOrder(const SandboxSettings& s,
                                               const app::PaymentParams& params) {
    if (!app::VerifyPaymentSignature(s.secret, params) || params.count("merchant") == 0 ||
        params.at("merchant") != s.merchant) {
        return base::Error{base::ErrorCode::kUnauthenticated,
                           "Chữ ký của đơn vị bán hàng không hợp lệ."};
    }
    for (const char* field : {"order_ref", "amount", "return_url"}) {
        if (params.count(field) == 0 || params.at(field).empty()) {
            return base::InvalidArgument(std::string("Thiếu tham số ") + field + ".");
        }
    }
    const std::string& ret = params.at("return_url");
    if (ret.rfind("http://", 0) != 0 && ret.rfind("https://", 0) != 0) {
        return base::InvalidArgument("Địa chỉ trả về không hợp lệ.");
    }
    return params;
}

Response ErrorPage(const base::Error& e) {
    return Page(http::HttpStatus(e.code), "Không thực hiện được giao dịch",
                "<p>" + Escape(e.message) + "</p>");
}

Response ShowOrder(const SandboxSettings& s, const Request& req) {
    app::PaymentParams query;
    for (const auto& [name, value] : req.query) {
        if (!query.emplace(name, value).second) {
            return ErrorPage(base::InvalidArgument("Tham số bị lặp lại."));
        }
    }
    auto order = VerifiedOrder(s, query);
    if (!order) {
        return ErrorPage(order.error());
    }
    std::string hidden;
    for (const auto& [name, value] : *order) {
        hidden += R"(<input type="hidden" name=")" + Escape(name) + R"(" value=")" + Escape(value) +
                  "\">\n";
    }
    const std::string description =
        order->count("description") != 0 ? order->at("description") : std::string();
    return Page(200, "Thanh toán phí, lệ phí",
                "<dl><dt>Đơn vị nhận</dt><dd>" + Escape(s.merchant) +
                    "</dd><dt>Mã giao dịch</dt><dd id=\"order-ref\">" +
                    Escape(order->at("order_ref")) + "</dd><dt>Nội dung</dt><dd>" +
                    Escape(description) + "</dd><dt>Số tiền</dt><dd id=\"amount\">" +
                    Escape(Vnd(order->at("amount"))) +
                    "</dd></dl>\n<form method=\"post\" "
                    "action=\"/pay/confirm\">\n" +
                    hidden +
                    "<button type=\"submit\">Thanh toán</button>\n<button type=\"submit\" "
                    "formaction=\"/pay/cancel\">Hủy giao dịch</button>\n</form>");
}

Response Finish(const SandboxSettings& s, std::atomic<std::uint64_t>& counter, const Request& req,
                bool paid) {
    auto params = app::DecodePaymentParams(req.body);
    if (!params) {
        return ErrorPage(params.error());
    }
    auto order = VerifiedOrder(s, *params);
    if (!order) {
        return ErrorPage(order.error());
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    app::PaymentParams result{{"merchant", s.merchant},
                              {"order_ref", order->at("order_ref")},
                              {"amount", order->at("amount")},
                              {"txn", fmt::format("SBX{}{:06}{}", now.time_since_epoch().count(),
                                                  ++counter, app::RandomCode(4))},
                              {"result", paid ? "paid" : "cancelled"}};
    if (paid) {
        result["paid_at"] = calendar::FormatInstant(now);
    }
    result[std::string(app::kSignatureField)] = app::SignPaymentParams(s.secret, result);
    const std::string encoded = app::EncodePaymentParams(result);
    // Server to server first: the merchant's state is the IPN's.
    auto ipn = http::Fetch(Method::kPost, s.notify_url, encoded);
    if (!ipn) {
        spdlog::warn("payment-sandbox: IPN to {} failed: {}", s.notify_url, ipn.error().message);
        return Page(502, "Không gửi được kết quả thanh toán",
                    "<p>Hệ thống của đơn vị bán hàng không phản hồi; giao dịch chưa được ghi "
                    "nhận.</p>");
    }
    spdlog::info("payment-sandbox: IPN {} {} → {} {}", result.at("order_ref"), result.at("result"),
                 ipn->status, ipn->body);
    const std::string& ret = order->at("return_url");
    Response r;
    r.status = 303;
    r.content_type = std::string(kHtml);
    r.AddHeader("Location", ret + (ret.find('?') == std::string::npos ? "?" : "&") + encoded);
    r.body = "<!doctype html><title>Chuyển hướng</title>";
    return r;
}

base::Status RunSandbox(SandboxSettings s) {
    if (const base::Status init = app::InitCrypto(); !init) {
        return init;
    }
    if (s.secret.empty()) {
        if (const char* env = std::getenv("MOTCUA_PAYMENT_SECRET"); env != nullptr && *env != 0) {
            s.secret = env;
        } else {
            s.secret = std::string(app::kDevelopmentPaymentSecret);
            spdlog::warn(
                "payment-sandbox: no --secret or MOTCUA_PAYMENT_SECRET; using the "
                "development secret");
        }
    }
    auto settings = std::make_shared<const SandboxSettings>(std::move(s));
    auto counter = std::make_shared<std::atomic<std::uint64_t>>(0);
    http::Router router;
    http::Metrics metrics;
    http::RegisterBuiltinRoutes(router, metrics, []() -> base::Status { return {}; });
    router.Add(Method::kGet, "/pay",
               [settings](const Request& req) { return ShowOrder(*settings, req); },
               {"Trang thanh toán thử nghiệm", "public", "", ""});
    router.Add(
        Method::kPost, "/pay/confirm",
        [settings, counter](const Request& req) { return Finish(*settings, *counter, req, true); },
        {"Xác nhận thanh toán thử nghiệm", "public", "", ""});
    router.Add(
        Method::kPost, "/pay/cancel",
        [settings, counter](const Request& req) { return Finish(*settings, *counter, req, false); },
        {"Hủy giao dịch thử nghiệm", "public", "", ""});
    http::ServerOptions options;
    options.listen = settings->listen;
    options.worker_threads = 2;
    options.io_threads = 1;
    options.max_body_bytes = std::size_t{64} << 10;
    http::Server server(options, router, metrics);
    auto port = server.Start();
    if (!port) {
        return port.error();
    }
    const std::string host = settings->listen.substr(0, settings->listen.rfind(':'));
    fmt::print("payment-sandbox: listening on http://{}:{}\n", host, *port);
    std::fflush(stdout);
    return server.Run();
}

}  // namespace

void RegisterPaymentSandboxCommand(CLI::App& app, int& exit_code) {
    auto settings = std::make_shared<SandboxSettings>();
    CLI::App* command = app.add_subcommand(
        "payment-sandbox", "Run the sandbox payment gateway (tests and demo; no real money)");
    command->add_option("--listen", settings->listen, "Address:port (default 127.0.0.1:8091)");
    command->add_option("--secret", settings->secret,
                        "Shared HMAC secret (env MOTCUA_PAYMENT_SECRET)");
    command->add_option("--notify-url", settings->notify_url,
                        "Merchant callback (IPN) address (default "
                        "http://127.0.0.1:8080/api/v1/payments/callback)");
    command->add_option("--merchant", settings->merchant, "Merchant id (default MOTCUA-HUE)");
    command->callback([settings, &exit_code] {
        const base::Status ran = RunSandbox(*settings);
        if (!ran) {
            fmt::print(stderr, "motcua: error: {}\n", ran.error().message);
            exit_code = 2;
        } else {
            exit_code = 0;
        }
    });
}

}  // namespace motcua::main
