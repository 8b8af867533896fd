#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parkgrid::server::auth {

struct ThrottleLimit {
    std::size_t max_failures = 5;
    std::chrono::seconds window{15 * 60};
};

// Refuses login attempts after too many failures, per username and per remote address, over a sliding
// window: after `max_failures` failures within `window`, attempts are refused until the oldest of them is
// `window` old. A successful login clears the username's failures (not the address's: one office behind
// one address should not be able to unlock an attack on another account).
//
// Kept in memory: a restart forgets the counters, and with several csms processes each counts on its own.
// That is acceptable for a single-server deployment; a shared store would be needed beyond that.
// Thread-safe.
class LoginThrottle {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    LoginThrottle(
        ThrottleLimit per_username, ThrottleLimit per_address,
        Clock clock = [] { return std::chrono::steady_clock::now(); });

    // nullopt when an attempt may proceed, otherwise how long until one may (at least one second).
    // Usernames are case-insensitive; `address` is the client's IP address without the port.
    std::optional<std::chrono::seconds> refusal(std::string_view username, std::string_view address);
    void record_failure(std::string_view username, std::string_view address);
    void record_success(std::string_view username);

    // How many keys are tracked; for tests of the memory bound.
    std::size_t tracked() const;

private:
    using Failures = std::deque<std::chrono::steady_clock::time_point>;
    using FailureMap = std::unordered_map<std::string, Failures>;

    std::optional<std::chrono::seconds> wait_for(FailureMap& map, const std::string& key,
                                                 const ThrottleLimit& limit,
                                                 std::chrono::steady_clock::time_point now);
    void add(FailureMap& map, const std::string& key, const ThrottleLimit& limit,
             std::chrono::steady_clock::time_point now);

    const ThrottleLimit per_username_;
    const ThrottleLimit per_address_;
    const Clock clock_;
    mutable std::mutex mutex_;
    FailureMap by_username_;
    FailureMap by_address_;
};

// "192.0.2.1:5000" -> "192.0.2.1", "[2001:db8::1]:5000" -> "[2001:db8::1]": the client, whatever port it
// used for this connection.
std::string_view host_of(std::string_view remote_address);

}  // namespace parkgrid::server::auth
