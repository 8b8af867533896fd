#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class UpdateFirmwareStatus {
    Accepted,
    Rejected,
    AcceptedCanceled,
    InvalidCertificate,
    RevokedCertificate
};
PARKGRID_OCPP_ENUM(UpdateFirmwareStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {AcceptedCanceled, "AcceptedCanceled"}, {InvalidCertificate, "InvalidCertificate"},
                   {RevokedCertificate, "RevokedCertificate"});

// The security extension's FirmwareType: where to fetch the image and how to verify it.
struct Firmware {
    CiString<512> location;  // download URL
    DateTime retrieve_date_time;
    std::optional<DateTime> install_date_time;
    CiString<5500> signing_certificate;  // PEM
    CiString<800> signature;             // base64
};
BOOST_DESCRIBE_STRUCT(Firmware, (),
                      (location, retrieve_date_time, install_date_time, signing_certificate, signature))

struct SignedUpdateFirmwareResponse {
    UpdateFirmwareStatus status{};
};
BOOST_DESCRIBE_STRUCT(SignedUpdateFirmwareResponse, (), (status))

struct SignedUpdateFirmwareRequest {
    static constexpr std::string_view action = "SignedUpdateFirmware";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = SignedUpdateFirmwareResponse;

    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;  // seconds
    std::int32_t request_id = 0;
    Firmware firmware;
};
BOOST_DESCRIBE_STRUCT(SignedUpdateFirmwareRequest, (), (retries, retry_interval, request_id, firmware))

}  // namespace parkgrid::ocpp
