#include "parkgrid/ocpp/inbound_frame.hpp"

#include "parkgrid/ocpp/dispatcher.hpp"

namespace parkgrid::ocpp {

InboundFrame read_inbound_frame(std::string_view text) {
    auto frame = parse_frame(text);
    if (auto* call = std::get_if<Call>(&frame)) {
        return std::move(*call);
    }
    if (auto* result = std::get_if<CallResult>(&frame)) {
        return std::move(*result);
    }
    if (auto* error = std::get_if<CallError>(&frame)) {
        return std::move(*error);
    }
    auto& malformed = std::get<MalformedFrame>(frame);
    if (!malformed.unique_id) {
        return DroppedFrame{std::move(malformed.reason)};
    }
    // OCPP-J 1.6 section 4.2.3: "Payload for Action is syntactically incorrect or not conform the PDU
    // structure for Action"; the frame itself is the PDU here.
    return RejectedFrame{
        CallError{std::move(*malformed.unique_id), CallErrorCode::FormationViolation, malformed.reason, {}}};
}

void handle_inbound_frame(std::string_view text, ChargePointRequestHandler& handler, const ReplySink& sink) {
    auto frame = read_inbound_frame(text);
    if (const auto* call = std::get_if<Call>(&frame)) {
        dispatch(*call, handler, sink);
    } else if (const auto* rejected = std::get_if<RejectedFrame>(&frame)) {
        sink(serialize(rejected->error));
    }
}

}  // namespace parkgrid::ocpp
