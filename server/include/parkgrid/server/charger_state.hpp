#pragma once

#include <atomic>
#include <string>

namespace parkgrid::server {

// What the central system knows about a charger's registration. It belongs to the charger, not to the
// connection: an accepted charger that reconnects without booting again is served.
enum class Registration { Unregistered, Pending, Accepted, Rejected };

// State of one connected charger shared by its session and its message handler.
struct ChargerState {
    ChargerState(std::string charger_id, std::string remote) : id(std::move(charger_id)), remote_address(std::move(remote)) {}

    const std::string id;
    const std::string remote_address;
    std::atomic<Registration> registration{Registration::Unregistered};
};

}  // namespace parkgrid::server
