#include "app/payments.hpp"

#include <array>
#include <charconv>
#include <cstdio>

#include <sodium.h>

#include "app/audit_util.hpp"
#include "app/crypto.hpp"
#include "app/dossier_access.hpp"
#include "app/indicators.hpp"
#include "app/notify.hpp"
#include "calendar/instant.hpp"
#include "domain/dossier.hpp"
#include "store/dossiers.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

using store::payments::Method;
using store::payments::Payment;
using store::payments::Status;

constexpr std::size_t kMaxParams = 64;
constexpr std::int64_t kMaxPendingAttempts = 10;
constexpr std::size_t kMaxReference = 64;
constexpr std::string_view kReturnPath = "/cong-dan/thanh-toan/ket-qua";

// Response codes of the IPN answer, as VNPay's.
constexpr std::string_view kRspOk = "00";
constexpr std::string_view kRspUnknownOrder = "01";
constexpr std::string_view kRspSettled = "02";
constexpr std::string_view kRspAmount = "04";
constexpr std::string_view kRspSignature = "97";
constexpr std::string_view kRspOther = "99";

int HexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::optional<std::string> FormDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = HexValue(text[i + 1]);
            const int lo = HexValue(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string Canonical(const PaymentParams& params) {
    std::string out;
    for (const auto& [name, value] : params) {  // std::map: sorted by name
        if (name == kSignatureField) {
            continue;
        }
        if (!out.empty()) {
            out.push_back('&');
        }
        out += PercentEncode(name);
        out.push_back('=');
        out += PercentEncode(value);
    }
    return out;
}

std::string Hex(const unsigned char* data, size_t size) {
    static constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[data[i] >> 4U]);
        out.push_back(kDigits[data[i] & 0x0FU]);
    }
    return out;
}

std::optional<std::int64_t> ParseAmount(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0 || text[0] == '+') {
        return std::nullopt;
    }
    return value;
}

const std::string* Field(const PaymentParams& params, std::string_view name) {
    const auto it = params.find(std::string(name));
    return it == params.end() ? nullptr : &it->second;
}

// 1234000 → "1.234.000 đ".
std::string Vnd(std::int64_t amount) {
    std::string digits = std::to_string(amount);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out.push_back('.');
        }
        out.push_back(digits[i]);
    }
    return out + " đ";
}

base::Result<domain::Dossier> LoadDossier(store::Transaction& tx, std::int64_t id) {
    auto d = store::dossiers::Get(tx, id);
    if (!d) {
        return std::move(d).error();
    }
    if (!*d) {
        return base::NotFound("Không tìm thấy hồ sơ.");
    }
    return std::move(**d);
}

bool Closed(domain::DossierState s) {
    return s == domain::DossierState::kWithdrawn || s == domain::DossierState::kRefused ||
           s == domain::DossierState::kStopped;
}

// Why the dossier's fee cannot be collected now (kFailedPrecondition), or OK.
base::Status CheckPayable(store::Transaction& tx, const domain::Dossier& d) {
    if (d.fee_amount <= 0) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Hồ sơ này không phải nộp phí, lệ phí."};
    }
    if (Closed(d.state)) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Hồ sơ đang ở trạng thái “" +
                               std::string(domain::DossierStateLabel(d.state)) +
                               "” nên không thể thanh toán."};
    }
    auto paid = store::payments::PaidPayment(tx, d.id);
    if (!paid) {
        return std::move(paid).error();
    }
    if (*paid) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Phí, lệ phí của hồ sơ này đã được thanh toán."};
    }
    return {};
}

base::Status NotifyPaid(store::Transaction& tx, const domain::Dossier& d, const Payment& p,
                        std::chrono::sys_seconds now) {
    if (!d.citizen_user_id) {
        return {};
    }
    return internal::NotifyAccount(
        tx, *d.citizen_user_id, d.id, "payment_confirmed", "Hồ sơ " + d.code,
        "Đã nhận thanh toán " + Vnd(p.amount) + " phí, lệ phí của hồ sơ " + d.code +
            " (mã giao dịch " + p.order_ref + ").",
        now);
}

std::string PaymentDetail(const Payment& p) {
    std::string detail = "{\"order_ref\":" + JsonQuote(p.order_ref) +
                         ",\"amount\":" + std::to_string(p.amount) +
                         ",\"status\":" + JsonQuote(store::payments::StatusName(p.status)) +
                         ",\"method\":" + JsonQuote(store::payments::MethodName(p.method));
    if (p.provider_txn) {
        detail += ",\"provider_txn\":" + JsonQuote(*p.provider_txn);
    }
    return detail + "}";
}

