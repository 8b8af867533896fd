#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class RemoteStartStopStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(RemoteStartStopStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

}  // namespace parkgrid::ocpp
