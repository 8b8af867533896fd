#include "parkgrid/ocpp/codec.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace parkgrid::ocpp::detail {

void fail(CallErrorCode code, const JsonPath& path, const std::string& problem) {
    throw ValidationError(code, path.str(), problem);
}

std::string_view json_type_name(const JsonValue& value) {
    switch (value.kind()) {
        case JsonValue::Kind::Null: return "null";
        case JsonValue::Kind::Boolean: return "boolean";
        case JsonValue::Kind::Integer:
        case JsonValue::Kind::Unsigned: return "integer";
        case JsonValue::Kind::Float: return "number";
        case JsonValue::Kind::String: return "string";
        case JsonValue::Kind::Array: return "array";
        case JsonValue::Kind::Object: return "object";
    }
    return "value";
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

void require_type(bool condition, const JsonValue& value, const JsonPath& path, std::string_view expected) {
    if (!condition) {
        fail(CallErrorCode::TypeConstraintViolation, path,
             "expected " + std::string(expected) + ", got " + std::string(json_type_name(value)));
    }
}

std::int64_t decode_integer(const JsonValue& in, const JsonPath& path, std::int64_t min, std::int64_t max) {
    const auto out_of_range = [&] {
        fail(CallErrorCode::PropertyConstraintViolation, path,
             "integer " + in.to_json_text() + " is out of range");
    };
    switch (in.kind()) {
        case JsonValue::Kind::Integer: {
            const std::int64_t value = in.as_int64();
            if (value < min || value > max) {
                out_of_range();
            }
            return value;
        }
        case JsonValue::Kind::Unsigned:  // beyond std::int64_t, so beyond any max
            out_of_range();
            break;
        case JsonValue::Kind::Float: {
            // JSON Schema's "integer" includes numbers with a zero fraction such as 5.0.
            const double value = in.as_double();
            require_type(std::isfinite(value) && std::trunc(value) == value, in, path, "integer");
            // max + 1 is a power of two, exact as a double; max itself is not for 64 bits (it rounds up to
            // 2^63, and converting 2^63 to int64 is undefined behaviour).
            if (value < static_cast<double>(min) || value >= static_cast<double>(max) + 1.0) {
                out_of_range();
            }
            return static_cast<std::int64_t>(value);
        }
        default: require_type(false, in, path, "integer");
    }
    return 0;  // not reached: every branch above returns or throws
}

JsonValue read_json(std::string_view text) {
    auto value = JsonReader::for_this_thread().read(text);
    if (!value) {
        fail(CallErrorCode::FormationViolation, JsonPath(), "payload is not valid JSON");
    }
    return *value;
}

bool nests_deeper_than(const nlohmann::json& value, std::size_t limit) {
    if (!value.is_structured()) {
        return false;
    }
    if (limit == 0) {
        return true;
    }
    return std::any_of(value.begin(), value.end(),
                       [&](const nlohmann::json& element) { return nests_deeper_than(element, limit - 1); });
}

std::string decodable_text(const nlohmann::json& value) {
    if (nests_deeper_than(value, JsonReader::kMaxDepth)) {
        fail(CallErrorCode::FormationViolation, JsonPath(),
             "payload nests deeper than " + std::to_string(JsonReader::kMaxDepth) + " levels");
    }
    return to_json_text(value);
}

}  // namespace parkgrid::ocpp::detail

namespace parkgrid::ocpp {

std::string to_json_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace parkgrid::ocpp
