#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server {

inline constexpr std::size_t kMaxChargerIdentityLength = 48;

// A charge point identity: 1 to 48 printable ASCII characters (OCPP-J 1.6 section 3.1, CiString48 of
// the charge box identity).
bool is_valid_charger_identity(std::string_view identity);

// The identity in an OCPP endpoint target "/ocpp/{chargePointId}", percent-decoded; nullopt when the
// target is not such a path or the identity is invalid.
std::optional<std::string> charger_identity_from_target(std::string_view target);

}  // namespace parkgrid::server
