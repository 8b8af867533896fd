#include "websocket_session.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;

// Frames queued for a charger that does not read; beyond this the connection is closed rather than
// letting memory grow. OCPP-J traffic is request/response, so a healthy charger never comes near it.
constexpr std::size_t kMaxQueuedFrames = 256;

template <typename Stream>
class WebSocketSession final : public ChargerLink,
                               public std::enable_shared_from_this<WebSocketSession<Stream>> {
public:
    WebSocketSession(Stream&& stream, std::shared_ptr<boost::asio::ssl::context> tls_context,
                     ConnectionSlot slot, CentralSystem& central_system, std::string charger_id,
                     std::string remote_address, Registration registration)
        : tls_context_(std::move(tls_context)),
          ws_(std::move(stream)),
          slot_(std::move(slot)),
          central_system_(central_system),
          charger_id_(std::move(charger_id)),
          remote_address_(std::move(remote_address)),
          registration_(registration) {}

    void accept(beast::http::request<beast::http::string_body> request) {
        const auto& config = central_system_.config();
        beast::get_lowest_layer(ws_).expires_never();  // the websocket stream has its own timeouts
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = std::chrono::seconds(30);
        timeouts.idle_timeout = config.ping_interval * 2;
        timeouts.keep_alive_pings = true;  // a ping after half the idle timeout of silence
        ws_.set_option(timeouts);
        ws_.read_message_max(config.max_frame_bytes);
        ws_.auto_fragment(false);
        ws_.text(true);
        ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
            response.set(beast::http::field::server, "ParkGrid");
            response.set(beast::http::field::sec_websocket_protocol, "ocpp1.6");
        }));
        ws_.async_accept(request,
                         beast::bind_front_handler(&WebSocketSession::on_accept, this->shared_from_this()));
    }

    void send(std::string frame) override {
        if (closing_) {
            return;
        }
        if (write_queue_.size() >= kMaxQueuedFrames) {
            log::warn("charger does not read its frames; closing", {{"charger", charger_id_}});
            close(CloseCode::PolicyViolation, "not reading");
            return;
        }
        write_queue_.push_back(std::move(frame));
        if (write_queue_.size() == 1) {
            write_next();
        }
    }

    void close(CloseCode code, std::string reason) override {
        if (closing_) {
            return;
        }
        closing_ = true;
        write_queue_.clear();
        // Beast lets a close wait behind a write in progress, so it can be started right away.
        ws_.async_close(websocket::close_reason(static_cast<websocket::close_code>(code), reason),
                        [self = this->shared_from_this()](beast::error_code) {});
    }

private:
    void on_accept(beast::error_code ec) {
        if (ec) {
            log::warn("WebSocket handshake failed",
                      {{"charger", charger_id_}, {"remote", remote_address_}, {"error", ec.message()}});
            return;
        }
        session_ = central_system_.connect(ws_.get_executor(), this->weak_from_this(), charger_id_,
                                           remote_address_, registration_);
        read_next();
    }

    void read_next() {
        ws_.async_read(buffer_,
                       beast::bind_front_handler(&WebSocketSession::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            on_closed(ec);
            return;
        }
        if (!ws_.got_text()) {
            log::warn("binary frame ignored; OCPP-J uses text frames", {{"charger", charger_id_}});
        } else {
            session_->receive(beast::buffers_to_string(buffer_.data()));
        }
        buffer_.consume(buffer_.size());
        read_next();
    }

    void write_next() {
        ws_.async_write(boost::asio::buffer(write_queue_.front()),
                        beast::bind_front_handler(&WebSocketSession::on_write, this->shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) {
            // The read side notices the broken connection and cleans up.
            write_queue_.clear();
            return;
        }
        if (!write_queue_.empty()) {
            write_queue_.pop_front();
        }
        if (!write_queue_.empty() && !closing_) {
            write_next();
        }
    }

    void on_closed(beast::error_code ec) {
        closing_ = true;
        write_queue_.clear();
        std::string why = ec == websocket::error::closed ? "closed by charger" : ec.message();
        if (ec == websocket::error::message_too_big) {
            why =
                "message larger than " + std::to_string(central_system_.config().max_frame_bytes) + " bytes";
        }
        if (ws_.reason().code != websocket::close_code::none) {
            why += " (code " + std::to_string(ws_.reason().code) + ")";
        }
        central_system_.disconnect(*session_, why);
    }

    std::shared_ptr<boost::asio::ssl::context> tls_context_;  // outlives the stream that uses it
    websocket::stream<Stream> ws_;
    ConnectionSlot slot_;
    beast::flat_buffer buffer_;
    std::deque<std::string> write_queue_;
    bool closing_ = false;
    CentralSystem& central_system_;
    std::string charger_id_;
    std::string remote_address_;
    Registration registration_;
    std::shared_ptr<ChargerSession> session_;
};

}  // namespace

template <typename Stream>
void run_websocket_session(Stream stream, std::shared_ptr<boost::asio::ssl::context> tls_context,
                           ConnectionSlot slot, beast::http::request<beast::http::string_body> request,
                           CentralSystem& central_system, std::string charger_id, std::string remote_address,
                           Registration registration) {
    std::make_shared<WebSocketSession<Stream>>(std::move(stream), std::move(tls_context), std::move(slot),
                                               central_system, std::move(charger_id),
                                               std::move(remote_address), registration)
        ->accept(std::move(request));
}

template void run_websocket_session(beast::tcp_stream, std::shared_ptr<boost::asio::ssl::context>,
                                    ConnectionSlot, beast::http::request<beast::http::string_body>,
                                    CentralSystem&, std::string, std::string, Registration);
template void run_websocket_session(beast::ssl_stream<beast::tcp_stream>,
                                    std::shared_ptr<boost::asio::ssl::context>, ConnectionSlot,
                                    beast::http::request<beast::http::string_body>, CentralSystem&,
                                    std::string, std::string, Registration);

}  // namespace parkgrid::server
