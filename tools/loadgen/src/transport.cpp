#include "transport.hpp"

#include <netinet/in.h>
#include <openssl/ssl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <stdexcept>
#include <vector>

namespace parkgrid::loadgen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr std::size_t kMaxInboundFrame = 1 << 20;

struct Settings {
    tcp::endpoint server;
    std::string host_header;  // host[:port]
    std::string host;         // for SNI and certificate checks
    bool verify = false;
    std::chrono::steady_clock::duration timeout;
};

std::string connect_failure(const beast::error_code& ec) {
    if (ec == asio::error::connection_refused) {
        return "connect_refused";
    }
    if (ec == beast::error::timeout) {
        return "connect_timeout";
    }
    if (ec == asio::error::address_in_use ||
        ec == asio::error::make_error_code(asio::error::basic_errors(EADDRNOTAVAIL))) {
        return "connect_no_ports";  // the ephemeral ports of the source address are used up
    }
    return "connect_failed:" + ec.message();
}

template <typename NextLayer>
class Connection final : public Transport, public std::enable_shared_from_this<Connection<NextLayer>> {
public:
    static constexpr bool kTls = !std::is_same_v<NextLayer, beast::tcp_stream>;

    template <typename... StreamArgs>
    Connection(const Settings& settings, TransportEvents& events, StreamArgs&&... stream_args)
        : settings_(settings), events_(&events), ws_(std::forward<StreamArgs>(stream_args)...) {}

    void start(const ConnectRequest& request) {
        target_ = request.target;
        authorization_ = request.authorization;
        auto& socket = beast::get_lowest_layer(ws_).socket();
        beast::error_code ec;
        socket.open(settings_.server.protocol(), ec);
        if (ec) {
            fail_later(ec == asio::error::no_descriptors ? "too_many_open_files"
                                                         : "socket_failed:" + ec.message());
            return;
        }
        if (request.source_address != 0) {
            // Lets the kernel pick the port at connect time, per destination, instead of at bind time.
            const int one = 1;
            ::setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
            socket.bind(tcp::endpoint(asio::ip::address_v4(request.source_address), 0), ec);
            if (ec) {
                fail_later("bind_failed:" + ec.message());
                return;
            }
        }
        beast::get_lowest_layer(ws_).expires_after(settings_.timeout);  // covers TCP and TLS handshakes
        beast::get_lowest_layer(ws_).async_connect(
            settings_.server, beast::bind_front_handler(&Connection::on_connect, this->shared_from_this()));
    }

    void send(std::string_view frame) override {
        if (events_ == nullptr || !open_) {
            return;
        }
        if (spare_.empty()) {
            queue_.emplace_back(frame);
        } else {
            queue_.push_back(std::move(spare_.back()));
            spare_.pop_back();
            queue_.back().assign(frame);
        }
        if (queue_.size() == 1) {
            write_next();
        }
    }

    void abandon() override {
        events_ = nullptr;
        beast::get_lowest_layer(ws_).close();
    }

    void close() override {
        events_ = nullptr;
        if (!open_) {
            beast::get_lowest_layer(ws_).close();
            return;
        }
        ws_.async_close(websocket::close_code::normal, [self = this->shared_from_this()](beast::error_code) {
            beast::get_lowest_layer(self->ws_).close();
        });
    }

private:
    void fail_later(std::string kind) {
        asio::post(ws_.get_executor(),
                   [self = this->shared_from_this(), kind = std::move(kind)] { self->fail(kind); });
    }

    void fail(std::string_view kind) {
        auto* events = events_;
        if (events == nullptr) {
            return;
        }
        events_ = nullptr;
        beast::get_lowest_layer(ws_).close();
        events->on_connect_failed(kind);
    }

    void closed(std::string_view kind) {
        auto* events = events_;
        if (events == nullptr) {
            return;
        }
        events_ = nullptr;
        beast::get_lowest_layer(ws_).close();
        events->on_closed(kind);
    }

    void on_connect(beast::error_code ec) {
        if (events_ == nullptr) {
            return;
        }
        if (ec) {
            fail(connect_failure(ec));
            return;
        }
        beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
        if constexpr (kTls) {
            auto& tls = ws_.next_layer();
            SSL_set_tlsext_host_name(tls.native_handle(), settings_.host.c_str());
            if (settings_.verify) {
                tls.set_verify_callback(asio::ssl::host_name_verification(settings_.host));
            }
            tls.async_handshake(
                asio::ssl::stream_base::client,
                beast::bind_front_handler(&Connection::on_tls_handshake, this->shared_from_this()));
        } else {
            websocket_handshake();
        }
    }

    void on_tls_handshake(beast::error_code ec) {
        if (events_ == nullptr) {
            return;
        }
        if (ec) {
            fail(ec == beast::error::timeout ? "tls_handshake_timeout" : "tls_handshake_failed");
            return;
        }
        websocket_handshake();
    }

