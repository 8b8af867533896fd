#include "parkgrid/server/http_server.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <deque>
#include <optional>
#include <type_traits>

#include "auth/login_throttle.hpp"
#include "charger_auth/charger_credentials.hpp"
#include "connection_limiter.hpp"
#include "parkgrid/server/charger_identity.hpp"
#include "parkgrid/server/log.hpp"
#include "tls/peer_certificate.hpp"
#include "tls/tls_context.hpp"
#include "websocket_session.hpp"

namespace parkgrid::server {
namespace {

// Connections the kernel may hold for accept(). Asio's max_listen_connections is SOMAXCONN (4,096), below
// what a reconnect storm brings at once: the kernel then drops completed handshakes and chargers retry
// after a second or more (46,534 drops in one 19,500-charger storm). The kernel caps this at
// net.core.somaxconn, so asking for the most lets an operator raise that one setting (docs/operations.md).
constexpr int kListenBacklog = 65535;

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr std::size_t kMaxRequestBodyBytes = 1024 * 1024;
constexpr std::size_t kMaxRequestHeaderBytes = 16 * 1024;
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr auto kUploadTimeout = std::chrono::minutes(10);

// The admin UI loads only its own scripts and styles and is never framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

template <typename Message>
void set_security_headers(Message& message, bool tls) {
    message.set(http::field::server, "ParkGrid");
    message.set("Content-Security-Policy", kContentSecurityPolicy);
    message.set(http::field::x_frame_options, "DENY");
    message.set("X-Content-Type-Options", "nosniff");
    message.set("Referrer-Policy", "no-referrer");
    if (tls) {
        message.set(http::field::strict_transport_security, "max-age=31536000");
    }
}

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

// Reads HTTP requests on one connection, plain or TLS, and answers them in order; hands OCPP upgrades to a
// WebSocket session once the charger authenticated.
template <typename Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

public:
    HttpSession(tcp::socket&& socket, ConnectionSlot slot, std::string remote_address,
                CentralSystem& central_system, HttpHandler& http_handler,
                std::shared_ptr<net::ssl::context> tls_context = nullptr)
        : tls_context_(std::move(tls_context)),
          stream_(make_stream(std::move(socket), tls_context_)),
          slot_(std::move(slot)),
          central_system_(central_system),
          http_handler_(http_handler),
          remote_address_(std::move(remote_address)) {}

    void run() {
        net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->start(); });
    }

