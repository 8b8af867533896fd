#pragma once

#include <atomic>
#include <string>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::server {

// What the central system knows about a charger's registration. It belongs to the charger, not to the
// connection: an accepted charger that reconnects without booting again is served.
enum class Registration { Unregistered, Pending, Accepted, Rejected };

inline Registration to_registration(storage::RegistrationStatus status) {
    switch (status) {
        case storage::RegistrationStatus::Accepted: return Registration::Accepted;
        case storage::RegistrationStatus::Pending: return Registration::Pending;
        case storage::RegistrationStatus::Rejected: return Registration::Rejected;
    }
    return Registration::Unregistered;
}

// State of one connected charger shared by its session and its message handler.
struct ChargerState {
    ChargerState(std::string charger_id, std::string remote)
        : id(std::move(charger_id)), remote_address(std::move(remote)) {}

    const std::string id;
    const std::string remote_address;
    std::atomic<Registration> registration{Registration::Unregistered};
};

}  // namespace parkgrid::server
