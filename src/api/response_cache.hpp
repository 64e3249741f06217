#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace motcua::api {

// A small in-process cache of public GET responses (catalogue, units), so that the public portal's
// most frequent reads cost no database round trip. Entries are keyed by the request target and
// dropped when (a) any write succeeds in this process (Invalidate bumps a generation), or (b) they
// are older than the TTL — the bound on staleness when several servers share one database.
// Thread-safe; bounded (cleared when full).
class ResponseCache final {
public:
    explicit ResponseCache(std::chrono::milliseconds ttl = std::chrono::milliseconds{1000},
                           size_t max_entries = 4096, size_t max_body_bytes = size_t{512} * 1024)
        : ttl_(ttl), max_entries_(max_entries), max_body_bytes_(max_body_bytes) {}

    // The cached response for `key`, if fresh.
    [[nodiscard]] std::optional<http::Response> Get(const std::string& key);
    // Stores a 200 response (others are not cached).
    void Put(const std::string& key, const http::Response& response);
    // Forgets everything (called after every successful write).
    void Invalidate() { generation_.fetch_add(1, std::memory_order_acq_rel); }

private:
    struct Entry {
        http::Response response;
        std::chrono::steady_clock::time_point stored;
        std::uint64_t generation = 0;
    };
    std::chrono::milliseconds ttl_;
    size_t max_entries_;
    size_t max_body_bytes_;
    std::atomic<std::uint64_t> generation_{0};
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace motcua::api