CallbackAnswer Answer(std::string_view code, std::string message,
                      std::optional<base::Error> error = std::nullopt) {
    return CallbackAnswer{std::string(code), std::move(message), std::move(error)};
}

}  // namespace

std::string_view PaymentOutcomeName(PaymentOutcome outcome) {
    switch (outcome) {
        case PaymentOutcome::kPaid:
            return "paid";
        case PaymentOutcome::kFailed:
            return "failed";
        case PaymentOutcome::kCancelled:
            return "cancelled";
    }
    return "failed";
}

std::string PercentEncode(std::string_view text) {
    static constexpr std::string_view kDigits = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
            b == '-' || b == '.' || b == '_' || b == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kDigits[b >> 4U]);
            out.push_back(kDigits[b & 0x0FU]);
        }
    }
    return out;
}

std::string EncodePaymentParams(const PaymentParams& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) {
            out.push_back('&');
        }
        out += PercentEncode(name) + "=" + PercentEncode(value);
    }
    return out;
}

base::Result<PaymentParams> DecodePaymentParams(std::string_view text) {
    PaymentParams params;
    while (!text.empty()) {
        const size_t amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const size_t eq = pair.find('=');
        auto name = FormDecode(pair.substr(0, eq));
        auto value = FormDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (!name || !value || !text::IsValidUtf8(*name) || !text::IsValidUtf8(*value)) {
            return base::InvalidArgument("Tham số thanh toán không đúng định dạng mã hóa URL.");
        }
        if (params.size() >= kMaxParams) {
            return base::InvalidArgument("Quá nhiều tham số thanh toán.");
        }
        if (!params.emplace(std::move(*name), std::move(*value)).second) {
            return base::InvalidArgument("Tham số thanh toán bị lặp lại.");
        }
    }
    return params;
}

std::string SignPaymentParams(std::string_view secret, const PaymentParams& params) {
    const std::string message = Canonical(params);
    // The key is hashed to the HMAC's key size (any secret length works).
    std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> key{};
    crypto_hash_sha256(key.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size());
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(message.data()),
                           message.size(), key.data());
    return Hex(mac.data(), mac.size());
}