    void websocket_handshake() {
        beast::get_lowest_layer(ws_).expires_never();  // the WebSocket stream has its own timeouts
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = settings_.timeout;
        timeouts.idle_timeout = websocket::stream_base::none();
        timeouts.keep_alive_pings = false;
        ws_.set_option(timeouts);
        ws_.set_option(websocket::stream_base::decorator([this](websocket::request_type& request) {
            request.set(beast::http::field::user_agent, "parkgrid_loadgen");
            request.set(beast::http::field::sec_websocket_protocol, "ocpp1.6");
            if (!authorization_.empty()) {
                request.set(beast::http::field::authorization, authorization_);
            }
        }));
        ws_.text(true);
        ws_.auto_fragment(false);
        ws_.read_message_max(kMaxInboundFrame);
        ws_.async_handshake(response_, settings_.host_header, target_,
                            beast::bind_front_handler(&Connection::on_handshake, this->shared_from_this()));
    }

    void on_handshake(beast::error_code ec) {
        if (events_ == nullptr) {
            return;
        }
        if (ec) {
            // Only a declined upgrade has a response; otherwise the status Beast reports is its 500
            // placeholder, and the connection ended (e.g. the server ran out of descriptors) without one.
            if (ec == websocket::error::upgrade_declined) {
                fail("handshake_failed:" + std::to_string(response_.result_int()));
            } else if (ec == beast::http::error::end_of_stream || ec == asio::error::eof) {
                fail("handshake_failed:closed");
            } else if (ec == asio::error::connection_reset) {
                fail("handshake_failed:reset");
            } else if (ec == beast::error::timeout) {
                fail("handshake_failed:timeout");
            } else {
                fail("handshake_failed");
            }
            return;
        }
        if (response_[beast::http::field::sec_websocket_protocol] != "ocpp1.6") {
            fail("handshake_failed:no_ocpp1.6");
            return;
        }
        response_ = {};
        open_ = true;
        events_->on_open();
        if (events_ != nullptr) {
            read_next();
        }
    }

    void read_next() {
        ws_.async_read(buffer_, beast::bind_front_handler(&Connection::on_read, this->shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (events_ == nullptr) {
            return;
        }
        if (ec) {
            if (ec == websocket::error::closed) {
                closed("closed_by_server:" + std::to_string(ws_.reason().code));
            } else if (ec == beast::error::timeout) {
                closed("websocket_timeout");
            } else {
                closed("disconnected");
            }
            return;
        }
        const auto data = buffer_.cdata();
        events_->on_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
        buffer_.consume(buffer_.size());
        if (events_ != nullptr) {
            read_next();
        }
    }

    void write_next() {
        ws_.async_write(asio::buffer(queue_.front()),
                        beast::bind_front_handler(&Connection::on_write, this->shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) {
            return;  // the read side sees the broken connection and reports it
        }
        spare_.push_back(std::move(queue_.front()));
        queue_.pop_front();
        if (!queue_.empty() && events_ != nullptr) {
            write_next();
        }
    }

    const Settings& settings_;
    TransportEvents* events_;  // null once the charger is told the end, or let go
    websocket::stream<NextLayer> ws_;
    std::string target_;
    std::string authorization_;
    websocket::response_type response_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_;
    std::vector<std::string> spare_;  // written frames' strings, reused for the next ones
    bool open_ = false;
};

class BeastConnector final : public Connector {
public:
    explicit BeastConnector(const Options& options) {
        const auto& url = options.server;
        asio::io_context io;
        tcp::resolver resolver(io);
        beast::error_code ec;
        const auto results = resolver.resolve(url.host, std::to_string(url.port), ec);
        if (ec || results.empty()) {
            throw std::runtime_error("cannot resolve " + url.host + ": " + ec.message());
        }
        settings_.server = results.begin()->endpoint();
        settings_.host = url.host;
        const bool default_port = url.port == (url.tls ? 443 : 80);
        const bool ipv6 = url.host.find(':') != std::string::npos;
        settings_.host_header = ipv6 ? "[" + url.host + "]" : url.host;
        if (!default_port) {
            settings_.host_header += ":" + std::to_string(url.port);
        }
        settings_.timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(options.call_timeout_seconds));
        if (url.tls) {
            tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
            if (!options.ca_file.empty()) {
                tls_->load_verify_file(options.ca_file, ec);
                if (ec) {
                    throw std::runtime_error("cannot read the CA file " + options.ca_file + ": " +
                                             ec.message());
                }
                tls_->set_verify_mode(asio::ssl::verify_peer);
                settings_.verify = true;
            } else {
                tls_->set_verify_mode(asio::ssl::verify_none);
            }
        }
    }

    std::shared_ptr<Transport> open(asio::io_context& io, const ConnectRequest& request,
                                    TransportEvents& events) const override {
        if (tls_) {
            using Tls = Connection<beast::ssl_stream<beast::tcp_stream>>;
            auto connection = std::make_shared<Tls>(settings_, events, io, *tls_);
            connection->start(request);
            return connection;
        }
        using Plain = Connection<beast::tcp_stream>;
        auto connection = std::make_shared<Plain>(settings_, events, io);
        connection->start(request);
        return connection;
    }

    std::string describe() const override {
        return settings_.server.address().to_string() + ":" + std::to_string(settings_.server.port());
    }

private:
    Settings settings_;
    std::unique_ptr<asio::ssl::context> tls_;
};

}  // namespace

std::unique_ptr<Connector> Connector::create(const Options& options) {
    return std::make_unique<BeastConnector>(options);
}

}  // namespace parkgrid::loadgen
