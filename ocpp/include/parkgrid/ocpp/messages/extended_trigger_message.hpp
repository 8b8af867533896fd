#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/trigger_message_status.hpp"

namespace parkgrid::ocpp {

// The security extension's MessageTriggerEnumType; named apart from OCPP 1.6's MessageTrigger, whose
// values differ (no DiagnosticsStatusNotification, but LogStatusNotification and SignChargePointCertificate).
enum class ExtendedMessageTrigger {
    BootNotification,
    LogStatusNotification,
    FirmwareStatusNotification,
    Heartbeat,
    MeterValues,
    SignChargePointCertificate,
    StatusNotification,
};
PARKGRID_OCPP_ENUM(ExtendedMessageTrigger, {BootNotification, "BootNotification"},
                   {LogStatusNotification, "LogStatusNotification"},
                   {FirmwareStatusNotification, "FirmwareStatusNotification"}, {Heartbeat, "Heartbeat"},
                   {MeterValues, "MeterValues"}, {SignChargePointCertificate, "SignChargePointCertificate"},
                   {StatusNotification, "StatusNotification"});

struct ExtendedTriggerMessageResponse {
    TriggerMessageStatus status{};
};
BOOST_DESCRIBE_STRUCT(ExtendedTriggerMessageResponse, (), (status))

struct ExtendedTriggerMessageRequest {
    static constexpr std::string_view action = "ExtendedTriggerMessage";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ExtendedTriggerMessageResponse;

    ExtendedMessageTrigger requested_message{};
    std::optional<std::int32_t> connector_id;
};
BOOST_DESCRIBE_STRUCT(ExtendedTriggerMessageRequest, (), (requested_message, connector_id))

}  // namespace parkgrid::ocpp
