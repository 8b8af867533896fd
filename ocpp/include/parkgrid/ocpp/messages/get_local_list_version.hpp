#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct GetLocalListVersionResponse {
    std::int32_t list_version = 0;  // 0: no list installed, -1: local authorization list not supported
};
BOOST_DESCRIBE_STRUCT(GetLocalListVersionResponse, (), (list_version))

struct GetLocalListVersionRequest {
    static constexpr std::string_view action = "GetLocalListVersion";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetLocalListVersionResponse;
};
BOOST_DESCRIBE_STRUCT(GetLocalListVersionRequest, (), ())

}  // namespace parkgrid::ocpp
