#pragma once

#include <optional>
#include <string_view>

namespace parkgrid::ocpp {

// Error codes of an OCPP-J 1.6 CALLERROR (OCPP-J 1.6 section 4.2.3).
// "OccurenceConstraintViolation" is misspelt in the specification and must stay that way on the wire.
enum class CallErrorCode {
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormationViolation,
    PropertyConstraintViolation,
    OccurenceConstraintViolation,
    TypeConstraintViolation,
    GenericError,
};

std::string_view to_string(CallErrorCode code);
std::optional<CallErrorCode> call_error_code_from_string(std::string_view text);

}  // namespace parkgrid::ocpp
