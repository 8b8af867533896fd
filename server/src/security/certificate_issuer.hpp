#pragma once

#include <cstdint>
#include <memory>

#include "certificate_authority.hpp"
#include "parkgrid/server/central_system.hpp"
#include "parkgrid/storage/security_records.hpp"

namespace parkgrid::server::security {

// Signs the certificate signing requests chargers send with ParkGrid's own CA and delivers the
// certificates (CertificateSigned). It acts on the "certificate.requested" events ChargePointService
// publishes once a valid request is stored, as "system:certificate-authority".
class CertificateIssuer : public std::enable_shared_from_this<CertificateIssuer> {
public:
    static constexpr std::string_view kRequestedBy = "system:certificate-authority";
    static constexpr std::string_view kSigner = "ca:parkgrid";

    CertificateIssuer(CentralSystem& central_system, std::shared_ptr<const CertificateAuthority> authority);

    // Subscribes to the event bus; until then (and after destruction) nothing is signed.
    void start();

private:
    void issue(std::int64_t request_id);
    void sign_and_deliver(const storage::CertificateRequestRecord& request);

    CentralSystem& central_system_;
    std::shared_ptr<const CertificateAuthority> authority_;
    EventBus::Subscription subscription_;
};

// The issuer for --charger-ca-cert/--charger-ca-key, started; nullptr when no CA is configured (requests
// then wait for an external CA). Throws ConfigError when the CA files cannot be used.
std::shared_ptr<CertificateIssuer> start_certificate_issuer(CentralSystem& central_system);

}  // namespace parkgrid::server::security
