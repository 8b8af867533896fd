#include "csr.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "openssl_handles.hpp"

namespace parkgrid::server::security {
namespace {

constexpr int kMinimumRsaBits = 2048;  // Security Whitepaper edition 3, section 4.2
constexpr int kMinimumEcBits = 224;

}  // namespace

CertificateSigningRequest parse_csr(std::string_view pem) {
    ERR_clear_error();
    const auto bio = read_bio(pem);
    const X509ReqPtr request(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    if (!request) {
        ERR_clear_error();
        throw InvalidCertificateData("not a PEM-encoded PKCS#10 certificate signing request");
    }
    EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
    if (!key) {
        ERR_clear_error();
        throw InvalidCertificateData("the certificate signing request holds no readable public key");
    }
    // The self-signature proves the charger holds the private key of the public key it wants certified.
    if (X509_REQ_verify(request.get(), key) != 1) {
        ERR_clear_error();
        throw InvalidCertificateData("the signature of the certificate signing request does not verify");
    }

    CertificateSigningRequest csr;
    X509_NAME* subject = X509_REQ_get_subject_name(request.get());
    csr.subject = name_text(subject);
    csr.common_name = name_entry_text(subject, NID_commonName);
    csr.key_bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_RSA:
            csr.key_type = "RSA";
            if (csr.key_bits < kMinimumRsaBits) {
                throw InvalidCertificateData("the key is RSA with " + std::to_string(csr.key_bits) +
                                             " bits; at least 2048 are required");
            }
            break;
        case EVP_PKEY_EC:
            csr.key_type = "EC";
            if (csr.key_bits < kMinimumEcBits) {
                throw InvalidCertificateData("the key is EC with " + std::to_string(csr.key_bits) +
                                             " bits; at least 224 are required");
            }
            break;
        default:
            throw InvalidCertificateData(
                std::string("the key type ") + OBJ_nid2sn(EVP_PKEY_get_base_id(key)) +
                " is not allowed; use RSA (2048 bits or more) or EC (224 bits or more)");
    }
    return csr;
}

std::optional<std::string> common_name_problem(const CertificateSigningRequest& csr,
                                               const std::string& identity, CommonNameRule rule,
                                               const std::optional<std::string>& serial_number) {
    if (csr.common_name.empty()) {
        return "the subject has no common name (CN)";
    }
    if (rule == CommonNameRule::Identity) {
        if (csr.common_name != identity) {
            return "the common name '" + csr.common_name + "' is not the charge point identity '" + identity +
                   "'";
        }
        return std::nullopt;
    }
    if (!serial_number || serial_number->empty()) {
        return "the charger reported no serial number at boot, so the common name cannot be checked";
    }
    if (csr.common_name.find(*serial_number) == std::string::npos) {
        return "the common name '" + csr.common_name + "' does not contain the serial number '" +
               *serial_number + "'";
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::security
