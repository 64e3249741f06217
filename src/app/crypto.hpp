#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace motcua::app {

// Password hashing with argon2id (libsodium crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE:
// 64 MiB, ~0.1 s). At most kMaxConcurrentHashes run at once so a burst of sign-ins cannot
// exhaust memory; callers block until a slot frees.
inline constexpr int kMaxConcurrentHashes = 2;
[[nodiscard]] base::Result<std::string> HashPassword(std::string_view password);
// True if `password` matches `hash`; false for a wrong password or a malformed hash.
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);
// Password policy (Vietnamese message): 10–128 characters, not all one character class.
[[nodiscard]] base::Status CheckPasswordPolicy(std::string_view password);

// `bytes` random bytes from the OS CSPRNG, base64url without padding.
[[nodiscard]] std::string RandomToken(size_t bytes = 32);
// Standard padded base64 (RFC 4648 §4, what a browser's FileReader.readAsDataURL gives; a
// leading "data:…," is dropped, spaces and line breaks ignored) decoded by libsodium; nullopt
// for anything else.
[[nodiscard]] std::optional<std::string> DecodeBase64(std::string_view text);
// Lower-case hex SHA-256.
[[nodiscard]] std::string Sha256Hex(std::string_view data);
// `length` characters drawn uniformly (CSPRNG) from an alphabet without look-alikes
// (A–Z and 2–9 less I, O, 0, 1): codes people read off paper, e.g. the tracking code.
[[nodiscard]] std::string RandomCode(size_t length);
// Constant-time comparison (sodium_memcmp) of equal-length strings; false if lengths differ.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Must be called once before any other function here (sodium_init); idempotent.
[[nodiscard]] base::Status InitCrypto();

}  // namespace motcua::app
