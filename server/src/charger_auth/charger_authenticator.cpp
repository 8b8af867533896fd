#include "charger_authenticator.hpp"

#include "../auth/password_hash.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/log.hpp"
#include "security_events.hpp"
#include "security_profile_check.hpp"

namespace parkgrid::server {
namespace {

auth::ThrottleLimit per_identity(const Config& config) {
    return auth::ThrottleLimit{config.charger_auth_max_failures, config.charger_auth_failure_window};
}

auth::ThrottleLimit per_address(const Config& config) {
    return auth::ThrottleLimit{config.charger_auth_max_failures_per_address,
                               config.charger_auth_failure_window};
}

ChargerAuthentication admitted(std::optional<storage::ChargerRecord> charger) {
    ChargerAuthentication result;
    result.admitted = true;
    result.charger = std::move(charger);
    return result;
}

}  // namespace

ChargerAuthenticator::ChargerAuthenticator(storage::Database& database, EventBus& events,
                                           const Config& config)
    : database_(database),
      events_(events),
      config_(config),
      throttle_(per_identity(config), per_address(config)) {}

void ChargerAuthenticator::authenticate(const std::string& identity, ChargerCredentials credentials,
                                        std::function<void(ChargerAuthentication)> done) {
    const auto address = std::string(auth::host_of(credentials.remote_address));
    if (const auto wait = throttle_.refusal(identity, address)) {
        log::warn("charger authentication throttled", {{"charger", identity},
                                                       {"remote", credentials.remote_address},
                                                       {"retryAfter", std::to_string(wait->count())}});
        ChargerAuthentication refused;
        refused.http_status = 429;
        refused.reason = "too many failed authentications; retry in " + std::to_string(wait->count()) + " s";
        done(std::move(refused));
        return;
    }
    storage::read(
        database_,
        [identity](storage::Repositories& repositories) { return repositories.chargers().find(identity); },
        [this, identity, credentials = std::move(credentials),
         done = std::move(done)](storage::Outcome<std::optional<storage::ChargerRecord>> outcome) mutable {
            if (!outcome.ok()) {
                ChargerAuthentication unavailable;
                unavailable.http_status = 503;
                unavailable.reason = "storage unavailable";
                done(std::move(unavailable));
                return;
            }
            const auto& charger = outcome.value();
            const auto check = check_security_profile(identity, charger, credentials, config_);
            switch (check.outcome) {
                case SecurityProfileCheck::Outcome::Admit: done(admitted(charger)); return;
                case SecurityProfileCheck::Outcome::VerifyKey:
                    verify_key(identity, credentials, *charger, check.key_hash, std::move(done));
                    return;
                case SecurityProfileCheck::Outcome::Refuse:
                    refuse(identity, credentials, charger, check.http_status, check.reason, check.challenge,
                           done);
                    return;
            }
        });
}

void ChargerAuthenticator::verify_key(const std::string& identity, const ChargerCredentials& credentials,
                                      const storage::ChargerRecord& charger, const std::string& key_hash,
                                      std::function<void(ChargerAuthentication)> done) {
    const std::string& key = credentials.basic->password;
    if (key_cache_.matches(identity, key_hash, key)) {
        throttle_.record_success(identity);
        done(admitted(charger));
        return;
    }
    auto on_verified = [this, identity, credentials, charger, key_hash, done](bool matches, bool) {
        if (!matches) {
            refuse(identity, credentials, charger, 401, "wrong AuthorizationKey", true, done);
            return;
        }
        key_cache_.remember(identity, key_hash, credentials.basic->password);
        throttle_.record_success(identity);
        done(admitted(charger));
    };
    if (!worker_.verify(key, key_hash, std::move(on_verified))) {
        ChargerAuthentication busy;
        busy.http_status = 503;
        busy.reason = "too many authentications in progress; retry later";
        done(std::move(busy));
    }
}

void ChargerAuthenticator::refuse(const std::string& identity, const ChargerCredentials& credentials,
                                  const std::optional<storage::ChargerRecord>& charger, unsigned status,
                                  const std::string& reason, bool challenge,
                                  const std::function<void(ChargerAuthentication)>& done) {
    throttle_.record_failure(identity, auth::host_of(credentials.remote_address));
    log::warn("charger authentication failed",
              {{"charger", identity},
               {"remote", credentials.remote_address},
               {"securityProfile", std::to_string(observed_security_profile(credentials))},
               {"reason", reason}});
    if (charger) {  // unknown identities have no record to attach an event to; the log keeps them
        record_security_event(database_, events_, identity, kAuthenticationFailed,
                              reason + " (connected with security profile " +
                                  std::to_string(observed_security_profile(credentials)) + ")",
                              credentials.remote_address);
    }
    ChargerAuthentication refused;
    refused.http_status = status;
    refused.reason = reason;
    refused.challenge = challenge;
    done(std::move(refused));
}

void ChargerAuthenticator::hash_key(std::string key, std::function<void(std::optional<std::string>)> done) {
    if (!worker_.hash(std::move(key), done, kKeyHashIterations)) {
        done(std::nullopt);
    }
}

}  // namespace parkgrid::server