bool VerifyPaymentSignature(std::string_view secret, const PaymentParams& params) {
    const std::string* given = Field(params, kSignatureField);
    if (given == nullptr) {
        return false;
    }
    std::string lower = *given;
    for (char& c : lower) {
        if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return ConstantTimeEquals(SignPaymentParams(secret, params), lower);
}

std::string SandboxGateway::CheckoutUrl(const CheckoutOrder& order) const {
    PaymentParams params{{"merchant", merchant_},
                         {"order_ref", order.order_ref},
                         {"amount", std::to_string(order.amount)},
                         {"description", order.description},
                         {"return_url", order.return_url},
                         {"created_at", calendar::FormatInstant(order.created_at)}};
    params[std::string(kSignatureField)] = SignPaymentParams(secret_, params);
    return base_url_ + "/pay?" + EncodePaymentParams(params);
}

base::Result<CallbackFacts> SandboxGateway::VerifyCallback(const PaymentParams& params) const {
    const base::Error forged{base::ErrorCode::kUnauthenticated,
                             "Chữ ký của cổng thanh toán không hợp lệ."};
    if (!VerifyPaymentSignature(secret_, params)) {
        return forged;
    }
    const std::string* merchant = Field(params, "merchant");
    if (merchant == nullptr || *merchant != merchant_) {
        return forged;
    }
    const std::string* order_ref = Field(params, "order_ref");
    const std::string* amount = Field(params, "amount");
    const std::string* txn = Field(params, "txn");
    const std::string* result = Field(params, "result");
    if (order_ref == nullptr || amount == nullptr || txn == nullptr || result == nullptr ||
        order_ref->empty() || txn->empty() || txn->size() > kMaxReference) {
        return base::InvalidArgument("Thông báo thanh toán thiếu trường bắt buộc.");
    }
    CallbackFacts facts;
    facts.order_ref = *order_ref;
    facts.provider_txn = *txn;
    const auto parsed = ParseAmount(*amount);
    if (!parsed) {
        return base::InvalidArgument("Số tiền trong thông báo thanh toán không hợp lệ.");
    }
    facts.amount = *parsed;
    if (*result == "paid") {
        facts.outcome = PaymentOutcome::kPaid;
    } else if (*result == "failed") {
        facts.outcome = PaymentOutcome::kFailed;
    } else if (*result == "cancelled") {
        facts.outcome = PaymentOutcome::kCancelled;
    } else {
        return base::InvalidArgument("Kết quả thanh toán không hợp lệ.");
    }
    if (const std::string* paid_at = Field(params, "paid_at"); paid_at && !paid_at->empty()) {
        auto at = calendar::ParseInstant(*paid_at);
        if (!at) {
            return base::InvalidArgument("Thời điểm thanh toán không hợp lệ.");
        }
        facts.paid_at = *at;
    }
    return facts;
}

// ---- use cases --------------------------------------------------------------------------------

base::Result<PaymentStart> StartPayment(AppContext& ctx, const Actor& actor,
                                        std::int64_t dossier_id, std::string_view return_base) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<PaymentStart>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PaymentStart> {
            auto d = LoadDossier(tx, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            if (!d->citizen_user_id || *d->citizen_user_id != actor.user->id ||
                !actor.user->active) {
                return base::Error{
                    base::ErrorCode::kPermissionDenied,
                    "Chỉ người nộp hồ sơ trực tuyến mới thanh toán trực tuyến được."};
            }
            if (ctx.payment_gateway == nullptr) {
                return base::Error{base::ErrorCode::kFailedPrecondition,
                                   "Thanh toán trực tuyến chưa được cấu hình."};
            }
            if (const base::Status payable = CheckPayable(tx, *d); !payable) {
                return payable.error();
            }
            auto pending = store::payments::CountPending(tx, d->id);
            if (!pending) {
                return std::move(pending).error();
            }
            if (*pending >= kMaxPendingAttempts) {
                return base::Error{base::ErrorCode::kResourceExhausted,
                                   "Đã có quá nhiều lần thanh toán chưa hoàn tất; vui lòng chờ "
                                   "kết quả hoặc liên hệ Bộ phận Một cửa."};
            }
            Payment p;
            p.dossier_id = d->id;
            p.order_ref = "TT" + RandomCode(16);
            p.amount = d->fee_amount;
            p.status = Status::kPending;
            p.method = Method::kOnline;
            p.provider = ctx.payment_gateway->Name();
            p.created_by = actor.user->id;
            p.created_at = now;
            p.updated_at = now;
            auto inserted = store::payments::Insert(tx, std::move(p));
            if (!inserted) {
                return std::move(inserted).error();
            }
            if (const base::Status a = Audit(tx, actor, now, "payment.start", "dossier", d->code,
                                             PaymentDetail(*inserted));
                !a) {
                return a.error();
            }
            CheckoutOrder order;
            order.order_ref = inserted->order_ref;
            order.amount = inserted->amount;
            order.description = "Thanh toán phí, lệ phí hồ sơ " + d->code;
            const std::string base =
                ctx.public_base_url.empty() ? std::string(return_base) : ctx.public_base_url;
            order.return_url = base + std::string(kReturnPath);
            order.created_at = now;
            return PaymentStart{std::move(*inserted), ctx.payment_gateway->CheckoutUrl(order)};
        });
}

base::Result<Payment> RecordDeskPayment(AppContext& ctx, const Actor& actor,
                                        std::int64_t dossier_id, DeskPaymentRequest request) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    if (request.method == Method::kOnline) {
        return base::InvalidArgument(
            "Hình thức nộp tại Bộ phận Một cửa phải là tiền mặt (cash) hoặc chuyển khoản "
            "(transfer).");
    }
    if (request.reference.size() > kMaxReference || !text::IsValidUtf8(request.reference)) {
        return base::InvalidArgument("Số biên lai hoặc mã chuyển khoản tối đa 64 ký tự.");
    }
    const auto now = ctx.clock->Now();
    return InWriteTransaction<
        Payment>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Payment> {
        auto d = LoadDossier(tx, dossier_id);
        if (!d) {
            return std::move(d).error();
        }
        auto desk =
            internal::HoldsRoleOn(tx, actor, domain::Role::kDeskOfficer, d->receiving_unit_id);
        if (!desk) {
            return std::move(desk).error();
        }
        if (!*desk) {
            return base::Error{
                base::ErrorCode::kPermissionDenied,
                "Chỉ công chức Bộ phận Một cửa nơi tiếp nhận hồ sơ mới ghi nhận nộp phí tại quầy."};
        }
        if (const base::Status payable = CheckPayable(tx, *d); !payable) {
            return payable.error();
        }
        Payment p;
        p.dossier_id = d->id;
        p.order_ref = "Q" + RandomCode(17);
        p.amount = d->fee_amount;
        p.status = Status::kPaid;
        p.method = request.method;
        p.provider = "desk";
        if (!request.reference.empty()) {
            p.provider_txn = request.reference;
        }
        p.created_by = actor.user->id;
        p.created_at = now;
        p.paid_at = now;
        p.updated_at = now;
        auto inserted = store::payments::Insert(tx, std::move(p));
        if (!inserted) {
            return std::move(inserted).error();
        }
        if (base::Status s = internal::RefreshIndicators(tx, d->id); !s) {
            return s.error();
        }
        if (const base::Status a =
                Audit(tx, actor, now, "payment.desk", "dossier", d->code, PaymentDetail(*inserted));
            !a) {
            return a.error();
        }
        if (const base::Status n = NotifyPaid(tx, *d, *inserted, now); !n) {
            return n.error();
        }
        return std::move(*inserted);
    });
}

