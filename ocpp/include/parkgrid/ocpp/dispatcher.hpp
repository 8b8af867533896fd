#pragma once

#include <string_view>

#include "parkgrid/ocpp/charge_point_request_handler.hpp"
#include "parkgrid/ocpp/rpc.hpp"

namespace parkgrid::ocpp {

enum class ActionKind {
    Unknown,                 // not an OCPP 1.6 action: NotImplemented
    CentralSystemInitiated,  // an action only the central system may send: NotSupported when a charger sends
                             // it
    ChargePointInitiated,
};

ActionKind classify_action(std::string_view action);

// Validates an inbound CALL and hands it to the handler, or answers it through `sink` with the CALLERROR
// the OCPP-J specification prescribes (NotImplemented, NotSupported, or the schema violation's code).
void dispatch(const Call& call, ChargePointRequestHandler& handler, const ReplySink& sink);

// Checks a CALL payload against the request schema of `action` before it is sent.
// Throws ValidationError; unknown actions throw std::invalid_argument.
void validate_request(std::string_view action, const nlohmann::json& payload);

// Whether the central system may send `action` to a charge point.
inline bool is_sendable_by_central_system(std::string_view action) {
    return classify_action(action) == ActionKind::CentralSystemInitiated || action == "DataTransfer";
}

// Checks a charge point's CALLRESULT payload against the response schema of `action`.
// Throws ValidationError; unknown actions throw std::invalid_argument.
void validate_response(std::string_view action, const nlohmann::json& payload);

}  // namespace parkgrid::ocpp
