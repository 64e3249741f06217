#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/context.hpp"
#include "base/result.hpp"
#include "store/payments.hpp"

// Online payment of fees (issue #5), modelled on Vietnamese gateways (VNPay, the National
// Portal's payment platform): the merchant sends the browser to a signed checkout address; the
// gateway calls back server-to-server (IPN) with a signed message, and redirects the browser to
// the return address with the same signed result. Only the IPN changes a payment.
// docs/citizen.md "Payments".
namespace motcua::app {

// Decoded parameters of a gateway message (query string or form body).
using PaymentParams = std::map<std::string, std::string>;

// What the merchant asks the gateway to collect.
struct CheckoutOrder {
    std::string order_ref;
    std::int64_t amount = 0;  // VND
    std::string description;
    std::string return_url;  // absolute address of the return page
    std::chrono::sys_seconds created_at{};
};

enum class PaymentOutcome { kPaid, kFailed, kCancelled };
[[nodiscard]] std::string_view PaymentOutcomeName(PaymentOutcome outcome);

// The facts of a callback whose signature was verified.
struct CallbackFacts {
    std::string order_ref;
    std::int64_t amount = 0;
    std::string provider_txn;
    PaymentOutcome outcome = PaymentOutcome::kFailed;
    std::optional<std::chrono::sys_seconds> paid_at;
};

// A payment gateway as the merchant sees it. Implementations are immutable after construction
// and thread-safe.
class PaymentGateway {
public:
    PaymentGateway() = default;
    PaymentGateway(const PaymentGateway&) = delete;
    PaymentGateway& operator=(const PaymentGateway&) = delete;
    virtual ~PaymentGateway() = default;

