#include "peer_certificate.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

#include "security/openssl_handles.hpp"

namespace parkgrid::server {

std::optional<PeerCertificate> verified_peer_certificate(SSL* connection) {
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(connection),
                                                                  X509_free);
    if (!certificate || SSL_get_verify_result(connection) != X509_V_OK) {
        return std::nullopt;
    }
    const X509_NAME* subject = X509_get_subject_name(certificate.get());
    return PeerCertificate{security::name_entry_text(subject, NID_commonName),
                           security::name_entry_text(subject, NID_organizationName)};
}

}  // namespace parkgrid::server
