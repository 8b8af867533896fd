#pragma once

// OCPP-J 1.6 RPC framing (section 4): CALL [2, id, action, payload], CALLRESULT [3, id, payload],
// CALLERROR [4, id, code, description, details]. Payloads stay JSON here; typed decoding is codec.hpp.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "parkgrid/ocpp/call_error_code.hpp"
#include "parkgrid/ocpp/codec.hpp"
#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

inline constexpr std::size_t kMaxUniqueIdLength = 36;

struct Call {
    std::string unique_id;
    std::string action;
    // JSON text: as the charge point sent it (decoded once, into the typed request, by dispatch()), or as the
    // central system will send it.
    std::string payload;
};

struct CallResult {
    std::string unique_id;
    nlohmann::json payload;
};

struct CallError {
    std::string unique_id;
    CallErrorCode code = CallErrorCode::GenericError;
    std::string description;
    nlohmann::json details = nlohmann::json::object();
};

// A text frame that is not OCPP-J. `unique_id` is set when the frame can be answered: it reads as a CALL
// (or an unknown message type) whose unique id is legible, and the sender gets a FormationViolation
// CALLERROR. Otherwise (garbage, or a broken CALLRESULT/CALLERROR, which must never be answered) the frame
// can only be logged and dropped.
struct MalformedFrame {
    std::optional<std::string> unique_id;
    std::string reason;
};

using Frame = std::variant<Call, CallResult, CallError, MalformedFrame>;

Frame parse_frame(std::string_view text);

std::string serialize(const Call& call);
std::string serialize(const CallResult& result);
std::string serialize(const CallError& error);

template <Request T>
Call make_call(std::string unique_id, const T& request) {
    return Call{std::move(unique_id), std::string(T::action), to_json_text(encode(request))};
}

}  // namespace parkgrid::ocpp
