#include "security_profile_check.hpp"

namespace parkgrid::server {
namespace {

using Outcome = SecurityProfileCheck::Outcome;

SecurityProfileCheck refuse(unsigned status, std::string reason, bool challenge = false) {
    SecurityProfileCheck check;
    check.outcome = Outcome::Refuse;
    check.http_status = status;
    check.reason = std::move(reason);
    check.challenge = challenge;
    return check;
}

SecurityProfileCheck admit() {
    SecurityProfileCheck check;
    check.outcome = Outcome::Admit;
    return check;
}

SecurityProfileCheck check_basic(const std::string& identity, const storage::ChargerRecord& charger,
                                 const ChargerCredentials& credentials) {
    if (!credentials.basic) {
        return refuse(401, "HTTP Basic credentials required", true);
    }
    if (credentials.basic->username != identity) {
        return refuse(401, "the Basic username is not the charge point identity", true);
    }
    if (!charger.authorization_key_hash) {
        return refuse(401, "no AuthorizationKey is set for this charger", true);
    }
    SecurityProfileCheck check;
    check.outcome = Outcome::VerifyKey;
    check.key_hash = *charger.authorization_key_hash;
    return check;
}

SecurityProfileCheck check_certificate(const storage::ChargerRecord& charger,
                                       const ChargerCredentials& credentials, const Config& config) {
    if (!credentials.certificate) {
        return refuse(401, "security profile 3 needs a client certificate that chains to the configured CA");
    }
    const auto& common_name = credentials.certificate->common_name;
    if (config.charger_certificate_subject == ChargerCertificateSubject::CommonNameIsSerialNumber) {
        const auto& boot = charger.boot_info;
        if (!boot || !boot->charge_point_serial_number || boot->charge_point_serial_number->empty()) {
            return refuse(
                403, "the charger's serial number is not known yet, so its certificate cannot be matched");
        }
        // The whitepaper's wording: the CN contains the serial number (vendors add prefixes).
        if (common_name.find(*boot->charge_point_serial_number) == std::string::npos) {
            return refuse(403, "the client certificate's CN '" + common_name +
                                   "' does not contain the charger's serial number");
        }
    } else if (common_name != charger.id) {
        return refuse(403, "the client certificate's CN '" + common_name + "' does not name this charger");
    }
    if (!config.charger_certificate_organisation.empty() &&
        credentials.certificate->organisation != config.charger_certificate_organisation) {
        return refuse(403, "the client certificate's O '" + credentials.certificate->organisation +
                               "' is not the operator's");
    }
    return admit();
}

}  // namespace

SecurityProfileCheck check_security_profile(const std::string& identity,
                                            const std::optional<storage::ChargerRecord>& charger,
                                            const ChargerCredentials& credentials, const Config& config) {
    if (!charger) {
        if (config.allow_security_profile_0) {
            return admit();  // registers itself, as on a closed test network
        }
        return refuse(404, "unknown charge point identity");
    }
    const int configured = charger->security_profile;
    const int observed = observed_security_profile(credentials);
    switch (configured) {
        case 0:
            if (!config.allow_security_profile_0) {
                return refuse(403, "security profile 0 (no authentication) is not allowed on this server");
            }
            return admit();
        case 1:
            if (credentials.tls) {
                return refuse(403, "configured for security profile 1 (ws://), connected over TLS");
            }
            return check_basic(identity, *charger, credentials);
        case 2:
            if (!credentials.tls) {
                return refuse(403, "configured for security profile 2, connected without TLS");
            }
            return check_basic(identity, *charger, credentials);
        case 3:
            if (!credentials.tls) {
                return refuse(403, "configured for security profile 3, connected without TLS");
            }
            return check_certificate(*charger, credentials, config);
        default:
            return refuse(403, "security profile " + std::to_string(configured) + " is unknown (observed " +
                                   std::to_string(observed) + ")");
    }
}

}  // namespace parkgrid::server
