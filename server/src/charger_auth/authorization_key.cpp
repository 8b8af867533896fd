#include "authorization_key.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

namespace parkgrid::server {

std::optional<std::string> authorization_key_problem(std::string_view key) {
    const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
    const bool hex = std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    if (hex && key.size() >= 32 && key.size() <= 40) {
        return std::nullopt;
    }
    if (!printable) {
        return "must be printable ASCII without spaces";
    }
    if (key.size() < 16 || key.size() > 20) {
        return "must have 16 to 20 characters, or 32 to 40 hexadecimal digits";
    }
    return std::nullopt;
}

std::string generate_authorization_key() {
    std::array<unsigned char, 20> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("no random bytes for an AuthorizationKey");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string key;
    for (const unsigned char byte : bytes) {
        key += kDigits[byte >> 4];
        key += kDigits[byte & 0x0f];
    }
    return key;
}

}  // namespace parkgrid::server
