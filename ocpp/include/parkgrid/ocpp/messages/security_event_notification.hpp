#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct SecurityEventNotificationResponse {};
BOOST_DESCRIBE_STRUCT(SecurityEventNotificationResponse, (), ())

struct SecurityEventNotificationRequest {
    static constexpr std::string_view action = "SecurityEventNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = SecurityEventNotificationResponse;

    CiString<50> type;  // e.g. "FirmwareUpdated", "InvalidCentralSystemCertificate"; open-ended
    DateTime timestamp;
    std::optional<CiString<255>> tech_info;
};
BOOST_DESCRIBE_STRUCT(SecurityEventNotificationRequest, (), (type, timestamp, tech_info))

}  // namespace parkgrid::ocpp
