#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../tls/peer_certificate.hpp"

namespace parkgrid::server {

struct BasicCredentials {
    std::string username;
    std::string password;
};

// What a connecting charger proved about itself before the WebSocket upgrade.
struct ChargerCredentials {
    bool tls = false;
    std::optional<BasicCredentials> basic;       // from "Authorization: Basic ..."
    std::optional<PeerCertificate> certificate;  // a client certificate that verified
    std::string remote_address;                  // "ip:port"
};

// Parses an Authorization header value of the Basic scheme (RFC 7617). nullopt for anything else, including
// a malformed one; the password may contain ':'.
std::optional<BasicCredentials> parse_basic_authorization(std::string_view header);

// The security profile a connection's credentials amount to: 3 for TLS with a client certificate, 2 for TLS
// without, 1 for Basic over plain ws, 0 for nothing.
int observed_security_profile(const ChargerCredentials& credentials);

}  // namespace parkgrid::server
