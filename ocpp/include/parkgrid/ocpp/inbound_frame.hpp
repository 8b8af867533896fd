#pragma once

// What the central system does with one text frame a charge point sends (OCPP-J 1.6 section 4), decided
// without I/O. The server (RpcEndpoint), the unit tests, the malformed-frame regression corpus and the
// fuzzer all run this same code.

#include <string>
#include <string_view>
#include <variant>

#include "parkgrid/ocpp/charge_point_request_handler.hpp"
#include "parkgrid/ocpp/responder.hpp"
#include "parkgrid/ocpp/rpc.hpp"

namespace parkgrid::ocpp {

// The frame is not OCPP-J, but it is recognisably a CALL (or an unknown message type) whose unique id can
// be read: answer at once with this CALLERROR and do nothing else.
struct RejectedFrame {
    CallError error;
};

// The frame cannot be answered: no unique id can be read, or it is a CALLRESULT or CALLERROR, which is
// never answered, not even when it is broken. It can only be logged.
struct DroppedFrame {
    std::string reason;
};

// A Call is to be dispatched (in arrival order; see dispatch()). A CallResult or CallError belongs to the
// central system's outstanding CALL; it is never answered either.
using InboundFrame = std::variant<Call, CallResult, CallError, RejectedFrame, DroppedFrame>;

InboundFrame read_inbound_frame(std::string_view text);

// The whole inbound path of one frame, synchronously: read_inbound_frame(), then dispatch() for a CALL.
// The server runs the same two steps with its per-charger queue in between, and first refuses CALLs from
// chargers it has not accepted (ChargerSession). Sends nothing for a CALLRESULT, a CALLERROR or a dropped
// frame. For tests and fuzzing.
void handle_inbound_frame(std::string_view text, ChargePointRequestHandler& handler, const ReplySink& sink);

}  // namespace parkgrid::ocpp
