#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace parkgrid::server {

class ConnectionLimiter;

// One counted connection; gives its place back when destroyed. Movable, so a connection that turns into
// a WebSocket keeps its place.
class ConnectionSlot {
public:
    ConnectionSlot() = default;
    ConnectionSlot(std::shared_ptr<ConnectionLimiter> limiter, std::string address);
    ~ConnectionSlot();
    ConnectionSlot(ConnectionSlot&& other) noexcept = default;
    ConnectionSlot& operator=(ConnectionSlot&& other) noexcept;
    ConnectionSlot(const ConnectionSlot&) = delete;
    ConnectionSlot& operator=(const ConnectionSlot&) = delete;

private:
    void release();

    std::shared_ptr<ConnectionLimiter> limiter_;
    std::string address_;
};

// Caps open connections in all and per remote address, so that one misbehaving host (or a flood) cannot
// take every file descriptor from the chargers. Thread-safe.
class ConnectionLimiter : public std::enable_shared_from_this<ConnectionLimiter> {
public:
    ConnectionLimiter(std::size_t max_total, std::size_t max_per_address);

    // nullopt when either limit is reached; `address` is the remote IP without the port.
    std::optional<ConnectionSlot> try_acquire(const std::string& address);
    std::size_t open() const;

private:
    friend class ConnectionSlot;
    void release(const std::string& address);

    const std::size_t max_total_;
    const std::size_t max_per_address_;
    mutable std::mutex mutex_;
    std::size_t total_ = 0;
    std::unordered_map<std::string, std::size_t> per_address_;
};

}  // namespace parkgrid::server
