#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ClearCacheStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(ClearCacheStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct ClearCacheResponse {
    ClearCacheStatus status{};
};
BOOST_DESCRIBE_STRUCT(ClearCacheResponse, (), (status))

struct ClearCacheRequest {
    static constexpr std::string_view action = "ClearCache";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ClearCacheResponse;
};
BOOST_DESCRIBE_STRUCT(ClearCacheRequest, (), ())

}  // namespace parkgrid::ocpp