private:
    static Stream make_stream(tcp::socket&& socket, const std::shared_ptr<net::ssl::context>& tls_context) {
        if constexpr (kTls) {
            return Stream(std::move(socket), *tls_context);
        } else {
            return Stream(std::move(socket));
        }
    }

    beast::tcp_stream& lowest_layer() { return beast::get_lowest_layer(stream_); }

    void start() {
        if constexpr (kTls) {
            lowest_layer().expires_after(central_system_.config().handshake_timeout);
            stream_.async_handshake(
                net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
                    if (ec) {
                        // A client certificate that does not verify (another CA, expired) is worth an
                        // operator's attention; port scanners and aborted handshakes are not.
                        const bool bad_certificate = ec.category() == net::error::get_ssl_category() &&
                                                     ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
                                                         SSL_R_CERTIFICATE_VERIFY_FAILED;
                        if (bad_certificate) {
                            log::warn("TLS handshake refused: the client certificate does not verify",
                                      {{"remote", self->remote_address_}, {"error", ec.message()}});
                        } else {
                            log::debug("TLS handshake failed",
                                       {{"remote", self->remote_address_}, {"error", ec.message()}});
                        }
                        return;
                    }
                    self->read_request();
                });
        } else {
            read_request();
        }
    }

    void read_request() {
        parser_.emplace();
        parser_->body_limit(kMaxRequestBodyBytes);
        parser_->header_limit(kMaxRequestHeaderBytes);
        // The first request's header must come within the handshake timeout; later ones within the
        // request timeout of a kept-alive connection.
        lowest_layer().expires_after(std::min<std::chrono::steady_clock::duration>(
            kRequestTimeout, central_system_.config().handshake_timeout));
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&HttpSession::on_header, this->shared_from_this()));
    }

    // Diagnostics files uploaded by chargers may be far larger than any API body.
    void on_header(beast::error_code ec, std::size_t bytes) {
        if (ec) {
            on_read(ec, bytes);
            return;
        }
        if (parser_->get().target().starts_with("/diagnostics-upload/")) {
            parser_->body_limit(central_system_.config().diagnostics_max_bytes);
            lowest_layer().expires_after(kUploadTimeout);
        } else {
            lowest_layer().expires_after(kRequestTimeout);
        }
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&HttpSession::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream) {
            lowest_layer().socket().shutdown(tcp::socket::shutdown_send, ec);
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
        ChargerCredentials credentials;
        credentials.tls = kTls;
        credentials.basic = parse_basic_authorization(request_[http::field::authorization]);
        if constexpr (kTls) {
            credentials.certificate = verified_peer_certificate(stream_.native_handle());
        }
        credentials.remote_address = remote_address_;
        central_system_.admit(
            *charger_id, std::move(credentials),
            [self = this->shared_from_this(), charger_id = *charger_id](Admission admission) {
                net::post(self->stream_.get_executor(), [self, charger_id, admission = std::move(admission)] {
                    self->on_admission(charger_id, admission);
                });
            });
    }

    void on_admission(const std::string& charger_id, const Admission& admission) {
        if (!admission.admitted) {
            log::warn("charger connection refused",
                      {{"charger", charger_id}, {"remote", remote_address_}, {"reason", admission.reason}});
            respond_plain(static_cast<http::status>(admission.http_status), admission.reason, false,
                          admission.challenge);
            return;
        }
        lowest_layer().expires_never();
        run_websocket_session(std::move(stream_), std::move(tls_context_), std::move(slot_),
                              std::move(request_), central_system_, charger_id, remote_address_,
                              admission.registration);
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
        http_handler_.handle(std::move(request), [self = this->shared_from_this()](HttpResponse response) {
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
        set_security_headers(*message, kTls);
        if (!response.content_type.empty()) {
            message->set(http::field::content_type, response.content_type);
        }
        for (auto& [name, value] : response.headers) {
            // Over TLS the session cookie is never to be sent back in clear.
            if (kTls && beast::iequals(name, "Set-Cookie")) {
                value += "; Secure";
            }
            message->insert(name, value);
        }
        message->keep_alive(request_.keep_alive());
        message->body() = std::move(response.body);
        message->prepare_payload();
        write(message);
    }

    // A chunk of a streamed body waiting to be written; `last` is the terminating chunk of a finite body.
    struct QueuedChunk {
        std::shared_ptr<const std::string> data;
        std::function<void()> written;
        bool last = false;
    };

    // A streamed response (Server-Sent Events, a download): chunked, on a connection that serves nothing else
    // after it. An outstanding read keeps the session alive and notices when the client goes away.
    void start_stream(HttpResponse response) {
        auto header = std::make_shared<http::response<http::empty_body>>(
            static_cast<http::status>(response.status), request_.version());
        set_security_headers(*header, kTls);
        header->set(http::field::content_type, response.content_type);
        header->set(http::field::cache_control, "no-cache");
        for (const auto& [name, value] : response.headers) {
            header->set(name, value);
        }
        header->keep_alive(false);
        header->chunked(true);
        auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*header);
        lowest_layer().expires_never();
        http::async_write_header(stream_, *serializer,
                                 [self = this->shared_from_this(), header, serializer,
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
            [self = this->shared_from_this()](beast::error_code, std::size_t) { self->end_stream(); });
    }

    void end_stream() {
        if (chunk_writer_) {
            chunk_writer_->closed = true;
        }
        if (linger_timer_) {
            linger_timer_->cancel();
        }
        stream_producer_.reset();
        beast::error_code ec;
        lowest_layer().socket().shutdown(tcp::socket::shutdown_both, ec);
        lowest_layer().socket().close(ec);
    }

    void write_chunk(QueuedChunk chunk) {
        chunk_queue_.push_back(std::move(chunk));
        if (chunk_queue_.size() == 1) {
            write_next_chunk();
        }
    }

    void write_next_chunk() {
        if (chunk_queue_.front().last) {
            net::async_write(stream_, http::make_chunk_last(),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                 self->chunk_queue_.clear();
                                 self->linger(ec);
                             });
            return;
        }
        net::async_write(stream_, http::make_chunk(net::buffer(*chunk_queue_.front().data)),
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             auto written = std::move(self->chunk_queue_.front().written);
                             self->chunk_queue_.pop_front();
                             if (ec) {
                                 self->end_stream();
                                 return;
                             }
                             if (written) {
                                 written();
                             }
                             if (!self->chunk_queue_.empty()) {
                                 self->write_next_chunk();
                             }
                         });
    }

    // After the last chunk of a finite body: no more to send. The connection is closed when the client closes
    // its side (the outstanding read ends), or after the request timeout if it does not; closing at once
    // could reset the connection before the client has read the end of the body.
    void linger(beast::error_code ec) {
        if (ec) {
            end_stream();
            return;
        }
        lowest_layer().socket().shutdown(tcp::socket::shutdown_send, ec);
        linger_timer_.emplace(stream_.get_executor());
        linger_timer_->expires_after(kRequestTimeout);
        linger_timer_->async_wait([self = this->shared_from_this()](beast::error_code wait_error) {
            if (!wait_error) {
                self->end_stream();
            }
        });
    }

    // Hands chunks to the session's strand. Holds the session weakly: the outstanding read keeps it alive.
    struct ChunkWriter final : StreamWriter {
        explicit ChunkWriter(const std::shared_ptr<HttpSession>& owner) : session(owner) {}

        void write(std::string chunk) override { write_then(std::move(chunk), nullptr); }

        void write_then(std::string chunk, std::function<void()> written) override {
            queue(QueuedChunk{std::make_shared<const std::string>(std::move(chunk)), std::move(written),
                              false});
        }

        void finish() override { queue(QueuedChunk{nullptr, nullptr, true}); }

        void queue(QueuedChunk chunk) {
            auto owner = session.lock();
            if (!owner || closed) {
                return;
            }
            net::post(owner->stream_.get_executor(), [owner, chunk = std::move(chunk)]() mutable {
                if (owner->chunk_writer_->closed) {
                    return;
                }
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

    void respond_plain(http::status status, const std::string& text, bool keep_alive,
                       bool challenge = false) {
        auto message = std::make_shared<http::response<http::string_body>>(status, 11);
        set_security_headers(*message, kTls);
        if (challenge) {
            message->set(http::field::www_authenticate, R"(Basic realm="OCPP", charset="UTF-8")");
        }
        message->set(http::field::content_type, "text/plain; charset=utf-8");
        message->keep_alive(keep_alive);
        message->body() = text + "\n";
        message->prepare_payload();
        write(message);
    }

    void write(const std::shared_ptr<http::response<http::string_body>>& message) {
        lowest_layer().expires_after(kRequestTimeout);
        http::async_write(stream_, *message,
                          [self = this->shared_from_this(), message](beast::error_code ec, std::size_t) {
                              if (ec) {
                                  return;
                              }
                              if (!message->keep_alive()) {
                                  self->lowest_layer().socket().shutdown(tcp::socket::shutdown_send, ec);
                                  return;
                              }
                              self->read_request();
                          });
    }

    std::shared_ptr<net::ssl::context> tls_context_;  // outlives the stream that uses it
    Stream stream_;
    ConnectionSlot slot_;
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
    std::deque<QueuedChunk> chunk_queue_;
    std::optional<net::steady_timer> linger_timer_;  // after a finite body, see linger()
    std::array<char, 512> discard_{};
};

}  // namespace

class Listener : public std::enable_shared_from_this<Listener> {
public:
    // With a TLS context provider every connection starts with a TLS handshake.
    Listener(net::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler,
             std::shared_ptr<ConnectionLimiter> limiter, TlsContextProvider* tls)
        : io_context_(io_context),
          acceptor_(net::make_strand(io_context)),
          retry_timer_(acceptor_.get_executor()),
          central_system_(central_system),
          http_handler_(http_handler),
          limiter_(std::move(limiter)),
          tls_(tls) {}

    tcp::endpoint listen(const Endpoint& endpoint) {
        const tcp::endpoint address(net::ip::make_address(endpoint.host), endpoint.port);
        acceptor_.open(address.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(address);
        acceptor_.listen(kListenBacklog);
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
            // E.g. out of file descriptors: pause briefly instead of spinning, then accept again. Briefly: in
            // a reconnect storm descriptors come free by the thousand as the dropped connections close, and
            // every connection waiting in the backlog is a charger not yet back.
            log::warn("accept failed", {{"error", ec.message()}});
            retry_timer_.expires_after(std::chrono::milliseconds(10));
            retry_timer_.async_wait([self = shared_from_this()](beast::error_code) { self->accept_next(); });
            return;
        }
        serve(std::move(socket));
        accept_next();
    }

    void serve(tcp::socket socket) {
        beast::error_code ec;
        const auto remote = socket.remote_endpoint(ec);
        if (ec) {
            return;  // already gone
        }
        const auto remote_address = to_string(remote);
        auto slot = limiter_->try_acquire(remote.address().to_string());
        if (!slot) {
            // Closed at once: answering would cost what the limit is there to save.
            log::warn("connection refused: connection limit reached",
                      {{"remote", remote_address}, {"open", std::to_string(limiter_->open())}});
            socket.close(ec);
            return;
        }
        if (tls_) {
            std::make_shared<HttpSession<TlsStream>>(std::move(socket), std::move(*slot), remote_address,
                                                     central_system_, http_handler_, tls_->current())
                ->run();
        } else {
            std::make_shared<HttpSession<PlainStream>>(std::move(socket), std::move(*slot), remote_address,
                                                       central_system_, http_handler_)
                ->run();
        }
    }

    net::io_context& io_context_;
    tcp::acceptor acceptor_;
    net::steady_timer retry_timer_;
    CentralSystem& central_system_;
    HttpHandler& http_handler_;
    std::shared_ptr<ConnectionLimiter> limiter_;
    TlsContextProvider* tls_;
};

HttpServer::HttpServer(net::io_context& io_context, CentralSystem& central_system, HttpHandler& http_handler,
                       const Config& config)
    : io_context_(io_context),
      central_system_(central_system),
      http_handler_(http_handler),
      config_(config),
      limiter_(
          std::make_shared<ConnectionLimiter>(config.max_connections, config.max_connections_per_address)) {
    if (!config.tls_certificates.empty()) {
        tls_ = std::make_unique<TlsContextProvider>(config);
    }
}

HttpServer::~HttpServer() = default;

Endpoint HttpServer::start() {
    listener_ = std::make_shared<Listener>(io_context_, central_system_, http_handler_, limiter_, nullptr);
    const auto bound = listener_->listen(config_.listen);
    listener_->accept_next();
    return Endpoint{bound.address().to_string(), bound.port()};
}

std::optional<Endpoint> HttpServer::start_tls() {
    if (!tls_) {
        return std::nullopt;
    }
    tls_listener_ =
        std::make_shared<Listener>(io_context_, central_system_, http_handler_, limiter_, tls_.get());
    const auto bound = tls_listener_->listen(config_.tls_listen);
    tls_listener_->accept_next();
    return Endpoint{bound.address().to_string(), bound.port()};
}

void HttpServer::reload_tls() {
    if (tls_) {
        tls_->reload();
    }
}

void HttpServer::stop_accepting() {
    for (const auto& listener : {listener_, tls_listener_}) {
        if (listener) {
            listener->stop();
        }
    }
}

}  // namespace parkgrid::server
