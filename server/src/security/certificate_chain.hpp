#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "openssl_handles.hpp"

namespace parkgrid::server::security {

// The certificates of a PEM text, in order. Throws InvalidCertificateData (see csr.hpp) when there is none,
// when one cannot be read, or when the text holds a private key (pasted by mistake, it must go nowhere).
std::vector<X509Ptr> read_certificates(std::string_view pem);

// Checks a certificate chain an external CA issued for a CSR: the first certificate certifies the CSR's
// public key and is within its validity period, and each further certificate issued the one before it.
// Returns the chain re-encoded (certificates only, leaf first), which is what the charger is sent. Throws
// InvalidCertificateData.
std::string chain_for_csr(std::string_view chain_pem, std::string_view csr_pem);

}  // namespace parkgrid::server::security
