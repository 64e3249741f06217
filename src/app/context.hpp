#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "store/database.hpp"

namespace motcua::app {

// Counts failed sign-ins per client address in a sliding window, in memory (per process). A
// second line of defence behind the per-account lock-out stored in the database, against one
// address trying many usernames.
class LoginThrottle final {
public:
    LoginThrottle(int max_failures, std::chrono::seconds window)
        : max_failures_(max_failures), window_(window) {}
    // kResourceExhausted (Vietnamese) if `ip` has reached the limit within the window.
    [[nodiscard]] base::Status Check(const std::string& ip, std::chrono::sys_seconds now);
    void RecordFailure(const std::string& ip, std::chrono::sys_seconds now);
    void Reset(const std::string& ip);

private:
    struct Entry {
        std::chrono::sys_seconds window_start;
        int failures = 0;
    };
    std::mutex mutex_;
    std::map<std::string, Entry> entries_;
    int max_failures_;
    std::chrono::seconds window_;
};

// Session and sign-in policy (issue #3). Defaults: idle timeout 30 min, absolute 12 h;
// 5 consecutive wrong passwords lock an account for 15 min; 20 failures per address per 15 min.
struct SecurityPolicy {
    std::chrono::seconds session_idle{30 * 60};
    std::chrono::seconds session_absolute{12 * 3600};
    int max_failed_logins = 5;
    std::chrono::seconds lockout{15 * 60};
    int max_failures_per_ip = 20;
    std::chrono::seconds ip_window{15 * 60};
};

class PaymentGateway;  // app/payments.hpp (issue #5)
class IndicatorIndex;  // app/indicator_index.hpp (issue #6)

// What every use case needs: the store, the clock, the policy. Built once in main.
struct AppContext {
    store::Database* db = nullptr;
    const base::Clock* clock = nullptr;
    SecurityPolicy policy;
    LoginThrottle* throttle = nullptr;
    std::string dummy_password_hash;  // verified against when a username is unknown (timing)
    // Issue #5. Content-addressed store of uploaded files (app/documents.hpp); empty: uploads
    // are refused.
    std::filesystem::path files_dir;
    // The online-payment gateway (app/payments.hpp); null: online payment is unavailable.
    const PaymentGateway* payment_gateway = nullptr;
    // Public base address of the site ("https://dichvucong.example.gov.vn"), for links in
    // notifications and payment return addresses; empty: relative links.
    std::string public_base_url;
    // Issue #6: the in-memory index of the unit-level aggregates; null: reads scan the table.
    IndicatorIndex* indicator_index = nullptr;
};

// Runs `body` in a write transaction (store::Database::Write: on SQLite, grouped with the commits
// of concurrent use cases) and returns its result once the changes are durable. If `body` fails
// nothing of it is written and its error is returned; if the commit fails nothing is written and
// the commit's error is returned.
template <typename T>
base::Result<T> InWriteTransaction(
    store::Database& db, const std::function<base::Result<T>(store::Transaction&)>& body) {
    std::optional<base::Result<T>> result;
    const base::Status written = db.Write([&](store::Transaction& tx) -> base::Status {
        result.emplace(body(tx));
        if (!*result) {
            return result->error();
        }
        return {};
    });
    if (!written) {
        return written.error();
    }
    return std::move(*result);
}

template <typename T>
base::Result<T> InReadTransaction(store::Database& db,
                                  const std::function<base::Result<T>(store::Transaction&)>& body) {
    auto tx = db.Begin(store::TxMode::kRead);
    if (!tx) {
        return std::move(tx).error();
    }
    return body(**tx);
}

}  // namespace motcua::app
