#include "login_throttle.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace parkgrid::server::auth {
namespace {

// Beyond this many keys, entries whose failures have all aged out are dropped, so that an attacker cycling
// through usernames or addresses cannot grow the maps without bound.
constexpr std::size_t kSweepThreshold = 10'000;

std::string lower_case(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

void drop_old(std::deque<std::chrono::steady_clock::time_point>& failures, std::chrono::seconds window,
              std::chrono::steady_clock::time_point now) {
    while (!failures.empty() && failures.front() + window <= now) {
        failures.pop_front();
    }
}

}  // namespace

LoginThrottle::LoginThrottle(ThrottleLimit per_username, ThrottleLimit per_address, Clock clock)
    : per_username_(per_username), per_address_(per_address), clock_(std::move(clock)) {}

std::optional<std::chrono::seconds> LoginThrottle::refusal(std::string_view username,
                                                           std::string_view address) {
    const auto now = clock_();
    const std::lock_guard lock(mutex_);
    const auto by_name = wait_for(by_username_, lower_case(username), per_username_, now);
    const auto by_address = wait_for(by_address_, std::string(address), per_address_, now);
    if (by_name && by_address) {
        return std::max(*by_name, *by_address);
    }
    return by_name ? by_name : by_address;
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address) {
    const auto now = clock_();
    const std::lock_guard lock(mutex_);
    add(by_username_, lower_case(username), per_username_, now);
    add(by_address_, std::string(address), per_address_, now);
}

void LoginThrottle::record_success(std::string_view username) {
    const std::lock_guard lock(mutex_);
    by_username_.erase(lower_case(username));
}

std::size_t LoginThrottle::tracked() const {
    const std::lock_guard lock(mutex_);
    return by_username_.size() + by_address_.size();
}

std::optional<std::chrono::seconds> LoginThrottle::wait_for(FailureMap& map, const std::string& key,
                                                            const ThrottleLimit& limit,
                                                            std::chrono::steady_clock::time_point now) {
    const auto it = map.find(key);
    if (it == map.end()) {
        return std::nullopt;
    }
    drop_old(it->second, limit.window, now);
    if (it->second.size() < limit.max_failures) {
        if (it->second.empty()) {
            map.erase(it);
        }
        return std::nullopt;
    }
    // Refused until the oldest failure that keeps the count at the limit leaves the window.
    const auto free_at = it->second[it->second.size() - limit.max_failures] + limit.window;
    const auto wait = std::chrono::ceil<std::chrono::seconds>(free_at - now);
    return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::add(FailureMap& map, const std::string& key, const ThrottleLimit& limit,
                        std::chrono::steady_clock::time_point now) {
    if (map.size() >= kSweepThreshold && !map.contains(key)) {
        for (auto it = map.begin(); it != map.end();) {
            drop_old(it->second, limit.window, now);
            it = it->second.empty() ? map.erase(it) : std::next(it);
        }
    }
    Failures& failures = map[key];
    drop_old(failures, limit.window, now);
    failures.push_back(now);
    // Only the newest max_failures matter for the decision.
    while (failures.size() > limit.max_failures) {
        failures.pop_front();
    }
}

std::string_view host_of(std::string_view remote_address) {
    const auto colon = remote_address.rfind(':');
    if (colon == std::string_view::npos) {
        return remote_address;
    }
    const auto host = remote_address.substr(0, colon);
    // A bare IPv6 address without brackets has no port to strip.
    if (!host.starts_with('[') && host.find(':') != std::string_view::npos) {
        return remote_address;
    }
    return host;
}

}  // namespace parkgrid::server::auth
