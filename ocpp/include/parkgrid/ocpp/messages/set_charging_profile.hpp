#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/charging_profile.hpp"

namespace parkgrid::ocpp {

enum class ChargingProfileStatus { Accepted, Rejected, NotSupported };
PARKGRID_OCPP_ENUM(ChargingProfileStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {NotSupported, "NotSupported"});

struct SetChargingProfileResponse {
    ChargingProfileStatus status{};
};
BOOST_DESCRIBE_STRUCT(SetChargingProfileResponse, (), (status))

struct SetChargingProfileRequest {
    static constexpr std::string_view action = "SetChargingProfile";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = SetChargingProfileResponse;

    std::int32_t connector_id = 0;
    ChargingProfile cs_charging_profiles;  // a single profile despite the plural wire name
};
BOOST_DESCRIBE_STRUCT(SetChargingProfileRequest, (), (connector_id, cs_charging_profiles))

}  // namespace parkgrid::ocpp
