#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class CancelReservationStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(CancelReservationStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct CancelReservationResponse {
    CancelReservationStatus status{};
};
BOOST_DESCRIBE_STRUCT(CancelReservationResponse, (), (status))

struct CancelReservationRequest {
    static constexpr std::string_view action = "CancelReservation";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = CancelReservationResponse;

    std::int32_t reservation_id = 0;
};
BOOST_DESCRIBE_STRUCT(CancelReservationRequest, (), (reservation_id))

}  // namespace parkgrid::ocpp
