#pragma once

#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parkgrid::server {

// Remembers, in memory only, which AuthorizationKey last matched each charger's stored hash, so that a
// charger reconnecting (often, in storms) costs a SHA-256 instead of the slow KDF. It keeps a keyed digest
// of the key, never the key, and forgets an entry as soon as the stored hash changes. Thread-safe.
class ChargerKeyCache {
public:
    ChargerKeyCache();

    bool matches(const std::string& identity, std::string_view key_hash, std::string_view key) const;
    void remember(const std::string& identity, std::string_view key_hash, std::string_view key);
    void forget(const std::string& identity);

private:
    using Digest = std::array<unsigned char, 32>;
    struct Entry {
        std::string key_hash;
        Digest digest{};
    };
    Digest digest_of(std::string_view key) const;

    std::array<unsigned char, 32> secret_{};  // random per process
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace parkgrid::server
