#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"

namespace parkgrid::ocpp {

struct StartTransactionResponse {
    IdTagInfo id_tag_info;
    std::int32_t transaction_id = 0;
};
BOOST_DESCRIBE_STRUCT(StartTransactionResponse, (), (id_tag_info, transaction_id))

struct StartTransactionRequest {
    static constexpr std::string_view action = "StartTransaction";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = StartTransactionResponse;

    std::int32_t connector_id = 0;
    IdToken id_tag;
    std::int64_t meter_start = 0;  // Wh; lifetime registers of DC chargers exceed 2^31
    std::optional<std::int32_t> reservation_id;
    DateTime timestamp;
};
BOOST_DESCRIBE_STRUCT(StartTransactionRequest, (),
                      (connector_id, id_tag, meter_start, reservation_id, timestamp))

}  // namespace parkgrid::ocpp
