#include "api/response_cache.hpp"

namespace motcua::api {

std::optional<http::Response> ResponseCache::Get(const std::string& key) {
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::nullopt;
    }
    if (it->second.generation != generation || now - it->second.stored > ttl_) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.response;
}

void ResponseCache::Put(const std::string& key, const http::Response& response) {
    if (response.status != 200 || response.body.size() > max_body_bytes_) {
        return;
    }
    Entry entry{response, std::chrono::steady_clock::now(),
                generation_.load(std::memory_order_acquire)};
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_) {
        entries_.clear();  // simple bound; a full cache is rebuilt within one TTL
    }
    entries_.insert_or_assign(key, std::move(entry));
}

}  // namespace motcua::api
