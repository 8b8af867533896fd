#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

// The security extension's LogEnumType ("Log" alone would be unclear).
enum class LogType { DiagnosticsLog, SecurityLog };
PARKGRID_OCPP_ENUM(LogType, {DiagnosticsLog, "DiagnosticsLog"}, {SecurityLog, "SecurityLog"});

enum class LogStatus { Accepted, Rejected, AcceptedCanceled };
PARKGRID_OCPP_ENUM(LogStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {AcceptedCanceled, "AcceptedCanceled"});

struct LogParameters {
    CiString<512> remote_location;  // upload URL
    std::optional<DateTime> oldest_timestamp;
    std::optional<DateTime> latest_timestamp;
};
BOOST_DESCRIBE_STRUCT(LogParameters, (), (remote_location, oldest_timestamp, latest_timestamp))

struct GetLogResponse {
    LogStatus status{};
    std::optional<CiString<255>> filename;
};
BOOST_DESCRIBE_STRUCT(GetLogResponse, (), (status, filename))

struct GetLogRequest {
    static constexpr std::string_view action = "GetLog";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetLogResponse;

    LogParameters log;
    LogType log_type{};
    std::int32_t request_id = 0;
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;  // seconds
};
BOOST_DESCRIBE_STRUCT(GetLogRequest, (), (log, log_type, request_id, retries, retry_interval))

}  // namespace parkgrid::ocpp
