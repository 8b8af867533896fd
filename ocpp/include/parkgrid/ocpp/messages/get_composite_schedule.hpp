#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/charging_profile.hpp"

namespace parkgrid::ocpp {

enum class GetCompositeScheduleStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(GetCompositeScheduleStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct GetCompositeScheduleResponse {
    GetCompositeScheduleStatus status{};
    std::optional<std::int32_t> connector_id;
    std::optional<DateTime> schedule_start;
    std::optional<ChargingSchedule> charging_schedule;
};
BOOST_DESCRIBE_STRUCT(GetCompositeScheduleResponse, (),
                      (status, connector_id, schedule_start, charging_schedule))

struct GetCompositeScheduleRequest {
    static constexpr std::string_view action = "GetCompositeSchedule";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetCompositeScheduleResponse;

    std::int32_t connector_id = 0;
    std::int32_t duration = 0;  // seconds
    std::optional<ChargingRateUnit> charging_rate_unit;
};
BOOST_DESCRIBE_STRUCT(GetCompositeScheduleRequest, (), (connector_id, duration, charging_rate_unit))

}  // namespace parkgrid::ocpp
