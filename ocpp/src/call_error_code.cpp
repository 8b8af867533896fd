#include "parkgrid/ocpp/call_error_code.hpp"

#include <array>
#include <utility>

namespace parkgrid::ocpp {
namespace {

constexpr std::array<std::pair<CallErrorCode, std::string_view>, 10> kNames{{
    {CallErrorCode::NotImplemented, "NotImplemented"},
    {CallErrorCode::NotSupported, "NotSupported"},
    {CallErrorCode::InternalError, "InternalError"},
    {CallErrorCode::ProtocolError, "ProtocolError"},
    {CallErrorCode::SecurityError, "SecurityError"},
    {CallErrorCode::FormationViolation, "FormationViolation"},
    {CallErrorCode::PropertyConstraintViolation, "PropertyConstraintViolation"},
    {CallErrorCode::OccurenceConstraintViolation, "OccurenceConstraintViolation"},
    {CallErrorCode::TypeConstraintViolation, "TypeConstraintViolation"},
    {CallErrorCode::GenericError, "GenericError"},
}};

}  // namespace

std::string_view to_string(CallErrorCode code) {
    for (const auto& [value, name] : kNames) {
        if (value == code) {
            return name;
        }
    }
    return "GenericError";
}

std::optional<CallErrorCode> call_error_code_from_string(std::string_view text) {
    for (const auto& [value, name] : kNames) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::ocpp
