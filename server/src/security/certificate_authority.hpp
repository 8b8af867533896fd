#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>

#include "openssl_handles.hpp"

namespace parkgrid::server::security {

// ParkGrid's own CA for charge point certificates (security profile 3): signs the CSRs chargers send with
// SignCertificate. The CA certificate and key come from PEM files (--charger-ca-cert, --charger-ca-key).
class CertificateAuthority {
public:
    // Throws std::runtime_error naming the file and the problem: unreadable, not PEM, key and certificate
    // not a pair, or a certificate that is not a CA.
    CertificateAuthority(const std::string& certificate_file, const std::string& key_file);

    // Issues an X.509 v3 client certificate for a CSR that passed parse_csr(): random 128-bit serial, the
    // CSR's subject and key, this CA as issuer, valid for `validity` from now, with keyUsage digitalSignature
    // and extendedKeyUsage clientAuth. Returns the chain as PEM: the new certificate, then the CA's.
    std::string sign(std::string_view csr_pem, std::chrono::days validity) const;

    const std::string& certificate_pem() const { return certificate_pem_; }

private:
    X509Ptr certificate_;
    EvpPkeyPtr key_;
    std::string certificate_pem_;
    mutable std::mutex mutex_;  // one signature at a time with the shared key
};

}  // namespace parkgrid::server::security
