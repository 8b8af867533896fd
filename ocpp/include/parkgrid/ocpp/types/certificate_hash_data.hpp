#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class HashAlgorithm { SHA256, SHA384, SHA512 };
PARKGRID_OCPP_ENUM(HashAlgorithm, {SHA256, "SHA256"}, {SHA384, "SHA384"}, {SHA512, "SHA512"});

// Identifies an installed certificate (security extension): hashes of the issuer's name and public key,
// hex-encoded, and the certificate's serial number.
struct CertificateHashData {
    HashAlgorithm hash_algorithm{};
    CiString<128> issuer_name_hash;
    CiString<128> issuer_key_hash;
    CiString<40> serial_number;
};
BOOST_DESCRIBE_STRUCT(CertificateHashData, (),
                      (hash_algorithm, issuer_name_hash, issuer_key_hash, serial_number))

}  // namespace parkgrid::ocpp
