#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/database.hpp"

// Fees of dossiers (issue #5, migration 0007): payment attempts and the log of gateway
// callbacks. Plain records; the rules (who may pay, what a callback may change) are in
// app/payments.hpp.
namespace motcua::store::payments {

enum class Status { kPending, kPaid, kFailed, kCancelled };
enum class Method { kOnline, kCash, kTransfer };

[[nodiscard]] std::string_view StatusName(Status status);
[[nodiscard]] std::optional<Status> ParseStatus(std::string_view name);
[[nodiscard]] std::string_view MethodName(Method method);
[[nodiscard]] std::optional<Method> ParseMethod(std::string_view name);

struct Payment {
    std::int64_t id = 0;
    std::int64_t dossier_id = 0;
    std::string order_ref;
    std::int64_t amount = 0;  // VND
    Status status = Status::kPending;
    Method method = Method::kOnline;
    std::string provider;  // gateway name, or "desk"
    std::optional<std::string> provider_txn;
    std::optional<std::int64_t> created_by;
    std::chrono::sys_seconds created_at{};
    std::optional<std::chrono::sys_seconds> paid_at;
    std::chrono::sys_seconds updated_at{};
};

// Inserts `payment` (its id is ignored) and returns it with its id. kAlreadyExists if the order
// reference or the provider transaction is taken, or if the dossier already has a paid payment
// and this one is paid too.
[[nodiscard]] base::Result<Payment> Insert(Transaction& tx, Payment payment);

[[nodiscard]] base::Result<std::optional<Payment>> GetByOrderRef(Transaction& tx,
                                                                 std::string_view order_ref);
// Every payment of the dossier, oldest first.
[[nodiscard]] base::Result<std::vector<Payment>> ForDossier(Transaction& tx,
                                                            std::int64_t dossier_id);
// Pending attempts of the dossier.
[[nodiscard]] base::Result<std::int64_t> CountPending(Transaction& tx, std::int64_t dossier_id);

// Moves payment `id` from pending to `status` (paid: with `provider_txn` and `paid_at`).
// Returns false, changing nothing, when the payment is no longer pending (a concurrent callback
// won). kAlreadyExists if the dossier already has another paid payment or the transaction id is
// taken.
[[nodiscard]] base::Result<bool> Settle(Transaction& tx, std::int64_t id, Status status,
                                        std::string_view provider_txn,
                                        std::optional<std::chrono::sys_seconds> paid_at,
                                        std::chrono::sys_seconds now);

// The dossier's paid payment, if any.
[[nodiscard]] base::Result<std::optional<Payment>> PaidPayment(Transaction& tx,
                                                               std::int64_t dossier_id);
// True when the dossier's fee was paid online (through a gateway), for the evaluation
// indices; false when unpaid or paid at the desk.
[[nodiscard]] base::Result<bool> PaidOnline(Transaction& tx, std::int64_t dossier_id);

struct Callback {
    std::int64_t id = 0;
    std::optional<std::int64_t> payment_id;
    std::string order_ref;
    std::string provider_txn;
    bool verified = false;
    std::string outcome;        // "applied", "duplicate", "rejected: <reason>"
    std::string response_code;  // the RspCode answered
    std::chrono::sys_seconds received_at{};
    std::string remote_ip;
    std::string raw_params;
};

// Appends a callback record; `raw_params` is cut to 4 KiB. Returns its id.
[[nodiscard]] base::Result<std::int64_t> LogCallback(Transaction& tx, const Callback& callback);
// Callbacks of an order reference, oldest first.
[[nodiscard]] base::Result<std::vector<Callback>> CallbacksFor(Transaction& tx,
                                                               std::string_view order_ref);
// The first callback applied with `provider_txn` to payment `payment_id`, if any (replays get
// its answer again).
[[nodiscard]] base::Result<std::optional<Callback>> AppliedCallback(Transaction& tx,
                                                                    std::int64_t payment_id,
                                                                    std::string_view provider_txn);

}  // namespace motcua::store::payments
