#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

class EventBus;

// Security events ParkGrid notices itself (source "centralSystem"), next to those chargers report with
// SecurityEventNotification.
inline constexpr std::string_view kAuthenticationFailed = "AuthenticationFailed";
inline constexpr std::string_view kConnectionReplaced = "ConnectionReplaced";
inline constexpr std::string_view kAuthorizationKeyChanged = "AuthorizationKeyChanged";
inline constexpr std::string_view kSecurityProfileChanged = "SecurityProfileChanged";

// Stores the event and, once stored, publishes "security.event" for the live event stream.
void record_security_event(storage::Database& database, EventBus& events, const std::string& charger_id,
                           std::string_view type, std::string tech_info,
                           std::optional<std::string> remote_address = std::nullopt);

}  // namespace parkgrid::server
