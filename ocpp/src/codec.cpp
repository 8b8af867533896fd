#include "parkgrid/ocpp/codec.hpp"

#include <cctype>
#include <cmath>

namespace parkgrid::ocpp::detail {

void fail(CallErrorCode code, const JsonPath& path, const std::string& problem) {
    throw ValidationError(code, path.str(), problem);
}

std::string_view json_type_name(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        return "integer";
    }
    if (value.is_number_float()) {
        return "number";
    }
    return value.type_name();
}

std::string snake_to_camel(std::string_view snake_case_name) {
    std::string out;
    out.reserve(snake_case_name.size());
    bool upper_next = false;
    for (const char c : snake_case_name) {
        if (c == '_') {
            upper_next = true;
        } else {
            out += upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper_next = false;
        }
    }
    return out;
}

void require_type(bool condition, const nlohmann::json& value, const JsonPath& path,
                  std::string_view expected) {
    if (!condition) {
        fail(CallErrorCode::TypeConstraintViolation, path,
             "expected " + std::string(expected) + ", got " + std::string(json_type_name(value)));
    }
}

std::int64_t decode_integer(const nlohmann::json& in, const JsonPath& path, std::int64_t min,
                            std::int64_t max) {
    // JSON Schema's "integer" includes numbers with a zero fraction such as 5.0.
    if (in.is_number_float()) {
        const double value = in.get<double>();
        require_type(std::isfinite(value) && std::trunc(value) == value, in, path, "integer");
        // max + 1 is a power of two, exact as a double; max itself is not for 64 bits (it rounds up to 2^63,
        // and converting 2^63 to int64 is undefined behaviour).
        if (value < static_cast<double>(min) || value >= static_cast<double>(max) + 1.0) {
            fail(CallErrorCode::PropertyConstraintViolation, path,
                 "integer " + in.dump() + " is out of range");
        }
        return static_cast<std::int64_t>(value);
    }
    require_type(in.is_number_integer(), in, path, "integer");
    if (in.is_number_unsigned()) {
        const auto value = in.get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(max)) {
            fail(CallErrorCode::PropertyConstraintViolation, path,
                 "integer " + in.dump() + " is out of range");
        }
        return static_cast<std::int64_t>(value);
    }
    const auto value = in.get<std::int64_t>();
    if (value < min || value > max) {
        fail(CallErrorCode::PropertyConstraintViolation, path, "integer " + in.dump() + " is out of range");
    }
    return value;
}

}  // namespace parkgrid::ocpp::detail
