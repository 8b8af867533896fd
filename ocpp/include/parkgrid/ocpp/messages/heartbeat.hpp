#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct HeartbeatResponse {
    DateTime current_time;
};
BOOST_DESCRIBE_STRUCT(HeartbeatResponse, (), (current_time))

struct HeartbeatRequest {
    static constexpr std::string_view action = "Heartbeat";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = HeartbeatResponse;
};
BOOST_DESCRIBE_STRUCT(HeartbeatRequest, (), ())

}  // namespace parkgrid::ocpp
