#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ChargePointErrorCode {
    ConnectorLockFailure,
    EVCommunicationError,
    GroundFailure,
    HighTemperature,
    InternalError,
    LocalListConflict,
    NoError,
    OtherError,
    OverCurrentFailure,
    PowerMeterFailure,
    PowerSwitchFailure,
    ReaderFailure,
    ResetFailure,
    UnderVoltage,
    OverVoltage,
    WeakSignal,
};
PARKGRID_OCPP_ENUM(ChargePointErrorCode, {ConnectorLockFailure, "ConnectorLockFailure"},
                   {EVCommunicationError, "EVCommunicationError"}, {GroundFailure, "GroundFailure"},
                   {HighTemperature, "HighTemperature"}, {InternalError, "InternalError"},
                   {LocalListConflict, "LocalListConflict"}, {NoError, "NoError"}, {OtherError, "OtherError"},
                   {OverCurrentFailure, "OverCurrentFailure"}, {PowerMeterFailure, "PowerMeterFailure"},
                   {PowerSwitchFailure, "PowerSwitchFailure"}, {ReaderFailure, "ReaderFailure"},
                   {ResetFailure, "ResetFailure"}, {UnderVoltage, "UnderVoltage"},
                   {OverVoltage, "OverVoltage"}, {WeakSignal, "WeakSignal"});

enum class ChargePointStatus {
    Available,
    Preparing,
    Charging,
    SuspendedEVSE,
    SuspendedEV,
    Finishing,
    Reserved,
    Unavailable,
    Faulted,
};
PARKGRID_OCPP_ENUM(ChargePointStatus, {Available, "Available"}, {Preparing, "Preparing"},
                   {Charging, "Charging"}, {SuspendedEVSE, "SuspendedEVSE"}, {SuspendedEV, "SuspendedEV"},
                   {Finishing, "Finishing"}, {Reserved, "Reserved"}, {Unavailable, "Unavailable"},
                   {Faulted, "Faulted"});

struct StatusNotificationResponse {};
BOOST_DESCRIBE_STRUCT(StatusNotificationResponse, (), ())

struct StatusNotificationRequest {
    static constexpr std::string_view action = "StatusNotification";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = StatusNotificationResponse;

    std::int32_t connector_id = 0;  // 0: the charge point as a whole
    ChargePointErrorCode error_code{};
    std::optional<CiString<50>> info;
    ChargePointStatus status{};
    std::optional<DateTime> timestamp;
    std::optional<CiString<255>> vendor_id;
    std::optional<CiString<50>> vendor_error_code;
};
BOOST_DESCRIBE_STRUCT(StatusNotificationRequest, (),
                      (connector_id, error_code, info, status, timestamp, vendor_id, vendor_error_code))

}  // namespace parkgrid::ocpp
