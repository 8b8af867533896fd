#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parkgrid::server::security {

// Why a certificate signing request or certificate chain is refused; the message names the problem in
// words fit for the log, the API and a security event.
struct InvalidCertificateData : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// What ParkGrid reads from a charger's PKCS#10 certificate signing request.
struct CertificateSigningRequest {
    std::string subject;      // RFC 2253, e.g. "CN=CP-1,O=ParkGrid"
    std::string common_name;  // empty when the subject has none
    std::string key_type;     // "RSA" or "EC"
    int key_bits = 0;
};

// Reads a PEM CSR and checks what the Security Whitepaper asks of a charge point certificate's request:
// its self-signature verifies, and its key is RSA of at least 2048 bits or EC of at least 224 bits.
// Throws InvalidCertificateData otherwise.
CertificateSigningRequest parse_csr(std::string_view pem);

// Which common name a charger's certificate must carry.
enum class CommonNameRule {
    Identity,      // CN = the charge point identity (the usual policy)
    SerialNumber,  // CN contains the charge point's serial number (the whitepaper's wording)
};

// Why the CSR's common name does not fit the charger, or nullopt when it does. `serial_number` is the one
// the charger reported at boot, if any.
std::optional<std::string> common_name_problem(const CertificateSigningRequest& csr,
                                               const std::string& identity, CommonNameRule rule,
                                               const std::optional<std::string>& serial_number);

}  // namespace parkgrid::server::security
