#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class UnlockStatus { Unlocked, UnlockFailed, NotSupported };
PARKGRID_OCPP_ENUM(UnlockStatus, {Unlocked, "Unlocked"}, {UnlockFailed, "UnlockFailed"},
                   {NotSupported, "NotSupported"});

struct UnlockConnectorResponse {
    UnlockStatus status{};
};
BOOST_DESCRIBE_STRUCT(UnlockConnectorResponse, (), (status))

struct UnlockConnectorRequest {
    static constexpr std::string_view action = "UnlockConnector";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = UnlockConnectorResponse;

    std::int32_t connector_id = 0;
};
BOOST_DESCRIBE_STRUCT(UnlockConnectorRequest, (), (connector_id))

}  // namespace parkgrid::ocpp
