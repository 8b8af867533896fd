#include "peer_certificate.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace parkgrid::server {
namespace {

// The last entry of `nid` in `name` (the most specific one when a subject repeats an attribute), as UTF-8.
std::string name_entry(const X509_NAME* name, int nid) {
    int index = -1;
    for (int next = X509_NAME_get_index_by_NID(name, nid, -1); next >= 0;
         next = X509_NAME_get_index_by_NID(name, nid, next)) {
        index = next;
    }
    if (index < 0) {
        return {};
    }
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) {
        return {};
    }
    std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
    OPENSSL_free(utf8);
    return text;
}

}  // namespace

std::optional<PeerCertificate> verified_peer_certificate(SSL* connection) {
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(connection),
                                                                  X509_free);
    if (!certificate || SSL_get_verify_result(connection) != X509_V_OK) {
        return std::nullopt;
    }
    const X509_NAME* subject = X509_get_subject_name(certificate.get());
    return PeerCertificate{name_entry(subject, NID_commonName), name_entry(subject, NID_organizationName)};
}

}  // namespace parkgrid::server
