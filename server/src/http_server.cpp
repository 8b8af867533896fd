#include "parkgrid/server/http_server.hpp"

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <deque>
#include <optional>

#include "parkgrid/server/charger_identity.hpp"
#include "parkgrid/server/log.hpp"
#include "websocket_session.hpp"

namespace parkgrid::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kMaxRequestBodyBytes = 1024 * 1024;
constexpr std::size_t kMaxRequestHeaderBytes = 16 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr auto kUploadTimeout = std::chrono::minutes(10);

std::string to_string(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    return (address.is_v6() ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
           std::to_string(endpoint.port());
}

// Whether the comma-separated Sec-WebSocket-Protocol offer contains `wanted`.
bool offers_subprotocol(std::string_view offer, std::string_view wanted) {
    while (!offer.empty()) {
        const auto comma = offer.find(',');
        auto token = offer.substr(0, comma);
        while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) {
            token.remove_prefix(1);
        }
        while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) {
            token.remove_suffix(1);
        }
        if (token == wanted) {
            return true;
        }
        offer = comma == std::string_view::npos ? std::string_view() : offer.substr(comma + 1);
    }
    return false;
}

// Reads HTTP requests on one connection and answers them in order; hands OCPP upgrades to a WebSocket
// session.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, CentralSystem& central_system, HttpHandler& http_handler)
        : stream_(std::move(socket)), central_system_(central_system), http_handler_(http_handler) {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        remote_address_ = ec ? "unknown" : to_string(remote);
    }

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&HttpSession::read_request, shared_from_this()));
    }

