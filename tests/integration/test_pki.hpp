#pragma once

// Keys, CSRs and CA certificates made with OpenSSL in the test itself, and checks of what ParkGrid sends.

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace parkgrid::testing::pki {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* object) const noexcept {
        Free(object);
    }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;

inline Key rsa_key(unsigned bits) {
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
}
inline Key ec_key() {
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

inline std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(length));
}

inline void add_name(X509_NAME* name, const char* field, const std::string& value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0);
}

// A PEM CSR for `key` with CN=`common_name`, signed by `signer` (default: `key` itself).
inline std::string csr(EVP_PKEY* key, const std::string& common_name, EVP_PKEY* signer = nullptr) {
    std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>> request(X509_REQ_new());
    X509_REQ_set_version(request.get(), X509_REQ_VERSION_1);
    add_name(X509_REQ_get_subject_name(request.get()), "O", "Ministry Motor Pool");
    add_name(X509_REQ_get_subject_name(request.get()), "CN", common_name);
    X509_REQ_set_pubkey(request.get(), key);
    X509_REQ_sign(request.get(), signer ? signer : key, EVP_sha256());
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509_REQ(bio.get(), request.get());
    return bio_text(bio.get());
}

// A certificate for `key`: a self-signed CA, or (with an issuer) a client certificate it signs.
inline Certificate certificate(EVP_PKEY* key, const std::string& common_name, X509* issuer = nullptr,
                               EVP_PKEY* issuer_key = nullptr) {
    Certificate made(X509_new());
    X509_set_version(made.get(), X509_VERSION_3);
    ASN1_INTEGER_set(X509_get_serialNumber(made.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(made.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(made.get()), 3600L * 24);
    add_name(X509_get_subject_name(made.get()), "CN", common_name);
    X509_set_issuer_name(made.get(),
                         issuer ? X509_get_subject_name(issuer) : X509_get_subject_name(made.get()));
    X509_set_pubkey(made.get(), key);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer ? issuer : made.get(), made.get(), nullptr, nullptr, 0);
    const char* constraints = issuer ? "critical,CA:FALSE" : "critical,CA:TRUE";
    std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>> extension(
        X509V3_EXT_conf_nid(nullptr, &context, NID_basic_constraints, constraints));
    X509_add_ext(made.get(), extension.get(), -1);
    X509_sign(made.get(), issuer_key ? issuer_key : key, EVP_sha256());
    return made;
}

inline std::string pem(X509* certificate) {
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate);
    return bio_text(bio.get());
}

inline std::string pem(EVP_PKEY* private_key) {
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), private_key, nullptr, nullptr, 0, nullptr, nullptr);
    return bio_text(bio.get());
}

inline std::vector<Certificate> read_chain(const std::string& text) {
    Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    std::vector<Certificate> chain;
    while (Certificate next{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
        chain.push_back(std::move(next));
    }
    ERR_clear_error();
    return chain;
}

inline std::string common_name(X509* certificate) {
    char text[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, text, sizeof text);
    return text;
}

// Whether `leaf` chains to `ca` for TLS client authentication (purpose sslclient).
inline bool verifies_as_client(X509* leaf, X509* ca) {
    std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>> store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), ca);
    std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>> context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), leaf, nullptr);
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_CLIENT);
    return X509_verify_cert(context.get()) == 1;
}

}  // namespace parkgrid::testing::pki
