#include "certificate_chain.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include "csr.hpp"

namespace parkgrid::server::security {

std::vector<X509Ptr> read_certificates(std::string_view pem) {
    // PEM_read_bio_X509 skips blocks of other kinds, so a key would silently pass; refuse it outright.
    if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
        throw InvalidCertificateData("the text contains a private key; send certificates only");
    }
    ERR_clear_error();
    const auto bio = read_bio(pem);
    std::vector<X509Ptr> certificates;
    while (X509Ptr certificate{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        certificates.push_back(std::move(certificate));
    }
    // Reading stops at the end of the text (no further BEGIN line) or at a block it cannot decode.
    const unsigned long error = ERR_peek_last_error();
    ERR_clear_error();
    if (error != 0 && ERR_GET_REASON(error) != PEM_R_NO_START_LINE) {
        throw InvalidCertificateData("certificate " + std::to_string(certificates.size() + 1) +
                                     " is not a valid PEM-encoded X.509 certificate");
    }
    if (certificates.empty()) {
        throw InvalidCertificateData("no PEM-encoded certificate found");
    }
    return certificates;
}

std::string chain_for_csr(std::string_view chain_pem, std::string_view csr_pem) {
    const auto certificates = read_certificates(chain_pem);
    const auto csr_bio = read_bio(csr_pem);
    const X509ReqPtr request(PEM_read_bio_X509_REQ(csr_bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!request || !X509_REQ_get0_pubkey(request.get())) {
        throw InvalidCertificateData("the stored certificate signing request cannot be read");
    }
    X509* leaf = certificates.front().get();
    const EVP_PKEY* leaf_key = X509_get0_pubkey(leaf);
    if (!leaf_key || EVP_PKEY_eq(leaf_key, X509_REQ_get0_pubkey(request.get())) != 1) {
        ERR_clear_error();
        throw InvalidCertificateData("the first certificate does not certify the public key of the request");
    }
    if (X509_cmp_current_time(X509_get0_notAfter(leaf)) <= 0) {
        throw InvalidCertificateData("the first certificate has expired");
    }
    for (std::size_t i = 1; i < certificates.size(); ++i) {
        if (X509_check_issued(certificates[i].get(), certificates[i - 1].get()) != X509_V_OK) {
            throw InvalidCertificateData("certificate " + std::to_string(i + 1) +
                                         " did not issue certificate " + std::to_string(i) +
                                         "; order the chain from the leaf to the root");
        }
    }
    std::string chain;
    for (const auto& certificate : certificates) {
        chain += certificate_pem(certificate.get());
    }
    return chain;
}

}  // namespace parkgrid::server::security
