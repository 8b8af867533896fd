#pragma once

// Generic JSON encoding, validating decoding and JSON-schema generation for OCPP message types.
//
// Message structs are plain aggregates described with BOOST_DESCRIBE_STRUCT; their snake_case member names
// map to the camelCase wire names. Every member type has a Codec<T> specialisation that knows how to write
// the value, how to read it while enforcing the rules of the official OCPP 1.6 JSON schemas, and which
// schema fragment it corresponds to. Deriving all three from one description keeps them from drifting
// apart; a unit test compares the generated schemas with the official ones. Decoding reads a JsonValue (a
// view of text validated and indexed by JsonReader) rather than an nlohmann::json tree: see json_value.hpp.

#include <algorithm>
#include <array>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <concepts>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parkgrid/ocpp/ci_string.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/decimal.hpp"
#include "parkgrid/ocpp/enum_names.hpp"
#include "parkgrid/ocpp/json_path.hpp"
#include "parkgrid/ocpp/json_value.hpp"
#include "parkgrid/ocpp/uri.hpp"
#include "parkgrid/ocpp/validation_error.hpp"

namespace parkgrid::ocpp {

// A JSON array that must hold at least one element (schema keyword `minItems: 1`).
template <typename T>
struct NonEmptyVector : std::vector<T> {
    using std::vector<T>::vector;
};

template <typename T>
struct Codec;

template <typename T>
concept DescribedStruct = boost::describe::has_describe_members<T>::value;

namespace detail {

template <typename T>
struct OptionalTraits : std::false_type {};
template <typename T>
struct OptionalTraits<std::optional<T>> : std::true_type {
    using ValueType = T;
};

[[noreturn]] void fail(CallErrorCode code, const JsonPath& path, const std::string& problem);
std::string_view json_type_name(const JsonValue& value);
std::string snake_to_camel(std::string_view snake_case_name);
void require_type(bool condition, const JsonValue& value, const JsonPath& path, std::string_view expected);
std::int64_t decode_integer(const JsonValue& in, const JsonPath& path, std::int64_t min, std::int64_t max);
// This thread's JsonReader on `text`; text that is not JSON is a FormationViolation.
JsonValue read_json(std::string_view text);
// Whether `value` has containers nested more than `limit` deep; its recursion is bounded by `limit`, so any
// value may be checked before it is written out (nlohmann::json writes, and copies, recursively).
bool nests_deeper_than(const nlohmann::json& value, std::size_t limit);
// `value` written out for read_json(); a value nesting deeper than JsonReader reads is a FormationViolation
// here, before writing it out (which recurses as deep as the value nests) could exhaust the stack.
std::string decodable_text(const nlohmann::json& value);

// Wire names of T's members, in declaration order, computed once.
template <DescribedStruct T>
const std::vector<std::string>& wire_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
            [&](auto member) { out.push_back(snake_to_camel(member.name)); });
        return out;
    }();
    return names;
}

}  // namespace detail

// Compact JSON text of a value built in memory. Invalid UTF-8 in its strings is replaced (U+FFFD) rather than
// making the writer throw: text echoed from a peer must never stop an answer from being sent.
std::string to_json_text(const nlohmann::json& value);

template <typename T>
nlohmann::json encode(const T& value) {
    nlohmann::json out;
    Codec<T>::encode(out, value);
    return out;
}

// Throws ValidationError carrying the CALLERROR code and the path of the first offending field.
template <typename T>
T decode(const JsonValue& in) {
    return Codec<T>::decode(in, JsonPath());
}

// JSON text, such as a CALL's payload as the charger sent it.
template <typename T>
T decode_json(std::string_view text) {
    return decode<T>(detail::read_json(text));
}

// JSON built in memory (tests, answers to the central system's own CALLs): written out and read back.
template <typename T>
T decode(const nlohmann::json& in) {
    return decode_json<T>(detail::decodable_text(in));
}

template <typename T>
nlohmann::json json_schema() {
    return Codec<T>::schema();
}

