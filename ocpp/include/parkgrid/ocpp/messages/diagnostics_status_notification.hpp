#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class DiagnosticsStatus { Idle, Uploaded, UploadFailed, Uploading };
PARKGRID_OCPP_ENUM(DiagnosticsStatus, {Idle, "Idle"}, {Uploaded, "Uploaded"}, {UploadFailed, "UploadFailed"},
                   {Uploading, "Uploading"});

struct DiagnosticsStatusNotificationResponse {};
BOOST_DESCRIBE_STRUCT(DiagnosticsStatusNotificationResponse, (), ())

struct DiagnosticsStatusNotificationRequest {
    static constexpr std::string_view action = "DiagnosticsStatusNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = DiagnosticsStatusNotificationResponse;

    DiagnosticsStatus status{};
};
BOOST_DESCRIBE_STRUCT(DiagnosticsStatusNotificationRequest, (), (status))

}  // namespace parkgrid::ocpp
