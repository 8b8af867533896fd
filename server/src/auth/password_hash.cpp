#include "password_hash.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <limits>
#include <stdexcept>

#include "base64.hpp"
#include "secret_compare.hpp"

namespace parkgrid::server::auth {
namespace {

constexpr std::uint32_t kMaxIterations = 10'000'000;
constexpr std::size_t kMinSaltBytes = 8;
constexpr std::size_t kMaxSaltBytes = 64;
constexpr std::size_t kMinHashBytes = 16;
constexpr std::size_t kMaxHashBytes = 64;

std::vector<unsigned char> random_bytes(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("no secure random bytes available");
    }
    return bytes;
}

// Splits "a$b$c$d" into exactly four fields.
std::optional<std::array<std::string_view, 4>> split_fields(std::string_view encoded) {
    std::array<std::string_view, 4> fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto dollar = encoded.find('$');
        const bool last = i + 1 == fields.size();
        if (last != (dollar == std::string_view::npos)) {
            return std::nullopt;
        }
        fields[i] = encoded.substr(0, dollar);
        encoded = last ? std::string_view() : encoded.substr(dollar + 1);
    }
    return fields;
}

}  // namespace

std::vector<unsigned char> pbkdf2_hmac_sha256(std::string_view password, std::span<const unsigned char> salt,
                                              std::uint32_t iterations, std::size_t length) {
    if (iterations == 0 || iterations > static_cast<std::uint32_t>(std::numeric_limits<int>::max()) ||
        password.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        salt.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        length > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw std::invalid_argument("PBKDF2 parameters out of range");
    }
    std::vector<unsigned char> key(length);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), static_cast<int>(iterations), EVP_sha256(),
                          static_cast<int>(key.size()), key.data()) != 1) {
        throw std::runtime_error("PBKDF2-HMAC-SHA256 failed");
    }
    return key;
}

std::string encode_password_hash(const PasswordHashParameters& parameters) {
    return std::string(kPasswordScheme) + "$" + std::to_string(parameters.iterations) + "$" +
           base64_encode(parameters.salt) + "$" + base64_encode(parameters.hash);
}

std::optional<PasswordHashParameters> parse_password_hash(std::string_view encoded) {
    const auto fields = split_fields(encoded);
    if (!fields || (*fields)[0] != kPasswordScheme) {
        return std::nullopt;
    }
    PasswordHashParameters parameters;
    const std::string_view iterations = (*fields)[1];
    const auto [end, error] =
        std::from_chars(iterations.data(), iterations.data() + iterations.size(), parameters.iterations);
    if (error != std::errc() || end != iterations.data() + iterations.size() || iterations.starts_with('0') ||
        parameters.iterations > kMaxIterations) {
        return std::nullopt;
    }
    auto salt = base64_decode((*fields)[2]);
    auto hash = base64_decode((*fields)[3]);
    if (!salt || salt->size() < kMinSaltBytes || salt->size() > kMaxSaltBytes || !hash ||
        hash->size() < kMinHashBytes || hash->size() > kMaxHashBytes) {
        return std::nullopt;
    }
    parameters.salt = std::move(*salt);
    parameters.hash = std::move(*hash);
    return parameters;
}

std::string hash_password(std::string_view password, std::uint32_t iterations) {
    PasswordHashParameters parameters;
    parameters.iterations = iterations;
    parameters.salt = random_bytes(kPasswordSaltBytes);
    parameters.hash = pbkdf2_hmac_sha256(password, parameters.salt, iterations, kPasswordHashBytes);
    return encode_password_hash(parameters);
}

bool verify_password(std::string_view password, std::string_view encoded) {
    const auto parameters = parse_password_hash(encoded);
    if (!parameters) {
        return false;
    }
    const auto derived =
        pbkdf2_hmac_sha256(password, parameters->salt, parameters->iterations, parameters->hash.size());
    return equal_in_constant_time(
        std::string_view(reinterpret_cast<const char*>(derived.data()), derived.size()),
        std::string_view(reinterpret_cast<const char*>(parameters->hash.data()), parameters->hash.size()));
}

bool needs_rehash(std::string_view encoded) {
    const auto parameters = parse_password_hash(encoded);
    return !parameters || parameters->iterations < kPasswordIterations ||
           parameters->salt.size() < kPasswordSaltBytes || parameters->hash.size() < kPasswordHashBytes;
}

std::string unmatchable_password_hash() {
    // A random "hash" that is not the output of any password we know of: finding one that derives to
    // it is as hard as inverting PBKDF2.
    return encode_password_hash(
        {kPasswordIterations, random_bytes(kPasswordSaltBytes), random_bytes(kPasswordHashBytes)});
}

}  // namespace parkgrid::server::auth
