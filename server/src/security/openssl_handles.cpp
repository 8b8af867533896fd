#include "openssl_handles.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <stdexcept>

namespace parkgrid::server::security {

BioPtr read_bio(std::string_view text) {
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    if (!bio) {
        throw std::bad_alloc();
    }
    return bio;
}

BioPtr write_bio() {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) {
        throw std::bad_alloc();
    }
    return bio;
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

std::string take_openssl_error(std::string_view fallback) {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return std::string(fallback);
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

std::string name_entry_text(const X509_NAME* name, int nid) {
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

std::string name_text(const X509_NAME* name) {
    const auto bio = write_bio();
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return bio_text(bio.get());
}

std::string certificate_pem(X509* certificate) {
    const auto bio = write_bio();
    if (PEM_write_bio_X509(bio.get(), certificate) != 1) {
        throw std::runtime_error("cannot encode a certificate: " + take_openssl_error("PEM_write_bio_X509"));
    }
    return bio_text(bio.get());
}

}  // namespace parkgrid::server::security
