// The citizen's payment pages (issue #5): /cong-dan/ho-so/{code}/thanh-toan (the fee, the
// payment history, "Thanh toán trực tuyến") and /cong-dan/thanh-toan/ket-qua (the browser's
// return from the gateway). The authoritative state is the gateway's callback (app/payments.hpp).
#include "app/dossier_forms.hpp"
#include "app/dossiers.hpp"
#include "app/payments.hpp"
#include "web/pages.hpp"
#include "web/site.hpp"

namespace motcua::web {

namespace {

using http::Request;
using http::Response;
using store::payments::Status;

std::string Vnd(std::int64_t amount) {
    return GroupDigits(amount) + " đ";
}

std::string_view StatusText(Status s) {
    switch (s) {
        case Status::kPending:
            return "Đang chờ thanh toán";
        case Status::kPaid:
            return "Đã thanh toán";
        case Status::kFailed:
            return "Không thành công";
        case Status::kCancelled:
            return "Đã hủy";
    }
    return "";
}

std::string_view MethodText(store::payments::Method m) {
    switch (m) {
        case store::payments::Method::kOnline:
            return "Trực tuyến";
        case store::payments::Method::kCash:
            return "Tiền mặt tại quầy";
        case store::payments::Method::kTransfer:
            return "Chuyển khoản";
    }
    return "";
}

Response PaymentPage(const Site& site, const Request& req, const app::Actor& actor) {
    if (!actor.SignedIn()) {
        return site.SignInRedirect(req);
    }
    const std::string& code = req.path_params.at("code");
    auto id = app::DossierIdByCode(site.Context(), code);
    if (!id) {
        return site.ForError(id.error(), req, actor);
    }
    auto view = app::PaymentsFor(site.Context(), actor, *id);
    if (!view) {
        return site.ForError(view.error(), req, actor);
    }
    Data data;
    data.set("code", view->dossier_code);
    data.set("procedure", view->procedure_name);
    data.set("fee", view->fee_amount > 0 ? Vnd(view->fee_amount) : std::string("Không thu phí"));
    data.set("paid", view->paid);
    data.set("may_pay", view->may_pay_online);
    DataList rows;
    for (const store::payments::Payment& p : view->payments) {
        Data row;
        row.set("order_ref", p.order_ref);
        row.set("amount", Vnd(p.amount));
        row.set("status", std::string(StatusText(p.status)));
        row.set("method", std::string(MethodText(p.method)));
        row.set("created_at", app::FormInstant(p.created_at));
        row.set("paid_at", p.paid_at ? app::FormInstant(*p.paid_at) : std::string());
        rows.push_back(row);
    }
    data.set("payments", rows);
    data.set("has_payments", !view->payments.empty());
    Chrome chrome =
        site.MakeChrome(req, actor, "Thanh toán hồ sơ " + view->dossier_code, Section::kNone);
    Response r = site.Page(200, "page_payment", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

Response StartPaymentPost(const Site& site, const Request& req, const app::Actor& actor,
                          const Form& /*form*/) {
    auto id = app::DossierIdByCode(site.Context(), req.path_params.at("code"));
    if (!id) {
        return site.ForError(id.error(), req, actor);
    }
    auto started = app::StartPayment(site.Context(), actor, *id,
                                     req.PublicOrigin(site.Context().public_base_url));
    if (!started) {
        return site.ForError(started.error(), req, actor);
    }
    // To the gateway (another origin; the address is ours, signed).
    Response r;
    r.status = 303;
    r.content_type.clear();
    r.AddHeader("Location", started->checkout_url);
    return r;
}

Response ReturnPage(const Site& site, const Request& req, const app::Actor& actor) {
    Data data;
    int status = 200;
    app::PaymentParams params;
    bool repeated = false;
    for (const auto& [name, value] : req.query) {
        repeated = repeated || !params.emplace(name, value).second;
    }
    auto back = repeated
                    ? base::Result<app::PaymentReturn>(base::InvalidArgument("Tham số bị lặp lại."))
                    : app::ReadPaymentReturn(site.Context(), actor, params);
    if (!back) {
        // No gateway configured: 503; a tampered or malformed result: 400.
        status = back.error().code == base::ErrorCode::kFailedPrecondition ? 503 : 400;
        data.set("error", back.error().code == base::ErrorCode::kUnauthenticated
                              ? std::string("Kết quả thanh toán không hợp lệ (sai chữ ký); "
                                            "giao dịch không được ghi nhận theo đường dẫn này.")
                              : Sentence(back.error().message));
    } else {
        const app::CallbackFacts& f = back->facts;
        data.set("order_ref", f.order_ref);
        data.set("amount", Vnd(f.amount));
        data.set("success", f.outcome == app::PaymentOutcome::kPaid);
        data.set("outcome", f.outcome == app::PaymentOutcome::kPaid ? "Thanh toán thành công"
                            : f.outcome == app::PaymentOutcome::kCancelled
                                ? "Bạn đã hủy giao dịch"
                                : "Thanh toán không thành công");
        if (back->payment) {
            Data stored;
            stored.set("code", back->dossier_code);
            stored.set("status", std::string(StatusText(back->payment->status)));
            data.set("stored", stored);
        }
    }
    Chrome chrome = site.MakeChrome(req, actor, "Kết quả thanh toán", Section::kNone);
    Response r = site.Page(status, "page_payment_result", chrome, data);
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterPaymentPages(http::Router& router, const SitePtr& site) {
    AddPage(router, site, "/cong-dan/ho-so/{code}/thanh-toan", PaymentPage,
            "Phí, lệ phí và thanh toán trực tuyến của hồ sơ (người nộp; HTML)", "session");
    AddForm(router, site, "/cong-dan/ho-so/{code}/thanh-toan", StartPaymentPost,
            Audience::kSignedIn, "Bắt đầu thanh toán trực tuyến và chuyển tới cổng thanh toán");
    AddPage(router, site, "/cong-dan/thanh-toan/ket-qua", ReturnPage,
            "Kết quả thanh toán khi cổng thanh toán chuyển trình duyệt về (HTML)", "public");
}

}  // namespace motcua::web
