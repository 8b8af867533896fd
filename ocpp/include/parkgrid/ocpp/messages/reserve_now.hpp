#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"

namespace parkgrid::ocpp {

enum class ReservationStatus { Accepted, Faulted, Occupied, Rejected, Unavailable };
PARKGRID_OCPP_ENUM(ReservationStatus, {Accepted, "Accepted"}, {Faulted, "Faulted"}, {Occupied, "Occupied"},
                   {Rejected, "Rejected"}, {Unavailable, "Unavailable"});

struct ReserveNowResponse {
    ReservationStatus status{};
};
BOOST_DESCRIBE_STRUCT(ReserveNowResponse, (), (status))

struct ReserveNowRequest {
    static constexpr std::string_view action = "ReserveNow";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ReserveNowResponse;

    std::int32_t connector_id = 0;
    DateTime expiry_date;
    IdToken id_tag;
    std::optional<IdToken> parent_id_tag;
    std::int32_t reservation_id = 0;
};
BOOST_DESCRIBE_STRUCT(ReserveNowRequest, (),
                      (connector_id, expiry_date, id_tag, parent_id_tag, reservation_id))

}  // namespace parkgrid::ocpp
