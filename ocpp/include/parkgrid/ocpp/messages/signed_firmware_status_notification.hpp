#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

// The security extension's FirmwareStatusEnumType; named apart from OCPP 1.6's FirmwareStatus, which it
// extends with scheduling and signature verification states.
enum class SignedFirmwareStatus {
    Downloaded,
    DownloadFailed,
    Downloading,
    DownloadScheduled,
    DownloadPaused,
    Idle,
    InstallationFailed,
    Installing,
    Installed,
    InstallRebooting,
    InstallScheduled,
    InstallVerificationFailed,
    InvalidSignature,
    SignatureVerified,
};
PARKGRID_OCPP_ENUM(SignedFirmwareStatus, {Downloaded, "Downloaded"}, {DownloadFailed, "DownloadFailed"},
                   {Downloading, "Downloading"}, {DownloadScheduled, "DownloadScheduled"},
                   {DownloadPaused, "DownloadPaused"}, {Idle, "Idle"},
                   {InstallationFailed, "InstallationFailed"}, {Installing, "Installing"},
                   {Installed, "Installed"}, {InstallRebooting, "InstallRebooting"},
                   {InstallScheduled, "InstallScheduled"},
                   {InstallVerificationFailed, "InstallVerificationFailed"},
                   {InvalidSignature, "InvalidSignature"}, {SignatureVerified, "SignatureVerified"});

struct SignedFirmwareStatusNotificationResponse {};
BOOST_DESCRIBE_STRUCT(SignedFirmwareStatusNotificationResponse, (), ())

struct SignedFirmwareStatusNotificationRequest {
    static constexpr std::string_view action = "SignedFirmwareStatusNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = SignedFirmwareStatusNotificationResponse;

    SignedFirmwareStatus status{};
    std::optional<std::int32_t> request_id;
};
BOOST_DESCRIBE_STRUCT(SignedFirmwareStatusNotificationRequest, (), (status, request_id))

}  // namespace parkgrid::ocpp