    // Stored as payments.provider ("sandbox").
    [[nodiscard]] virtual std::string Name() const = 0;
    // The signed address the browser is sent to.
    [[nodiscard]] virtual std::string CheckoutUrl(const CheckoutOrder& order) const = 0;
    // The facts of a callback (IPN) or of the browser's return parameters: kUnauthenticated
    // (Vietnamese) for a missing or wrong signature or another merchant; kInvalidArgument when
    // signed fields are missing or malformed.
    [[nodiscard]] virtual base::Result<CallbackFacts> VerifyCallback(
        const PaymentParams& params) const = 0;
};

// Message fields shared by the merchant and the sandbox (src/main/payment_sandbox.cpp).
inline constexpr std::string_view kSignatureField = "signature";
// Our merchant id at the sandbox, and the development secret `motcua serve` and `motcua
// payment-sandbox` share when none is configured (logged as a warning: never for production).
inline constexpr std::string_view kSandboxMerchant = "MOTCUA-HUE";
inline constexpr std::string_view kDevelopmentPaymentSecret = "motcua-sandbox-dev-secret";

// HMAC-SHA256 (hex) with `secret` over the canonical form of `params`: parameters sorted by
// name, `name=value` URL-encoded, joined with '&', the signature field excluded.
[[nodiscard]] std::string SignPaymentParams(std::string_view secret, const PaymentParams& params);
// True when params[signature] is the HMAC of the others (constant-time comparison).
[[nodiscard]] bool VerifyPaymentSignature(std::string_view secret, const PaymentParams& params);
// `params` as an application/x-www-form-urlencoded string (canonical order).
[[nodiscard]] std::string EncodePaymentParams(const PaymentParams& params);
// Decodes a query string or form body ("+" is a space). kInvalidArgument (Vietnamese) for a bad
// %-escape, invalid UTF-8, a repeated name, or more than 64 parameters.
[[nodiscard]] base::Result<PaymentParams> DecodePaymentParams(std::string_view text);
// RFC 3986 percent-encoding (unreserved characters kept).
[[nodiscard]] std::string PercentEncode(std::string_view text);

// The sandbox provider's signature scheme (HMAC-SHA256, shared secret).
class SandboxGateway final : public PaymentGateway {
public:
    // `base_url`: the sandbox's address ("http://127.0.0.1:8091"); `merchant`: our merchant id.
    SandboxGateway(std::string base_url, std::string merchant, std::string secret)
        : base_url_(std::move(base_url)),
          merchant_(std::move(merchant)),
          secret_(std::move(secret)) {}
    [[nodiscard]] std::string Name() const override { return "sandbox"; }
    [[nodiscard]] std::string CheckoutUrl(const CheckoutOrder& order) const override;
    [[nodiscard]] base::Result<CallbackFacts> VerifyCallback(
        const PaymentParams& params) const override;

private:
    std::string base_url_;
    std::string merchant_;
    std::string secret_;
};

// ---- use cases --------------------------------------------------------------------------------

struct PaymentStart {
    store::payments::Payment payment;
    std::string checkout_url;
};

// The citizen who submitted dossier `dossier_id` online starts paying its fee: a pending payment
// with a fresh unguessable order reference, and the gateway's checkout address (returning to
// `return_base` + "/cong-dan/thanh-toan/ket-qua"; ctx.public_base_url wins when set).
// Errors: kUnauthenticated; kPermissionDenied (not the applicant); kNotFound; kFailedPrecondition
// (no fee, already paid, withdrawn/refused/stopped, no gateway configured); kResourceExhausted
// (too many unfinished attempts).
[[nodiscard]] base::Result<PaymentStart> StartPayment(AppContext& ctx, const Actor& actor,
                                                      std::int64_t dossier_id,
                                                      std::string_view return_base);

struct DeskPaymentRequest {
    store::payments::Method method = store::payments::Method::kCash;  // cash or transfer
    std::string reference;  // receipt or transfer reference (optional)
};

// A desk officer (or leader) of the receiving unit records the fee paid at the desk. Errors as
// StartPayment, kInvalidArgument for an online method or a reference over 64 characters.
[[nodiscard]] base::Result<store::payments::Payment> RecordDeskPayment(AppContext& ctx,
                                                                       const Actor& actor,
                                                                       std::int64_t dossier_id,
                                                                       DeskPaymentRequest request);

struct PaymentsView {
    std::int64_t fee_amount = 0;
    std::string dossier_code;
    std::string procedure_name;
    bool paid = false;
    bool may_pay_online = false;  // the caller is the applicant and may start a payment now
    std::vector<store::payments::Payment> payments;  // oldest first
};

// The fee and payments of a dossier, for whoever may view the dossier (MayView).
// kPermissionDenied otherwise.
[[nodiscard]] base::Result<PaymentsView> PaymentsFor(AppContext& ctx, const Actor& actor,
                                                     std::int64_t dossier_id);

// The answer to a gateway callback: RspCode/Message as the gateway expects, and the error (for
// the HTTP status) when it was refused.
struct CallbackAnswer {
    std::string rsp_code;  // "00" confirmed (or confirmed before), "01" unknown order, "02"
                           // already settled otherwise, "04" wrong amount, "97" bad signature,
                           // "99" other
    std::string message;
    std::optional<base::Error> error;
};

// A callback (IPN) from the gateway; authenticity comes from the signature alone. Every
// callback is logged (payment_callbacks) with its outcome. A verified "paid" for a pending
// payment with the right amount marks it paid, writes an audit record and a notification for
// the applicant; a replay of an applied callback (same order, same transaction) gets the same
// answer and writes nothing but its log line. kUnauthenticated: bad signature; kNotFound:
// unknown order; kInvalidArgument: wrong amount or malformed; kFailedPrecondition: the order was
// already settled by another transaction. An error of the database itself is returned as error.
[[nodiscard]] base::Result<CallbackAnswer> ConfirmPayment(AppContext& ctx, std::string_view body,
                                                          std::string_view remote_ip);

// The browser's return from the gateway (not authoritative: the state is the IPN's).
struct PaymentReturn {
    CallbackFacts facts;
    std::optional<store::payments::Payment> payment;  // only for a caller who may view it
    std::string dossier_code;                         // idem
};
// Verifies the signed return parameters. kUnauthenticated for a bad signature.
[[nodiscard]] base::Result<PaymentReturn> ReadPaymentReturn(AppContext& ctx, const Actor& actor,
                                                            const PaymentParams& params);

}  // namespace motcua::app
