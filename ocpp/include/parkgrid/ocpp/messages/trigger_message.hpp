#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/trigger_message_status.hpp"

namespace parkgrid::ocpp {

enum class MessageTrigger {
    BootNotification,
    DiagnosticsStatusNotification,
    FirmwareStatusNotification,
    Heartbeat,
    MeterValues,
    StatusNotification,
};
PARKGRID_OCPP_ENUM(MessageTrigger, {BootNotification, "BootNotification"},
                   {DiagnosticsStatusNotification, "DiagnosticsStatusNotification"},
                   {FirmwareStatusNotification, "FirmwareStatusNotification"}, {Heartbeat, "Heartbeat"},
                   {MeterValues, "MeterValues"}, {StatusNotification, "StatusNotification"});

struct TriggerMessageResponse {
    TriggerMessageStatus status{};
};
BOOST_DESCRIBE_STRUCT(TriggerMessageResponse, (), (status))

struct TriggerMessageRequest {
    static constexpr std::string_view action = "TriggerMessage";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = TriggerMessageResponse;

    MessageTrigger requested_message{};
    std::optional<std::int32_t> connector_id;
};
BOOST_DESCRIBE_STRUCT(TriggerMessageRequest, (), (requested_message, connector_id))

}  // namespace parkgrid::ocpp