private:
    void read_request() {
        parser_.emplace();
        parser_->body_limit(kMaxRequestBodyBytes);
        parser_->header_limit(kMaxRequestHeaderBytes);
        stream_.expires_after(kRequestTimeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
    }

    // Diagnostics files uploaded by chargers may be far larger than any API body.
    void on_header(beast::error_code ec, std::size_t bytes) {
        if (ec) {
            on_read(ec, bytes);
            return;
        }
        if (parser_->get().target().starts_with("/diagnostics-upload/")) {
            parser_->body_limit(central_system_.config().diagnostics_max_bytes);
            stream_.expires_after(kUploadTimeout);
        }
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream) {
            stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
            return;
        }
        if (ec) {
            if (ec != beast::error::timeout && ec != net::error::connection_reset) {
                log::debug("HTTP read failed", {{"remote", remote_address_}, {"error", ec.message()}});
            }
            if (ec == http::error::body_limit || ec == http::error::header_limit) {
                respond_plain(ec == http::error::body_limit ? http::status::payload_too_large
                                                            : http::status::request_header_fields_too_large,
                              ec.message(), false);
            }
            return;
        }
        request_ = parser_->release();
        if (beast::websocket::is_upgrade(request_)) {
            upgrade();
        } else {
            serve_http();
        }
    }

    void upgrade() {
        const auto charger_id = charger_identity_from_target(request_.target());
        if (!charger_id) {
            log::warn(
                "WebSocket upgrade refused: not /ocpp/{chargePointId} with a valid identity",
                {{"remote", remote_address_}, {"target", std::string(request_.target().substr(0, 200))}});
            respond_plain(http::status::bad_request,
                          "the OCPP endpoint is /ocpp/{chargePointId}; the identity has 1 to 48 printable "
                          "ASCII characters",
                          false);
            return;
        }
        if (!offers_subprotocol(request_[http::field::sec_websocket_protocol], "ocpp1.6")) {
            log::warn("WebSocket upgrade refused: subprotocol ocpp1.6 not offered",
                      {{"charger", *charger_id}, {"remote", remote_address_}});
            respond_plain(http::status::bad_request, "Sec-WebSocket-Protocol must offer ocpp1.6", false);
            return;
        }
        central_system_.admit(
            *charger_id, [self = shared_from_this(), charger_id = *charger_id](Admission admission) {
                net::post(self->stream_.get_executor(), [self, charger_id, admission = std::move(admission)] {
                    self->on_admission(charger_id, admission);
                });
            });
    }

    void on_admission(const std::string& charger_id, const Admission& admission) {
        if (!admission.admitted) {
            log::warn("charger connection refused",
                      {{"charger", charger_id}, {"remote", remote_address_}, {"reason", admission.reason}});
            respond_plain(static_cast<http::status>(admission.http_status), admission.reason, false);
            return;
        }
        stream_.expires_never();
        run_websocket_session(std::move(stream_), std::move(request_), central_system_, charger_id,
                              remote_address_, admission.registration);
    }

    void serve_http() {
        HttpRequest request;
        request.method = std::string(request_.method_string());
        request.target = std::string(request_.target());
        request.authorization = std::string(request_[http::field::authorization]);
        request.cookie = std::string(request_[http::field::cookie]);
        request.csrf_token = std::string(request_["X-CSRF-Token"]);
        request.content_type = std::string(request_[http::field::content_type]);
        request.body = std::move(request_.body());
        request.remote_address = remote_address_;
        request.host = std::string(request_[http::field::host]);
        http_handler_.handle(std::move(request), [self = shared_from_this()](HttpResponse response) {
            net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
                self->write_response(std::move(response));
            });
        });
    }

    void write_response(HttpResponse response) {
        if (response.stream) {
            start_stream(std::move(response));
            return;
        }
        auto message = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(response.status), request_.version());
        message->set(http::field::server, "ParkGrid");
        if (!response.content_type.empty()) {
            message->set(http::field::content_type, response.content_type);
        }
        for (const auto& [name, value] : response.headers) {
            message->set(name, value);
        }
        message->keep_alive(request_.keep_alive());
        message->body() = std::move(response.body);
        message->prepare_payload();
        write(message);
    }

    // A streamed response (Server-Sent Events): chunked, on a connection that serves nothing else after it.
    // An outstanding read keeps the session alive and notices when the client goes away.
    void start_stream(HttpResponse response) {
        auto header = std::make_shared<http::response<http::empty_body>>(
            static_cast<http::status>(response.status), request_.version());
        header->set(http::field::server, "ParkGrid");
        header->set(http::field::content_type, response.content_type);
        header->set(http::field::cache_control, "no-cache");
        for (const auto& [name, value] : response.headers) {
            header->set(name, value);
        }
        header->keep_alive(false);
        header->chunked(true);
        auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*header);
        stream_.expires_never();
        http::async_write_header(stream_, *serializer,
                                 [self = shared_from_this(), header, serializer,
                                  starter = std::move(response.stream)](beast::error_code ec, std::size_t) {
                                     if (ec) {
                                         return;
                                     }
                                     self->chunk_writer_ = std::make_shared<ChunkWriter>(self);
                                     self->stream_producer_ = starter(self->chunk_writer_);
                                     self->watch_stream_client();
                                 });
    }

    void watch_stream_client() {
        stream_.async_read_some(
            net::buffer(discard_),
            [self = shared_from_this()](beast::error_code, std::size_t) { self->end_stream(); });
    }

    void end_stream() {
        if (chunk_writer_) {
            chunk_writer_->closed = true;
        }
        stream_producer_.reset();
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    void write_chunk(std::shared_ptr<const std::string> chunk) {
        chunk_queue_.push_back(std::move(chunk));
        if (chunk_queue_.size() == 1) {
            write_next_chunk();
        }
    }

    void write_next_chunk() {
        net::async_write(stream_, http::make_chunk(net::buffer(*chunk_queue_.front())),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->chunk_queue_.pop_front();
                             if (ec) {
                                 self->end_stream();
                                 return;
                             }
                             if (!self->chunk_queue_.empty()) {
                                 self->write_next_chunk();
                             }
                         });
    }

    // Hands chunks to the session's strand. Holds the session weakly: the outstanding read keeps it alive.
    struct ChunkWriter final : StreamWriter {
        explicit ChunkWriter(const std::shared_ptr<HttpSession>& owner) : session(owner) {}

        void write(std::string chunk) override {
            auto owner = session.lock();
            if (!owner || closed) {
                return;
            }
            net::post(
                owner->stream_.get_executor(),
                [owner, chunk = std::make_shared<const std::string>(std::move(chunk))]() mutable {
                    if (owner->chunk_queue_.size() > kMaxQueuedChunks) {
                        owner->end_stream();  // a client that does not read is dropped, not buffered for
                        return;
                    }
                    owner->write_chunk(std::move(chunk));
                });
        }
        bool open() const override { return !closed && !session.expired(); }

        std::weak_ptr<HttpSession> session;
        std::atomic<bool> closed{false};
    };

    void respond_plain(http::status status, const std::string& text, bool keep_alive) {
        auto message = std::make_shared<http::response<http::string_body>>(status, 11);
        message->set(http::field::server, "ParkGrid");
        message->set(http::field::content_type, "text/plain; charset=utf-8");
        message->keep_alive(keep_alive);
        message->body() = text + "\n";
        message->prepare_payload();
        write(message);
    }

    void write(const std::shared_ptr<http::response<http::string_body>>& message) {
        stream_.expires_after(kRequestTimeout);
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
                              if (ec) {
                                  return;
                              }
                              if (!message->keep_alive()) {
                                  self->stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
                                  return;
                              }
                              self->read_request();
                          });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::request<http::string_body> request_;
    CentralSystem& central_system_;
    HttpHandler& http_handler_;
    std::string remote_address_;
    // Streaming state
    static constexpr std::size_t kMaxQueuedChunks = 1000;
    std::shared_ptr<ChunkWriter> chunk_writer_;
    std::shared_ptr<void> stream_producer_;
    std::deque<std::shared_ptr<const std::string>> chunk_queue_;
    std::array<char, 512> discard_{};
};

}  // namespace

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler)
        : io_context_(io_context),
          acceptor_(net::make_strand(io_context)),
          retry_timer_(acceptor_.get_executor()),
          central_system_(central_system),
          http_handler_(http_handler) {}

    tcp::endpoint listen(const Endpoint& endpoint) {
        const tcp::endpoint address(net::ip::make_address(endpoint.host), endpoint.port);
        acceptor_.open(address.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(address);
        acceptor_.listen(net::socket_base::max_listen_connections);
        return acceptor_.local_endpoint();
    }

    void accept_next() {
        acceptor_.async_accept(net::make_strand(io_context_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void stop() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
        });
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) {
            return;
        }
        if (ec) {
            // E.g. out of file descriptors: pause briefly instead of spinning, then accept again.
            log::warn("accept failed", {{"error", ec.message()}});
            retry_timer_.expires_after(std::chrono::milliseconds(100));
            retry_timer_.async_wait([self = shared_from_this()](beast::error_code) { self->accept_next(); });
            return;
        }
        std::make_shared<HttpSession>(std::move(socket), central_system_, http_handler_)->run();
        accept_next();
    }

    net::io_context& io_context_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_timer_;
    CentralSystem& central_system_;
    HttpHandler& http_handler_;
};

HttpServer::HttpServer(net::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler,
                       const Config& config)
    : io_context_(io_context),
      central_system_(central_system),
      http_handler_(http_handler),
      config_(config) {}

HttpServer::~HttpServer() = default;

Endpoint HttpServer::start() {
    listener_ = std::make_shared<Listener>(io_context_, central_system_, http_handler_);
    const auto bound = listener_->listen(config_.listen);
    listener_->accept_next();
    return Endpoint{bound.address().to_string(), bound.port()};
}

void HttpServer::stop_accepting() {
    if (listener_) {
        listener_->stop();
    }
}

}  // namespace parkgrid::server
