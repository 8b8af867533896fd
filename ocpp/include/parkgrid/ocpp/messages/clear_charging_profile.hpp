#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/charging_profile.hpp"

namespace parkgrid::ocpp {

enum class ClearChargingProfileStatus { Accepted, Unknown };
PARKGRID_OCPP_ENUM(ClearChargingProfileStatus, {Accepted, "Accepted"}, {Unknown, "Unknown"});

struct ClearChargingProfileResponse {
    ClearChargingProfileStatus status{};
};
BOOST_DESCRIBE_STRUCT(ClearChargingProfileResponse, (), (status))

// Every field narrows the selection; an empty request clears all profiles.
struct ClearChargingProfileRequest {
    static constexpr std::string_view action = "ClearChargingProfile";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ClearChargingProfileResponse;

    std::optional<std::int32_t> id;
    std::optional<std::int32_t> connector_id;
    std::optional<ChargingProfilePurpose> charging_profile_purpose;
    std::optional<std::int32_t> stack_level;
};
BOOST_DESCRIBE_STRUCT(ClearChargingProfileRequest, (),
                      (id, connector_id, charging_profile_purpose, stack_level))

}  // namespace parkgrid::ocpp