base::Result<PaymentsView> PaymentsFor(AppContext& ctx, const Actor& actor,
                                       std::int64_t dossier_id) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    return InReadTransaction<PaymentsView>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PaymentsView> {
            auto d = LoadDossier(tx, dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            auto visible = internal::MayView(tx, actor, *d);
            if (!visible) {
                return std::move(visible).error();
            }
            if (!*visible) {
                return base::Error{base::ErrorCode::kPermissionDenied,
                                   "Bạn không có quyền xem hồ sơ này."};
            }
            PaymentsView view;
            view.fee_amount = d->fee_amount;
            view.dossier_code = d->code;
            view.procedure_name = d->procedure_name;
            auto payments = store::payments::ForDossier(tx, d->id);
            if (!payments) {
                return std::move(payments).error();
            }
            view.payments = std::move(*payments);
            for (const Payment& p : view.payments) {
                view.paid = view.paid || p.status == Status::kPaid;
            }
            view.may_pay_online = ctx.payment_gateway != nullptr && d->citizen_user_id &&
                                  *d->citizen_user_id == actor.user->id && !view.paid &&
                                  d->fee_amount > 0 && !Closed(d->state);
            return view;
        });
}

base::Result<CallbackAnswer> ConfirmPayment(AppContext& ctx, std::string_view body,
                                            std::string_view remote_ip) {
    const auto now = ctx.clock->Now();
    store::payments::Callback log;
    log.received_at = now;
    log.remote_ip = std::string(remote_ip);
    log.raw_params = std::string(body);

    auto params = DecodePaymentParams(body);
    std::optional<base::Result<CallbackFacts>> facts;
    if (params) {
        if (const std::string* o = Field(*params, "order_ref")) {
            log.order_ref = *o;
        }
        if (const std::string* t = Field(*params, "txn")) {
            log.provider_txn = *t;
        }
        if (ctx.payment_gateway != nullptr) {
            facts.emplace(ctx.payment_gateway->VerifyCallback(*params));
        }
    }

    return InWriteTransaction<CallbackAnswer>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<CallbackAnswer> {
            // Logs the callback with `answer` and returns the answer (the transaction commits:
            // refusals are kept too).
            auto finish = [&](const CallbackAnswer& answer,
                              std::string outcome) -> base::Result<CallbackAnswer> {
                log.outcome = std::move(outcome);
                log.response_code = answer.rsp_code;
                auto logged = store::payments::LogCallback(tx, log);
                if (!logged) {
                    return std::move(logged).error();
                }
                return answer;
            };
            if (!params) {
                return finish(Answer(kRspOther, "Invalid request", params.error()),
                              "rejected: malformed");
            }
            if (!facts) {
                return finish(Answer(kRspOther, "Gateway not configured",
                                     base::Error{base::ErrorCode::kFailedPrecondition,
                                                 "Thanh toán trực tuyến chưa được cấu hình."}),
                              "rejected: no gateway");
            }
            if (!*facts) {
                const base::Error& e = facts->error();
                const bool forged = e.code == base::ErrorCode::kUnauthenticated;
                return finish(Answer(forged ? kRspSignature : kRspOther,
                                     forged ? "Invalid signature" : "Invalid request", e),
                              forged ? "rejected: bad signature" : "rejected: malformed");
            }
            log.verified = true;
            const CallbackFacts& f = **facts;
            auto found = store::payments::GetByOrderRef(tx, f.order_ref);
            if (!found) {
                return std::move(found).error();
            }
            if (!*found || (*found)->method != Method::kOnline ||
                (*found)->provider != ctx.payment_gateway->Name()) {
                return finish(Answer(kRspUnknownOrder, "Order not found",
                                     base::NotFound("Không tìm thấy giao dịch thanh toán.")),
                              "rejected: unknown order");
            }
            Payment p = std::move(**found);
            log.payment_id = p.id;
            const CallbackAnswer confirmed = Answer(kRspOk, "Confirm Success");
            // Returns the answer for a payment no longer pending: the same as before for a
            // replay of the callback that settled it, a refusal otherwise.
            auto settled_before = [&](const Payment& current) -> base::Result<CallbackAnswer> {
                const bool same_outcome =
                    PaymentOutcomeName(f.outcome) == store::payments::StatusName(current.status);
                if (current.provider_txn && *current.provider_txn == f.provider_txn &&
                    same_outcome) {
                    auto first = store::payments::AppliedCallback(tx, current.id, f.provider_txn);
                    if (!first) {
                        return std::move(first).error();
                    }
                    if (*first) {
                        return finish(Answer((*first)->response_code, "Confirm Success"),
                                      "duplicate");
                    }
                }
                return finish(
                    Answer(kRspSettled, "Order already confirmed",
                           base::Error{base::ErrorCode::kFailedPrecondition,
                                       "Giao dịch thanh toán này đã được xác nhận trước đó."}),
                    "rejected: already settled");
            };
            if (p.status != Status::kPending) {
                return settled_before(p);
            }
            if (f.amount != p.amount) {
                return finish(
                    Answer(kRspAmount, "Invalid amount",
                           base::InvalidArgument("Số tiền trong thông báo thanh toán không khớp.")),
                    "rejected: amount mismatch");
            }
            auto d = LoadDossier(tx, p.dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            Status status = Status::kFailed;
            if (f.outcome == PaymentOutcome::kPaid) {
                status = Status::kPaid;
                auto other = store::payments::PaidPayment(tx, p.dossier_id);
                if (!other) {
                    return std::move(other).error();
                }
                if (*other) {
                    // Money taken twice for one dossier: refused and logged for a refund.
                    return finish(
                        Answer(kRspSettled, "Order already confirmed",
                               base::Error{base::ErrorCode::kFailedPrecondition,
                                           "Hồ sơ đã được thanh toán bằng một giao dịch khác."}),
                        "rejected: dossier already paid");
                }
            } else if (f.outcome == PaymentOutcome::kCancelled) {
                status = Status::kCancelled;
            }
            const std::optional<std::chrono::sys_seconds> paid_at =
                status == Status::kPaid ? std::optional(f.paid_at.value_or(now)) : std::nullopt;
            auto moved = store::payments::Settle(tx, p.id, status, f.provider_txn, paid_at, now);
            if (!moved) {
                return std::move(moved).error();
            }
            if (!*moved) {
                auto current = store::payments::GetByOrderRef(tx, f.order_ref);
                if (!current) {
                    return std::move(current).error();
                }
                return settled_before(**current);
            }
            p.status = status;
            p.provider_txn = f.provider_txn;
            if (base::Status s = internal::RefreshIndicators(tx, p.dossier_id); !s) {
                return s.error();
            }
            p.paid_at = paid_at;
            Actor gateway;
            gateway.ip = std::string(remote_ip);
            gateway.user_agent = "payment-gateway:" + ctx.payment_gateway->Name();
            const std::string action =
                "payment." + std::string(store::payments::StatusName(status));
            if (const base::Status a =
                    Audit(tx, gateway, now, action, "dossier", d->code, PaymentDetail(p));
                !a) {
                return a.error();
            }
            if (status == Status::kPaid) {
                if (const base::Status n = NotifyPaid(tx, *d, p, now); !n) {
                    return n.error();
                }
            }
            return finish(confirmed, "applied");
        });
}

base::Result<PaymentReturn> ReadPaymentReturn(AppContext& ctx, const Actor& actor,
                                              const PaymentParams& params) {
    if (ctx.payment_gateway == nullptr) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Thanh toán trực tuyến chưa được cấu hình."};
    }
    auto facts = ctx.payment_gateway->VerifyCallback(params);
    if (!facts) {
        return std::move(facts).error();
    }
    PaymentReturn out;
    out.facts = std::move(*facts);
    if (!actor.SignedIn()) {
        return out;
    }
    return InReadTransaction<PaymentReturn>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<PaymentReturn> {
            auto p = store::payments::GetByOrderRef(tx, out.facts.order_ref);
            if (!p) {
                return std::move(p).error();
            }
            if (!*p) {
                return out;
            }
            auto d = LoadDossier(tx, (*p)->dossier_id);
            if (!d) {
                return std::move(d).error();
            }
            auto visible = internal::MayView(tx, actor, *d);
            if (!visible) {
                return std::move(visible).error();
            }
            if (*visible) {
                out.payment = std::move(**p);
                out.dossier_code = d->code;
            }
            return out;
        });
}

}  // namespace motcua::app