template <>
struct Codec<std::string> {
    static void encode(nlohmann::json& out, const std::string& value) { out = value; }
    static std::string decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::String, in, path, "string");
        return std::string(in.as_string());
    }
    static nlohmann::json schema() { return {{"type", "string"}}; }
};

template <std::size_t N>
struct Codec<CiString<N>> {
    static void encode(nlohmann::json& out, const CiString<N>& value) { out = value.str(); }
    static CiString<N> decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::String, in, path, "string");
        const std::string_view text = in.as_string();
        if (utf8_length(text) > N) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "string of " + std::to_string(utf8_length(text)) + " characters exceeds maxLength " +
                             std::to_string(N));
        }
        return CiString<N>(std::string(text));
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"maxLength", N}}; }
};

template <typename I>
requires(std::same_as<I, std::int32_t> || std::same_as<I, std::int64_t>) struct Codec<I> {
    static void encode(nlohmann::json& out, I value) { out = value; }
    static I decode(const JsonValue& in, const JsonPath& path) {
        return static_cast<I>(
            detail::decode_integer(in, path, std::numeric_limits<I>::min(), std::numeric_limits<I>::max()));
    }
    static nlohmann::json schema() { return {{"type", "integer"}}; }
};

template <>
struct Codec<bool> {
    static void encode(nlohmann::json& out, bool value) { out = value; }
    static bool decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::Boolean, in, path, "boolean");
        return in.as_bool();
    }
    static nlohmann::json schema() { return {{"type", "boolean"}}; }
};

template <>
struct Codec<DecimalOnePlace> {
    static void encode(nlohmann::json& out, DecimalOnePlace value) {
        out = DecimalOnePlace::rounded(value.value).value;
    }
    static DecimalOnePlace decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.is_number(), in, path, "number");
        const double value = in.as_double();
        if (!std::isfinite(value) || !DecimalOnePlace::is_multiple_of_tenth(value)) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "number " + in.to_json_text() + " is not a multiple of 0.1");
        }
        return DecimalOnePlace{value};
    }
    static nlohmann::json schema() { return {{"type", "number"}, {"multipleOf", 0.1}}; }
};

template <>
struct Codec<DateTime> {
    static void encode(nlohmann::json& out, const DateTime& value) { out = value.to_rfc3339(); }
    static DateTime decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::String, in, path, "string");
        auto parsed = DateTime::parse(in.as_string());
        if (!parsed) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + std::string(in.as_string()) + "' is not an RFC 3339 date-time");
        }
        return *parsed;
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"format", "date-time"}}; }
};

template <>
struct Codec<Uri> {
    static void encode(nlohmann::json& out, const Uri& value) { out = value.str(); }
    static Uri decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::String, in, path, "string");
        auto parsed = Uri::parse(in.as_string());
        if (!parsed) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + std::string(in.as_string()) + "' is not an absolute URI");
        }
        return *parsed;
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"format", "uri"}}; }
};

template <OcppEnum E>
struct Codec<E> {
    static void encode(nlohmann::json& out, E value) { out = std::string(to_string(value)); }
    static E decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::String, in, path, "string");
        const std::string_view text = in.as_string();
        auto value = enum_from_string<E>(text);
        if (!value) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + std::string(text) + "' is not one of " + schema()["enum"].dump());
        }
        return *value;
    }
    static nlohmann::json schema() {
        nlohmann::json names = nlohmann::json::array();
        for (const auto& entry : EnumNames<E>::entries) {
            names.push_back(std::string(entry.second));
        }
        return {{"type", "string"}, {"enum", names}};
    }
};

template <typename T>
struct Codec<std::vector<T>> {
    static void encode(nlohmann::json& out, const std::vector<T>& values) {
        out = nlohmann::json::array();
        for (const auto& value : values) {
            Codec<T>::encode(out.emplace_back(), value);
        }
    }
    static std::vector<T> decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::Array, in, path, "array");
        std::vector<T> out;
        out.reserve(in.size());
        for (const JsonValue element : in) {
            out.push_back(Codec<T>::decode(element, JsonPath(path, out.size())));
        }
        return out;
    }
    static nlohmann::json schema() { return {{"type", "array"}, {"items", Codec<T>::schema()}}; }
};

