#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct UpdateFirmwareResponse {};
BOOST_DESCRIBE_STRUCT(UpdateFirmwareResponse, (), ())

struct UpdateFirmwareRequest {
    static constexpr std::string_view action = "UpdateFirmware";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = UpdateFirmwareResponse;

    Uri location;  // where to download the firmware image
    std::optional<std::int32_t> retries;
    DateTime retrieve_date;
    std::optional<std::int32_t> retry_interval;  // seconds
};
BOOST_DESCRIBE_STRUCT(UpdateFirmwareRequest, (), (location, retries, retrieve_date, retry_interval))

}  // namespace parkgrid::ocpp
