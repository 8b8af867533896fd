#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/charging_profile.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"
#include "parkgrid/ocpp/types/remote_start_stop_status.hpp"

namespace parkgrid::ocpp {

struct RemoteStartTransactionResponse {
    RemoteStartStopStatus status{};
};
BOOST_DESCRIBE_STRUCT(RemoteStartTransactionResponse, (), (status))

struct RemoteStartTransactionRequest {
    static constexpr std::string_view action = "RemoteStartTransaction";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = RemoteStartTransactionResponse;

    std::optional<std::int32_t> connector_id;
    IdToken id_tag;
    std::optional<ChargingProfile> charging_profile;  // purpose must be TxProfile
};
BOOST_DESCRIBE_STRUCT(RemoteStartTransactionRequest, (), (connector_id, id_tag, charging_profile))

}  // namespace parkgrid::ocpp
