#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class AvailabilityType { Inoperative, Operative };
PARKGRID_OCPP_ENUM(AvailabilityType, {Inoperative, "Inoperative"}, {Operative, "Operative"});

enum class AvailabilityStatus { Accepted, Rejected, Scheduled };
PARKGRID_OCPP_ENUM(AvailabilityStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {Scheduled, "Scheduled"});

struct ChangeAvailabilityResponse {
    AvailabilityStatus status{};
};
BOOST_DESCRIBE_STRUCT(ChangeAvailabilityResponse, (), (status))

struct ChangeAvailabilityRequest {
    static constexpr std::string_view action = "ChangeAvailability";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ChangeAvailabilityResponse;

    std::int32_t connector_id = 0;  // 0: the whole charge point
    AvailabilityType type{};
};
BOOST_DESCRIBE_STRUCT(ChangeAvailabilityRequest, (), (connector_id, type))

}  // namespace parkgrid::ocpp
