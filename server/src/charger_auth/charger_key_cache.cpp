#include "charger_key_cache.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace parkgrid::server {

ChargerKeyCache::ChargerKeyCache() {
    if (RAND_bytes(secret_.data(), static_cast<int>(secret_.size())) != 1) {
        throw std::runtime_error("no random bytes for the charger key cache");
    }
}

ChargerKeyCache::Digest ChargerKeyCache::digest_of(std::string_view key) const {
    Digest digest{};
    unsigned int length = 0;
    std::string input(reinterpret_cast<const char*>(secret_.data()), secret_.size());
    input.append(key);
    if (EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    OPENSSL_cleanse(input.data(), input.size());
    return digest;
}

bool ChargerKeyCache::matches(const std::string& identity, std::string_view key_hash,
                              std::string_view key) const {
    const auto digest = digest_of(key);
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(identity);
    return it != entries_.end() && it->second.key_hash == key_hash &&
           CRYPTO_memcmp(it->second.digest.data(), digest.data(), digest.size()) == 0;
}

void ChargerKeyCache::remember(const std::string& identity, std::string_view key_hash, std::string_view key) {
    auto digest = digest_of(key);
    const std::lock_guard lock(mutex_);
    entries_[identity] = Entry{std::string(key_hash), digest};
}

void ChargerKeyCache::forget(const std::string& identity) {
    const std::lock_guard lock(mutex_);
    entries_.erase(identity);
}

}  // namespace parkgrid::server
