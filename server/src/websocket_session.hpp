#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <string>

#include "connection_limiter.hpp"
#include "parkgrid/server/central_system.hpp"

namespace parkgrid::server {

// Completes the WebSocket handshake of an admitted charger on `stream` (a beast::tcp_stream, or a
// beast::ssl_stream of one whose TLS handshake is done) and runs its session until the connection closes.
// `request` is the HTTP upgrade request; the subprotocol ocpp1.6 is echoed. `tls_context` (null for plain
// streams) and `slot` live as long as the connection.
template <typename Stream>
void run_websocket_session(Stream stream, std::shared_ptr<boost::asio::ssl::context> tls_context,
                           ConnectionSlot slot,
                           boost::beast::http::request<boost::beast::http::string_body> request,
                           CentralSystem& central_system, std::string charger_id, std::string remote_address,
                           Registration registration);

}  // namespace parkgrid::server
