#include "event_stream_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <stdexcept>

namespace parkgrid::testing {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

}  // namespace

struct EventStreamClient::Impl {
    net::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    std::string text;  // body bytes received and not yet parsed into events
    std::function<std::size_t(std::uint64_t, beast::string_view, beast::error_code&)> on_chunk;
    bool reading = false;
    bool ended = false;

    void read_more() {
        reading = true;
        http::async_read_some(stream, buffer, parser, [this](beast::error_code ec, std::size_t) {
            reading = false;
            if (ec) {
                ended = true;
            }
        });
    }

    std::optional<ServerSentEvent> take_event() {
        while (true) {
            const auto end = text.find("\n\n");
            if (end == std::string::npos) {
                return std::nullopt;
            }
            const std::string block = text.substr(0, end);
            text.erase(0, end + 2);
            ServerSentEvent event;
            bool has_data = false;
            std::size_t start = 0;
            while (start < block.size()) {
                auto newline = block.find('\n', start);
                const std::string line =
                    block.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
                start = newline == std::string::npos ? block.size() : newline + 1;
                if (line.rfind("id: ", 0) == 0) {
                    event.id = line.substr(4);
                } else if (line.rfind("event: ", 0) == 0) {
                    event.type = line.substr(7);
                } else if (line.rfind("data: ", 0) == 0) {
                    event.data = nlohmann::json::parse(line.substr(6));
                    has_data = true;
                }
            }
            if (has_data) {
                return event;
            }
        }
    }
};

EventStreamClient::EventStreamClient(std::uint16_t port, const std::string& target,
                                     const std::string& bearer_token)
    : impl_(std::make_unique<Impl>()) {
    impl_->stream.expires_after(std::chrono::seconds(10));
    impl_->stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> request(http::verb::get, target, 11);
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + bearer_token);
    request.set(http::field::accept, "text/event-stream");
    http::write(impl_->stream, request);
    // The parser keeps a reference to the callback, so it lives in Impl.
    impl_->on_chunk = [this](std::uint64_t, beast::string_view body, beast::error_code&) {
        impl_->text.append(body.data(), body.size());
        return body.size();
    };
    impl_->parser.on_chunk_body(impl_->on_chunk);
    http::read_header(impl_->stream, impl_->buffer, impl_->parser);
    impl_->stream.expires_never();
}

EventStreamClient::~EventStreamClient() {
    beast::error_code ec;
    impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
}

unsigned EventStreamClient::status() const {
    return impl_->parser.get().result_int();
}

std::string EventStreamClient::content_type() const {
    return std::string(impl_->parser.get()[http::field::content_type]);
}

std::optional<ServerSentEvent> EventStreamClient::next(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto event = impl_->take_event()) {
            return event;
        }
        if (impl_->ended || std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        if (!impl_->reading) {
            impl_->read_more();
        }
        impl_->io.restart();
        impl_->io.run_one_for(std::chrono::milliseconds(20));
    }
}

ServerSentEvent EventStreamClient::next_of(const std::string& type, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto event = next(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
        if (event && event->type == type) {
            return *event;
        }
    }
    throw std::runtime_error("no '" + type + "' event");
}

}  // namespace parkgrid::testing
