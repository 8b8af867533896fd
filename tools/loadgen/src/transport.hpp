#pragma once

// The WebSocket connection of one simulated charger, over TCP or TLS. The only part of the load generator
// that knows Boost.Beast.

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "options.hpp"

namespace parkgrid::loadgen {

// What a connection tells its charger. Every call comes from the thread running the connection's
// io_context; after on_connect_failed or on_closed, or after the charger abandoned or closed the
// connection, nothing more is called.
class TransportEvents {
public:
    virtual void on_open() = 0;
    virtual void on_message(std::string_view text) = 0;
    virtual void on_connect_failed(std::string_view kind) = 0;  // TCP, TLS or WebSocket handshake failed
    virtual void on_closed(std::string_view kind) = 0;          // an open connection ended

protected:
    ~TransportEvents() = default;
};

class Transport {
public:
    virtual ~Transport() = default;
    // Queues one text frame; frames go out in order, one write at a time.
    virtual void send(std::string_view frame) = 0;
    // Closes the TCP connection at once, without a WebSocket close handshake.
    virtual void abandon() = 0;
    // Starts a WebSocket close handshake (or closes the TCP connection if the WebSocket is not open yet).
    virtual void close() = 0;
};

struct ConnectRequest {
    std::string target;                // HTTP request target, e.g. /ocpp/LG-000001
    std::string authorization;         // Authorization header value; empty: none
    std::uint32_t source_address = 0;  // IPv4, host byte order, bound before connect; 0: the kernel picks
};

// Opens connections to the server of --url: resolved once, one TLS context for all connections.
class Connector {
public:
    // Throws std::runtime_error if the host does not resolve or the CA file cannot be read.
    static std::unique_ptr<Connector> create(const Options& options);
    virtual ~Connector() = default;

    // Starts connecting; the outcome arrives as on_open or on_connect_failed.
    virtual std::shared_ptr<Transport> open(boost::asio::io_context& io, const ConnectRequest& request,
                                            TransportEvents& events) const = 0;

    virtual std::string describe() const = 0;  // the resolved endpoint, for the report
};

}  // namespace parkgrid::loadgen
