#pragma once

// The SetChargingProfile requests ParkGrid sends. All limits are in amperes per phase, one period without
// end, stack level 0 and fixed ids per purpose, so that each new profile replaces the previous one of its
// purpose instead of piling up (some chargers accept only stack level 0, few accept many profiles).

#include <cstdint>

#include "parkgrid/ocpp/messages/set_charging_profile.hpp"

namespace parkgrid::server::load {

inline constexpr std::int32_t kTxDefaultProfileId = 1;
inline constexpr std::int32_t kChargePointMaxProfileId = 2;
// Tx profiles are per connector: id 100 + connector id.
inline constexpr std::int32_t kTxProfileIdBase = 100;

// The limit of one running transaction; relative to its start, so the charger's clock does not matter.
ocpp::SetChargingProfileRequest tx_profile(std::int32_t connector_id, std::int32_t transaction_id,
                                           double limit_a);
// The failsafe every new transaction starts with, and keeps while the charger cannot reach ParkGrid.
ocpp::SetChargingProfileRequest tx_default_profile(double limit_a);
// Caps the whole charger below its own rating (e.g. a smaller breaker than the charger was built for).
ocpp::SetChargingProfileRequest charge_point_max_profile(double limit_a);

}  // namespace parkgrid::server::load
