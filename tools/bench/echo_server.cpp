// parkgrid_echo_server: the raw WebSocket ceiling of ParkGrid's stack (Boost.Beast over Asio, one strand per
// connection, as in the Beast async server example). It answers every OCPP CALL with a fixed CALLRESULT that
// satisfies any action the load generator sends, so parkgrid_loadgen drives it exactly like csms; what csms
// costs beyond these figures is the price of its OCPP handling and durable storage. Nothing is parsed beyond
// the message id and nothing is stored. Run by tools/bench/run.sh, see docs/performance-results.md.
//
//   parkgrid_echo_server --listen 127.0.0.1:0 --threads 1
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <charconv>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "command_line.hpp"

namespace parkgrid::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// One payload answers Boot (status, currentTime, interval), StartTransaction (transactionId, idTagInfo),
// Authorize/StopTransaction (idTagInfo) and the empty results (extra fields are ignored by the generator).
constexpr std::string_view kResultPayload =
    R"({"status":"Accepted","currentTime":"2026-01-01T00:00:00Z","interval":300,"transactionId":1,)"
    R"("idTagInfo":{"status":"Accepted"}})";

std::size_t skip_spaces(std::string_view text, std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
        ++at;
    }
    return at;
}

// The id of an OCPP CALL `[2,"<id>",...`, found by scanning rather than parsing: the ceiling must not pay
// for JSON. Ids are printable ASCII without escapes in practice, so the next quote ends the id.
std::optional<std::string_view> call_id(std::string_view frame) {
    std::size_t at = skip_spaces(frame, 0);
    if (at >= frame.size() || frame[at] != '[') {
        return std::nullopt;
    }
    at = skip_spaces(frame, at + 1);
    if (at >= frame.size() || frame[at] != '2') {
        return std::nullopt;
    }
    at = skip_spaces(frame, at + 1);
    if (at >= frame.size() || frame[at] != ',') {
        return std::nullopt;
    }
    at = skip_spaces(frame, at + 1);
    if (at >= frame.size() || frame[at] != '"') {
        return std::nullopt;
    }
    const std::size_t end = frame.find('"', at + 1);
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    return frame.substr(at + 1, end - at - 1);
}

// Read one frame, write its answer, read the next: the Beast echo pattern. A charger with several CALLs in
// flight has them waiting in the socket buffer, which is also how csms takes them (one at a time).
class EchoSession : public std::enable_shared_from_this<EchoSession> {
public:
    explicit EchoSession(tcp::socket&& socket) : ws_(std::move(socket)) {}

    void run() {
        // Dispatch onto the session's strand before touching the stream, as in the Beast example.
        asio::dispatch(ws_.get_executor(),
                       beast::bind_front_handler(&EchoSession::on_run, shared_from_this()));
    }

private:
    void on_run() {
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
            response.set(beast::http::field::server, "parkgrid-echo");
            response.set(beast::http::field::sec_websocket_protocol, "ocpp1.6");
        }));
        ws_.async_accept(beast::bind_front_handler(&EchoSession::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec) {
        if (ec) {
            return;
        }
        ws_.text(true);
        read_next();
    }

    void read_next() {
        ws_.async_read(buffer_, beast::bind_front_handler(&EchoSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            return;  // closed by the peer or failed: the session ends with its last handler
        }
        const auto data = buffer_.cdata();
        const std::string_view frame(static_cast<const char*>(data.data()), data.size());
        const auto id = ws_.got_text() ? call_id(frame) : std::nullopt;
        if (!id) {
            buffer_.consume(buffer_.size());
            read_next();
            return;
        }
        answer_.clear();
        answer_.append(R"([3,")").append(*id).append(R"(",)").append(kResultPayload).append("]");
        buffer_.consume(buffer_.size());
        ws_.async_write(asio::buffer(answer_),
                        beast::bind_front_handler(&EchoSession::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) {
            return;
        }
        read_next();
    }

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::string answer_;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context& io, const tcp::endpoint& endpoint)
        : io_(io), acceptor_(asio::make_strand(io)), retry_timer_(acceptor_.get_executor()) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(65535);  // as csms: the kernel caps it at net.core.somaxconn
    }

    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    void run() { accept_next(); }

private:
    void accept_next() {
        acceptor_.async_accept(asio::make_strand(io_),
                               beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }

    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec) {
            // Out of file descriptors (or a similar transient failure): accepting again at once would spin.
            if (!reported_accept_error_) {
                std::cerr << "echo: accept failed: " << ec.message() << " (reported once)\n";
                reported_accept_error_ = true;
            }
            retry_timer_.expires_after(std::chrono::milliseconds(50));
            retry_timer_.async_wait([self = shared_from_this()](beast::error_code) { self->accept_next(); });
            return;
        }
        std::make_shared<EchoSession>(std::move(socket))->run();
        accept_next();
    }

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    asio::steady_timer retry_timer_;
    bool reported_accept_error_ = false;
};

struct Options {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    int threads = 1;
};

Options parse_options(int argc, char** argv) {
    const CommandLine command_line("parkgrid_echo_server",
                                   "usage: parkgrid_echo_server [--listen HOST:PORT] [--threads T]\n");
    Options options;
    command_line.for_each_flag(argc, argv, [&](const std::string& flag, const std::string& value) {
        if (flag == "--listen") {
            const auto colon = value.rfind(':');
            if (colon == std::string::npos) {
                command_line.fail("--listen expects HOST:PORT");
            }
            options.host = value.substr(0, colon);
            const int port = command_line.integer(std::string_view(value).substr(colon + 1), flag, 0);
            if (port > 65535) {
                command_line.fail("--listen port out of range");
            }
            options.port = static_cast<unsigned short>(port);
        } else if (flag == "--threads") {
            options.threads = command_line.integer(value, flag, 1);
        } else {
            return false;
        }
        return true;
    });
    return options;
}

int run(const Options& options) {
    asio::io_context io(options.threads);
    auto listener =
        std::make_shared<Listener>(io, tcp::endpoint(asio::ip::make_address(options.host), options.port));
    const auto bound = listener->local_endpoint();
    std::cout << "echo listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;
    listener->run();

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](beast::error_code, int) { io.stop(); });

    std::vector<std::thread> workers;
    for (int i = 1; i < options.threads; ++i) {
        workers.emplace_back([&io] { io.run(); });
    }
    io.run();
    for (auto& worker : workers) {
        worker.join();
    }
    return 0;
}

}  // namespace
}  // namespace parkgrid::bench

int main(int argc, char** argv) {
    try {
        return parkgrid::bench::run(parkgrid::bench::parse_options(argc, argv));
    } catch (const std::exception& error) {
        std::cerr << "parkgrid_echo_server: " << error.what() << "\n";
        return 1;
    }
}
