#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct GetDiagnosticsResponse {
    std::optional<CiString<255>> file_name;  // absent: no diagnostics available
};
BOOST_DESCRIBE_STRUCT(GetDiagnosticsResponse, (), (file_name))

struct GetDiagnosticsRequest {
    static constexpr std::string_view action = "GetDiagnostics";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetDiagnosticsResponse;

    Uri location;  // upload directory
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;  // seconds
    std::optional<DateTime> start_time;
    std::optional<DateTime> stop_time;
};
BOOST_DESCRIBE_STRUCT(GetDiagnosticsRequest, (), (location, retries, retry_interval, start_time, stop_time))

}  // namespace parkgrid::ocpp
