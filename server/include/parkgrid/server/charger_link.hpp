#pragma once

#include <cstdint>
#include <string>

namespace parkgrid::server {

// WebSocket close codes ParkGrid uses (RFC 6455 section 7.4.1).
enum class CloseCode : std::uint16_t {
    Normal = 1000,
    GoingAway = 1001,  // server shutdown
    PolicyViolation = 1008,
    TooBig = 1009,
};

// The transport under one charger connection; the WebSocket session implements it. Both calls are made
// on the connection's strand.
class ChargerLink {
public:
    virtual ~ChargerLink() = default;

    virtual void send(std::string frame) = 0;
    virtual void close(CloseCode code, std::string reason) = 0;
};

}  // namespace parkgrid::server
