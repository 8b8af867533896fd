#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class UploadLogStatus {
    BadMessage,
    Idle,
    NotSupportedOperation,
    PermissionDenied,
    Uploaded,
    UploadFailure,
    Uploading,
};
PARKGRID_OCPP_ENUM(UploadLogStatus, {BadMessage, "BadMessage"}, {Idle, "Idle"},
                   {NotSupportedOperation, "NotSupportedOperation"}, {PermissionDenied, "PermissionDenied"},
                   {Uploaded, "Uploaded"}, {UploadFailure, "UploadFailure"}, {Uploading, "Uploading"});

struct LogStatusNotificationResponse {};
BOOST_DESCRIBE_STRUCT(LogStatusNotificationResponse, (), ())

struct LogStatusNotificationRequest {
    static constexpr std::string_view action = "LogStatusNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = LogStatusNotificationResponse;

    UploadLogStatus status{};
    std::optional<std::int32_t> request_id;
};
BOOST_DESCRIBE_STRUCT(LogStatusNotificationRequest, (), (status, request_id))

}  // namespace parkgrid::ocpp