template <typename T>
struct Codec<NonEmptyVector<T>> {
    static void encode(nlohmann::json& out, const NonEmptyVector<T>& values) {
        Codec<std::vector<T>>::encode(out, values);
    }
    static NonEmptyVector<T> decode(const JsonValue& in, const JsonPath& path) {
        auto values = Codec<std::vector<T>>::decode(in, path);
        if (values.empty()) {
            detail::fail(CallErrorCode::OccurenceConstraintViolation, path, "array must not be empty");
        }
        NonEmptyVector<T> out;
        out.assign(std::make_move_iterator(values.begin()), std::make_move_iterator(values.end()));
        return out;
    }
    static nlohmann::json schema() {
        auto schema = Codec<std::vector<T>>::schema();
        schema["minItems"] = 1;
        return schema;
    }
};

template <DescribedStruct T>
struct Codec<T> {
    using Members = boost::describe::describe_members<T, boost::describe::mod_public>;

    static void encode(nlohmann::json& out, const T& value) {
        out = nlohmann::json::object();
        const auto& names = detail::wire_names<T>();
        std::size_t index = 0;
        boost::mp11::mp_for_each<Members>([&](auto member) {
            const auto& field = value.*member.pointer;
            const std::string& name = names[index++];
            using Field = std::remove_cvref_t<decltype(field)>;
            if constexpr (detail::OptionalTraits<Field>::value) {
                if (field) {
                    Codec<typename detail::OptionalTraits<Field>::ValueType>::encode(out[name], *field);
                }
            } else {
                Codec<Field>::encode(out[name], field);
            }
        });
    }

    // One pass over the members finds each property (the last one when a key is repeated) and rejects
    // undefined ones before any value is looked at; the properties are then decoded in declaration order,
    // so which error is reported does not depend on the order the sender wrote them in.
    static T decode(const JsonValue& in, const JsonPath& path) {
        detail::require_type(in.kind() == JsonValue::Kind::Object, in, path, "object");
        const auto& names = detail::wire_names<T>();
        std::array<std::optional<JsonValue>, boost::mp11::mp_size<Members>::value> found{};
        for (const auto& [key, value] : in.members()) {
            const auto name = std::find(names.begin(), names.end(), key);
            if (name == names.end()) {
                detail::fail(CallErrorCode::FormationViolation, JsonPath(path, key),
                             "property is not defined for this message");
            }
            found[static_cast<std::size_t>(name - names.begin())] = value;
        }
        T out{};
        std::size_t index = 0;
        boost::mp11::mp_for_each<Members>([&](auto member) {
            auto& field = out.*member.pointer;
            const std::optional<JsonValue>& value = found[index];
            const JsonPath field_path(path, names[index++]);
            using Field = std::remove_cvref_t<decltype(field)>;
            if constexpr (detail::OptionalTraits<Field>::value) {
                if (value) {
                    field =
                        Codec<typename detail::OptionalTraits<Field>::ValueType>::decode(*value, field_path);
                }
            } else {
                if (!value) {
                    detail::fail(CallErrorCode::OccurenceConstraintViolation, field_path,
                                 "required property is missing");
                }
                field = Codec<Field>::decode(*value, field_path);
            }
        });
        return out;
    }

    static nlohmann::json schema() {
        nlohmann::json properties = nlohmann::json::object();
        nlohmann::json required = nlohmann::json::array();
        const auto& names = detail::wire_names<T>();
        std::size_t index = 0;
        boost::mp11::mp_for_each<Members>([&](auto member) {
            using Field = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
            const std::string& name = names[index++];
            if constexpr (detail::OptionalTraits<Field>::value) {
                properties[name] = Codec<typename detail::OptionalTraits<Field>::ValueType>::schema();
            } else {
                properties[name] = Codec<Field>::schema();
                required.push_back(name);
            }
        });
        nlohmann::json schema = {
            {"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
        if (!required.empty()) {
            schema["required"] = required;
        }
        return schema;
    }
};

}  // namespace parkgrid::ocpp
