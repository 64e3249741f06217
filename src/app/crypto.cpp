#include "app/crypto.hpp"

#include <condition_variable>
#include <mutex>
#include <vector>

#include <sodium.h>

namespace motcua::app {

namespace {

// Bounds concurrent argon2id computations (STACK-NOTES §4: 64 MiB and ~0.1 s each).
class HashSlots final {
public:
    void Acquire() {
        std::unique_lock lock(mutex_);
        freed_.wait(lock, [&] { return in_use_ < kMaxConcurrentHashes; });
        ++in_use_;
    }
    void Release() {
        {
            std::lock_guard lock(mutex_);
            --in_use_;
        }
        freed_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable freed_;
    int in_use_ = 0;
};

HashSlots& Slots() {
    static HashSlots slots;
    return slots;
}

class SlotGuard final {
public:
    SlotGuard() { Slots().Acquire(); }
    ~SlotGuard() { Slots().Release(); }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;
};

}  // namespace

base::Status InitCrypto() {
    if (sodium_init() < 0) {
        return base::Internal("libsodium could not be initialised");
    }
    return {};
}

base::Result<std::string> HashPassword(std::string_view password) {
    std::vector<char> out(crypto_pwhash_STRBYTES);
    const SlotGuard slot;
    if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return base::Internal("out of memory while hashing a password");
    }
    return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    const std::string terminated(hash);
    const SlotGuard slot;
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

base::Status CheckPasswordPolicy(std::string_view password) {
    // NIST SP 800-63B §5.1.1.2: length matters more than composition; we ask for ≥ 10
    // characters and forbid a single repeated character class of digits only.
    size_t code_points = 0;
    bool all_digits = true;
    for (const char c : password) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++code_points;
        }
        if (c < '0' || c > '9') {
            all_digits = false;
        }
    }
    if (code_points < 10) {
        return base::InvalidArgument("Mật khẩu phải có ít nhất 10 ký tự.");
    }
    if (code_points > 128) {
        return base::InvalidArgument("Mật khẩu không được dài quá 128 ký tự.");
    }
    if (all_digits) {
        return base::InvalidArgument("Mật khẩu không được chỉ gồm chữ số.");
    }
    return {};
}

std::string RandomCode(size_t length) {
    constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string code;
    code.reserve(length);
    for (size_t i = 0; i < length; ++i) {
        code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
    return code;
}

std::string RandomToken(size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    const size_t length =
        sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::vector<char> out(length);
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(out.data());
}

std::optional<std::string> DecodeBase64(std::string_view text) {
    if (const auto comma = text.find(','); text.starts_with("data:") && comma != text.npos) {
        text.remove_prefix(comma + 1);
    }
    std::string out(text.size() / 4 * 3 + 3, '\0');
    size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), " \r\n", &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

std::string Sha256Hex(std::string_view data) {
    std::vector<unsigned char> digest(crypto_hash_sha256_BYTES);
    if (crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()) != 0) {
        return {};
    }
    std::vector<char> hex(digest.size() * 2 + 1);
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace motcua::app
