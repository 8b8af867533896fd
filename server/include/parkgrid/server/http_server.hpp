#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/server/http_handler.hpp"

namespace parkgrid::server {

class Listener;

// One TCP port serving HTTP (API, health, UI) and the OCPP WebSocket endpoint /ocpp/{chargePointId}.
class HttpServer {
public:
    HttpServer(boost::asio::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler,
               const Config& config);
    ~HttpServer();

    // Binds and starts accepting; returns the bound address (the chosen port when 0 was configured).
    Endpoint start();
    void stop_accepting();

private:
    boost::asio::io_context& io_context_;
    CentralSystem& central_system_;
    HttpHandler& http_handler_;
    const Config& config_;
    std::shared_ptr<Listener> listener_;
};

}  // namespace parkgrid::server
