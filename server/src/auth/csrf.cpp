#include "csrf.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>

#include "secret_compare.hpp"

namespace parkgrid::server::auth {
namespace {

constexpr std::string_view kLabel = "parkgrid csrf v1";

}  // namespace

std::string csrf_token_for(std::string_view session_token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), session_token.data(), static_cast<int>(session_token.size()),
             reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size(), mac.data(),
             &length) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(std::size_t{length} * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += kDigits[mac[i] >> 4];
        hex += kDigits[mac[i] & 0x0f];
    }
    return hex;
}

bool csrf_token_matches(std::string_view presented, std::string_view session_token) {
    return !presented.empty() && equal_in_constant_time(presented, csrf_token_for(session_token));
}

bool is_safe_method(std::string_view method) {
    return method == "GET" || method == "HEAD";
}

}  // namespace parkgrid::server::auth
