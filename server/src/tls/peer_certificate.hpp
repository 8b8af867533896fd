#pragma once

#include <optional>
#include <string>

using SSL = struct ssl_st;

namespace parkgrid::server {

// The subject of a client certificate that verified during the TLS handshake.
struct PeerCertificate {
    std::string common_name;
    std::string organisation;
};

// nullopt when the client sent no certificate, or sent one that did not verify.
std::optional<PeerCertificate> verified_peer_certificate(SSL* connection);

}  // namespace parkgrid::server
