#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "parkgrid/server/central_system.hpp"

namespace parkgrid::server {

// Completes the WebSocket handshake of an admitted charger on `stream` and runs its session until the
// connection closes. `request` is the HTTP upgrade request; the subprotocol ocpp1.6 is echoed.
void run_websocket_session(boost::beast::tcp_stream stream,
                           boost::beast::http::request<boost::beast::http::string_body> request,
                           CentralSystem& central_system, std::string charger_id, std::string remote_address,
                           Registration registration);

}  // namespace parkgrid::server
