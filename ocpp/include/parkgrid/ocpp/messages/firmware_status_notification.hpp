#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class FirmwareStatus {
    Downloaded,
    DownloadFailed,
    Downloading,
    Idle,
    InstallationFailed,
    Installing,
    Installed
};
PARKGRID_OCPP_ENUM(FirmwareStatus, {Downloaded, "Downloaded"}, {DownloadFailed, "DownloadFailed"},
                   {Downloading, "Downloading"}, {Idle, "Idle"}, {InstallationFailed, "InstallationFailed"},
                   {Installing, "Installing"}, {Installed, "Installed"});

struct FirmwareStatusNotificationResponse {};
BOOST_DESCRIBE_STRUCT(FirmwareStatusNotificationResponse, (), ())

struct FirmwareStatusNotificationRequest {
    static constexpr std::string_view action = "FirmwareStatusNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = FirmwareStatusNotificationResponse;

    FirmwareStatus status{};
};
BOOST_DESCRIBE_STRUCT(FirmwareStatusNotificationRequest, (), (status))

}  // namespace parkgrid::ocpp
