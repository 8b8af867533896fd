#pragma once

// Owning handles for the OpenSSL objects the certificate code uses, so that every early return and
// exception frees what was allocated, and a few helpers around OpenSSL's BIO and error queue.

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <string_view>

namespace parkgrid::server::security {

template <auto Free>
struct OpenSslFree {
    template <typename T>
    void operator()(T* object) const noexcept {
        Free(object);
    }
};

using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using X509ReqPtr = std::unique_ptr<X509_REQ, OpenSslFree<X509_REQ_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;

// A read-only memory BIO over `text`, which must outlive it.
BioPtr read_bio(std::string_view text);
// An empty, writable memory BIO; bio_text() reads what was written.
BioPtr write_bio();
std::string bio_text(BIO* bio);

// The last entry of `nid` (e.g. NID_commonName) in `name` as UTF-8, the most specific one when a subject
// repeats an attribute; empty when there is none.
std::string name_entry_text(const X509_NAME* name, int nid);

// The oldest error on this thread's OpenSSL error queue as text (or `fallback`); clears the queue.
std::string take_openssl_error(std::string_view fallback);

// A distinguished name in RFC 2253 form, e.g. "CN=CP-1,O=ParkGrid".
std::string name_text(const X509_NAME* name);

// The certificate as PEM text.
std::string certificate_pem(X509* certificate);

}  // namespace parkgrid::server::security
