#include "store/payments.hpp"

#include <array>
#include <cstdio>

#include "store/codec.hpp"

namespace motcua::store::payments {

namespace {

using internal::Int;
using internal::OptInt;
using internal::OptSeconds;
using internal::Seconds;
using internal::Text;

constexpr std::size_t kMaxRawBytes = 4096;
constexpr std::size_t kMaxRefBytes = 64;

constexpr std::string_view kColumns =
    "id, dossier_id, order_ref, amount, status, method, provider, provider_txn, created_by, "
    "created_at, paid_at, updated_at";
constexpr std::string_view kCallbackColumns =
    "id, payment_id, order_ref, provider_txn, verified, outcome, response_code, received_at, "
    "remote_ip, raw_params";

constexpr std::array<std::pair<Status, std::string_view>, 4> kStatuses{{
    {Status::kPending, "pending"},
    {Status::kPaid, "paid"},
    {Status::kFailed, "failed"},
    {Status::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<Method, std::string_view>, 3> kMethods{{
    {Method::kOnline, "online"},
    {Method::kCash, "cash"},
    {Method::kTransfer, "transfer"},
}};

Value OptText(const std::optional<std::string>& v) {
    return v ? Text(*v) : Value{};
}

// Printable ASCII kept, every other byte as \xHH, cut at `limit` bytes: text from unverified
// callers stored as it came, without ever being invalid UTF-8 (PostgreSQL refuses that).
std::string Printable(std::string_view raw, std::size_t limit) {
    std::string out;
    for (const char c : raw) {
        if (out.size() >= limit) {
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            out.push_back(c);
        } else {
            std::array<char, 5> hex{};
            std::snprintf(hex.data(), hex.size(), "\\x%02X", byte);
            out.append(hex.data());
        }
    }
    return out.substr(0, limit);
}

base::Result<Payment> Decode(const Row& row) {
    Payment p;
    p.id = row.Int(0);
    p.dossier_id = row.Int(1);
    p.order_ref = row.Text(2);
    p.amount = row.Int(3);
    const auto status = ParseStatus(row.Text(4));
    if (!status) {
        return internal::CorruptValue("payments.status", row.Text(4));
    }
    p.status = *status;
    const auto method = ParseMethod(row.Text(5));
    if (!method) {
        return internal::CorruptValue("payments.method", row.Text(5));
    }
    p.method = *method;
    p.provider = row.Text(6);
    p.provider_txn = row.OptText(7);
    p.created_by = row.OptInt(8);
    p.created_at = internal::ToSeconds(row.Int(9));
    p.paid_at = internal::ToOptSeconds(row, 10);
    p.updated_at = internal::ToSeconds(row.Int(11));
    return p;
}

base::Result<std::vector<Payment>> DecodeAll(base::Result<std::vector<Row>> rows) {
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Payment> out;
    for (const Row& row : *rows) {
        auto p = Decode(row);
        if (!p) {
            return std::move(p).error();
        }
        out.push_back(std::move(*p));
    }
    return out;
}

Callback DecodeCallback(const Row& row) {
    Callback c;
    c.id = row.Int(0);
    c.payment_id = row.OptInt(1);
    c.order_ref = row.Text(2);
    c.provider_txn = row.Text(3);
    c.verified = row.Int(4) != 0;
    c.outcome = row.Text(5);
    c.response_code = row.Text(6);
    c.received_at = internal::ToSeconds(row.Int(7));
    c.remote_ip = row.Text(8);
    c.raw_params = row.Text(9);
    return c;
}

base::Result<std::optional<Payment>> One(base::Result<std::vector<Row>> rows) {
    auto all = DecodeAll(std::move(rows));
    if (!all) {
        return std::move(all).error();
    }
    if (all->empty()) {
        return std::optional<Payment>{};
    }
    return std::optional<Payment>{std::move(all->front())};
}

constexpr std::string_view kDuplicate =
    "hồ sơ đã có một khoản thanh toán thành công, hoặc mã giao dịch đã được dùng";

}  // namespace

std::string_view StatusName(Status status) {
    for (const auto& [s, name] : kStatuses) {
        if (s == status) {
            return name;
        }
    }
    return "pending";
}

std::optional<Status> ParseStatus(std::string_view name) {
    for (const auto& [s, n] : kStatuses) {
        if (n == name) {
            return s;
        }
    }
    return std::nullopt;
}

std::string_view MethodName(Method method) {
    for (const auto& [m, name] : kMethods) {
        if (m == method) {
            return name;
        }
    }
    return "online";
}

std::optional<Method> ParseMethod(std::string_view name) {
    for (const auto& [m, n] : kMethods) {
        if (n == name) {
            return m;
        }
    }
    return std::nullopt;
}

base::Result<Payment> Insert(Transaction& tx, Payment payment) {
    const std::array<Value, 11> params{Int(payment.dossier_id),
                                       Text(payment.order_ref),
                                       Int(payment.amount),
                                       Text(StatusName(payment.status)),
                                       Text(MethodName(payment.method)),
                                       Text(payment.provider),
                                       OptText(payment.provider_txn),
                                       OptInt(payment.created_by),
                                       Seconds(payment.created_at),
                                       OptSeconds(payment.paid_at),
                                       Seconds(payment.updated_at)};
    auto id = internal::InsertReturningId(
        tx,
        "INSERT INTO payments (dossier_id, order_ref, amount, status, method, provider, "
        "provider_txn, created_by, created_at, paid_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $11) RETURNING id",
        params, base::ErrorCode::kAlreadyExists, std::string(kDuplicate));
    if (!id) {
        return std::move(id).error();
    }
    payment.id = *id;
    return payment;
}

base::Result<std::optional<Payment>> GetByOrderRef(Transaction& tx, std::string_view order_ref) {
    const std::array<Value, 1> params{Text(order_ref)};
    return One(tx.Query("SELECT " + std::string(kColumns) + " FROM payments WHERE order_ref = $1",
                        params));
}

base::Result<std::vector<Payment>> ForDossier(Transaction& tx, std::int64_t dossier_id) {
    const std::array<Value, 1> params{Int(dossier_id)};
    return DecodeAll(tx.Query(
        "SELECT " + std::string(kColumns) + " FROM payments WHERE dossier_id = $1 ORDER BY id",
        params));
}

base::Result<std::int64_t> CountPending(Transaction& tx, std::int64_t dossier_id) {
    const std::array<Value, 1> params{Int(dossier_id)};
    auto rows = tx.Query(
        "SELECT COUNT(*) FROM payments WHERE dossier_id = $1 AND status = 'pending'", params);
    if (!rows) {
        return std::move(rows).error();
    }
    return rows->empty() ? 0 : rows->front().Int(0);
}

base::Result<bool> Settle(Transaction& tx, std::int64_t id, Status status,
                          std::string_view provider_txn,
                          std::optional<std::chrono::sys_seconds> paid_at,
                          std::chrono::sys_seconds now) {
    const std::array<Value, 5> params{Int(id), Text(StatusName(status)),
                                      provider_txn.empty() ? Value{} : Text(provider_txn),
                                      OptSeconds(paid_at), Seconds(now)};
    // Only a pending payment moves: of two concurrent callbacks, one changes the row.
    auto changed = tx.Execute(
        "UPDATE payments SET status = $2, provider_txn = $3, paid_at = $4, updated_at = $5 "
        "WHERE id = $1 AND status = 'pending'",
        params);
    if (!changed) {
        return internal::Rephrase(std::move(changed).error(), base::ErrorCode::kAlreadyExists,
                                  std::string(kDuplicate));
    }
    return *changed == 1;
}

base::Result<std::optional<Payment>> PaidPayment(Transaction& tx, std::int64_t dossier_id) {
    const std::array<Value, 1> params{Int(dossier_id)};
    return One(tx.Query("SELECT " + std::string(kColumns) +
                            " FROM payments WHERE dossier_id = $1 AND status = 'paid'",
                        params));
}

base::Result<bool> PaidOnline(Transaction& tx, std::int64_t dossier_id) {
    auto paid = PaidPayment(tx, dossier_id);
    if (!paid) {
        return std::move(paid).error();
    }
    return paid->has_value() && (*paid)->method == Method::kOnline;
}

base::Result<std::int64_t> LogCallback(Transaction& tx, const Callback& c) {
    const std::array<Value, 9> params{OptInt(c.payment_id),
                                      Text(Printable(c.order_ref, kMaxRefBytes)),
                                      Text(Printable(c.provider_txn, kMaxRefBytes)),
                                      internal::Bool(c.verified),
                                      Text(c.outcome),
                                      Text(c.response_code),
                                      Seconds(c.received_at),
                                      Text(Printable(c.remote_ip, kMaxRefBytes)),
                                      Text(Printable(c.raw_params, kMaxRawBytes))};
    return internal::InsertReturningId(
        tx,
        "INSERT INTO payment_callbacks (payment_id, order_ref, provider_txn, verified, outcome, "
        "response_code, received_at, remote_ip, raw_params) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "$8, $9) RETURNING id",
        params);
}

base::Result<std::vector<Callback>> CallbacksFor(Transaction& tx, std::string_view order_ref) {
    const std::array<Value, 1> params{Text(order_ref)};
    auto rows = tx.Query("SELECT " + std::string(kCallbackColumns) +
                             " FROM payment_callbacks WHERE order_ref = $1 ORDER BY id",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    std::vector<Callback> out;
    for (const Row& row : *rows) {
        out.push_back(DecodeCallback(row));
    }
    return out;
}

base::Result<std::optional<Callback>> AppliedCallback(Transaction& tx, std::int64_t payment_id,
                                                      std::string_view provider_txn) {
    const std::array<Value, 2> params{Int(payment_id), Text(provider_txn)};
    auto rows = tx.Query("SELECT " + std::string(kCallbackColumns) +
                             " FROM payment_callbacks WHERE payment_id = $1 AND provider_txn = $2 "
                             "AND outcome = 'applied' ORDER BY id LIMIT 1",
                         params);
    if (!rows) {
        return std::move(rows).error();
    }
    if (rows->empty()) {
        return std::optional<Callback>{};
    }
    return std::optional<Callback>{DecodeCallback(rows->front())};
}

}  // namespace motcua::store::payments
