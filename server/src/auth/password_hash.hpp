#pragma once

// Password storage: PBKDF2-HMAC-SHA256 with a random salt, encoded with its parameters as
//   pbkdf2-sha256$<iterations>$<salt, base64>$<derived key, base64>
// so that the cost can be raised later: stored hashes keep verifying with their own iteration count, and
// needs_rehash() tells when a login should store a fresh hash.
//
// Hashing and verifying take about 0.3-0.5 s of CPU by design: call them only on the PasswordWorker, never
// on a network or storage thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::server::auth {

inline constexpr std::string_view kPasswordScheme = "pbkdf2-sha256";
// OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023).
inline constexpr std::uint32_t kPasswordIterations = 600'000;
inline constexpr std::size_t kPasswordSaltBytes = 16;
inline constexpr std::size_t kPasswordHashBytes = 32;

// The raw KDF (OpenSSL PKCS5_PBKDF2_HMAC). Throws std::runtime_error if OpenSSL fails.
std::vector<unsigned char> pbkdf2_hmac_sha256(std::string_view password, std::span<const unsigned char> salt,
                                              std::uint32_t iterations, std::size_t length);

struct PasswordHashParameters {
    std::uint32_t iterations = 0;
    std::vector<unsigned char> salt;
    std::vector<unsigned char> hash;
};

std::string encode_password_hash(const PasswordHashParameters& parameters);
// nullopt for anything that is not a well-formed hash of this scheme with sane parameters (an iteration
// count beyond 10,000,000 would let a corrupted row stall the worker for seconds).
std::optional<PasswordHashParameters> parse_password_hash(std::string_view encoded);

// A new salted hash of `password`.
std::string hash_password(std::string_view password, std::uint32_t iterations = kPasswordIterations);
// Whether `password` matches; false for a malformed `encoded`. Compares in constant time.
bool verify_password(std::string_view password, std::string_view encoded);
// Whether a stored hash is weaker than what hash_password() makes today.
bool needs_rehash(std::string_view encoded);
// A well-formed hash that no password matches but that costs as much to check as a real one: verified
// against when a login names an unknown user, so that the answer takes as long as for a wrong password.
std::string unmatchable_password_hash();

}  // namespace parkgrid::server::auth
