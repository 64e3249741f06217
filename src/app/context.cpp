#include "app/context.hpp"

namespace motcua::app {

base::Status LoginThrottle::Check(const std::string& ip, std::chrono::sys_seconds now) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(ip);
    if (it == entries_.end() || now - it->second.window_start >= window_) {
        return {};
    }
    if (it->second.failures >= max_failures_) {
        return base::Error{base::ErrorCode::kResourceExhausted,
                           "Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau."};
    }
    return {};
}

void LoginThrottle::RecordFailure(const std::string& ip, std::chrono::sys_seconds now) {
    std::lock_guard lock(mutex_);
    auto& entry = entries_[ip];
    if (entry.failures == 0 || now - entry.window_start >= window_) {
        entry = Entry{now, 0};
    }
    ++entry.failures;
    // Bound memory: forget expired addresses once the table grows.
    constexpr size_t kMaxEntries = 100'000;
    if (entries_.size() > kMaxEntries) {
        std::erase_if(entries_,
                      [&](const auto& e) { return now - e.second.window_start >= window_; });
    }
}

void LoginThrottle::Reset(const std::string& ip) {
    std::lock_guard lock(mutex_);
    entries_.erase(ip);
}

}  // namespace motcua::app
