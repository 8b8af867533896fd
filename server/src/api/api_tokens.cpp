#include "api_tokens.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::api {
namespace {

constexpr std::string_view kBootstrapName = "bootstrap-admin";

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0x0f];
    }
    return out;
}

}  // namespace

std::string hash_token(std::string_view token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    return to_hex(digest.data(), length);
}

std::string generate_token(std::string_view prefix) {
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("no secure random bytes available");
    }
    return std::string(prefix) + to_hex(bytes.data(), bytes.size());
}

std::optional<std::string> bootstrap_admin_token(storage::Database& database,
                                                 const std::optional<std::string>& configured_token) {
    const std::optional<std::string> generated =
        configured_token ? std::nullopt : std::optional(generate_token());
    const std::string token = configured_token ? *configured_token : *generated;
    const bool created = storage::write_and_wait(database, [&](storage::Repositories& repositories) {
        auto& tokens = repositories.api_tokens();
        const auto existing = tokens.find_by_name(kBootstrapName);
        if (configured_token) {
            if (existing) {
                tokens.replace_hash(existing->id, hash_token(token));
            } else {
                tokens.insert({0,
                               std::string(kBootstrapName),
                               hash_token(token),
                               "admin",
                               ocpp::DateTime::now().instant(),
                               {}});
            }
            return false;
        }
        if (tokens.count() > 0) {
            return false;  // generated on an earlier start; never shown again
        }
        tokens.insert({0,
                       std::string(kBootstrapName),
                       hash_token(token),
                       "admin",
                       ocpp::DateTime::now().instant(),
                       {}});
        return true;
    });
    return created ? generated : std::nullopt;
}

}  // namespace parkgrid::server::api
