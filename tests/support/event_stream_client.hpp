#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace parkgrid::testing {

struct ServerSentEvent {
    std::string id;
    std::string type;
    nlohmann::json data;
};

// Reads a text/event-stream response (GET with a bearer token) event by event, with timeouts.
class EventStreamClient {
public:
    EventStreamClient(std::uint16_t port, const std::string& target, const std::string& bearer_token);
    ~EventStreamClient();

    unsigned status() const;
    std::string content_type() const;
    // The next event, or nullopt if none arrives in time (keep-alive comments are skipped).
    std::optional<ServerSentEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // The next event of `type`, skipping others.
    ServerSentEvent next_of(const std::string& type,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5));

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parkgrid::testing
