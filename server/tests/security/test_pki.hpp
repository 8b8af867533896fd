#pragma once

// Keys, certificate signing requests and CAs made in memory for the certificate tests; no file is
// committed, nothing outlives a test.

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <stdexcept>
#include <string>

#include "security/openssl_handles.hpp"

namespace parkgrid::server::security::testing {

inline EvpPkeyPtr rsa_key(unsigned bits) {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
    if (!key) {
        throw std::runtime_error("RSA key generation failed");
    }
    return key;
}

inline EvpPkeyPtr ec_key(const char* curve) {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
    if (!key) {
        throw std::runtime_error("EC key generation failed");
    }
    return key;
}

inline EvpPkeyPtr ed25519_key() {
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) {
        throw std::runtime_error("Ed25519 key generation failed");
    }
    return key;
}

inline void add_name_entry(X509_NAME* name, const char* field, const std::string& value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
}

// A PEM CSR for `key` with subject CN=`common_name`, O=ParkGrid Test. `signer` signs it; another key than
// `key` makes a request whose self-signature does not verify. An empty common name leaves CN out.
inline std::string make_csr(EVP_PKEY* key, const std::string& common_name, EVP_PKEY* signer = nullptr) {
    const X509ReqPtr request(X509_REQ_new());
    X509_REQ_set_version(request.get(), X509_REQ_VERSION_1);
    X509_NAME* name = X509_REQ_get_subject_name(request.get());
    add_name_entry(name, "O", "ParkGrid Test");  // DER order O, CN: RFC 2253 shows "CN=...,O=..."
    if (!common_name.empty()) {
        add_name_entry(name, "CN", common_name);
    }
    X509_REQ_set_pubkey(request.get(), key);
    EVP_PKEY* signing_key = signer ? signer : key;
    const bool needs_digest = EVP_PKEY_get_base_id(signing_key) != EVP_PKEY_ED25519;
    if (X509_REQ_sign(request.get(), signing_key, needs_digest ? EVP_sha256() : nullptr) <= 0) {
        throw std::runtime_error("CSR signing failed");
    }
    const auto bio = write_bio();
    PEM_write_bio_X509_REQ(bio.get(), request.get());
    return bio_text(bio.get());
}

inline std::string private_key_pem(EVP_PKEY* key) {
    const auto bio = write_bio();
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bio_text(bio.get());
}

// A self-signed certificate for `key`; with `is_ca` a CA certificate (basicConstraints CA:TRUE,
// keyCertSign), else an end-entity one. `issuer`/`issuer_key` sign it instead when given.
inline X509Ptr make_certificate(EVP_PKEY* key, const std::string& common_name, bool is_ca,
                                X509* issuer = nullptr, EVP_PKEY* issuer_key = nullptr,
                                long valid_seconds = 3600L * 24 * 365) {
    X509Ptr certificate(X509_new());
    X509_set_version(certificate.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 4711);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), valid_seconds);
    add_name_entry(X509_get_subject_name(certificate.get()), "CN", common_name);
    X509_set_issuer_name(certificate.get(),
                         issuer ? X509_get_subject_name(issuer) : X509_get_subject_name(certificate.get()));
    X509_set_pubkey(certificate.get(), key);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : certificate.get(), certificate.get(), nullptr, nullptr, 0);
    const auto add = [&](int nid, const char* value) {
        const X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
        X509_add_ext(certificate.get(), extension.get(), -1);
    };
    add(NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    add(NID_key_usage, is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    add(NID_subject_key_identifier, "hash");
    if (X509_sign(certificate.get(), issuer_key ? issuer_key : key, EVP_sha256()) <= 0) {
        throw std::runtime_error("certificate signing failed");
    }
    return certificate;
}

}  // namespace parkgrid::server::security::testing
