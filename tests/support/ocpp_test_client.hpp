#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace parkgrid::testing {

using namespace std::chrono_literals;

// A frame received from the central system.
struct Frame {
    int type = 0;  // 2 CALL, 3 CALLRESULT, 4 CALLERROR
    std::string unique_id;
    std::string action;      // CALL
    nlohmann::json payload;  // CALL and CALLRESULT
    std::string error_code;  // CALLERROR
    std::string error_description;

    static Frame parse(const std::string& text);
};

struct HandshakeRefused : std::runtime_error {
    HandshakeRefused(unsigned http_status, std::string body)
        : std::runtime_error("WebSocket upgrade refused with HTTP " + std::to_string(http_status)),
          status(http_status),
          response_body(std::move(body)) {}
    unsigned status;
    std::string response_body;
};

struct ConnectOptions {
    std::vector<std::string> subprotocols = {"ocpp1.6"};
    std::string target;  // overrides "/ocpp/<identity>" when set
};

// A blocking OCPP-J 1.6 charger for tests. Every wait has a timeout so a broken server fails a test
// instead of hanging it.
class OcppTestClient {
public:
    OcppTestClient(std::uint16_t port, const std::string& identity, ConnectOptions options = {});
    ~OcppTestClient();

    // The subprotocol the server agreed to.
    const std::string& subprotocol() const;

    void send_text(const std::string& text);
    // Next frame from the server, or nullopt on timeout; throws when the connection closed.
    std::optional<std::string> receive_text(std::chrono::milliseconds timeout = 5s);

    // Sends a CALL and waits for its answer (CALLRESULT or CALLERROR). CALLs the server sends meanwhile are
    // kept in server_calls(). Throws on timeout.
    Frame call(const std::string& action, const nlohmann::json& payload,
               std::chrono::milliseconds timeout = 10s);
    Frame call_with_id(const std::string& unique_id, const std::string& action, const nlohmann::json& payload,
                       std::chrono::milliseconds timeout = 10s);
    // The next CALLRESULT or CALLERROR within `timeout`, or nullopt; CALLs from the server meanwhile are kept
    // in server_calls() (the central system reads a charger's configuration after every boot).
    std::optional<Frame> receive_answer(std::chrono::milliseconds timeout = 5s);
    // Waits for the answer to a frame already sent with send_text.
    Frame wait_for_answer(const std::string& unique_id, std::chrono::milliseconds timeout = 10s);
    // Waits for a CALL from the server (returning one received earlier first).
    Frame wait_for_server_call(std::chrono::milliseconds timeout = 10s);
    void answer(const Frame& server_call, const nlohmann::json& payload);

    // Waits until the server closes the connection; returns the close code (or nullopt on timeout).
    std::optional<std::uint16_t> wait_closed(std::chrono::milliseconds timeout = 10s);
    bool is_open() const;

    // Shortcut: BootNotification, expecting an answer.
    Frame boot(const std::string& vendor = "ParkGridTest", const std::string& model = "AC-7kW");

private:
    // The next frame before `deadline`, or nullopt; throws when the connection closed.
    std::optional<Frame> next_frame(std::chrono::steady_clock::time_point deadline);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::deque<Frame> server_calls_;
    int next_id_ = 1;
};

// A blocking HTTP client for the REST API.
struct HttpResult {
    unsigned status = 0;
    std::string body;
    std::string content_type;
    nlohmann::json json() const;
};

HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& body = "",
                        const std::optional<std::string>& bearer_token = std::nullopt,
                        const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace parkgrid::testing
