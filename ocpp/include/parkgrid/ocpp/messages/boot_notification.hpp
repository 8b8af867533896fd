#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class RegistrationStatus { Accepted, Pending, Rejected };
PARKGRID_OCPP_ENUM(RegistrationStatus, {Accepted, "Accepted"}, {Pending, "Pending"}, {Rejected, "Rejected"});

struct BootNotificationResponse {
    RegistrationStatus status{};
    DateTime current_time;
    std::int32_t interval = 0;
};
BOOST_DESCRIBE_STRUCT(BootNotificationResponse, (), (status, current_time, interval))

struct BootNotificationRequest {
    static constexpr std::string_view action = "BootNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = BootNotificationResponse;

    CiString<20> charge_point_vendor;
    CiString<20> charge_point_model;
    std::optional<CiString<25>> charge_point_serial_number;
    std::optional<CiString<25>> charge_box_serial_number;
    std::optional<CiString<50>> firmware_version;
    std::optional<CiString<20>> iccid;
    std::optional<CiString<20>> imsi;
    std::optional<CiString<25>> meter_type;
    std::optional<CiString<25>> meter_serial_number;
};
BOOST_DESCRIBE_STRUCT(BootNotificationRequest, (),
                      (charge_point_vendor, charge_point_model, charge_point_serial_number,
                       charge_box_serial_number, firmware_version, iccid, imsi, meter_type,
                       meter_serial_number))

}  // namespace parkgrid::ocpp
