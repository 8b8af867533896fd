#pragma once

#include <openssl/crypto.h>

#include <string_view>

namespace parkgrid::server::auth {

// Compares secrets (hashes, CSRF tokens) in time that does not depend on where they differ, so that an
// attacker cannot find a valid value byte by byte. Lengths are not secret.
inline bool equal_in_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace parkgrid::server::auth
