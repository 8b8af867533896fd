#include "ocpp_test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <stdexcept>

namespace parkgrid::testing {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Runs the io_context until `done` or the timeout; returns whether it completed.
template <typename Predicate>
bool run_until(net::io_context& io, Predicate done, std::chrono::milliseconds timeout) {
    io.restart();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        io.run_one_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace

Frame Frame::parse(const std::string& text) {
    const auto message = nlohmann::json::parse(text);
    Frame frame;
    frame.type = message.at(0).get<int>();
    frame.unique_id = message.at(1).get<std::string>();
    if (frame.type == 2) {
        frame.action = message.at(2).get<std::string>();
        frame.payload = message.at(3);
    } else if (frame.type == 3) {
        frame.payload = message.at(2);
    } else {
        frame.error_code = message.at(2).get<std::string>();
        frame.error_description = message.at(3).get<std::string>();
        frame.payload = message.at(4);
    }
    return frame;
}

// One read is always outstanding; frames collect in `inbox` so waiting never needs to cancel a read.
struct OcppTestClient::Impl {
    net::io_context io;
    websocket::stream<beast::tcp_stream> ws{io};
    beast::flat_buffer buffer;
    std::deque<std::string> inbox;
    std::string subprotocol;
    bool open = false;
    std::string close_error;
    std::optional<std::uint16_t> close_code;

    void read_next() {
        ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
            if (ec) {
                open = false;
                close_error = ec.message();
                close_code = ws.reason().code;
                return;
            }
            inbox.push_back(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            read_next();
        });
    }
};

OcppTestClient::OcppTestClient(std::uint16_t port, const std::string& identity, ConnectOptions options)
    : impl_(std::make_unique<Impl>()) {
    auto& ws = impl_->ws;
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(ws).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    std::string offer;
    for (const auto& protocol : options.subprotocols) {
        offer += (offer.empty() ? "" : ", ") + protocol;
    }
    ws.set_option(websocket::stream_base::decorator([offer](websocket::request_type& request) {
        if (!offer.empty()) {
            request.set(http::field::sec_websocket_protocol, offer);
        }
    }));
    websocket::response_type response;
    beast::error_code ec;
    const std::string target = options.target.empty() ? "/ocpp/" + identity : options.target;
    ws.handshake(response, "127.0.0.1:" + std::to_string(port), target, ec);
    if (ec) {
        throw HandshakeRefused(response.result_int(), response.body());
    }
    beast::get_lowest_layer(ws).expires_never();
    ws.read_message_max(0);  // tests send oversized frames on purpose; never limit what we receive
    impl_->subprotocol = std::string(response[http::field::sec_websocket_protocol]);
    impl_->open = true;
    impl_->read_next();
}

OcppTestClient::~OcppTestClient() {
    if (impl_->open) {
        bool done = false;
        impl_->ws.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
        run_until(
            impl_->io, [&] { return done || !impl_->open; }, std::chrono::seconds(2));
    }
}

const std::string& OcppTestClient::subprotocol() const {
    return impl_->subprotocol;
}

bool OcppTestClient::is_open() const {
    return impl_->open;
}

void OcppTestClient::send_text(const std::string& text) {
    if (!impl_->open) {
        throw std::runtime_error("connection is closed: " + impl_->close_error);
    }
    bool done = false;
    beast::error_code result;
    impl_->ws.text(true);
    impl_->ws.async_write(net::buffer(text), [&](beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
    });
    if (!run_until(
            impl_->io, [&] { return done; }, std::chrono::seconds(10)) ||
        result) {
        throw std::runtime_error("send failed: " + result.message());
    }
}

std::optional<std::string> OcppTestClient::receive_text(std::chrono::milliseconds timeout) {
    run_until(
        impl_->io, [&] { return !impl_->inbox.empty() || !impl_->open; }, timeout);
    if (!impl_->inbox.empty()) {
        auto text = std::move(impl_->inbox.front());
        impl_->inbox.pop_front();
        return text;
    }
    if (!impl_->open) {
        throw std::runtime_error("connection closed: " + impl_->close_error);
    }
    return std::nullopt;
}

Frame OcppTestClient::call(const std::string& action, const nlohmann::json& payload,
                           std::chrono::milliseconds timeout) {
    return call_with_id("t" + std::to_string(next_id_++), action, payload, timeout);
}

Frame OcppTestClient::call_with_id(const std::string& unique_id, const std::string& action,
                                   const nlohmann::json& payload, std::chrono::milliseconds timeout) {
    send_text(nlohmann::json::array({2, unique_id, action, payload}).dump());
    return wait_for_answer(unique_id, timeout);
}

std::optional<Frame> OcppTestClient::next_frame(std::chrono::steady_clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds(0)) {
        return std::nullopt;
    }
    const auto text = receive_text(left);
    return text ? std::optional<Frame>(Frame::parse(*text)) : std::nullopt;
}

std::optional<Frame> OcppTestClient::receive_answer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (auto frame = next_frame(deadline)) {
        if (frame->type != 2) {
            return frame;
        }
        server_calls_.push_back(std::move(*frame));
    }
    return std::nullopt;
}

Frame OcppTestClient::wait_for_answer(const std::string& unique_id, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (auto frame = next_frame(deadline)) {
        if (frame->type == 2) {
            server_calls_.push_back(std::move(*frame));
        } else if (frame->unique_id == unique_id) {
            return std::move(*frame);
        }
    }
    throw std::runtime_error("no answer to " + unique_id);
}

Frame OcppTestClient::wait_for_server_call(std::chrono::milliseconds timeout) {
    if (!server_calls_.empty()) {
        auto frame = std::move(server_calls_.front());
        server_calls_.pop_front();
        return frame;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (auto frame = next_frame(deadline)) {
        if (frame->type == 2) {
            return std::move(*frame);
        }
    }
    throw std::runtime_error("no CALL from the server");
}

void OcppTestClient::answer(const Frame& server_call, const nlohmann::json& payload) {
    send_text(nlohmann::json::array({3, server_call.unique_id, payload}).dump());
}

std::optional<std::uint16_t> OcppTestClient::wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
        while (auto frame = next_frame(deadline)) {
            if (frame->type == 2) {
                server_calls_.push_back(std::move(*frame));
            }
        }
    } catch (const std::runtime_error&) {
        // closed
    }
    return impl_->open ? std::nullopt : impl_->close_code;
}

Frame OcppTestClient::boot(const std::string& vendor, const std::string& model) {
    return call("BootNotification", {{"chargePointVendor", vendor}, {"chargePointModel", model}});
}

nlohmann::json HttpResult::json() const {
    return nlohmann::json::parse(body);
}

HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body, const std::optional<std::string>& bearer_token,
                        const std::vector<std::pair<std::string, std::string>>& headers) {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(10));
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (bearer_token) {
        request.set(http::field::authorization, "Bearer " + *bearer_token);
    }
    if (!body.empty()) {
        request.set(http::field::content_type, "application/json");
        request.body() = body;
    }
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return HttpResult{response.result_int(), response.body(),
                      std::string(response[http::field::content_type])};
}

}  // namespace parkgrid::testing
