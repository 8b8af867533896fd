#include "certificate_authority.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "csr.hpp"

namespace parkgrid::server::security {
namespace {

// Certificates start a little in the past so that a charger whose clock lags accepts them at once.
constexpr auto kBackdating = std::chrono::minutes(5);

std::string read_file(const std::string& path, const std::string& what) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read the " + what + " file '" + path + "'");
    }
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

[[noreturn]] void fail(const std::string& step) {
    throw std::runtime_error("signing a charger certificate failed at " + step + ": " +
                             take_openssl_error(step));
}

void add_extension(X509* certificate, X509V3_CTX* context, int nid, const char* value) {
    const X509ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    if (!extension || X509_add_ext(certificate, extension.get(), -1) != 1) {
        fail(std::string("extension ") + OBJ_nid2sn(nid));
    }
}

void set_random_serial(X509* certificate) {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        fail("RAND_bytes");
    }
    bytes[0] &= 0x7f;  // a positive INTEGER, as RFC 5280 requires
    bytes[0] |= 0x40;  // and never shorter than 16 bytes
    const BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number || !BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate))) {
        fail("serial number");
    }
}

}  // namespace

CertificateAuthority::CertificateAuthority(const std::string& certificate_file, const std::string& key_file) {
    ERR_clear_error();
    const std::string certificate_text = read_file(certificate_file, "charger CA certificate");
    const auto certificate_bio = read_bio(certificate_text);
    certificate_.reset(PEM_read_bio_X509(certificate_bio.get(), nullptr, nullptr, nullptr));
    if (!certificate_) {
        throw std::runtime_error("'" + certificate_file +
                                 "' holds no PEM certificate: " + take_openssl_error("PEM_read_bio_X509"));
    }
    const std::string key_text = read_file(key_file, "charger CA key");
    const auto key_bio = read_bio(key_text);
    key_.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    if (!key_) {
        throw std::runtime_error("'" + key_file + "' holds no unencrypted PEM private key: " +
                                 take_openssl_error("PEM_read_bio_PrivateKey"));
    }
    if (X509_check_private_key(certificate_.get(), key_.get()) != 1) {
        ERR_clear_error();
        throw std::runtime_error("the key in '" + key_file + "' does not belong to the certificate in '" +
                                 certificate_file + "'");
    }
    if (X509_check_ca(certificate_.get()) == 0) {
        throw std::runtime_error("the certificate in '" + certificate_file + "' is not a CA certificate");
    }
    certificate_pem_ = security::certificate_pem(certificate_.get());
}

std::string CertificateAuthority::sign(std::string_view csr_pem, std::chrono::days validity) const {
    ERR_clear_error();
    const auto csr_bio = read_bio(csr_pem);
    const X509ReqPtr request(PEM_read_bio_X509_REQ(csr_bio.get(), nullptr, nullptr, nullptr));
    if (!request) {
        ERR_clear_error();
        throw InvalidCertificateData("not a PEM-encoded PKCS#10 certificate signing request");
    }
    const X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1) {
        fail("X509_new");
    }
    set_random_serial(certificate.get());
    if (X509_set_issuer_name(certificate.get(), X509_get_subject_name(certificate_.get())) != 1 ||
        X509_set_subject_name(certificate.get(), X509_REQ_get_subject_name(request.get())) != 1) {
        fail("names");
    }
    const auto backdating = std::chrono::duration_cast<std::chrono::seconds>(kBackdating).count();
    const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(validity).count();
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -static_cast<long>(backdating)) ||
        !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), static_cast<long>(lifetime))) {
        fail("validity");
    }
    if (X509_set_pubkey(certificate.get(), X509_REQ_get0_pubkey(request.get())) != 1) {
        fail("public key");
    }
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate_.get(), certificate.get(), nullptr, nullptr, 0);
    add_extension(certificate.get(), &context, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature");
    add_extension(certificate.get(), &context, NID_ext_key_usage, "clientAuth");
    add_extension(certificate.get(), &context, NID_subject_key_identifier, "hash");
    // The CA's key id when its certificate has one, else its issuer and serial number.
    add_extension(certificate.get(), &context, NID_authority_key_identifier, "keyid,issuer");
    {
        const std::lock_guard lock(mutex_);
        if (X509_sign(certificate.get(), key_.get(), EVP_sha256()) <= 0) {
            fail("X509_sign");
        }
    }
    return security::certificate_pem(certificate.get()) + certificate_pem_;
}

}  // namespace parkgrid::server::security
