#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

// Answer to TriggerMessage and to the security extension's ExtendedTriggerMessage.
enum class TriggerMessageStatus { Accepted, Rejected, NotImplemented };
PARKGRID_OCPP_ENUM(TriggerMessageStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {NotImplemented, "NotImplemented"});

}  // namespace parkgrid::ocpp
