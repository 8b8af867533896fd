#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/remote_start_stop_status.hpp"

namespace parkgrid::ocpp {

struct RemoteStopTransactionResponse {
    RemoteStartStopStatus status{};
};
BOOST_DESCRIBE_STRUCT(RemoteStopTransactionResponse, (), (status))

struct RemoteStopTransactionRequest {
    static constexpr std::string_view action = "RemoteStopTransaction";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = RemoteStopTransactionResponse;

    std::int32_t transaction_id = 0;
};
BOOST_DESCRIBE_STRUCT(RemoteStopTransactionRequest, (), (transaction_id))

}  // namespace parkgrid::ocpp
