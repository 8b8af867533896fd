#include "tls_context.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>

#include "security/openssl_handles.hpp"

namespace parkgrid::server {
namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2 suites of the whitepaper; TLS 1.3 keeps OpenSSL's defaults, which are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384";

// The key sizes the whitepaper requires of the central system's certificates.
void require_strong_key(SSL_CTX* context, const std::string& file) {
    const EVP_PKEY* key = SSL_CTX_get0_privatekey(context);
    const int bits = EVP_PKEY_get_bits(key);
    const int type = EVP_PKEY_get_base_id(key);
    if (type == EVP_PKEY_RSA && bits < 2048) {
        throw TlsConfigError(file + ": RSA keys need at least 2048 bits, this one has " +
                             std::to_string(bits));
    }
    if (type == EVP_PKEY_EC && bits < 224) {
        throw TlsConfigError(file + ": EC keys need at least 224 bits, this one has " + std::to_string(bits));
    }
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
        throw TlsConfigError(file + ": only RSA and ECDSA keys fit the whitepaper's cipher suites");
    }
}

}  // namespace

TlsContextProvider::TlsContextProvider(const Config& config) : config_(config), current_(build()) {}

std::shared_ptr<ssl::context> TlsContextProvider::current() const {
    const std::lock_guard lock(mutex_);
    return current_;
}

void TlsContextProvider::reload() {
    auto fresh = build();
    const std::lock_guard lock(mutex_);
    current_ = std::move(fresh);
}

std::shared_ptr<ssl::context> TlsContextProvider::build() const {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
    if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
        throw TlsConfigError("cipher list refused: " + security::take_openssl_error("unknown OpenSSL error"));
    }
    // OpenSSL keeps one certificate per key type, so an RSA and an ECDSA certificate can both be loaded and
    // each client gets the one its cipher suites can use.
    for (const auto& files : config_.tls_certificates) {
        if (SSL_CTX_use_certificate_chain_file(native, files.certificate_chain.c_str()) != 1) {
            throw TlsConfigError(files.certificate_chain + ": " +
                                 security::take_openssl_error("unknown OpenSSL error"));
        }
        if (SSL_CTX_use_PrivateKey_file(native, files.private_key.c_str(), SSL_FILETYPE_PEM) != 1) {
            throw TlsConfigError(files.private_key + ": " +
                                 security::take_openssl_error("unknown OpenSSL error"));
        }
        if (SSL_CTX_check_private_key(native) != 1) {
            throw TlsConfigError(files.private_key + " does not belong to " + files.certificate_chain);
        }
        require_strong_key(native, files.private_key);
    }
    if (!config_.tls_client_ca.empty()) {
        if (SSL_CTX_load_verify_locations(native, config_.tls_client_ca.c_str(), nullptr) != 1) {
            throw TlsConfigError(config_.tls_client_ca + ": " +
                                 security::take_openssl_error("unknown OpenSSL error"));
        }
        // Names the acceptable CAs in the CertificateRequest, so chargers with several pick the right one.
        if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config_.tls_client_ca.c_str())) {
            SSL_CTX_set_client_CA_list(native, names);
        }
        // Asked for, verified when sent, not required: profiles 2 and 3 share the port. A certificate that
        // does not verify (wrong CA, expired) fails the handshake.
        SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);
        SSL_CTX_set_verify_depth(native, 4);
    }
    // A session id context is required once client certificates are verified, even without resumption.
    static constexpr unsigned char kSessionContext[] = "parkgrid";
    SSL_CTX_set_session_id_context(native, kSessionContext, sizeof(kSessionContext) - 1);
    SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
    return context;
}

}  // namespace parkgrid::server
