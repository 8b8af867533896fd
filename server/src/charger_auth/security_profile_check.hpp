#pragma once

#include <optional>
#include <string>

#include "charger_credentials.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/storage/records.hpp"

namespace parkgrid::server {

// What the credentials of a connecting charger lead to, before any password is checked.
struct SecurityProfileCheck {
    enum class Outcome {
        Admit,      // nothing (more) to check
        VerifyKey,  // admit if the Basic password matches `key_hash`
        Refuse,
    };
    Outcome outcome = Outcome::Refuse;
    std::string key_hash;        // VerifyKey
    unsigned http_status = 401;  // Refuse: 401 (credentials), 403 (wrong profile), 404 (unknown identity)
    std::string reason;          // Refuse: for the log, the security event and the HTTP body; never a secret
    bool challenge = false;      // Refuse: answer with WWW-Authenticate: Basic
};

// Applies the charger's configured security profile (OCPP 1.6 Security Whitepaper, edition 3) to what the
// connection presents. A charger configured for profile N is refused on any other profile: no downgrade
// from TLS to plain ws, no Basic password where a certificate is required.
SecurityProfileCheck check_security_profile(const std::string& identity,
                                            const std::optional<storage::ChargerRecord>& charger,
                                            const ChargerCredentials& credentials, const Config& config);

}  // namespace parkgrid::server
