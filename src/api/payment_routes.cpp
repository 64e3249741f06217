// /api/v1/dossiers/{code}/payments and /api/v1/payments/callback (issue #5): thin handlers over
// app/payments.hpp. docs/citizen.md "Payments".
#include <boost/json.hpp>

#include "api/json_codec.hpp"
#include "api/route_util.hpp"
#include "app/dossiers.hpp"
#include "app/payments.hpp"
#include "calendar/instant.hpp"
#include "http/problem.hpp"

namespace motcua::api {

namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;
using store::payments::Payment;

namespace {

json::value Time(const std::optional<std::chrono::sys_seconds>& t) {
    if (!t) {
        return nullptr;
    }
    return json::string(calendar::FormatInstant(*t));
}

std::string_view StatusLabel(store::payments::Status s) {
    switch (s) {
        case store::payments::Status::kPending:
            return "Đang chờ thanh toán";
        case store::payments::Status::kPaid:
            return "Đã thanh toán";
        case store::payments::Status::kFailed:
            return "Thanh toán không thành công";
        case store::payments::Status::kCancelled:
            return "Đã hủy giao dịch";
    }
    return "";
}

json::object PaymentJson(const Payment& p) {
    return json::object{{"id", p.id},
                        {"order_ref", p.order_ref},
                        {"amount", p.amount},
                        {"status", store::payments::StatusName(p.status)},
                        {"status_label", StatusLabel(p.status)},
                        {"method", store::payments::MethodName(p.method)},
                        {"provider", p.provider},
                        {"provider_txn", p.provider_txn ? json::value(*p.provider_txn) : nullptr},
                        {"created_at", calendar::FormatInstant(p.created_at)},
                        {"paid_at", Time(p.paid_at)}};
}

constexpr std::string_view kPaymentSchema =
    R"({"type":"object","properties":{"id":{"type":"integer"},"order_ref":{"type":"string"},)"
    R"("amount":{"type":"integer"},"status":{"type":"string","enum":["pending","paid","failed",)"
    R"("cancelled"]},"status_label":{"type":"string"},"method":{"type":"string","enum":)"
    R"(["online","cash","transfer"]},"provider":{"type":"string"},"provider_txn":{"type":)"
    R"("string","nullable":true},"created_at":{"type":"string"},"paid_at":{"type":"string",)"
    R"("nullable":true}}})";

}  // namespace

void RegisterPaymentRoutes(http::Router& router, app::AppContext& ctx, const CachePtr& cache) {
    router.Add(
        Method::kPost, "/api/v1/dossiers/{code}/payments",
        WithActor(ctx, cache,
                  [&ctx](const Request& req, const app::Actor& actor) -> Response {
                      auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                      if (!id) {
                          return Problem(id.error());
                      }
                      auto started =
                          app::StartPayment(ctx, actor, *id, req.PublicOrigin(ctx.public_base_url));
                      if (!started) {
                          return Problem(started.error());
                      }
                      return Json(201, json::object{{"payment", PaymentJson(started->payment)},
                                                    {"checkout_url", started->checkout_url}});
                  }),
        {"Người nộp hồ sơ trực tuyến bắt đầu thanh toán phí, lệ phí: tạo giao dịch chờ "
         "thanh toán và trả về địa chỉ cổng thanh toán (checkout_url); không cần nội dung",
         "session+csrf", "",
         R"({"type":"object","properties":{"payment":)" + std::string(kPaymentSchema) +
             R"(,"checkout_url":{"type":"string"}}})"});

    router.Add(Method::kGet, "/api/v1/dossiers/{code}/payments",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                             if (!id) {
                                 return Problem(id.error());
                             }
                             auto view = app::PaymentsFor(ctx, actor, *id);
                             if (!view) {
                                 return Problem(view.error());
                             }
                             json::array items;
                             for (const Payment& p : view->payments) {
                                 items.push_back(PaymentJson(p));
                             }
                             return Json(200, json::object{{"dossier_code", view->dossier_code},
                                                           {"fee_amount", view->fee_amount},
                                                           {"paid", view->paid},
                                                           {"may_pay_online", view->may_pay_online},
                                                           {"items", std::move(items)}});
                         }),
               {"Phí, lệ phí và các lần thanh toán của hồ sơ (người nộp, cán bộ được xem hồ sơ)",
                "session", "",
                R"({"type":"object","properties":{"dossier_code":{"type":"string"},)"
                R"("fee_amount":{"type":"integer"},"paid":{"type":"boolean"},)"
                R"("may_pay_online":{"type":"boolean"},"items":{"type":"array","items":)" +
                    std::string(kPaymentSchema) + "}}}"});

    router.Add(Method::kPost, "/api/v1/dossiers/{code}/payments/desk",
               WithActor(ctx, cache,
                         [&ctx](const Request& req, const app::Actor& actor) -> Response {
                             auto id = app::DossierIdByCode(ctx, req.path_params.at("code"));
                             if (!id) {
                                 return Problem(id.error());
                             }
                             auto object = ParseObject(req.body.empty() ? "{}" : req.body);
                             if (!object) {
                                 return Problem(object.error());
                             }
                             ObjectReader reader(*object);
                             auto method = reader.String("method", true, 16);
                             if (!method) {
                                 return Problem(method.error());
                             }
                             auto reference = reader.String("reference", false, 64);
                             if (!reference) {
                                 return Problem(reference.error());
                             }
                             if (const base::Status known = reader.CheckNoUnknownFields(); !known) {
                                 return Problem(known.error());
                             }
                             app::DeskPaymentRequest request;
                             const auto parsed = store::payments::ParseMethod(*method);
                             if (!parsed || *parsed == store::payments::Method::kOnline) {
                                 return Problem(base::InvalidArgument(
                                     "Trường 'method' phải là 'cash' (tiền mặt) hoặc 'transfer' "
                                     "(chuyển khoản)."));
                             }
                             request.method = *parsed;
                             request.reference = std::move(*reference);
                             auto paid =
                                 app::RecordDeskPayment(ctx, actor, *id, std::move(request));
                             if (!paid) {
                                 return Problem(paid.error());
                             }
                             return Json(201, PaymentJson(*paid));
                         }),
               {"Bộ phận Một cửa ghi nhận phí, lệ phí nộp tại quầy (tiền mặt hoặc chuyển khoản)",
                "session+csrf",
                R"({"type":"object","required":["method"],"properties":{"method":{"type":)"
                R"("string","enum":["cash","transfer"]},"reference":{"type":"string",)"
                R"("maxLength":64}}})",
                std::string(kPaymentSchema)});

    // The gateway's server-to-server callback (IPN): no session and no CSRF token — its
    // authenticity is the signature. So it is registered without WithActor.
    router.Add(
        Method::kPost, "/api/v1/payments/callback",
        [&ctx](const Request& req) -> Response {
            auto answer = app::ConfirmPayment(ctx, req.body, req.remote_ip);
            if (!answer) {
                return Problem(answer.error());
            }
            Response r;
            if (answer->error) {
                r = Problem(*answer->error);
                std::error_code ec;
                json::value body = json::parse(r.body, ec);
                if (!ec && body.is_object()) {
                    body.as_object()["RspCode"] = answer->rsp_code;
                    body.as_object()["Message"] = answer->message;
                    r.body = json::serialize(body);
                }
            } else {
                r = Json(200,
                         json::object{{"RspCode", answer->rsp_code}, {"Message", answer->message}});
            }
            r.AddHeader("Cache-Control", "no-store");
            return r;
        },
        {"Thông báo kết quả thanh toán từ cổng thanh toán (IPN, máy chủ tới máy chủ): nội dung "
         "application/x-www-form-urlencoded gồm merchant, order_ref, amount, txn, result "
         "(paid|failed|cancelled), paid_at và signature (HMAC-SHA256); trả về {RspCode, "
         "Message}. Mọi thông báo đều được lưu.",
         "public", "",
         R"({"type":"object","properties":{"RspCode":{"type":"string"},"Message":{"type":"string"}}})"});
}

}  // namespace motcua::api
