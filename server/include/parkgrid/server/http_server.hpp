#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/server/http_handler.hpp"

namespace parkgrid::server {

class Listener;
class ConnectionLimiter;
class TlsContextProvider;

// One TCP port serving HTTP (API, health, UI) and the OCPP WebSocket endpoint /ocpp/{chargePointId}, and
// when certificates are configured a second one serving the same over TLS (https://, wss://). Both count
// against one set of connection limits.
class HttpServer {
public:
    // Throws TlsConfigError when the configured certificates are unusable.
    HttpServer(boost::asio::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler,
               const Config& config);
    ~HttpServer();

    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts accepting; returns the bound address (the chosen port when 0 was configured).
    Endpoint start();
    // The same for the TLS port; nullopt when no certificate is configured.
    std::optional<Endpoint> start_tls();
    // Reads the certificates and keys again (SIGHUP); connections open now keep theirs. Throws
    // TlsConfigError, keeping the current ones, when the new files are unusable.
    void reload_tls();
    void stop_accepting();

private:
    boost::asio::io_context& io_context_;
    CentralSystem& central_system_;
    HttpHandler& http_handler_;
    const Config& config_;
    std::shared_ptr<ConnectionLimiter> limiter_;
    std::unique_ptr<TlsContextProvider> tls_;
    std::shared_ptr<Listener> listener_;
    std::shared_ptr<Listener> tls_listener_;
};

}  // namespace parkgrid::server
