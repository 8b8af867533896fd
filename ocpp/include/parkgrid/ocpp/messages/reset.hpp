#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ResetType { Hard, Soft };
PARKGRID_OCPP_ENUM(ResetType, {Hard, "Hard"}, {Soft, "Soft"});

enum class ResetStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(ResetStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct ResetResponse {
    ResetStatus status{};
};
BOOST_DESCRIBE_STRUCT(ResetResponse, (), (status))

struct ResetRequest {
    static constexpr std::string_view action = "Reset";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ResetResponse;

    ResetType type{};
};
BOOST_DESCRIBE_STRUCT(ResetRequest, (), (type))

}  // namespace parkgrid::ocpp
