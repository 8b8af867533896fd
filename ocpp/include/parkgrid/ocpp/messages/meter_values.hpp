#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/meter_value.hpp"

namespace parkgrid::ocpp {

struct MeterValuesResponse {};
BOOST_DESCRIBE_STRUCT(MeterValuesResponse, (), ())

struct MeterValuesRequest {
    static constexpr std::string_view action = "MeterValues";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = MeterValuesResponse;

    std::int32_t connector_id = 0;
    std::optional<std::int32_t> transaction_id;
    std::vector<MeterValue> meter_value;  // at least one per the specification; the schema has no minItems
};
BOOST_DESCRIBE_STRUCT(MeterValuesRequest, (), (connector_id, transaction_id, meter_value))

}  // namespace parkgrid::ocpp
