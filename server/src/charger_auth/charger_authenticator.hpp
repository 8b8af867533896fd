#pragma once

#include <functional>
#include <string>

#include "../auth/login_throttle.hpp"
#include "../auth/password_worker.hpp"
#include "charger_credentials.hpp"
#include "charger_key_cache.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

class EventBus;

// The outcome of a charger's authentication, decided before the WebSocket upgrade.
struct ChargerAuthentication {
    bool admitted = false;
    unsigned http_status = 200;  // when refused
    std::string reason;
    bool challenge = false;                         // a 401 that asks for HTTP Basic credentials
    std::optional<storage::ChargerRecord> charger;  // nullopt: an unknown charger admitted under profile 0
};

// Authenticates connecting chargers by their security profile (see security_profile_check.hpp): throttles
// failures per address and per identity, checks AuthorizationKeys against their slow hashes on a worker
// thread (cached after a match), and records every refusal of a known charger as a security event.
class ChargerAuthenticator {
public:
    // The slow hash of AuthorizationKeys: fewer iterations than user passwords because the key is random
    // (the rules allow 160 bits of entropy, see authorization_key.hpp) and a reconnect storm after a restart
    // must not take minutes of CPU; still salted and slow enough to make a stolen database useless for
    // guessing a human-chosen 16-character key.
    static constexpr std::uint32_t kKeyHashIterations = 100'000;

    ChargerAuthenticator(storage::Database& database, EventBus& events, const Config& config);

    void authenticate(const std::string& identity, ChargerCredentials credentials,
                      std::function<void(ChargerAuthentication)> done);

    // Hashes a new AuthorizationKey on the worker thread; nullopt when the worker is saturated.
    void hash_key(std::string key, std::function<void(std::optional<std::string> key_hash)> done);
    // After a charger's key changed: its cached match must not admit the old key any more.
    void forget_key(const std::string& identity) { key_cache_.forget(identity); }

private:
    void refuse(const std::string& identity, const ChargerCredentials& credentials,
                const std::optional<storage::ChargerRecord>& charger, unsigned status,
                const std::string& reason, bool challenge,
                const std::function<void(ChargerAuthentication)>& done);
    void verify_key(const std::string& identity, const ChargerCredentials& credentials,
                    const storage::ChargerRecord& charger, const std::string& key_hash,
                    std::function<void(ChargerAuthentication)> done);

    storage::Database& database_;
    EventBus& events_;
    const Config& config_;
    auth::LoginThrottle throttle_;
    auth::PasswordWorker worker_{4096};
    ChargerKeyCache key_cache_;
};

}  // namespace parkgrid::server
