#pragma once

// Generic JSON encoding, validating decoding and JSON-schema generation for OCPP message types.
//
// Message structs are plain aggregates described with BOOST_DESCRIBE_STRUCT; their snake_case member names
// map to the camelCase wire names. Every member type has a Codec<T> specialisation that knows how to write
// the value, how to read it while enforcing the rules of the official OCPP 1.6 JSON schemas, and which
// schema fragment it corresponds to. Deriving all three from one description keeps them from drifting
// apart; a unit test compares the generated schemas with the official ones.

#include <algorithm>
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
std::string_view json_type_name(const nlohmann::json& value);
std::string snake_to_camel(std::string_view snake_case_name);
void require_type(bool condition, const nlohmann::json& value, const JsonPath& path,
                  std::string_view expected);
std::int64_t decode_integer(const nlohmann::json& in, const JsonPath& path, std::int64_t min,
                            std::int64_t max);

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

template <typename T>
nlohmann::json encode(const T& value) {
    nlohmann::json out;
    Codec<T>::encode(out, value);
    return out;
}

// Throws ValidationError carrying the CALLERROR code and the path of the first offending field.
template <typename T>
T decode(const nlohmann::json& in) {
    return Codec<T>::decode(in, JsonPath());
}

template <typename T>
nlohmann::json json_schema() {
    return Codec<T>::schema();
}

template <>
struct Codec<std::string> {
    static void encode(nlohmann::json& out, const std::string& value) { out = value; }
    static std::string decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_string(), in, path, "string");
        return in.get<std::string>();
    }
    static nlohmann::json schema() { return {{"type", "string"}}; }
};

template <std::size_t N>
struct Codec<CiString<N>> {
    static void encode(nlohmann::json& out, const CiString<N>& value) { out = value.str(); }
    static CiString<N> decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_string(), in, path, "string");
        const auto& text = in.get_ref<const std::string&>();
        if (utf8_length(text) > N) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "string of " + std::to_string(utf8_length(text)) + " characters exceeds maxLength " +
                             std::to_string(N));
        }
        return CiString<N>(text);
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"maxLength", N}}; }
};

template <typename I>
requires(std::same_as<I, std::int32_t> || std::same_as<I, std::int64_t>) struct Codec<I> {
    static void encode(nlohmann::json& out, I value) { out = value; }
    static I decode(const nlohmann::json& in, const JsonPath& path) {
        return static_cast<I>(
            detail::decode_integer(in, path, std::numeric_limits<I>::min(), std::numeric_limits<I>::max()));
    }
    static nlohmann::json schema() { return {{"type", "integer"}}; }
};

template <>
struct Codec<bool> {
    static void encode(nlohmann::json& out, bool value) { out = value; }
    static bool decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_boolean(), in, path, "boolean");
        return in.get<bool>();
    }
    static nlohmann::json schema() { return {{"type", "boolean"}}; }
};

template <>
struct Codec<DecimalOnePlace> {
    static void encode(nlohmann::json& out, DecimalOnePlace value) {
        out = DecimalOnePlace::rounded(value.value).value;
    }
    static DecimalOnePlace decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_number(), in, path, "number");
        const double value = in.get<double>();
        if (!std::isfinite(value) || !DecimalOnePlace::is_multiple_of_tenth(value)) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "number " + in.dump() + " is not a multiple of 0.1");
        }
        return DecimalOnePlace{value};
    }
    static nlohmann::json schema() { return {{"type", "number"}, {"multipleOf", 0.1}}; }
};

template <>
struct Codec<DateTime> {
    static void encode(nlohmann::json& out, const DateTime& value) { out = value.to_rfc3339(); }
    static DateTime decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_string(), in, path, "string");
        auto parsed = DateTime::parse(in.get_ref<const std::string&>());
        if (!parsed) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + in.get<std::string>() + "' is not an RFC 3339 date-time");
        }
        return *parsed;
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"format", "date-time"}}; }
};

template <>
struct Codec<Uri> {
    static void encode(nlohmann::json& out, const Uri& value) { out = value.str(); }
    static Uri decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_string(), in, path, "string");
        auto parsed = Uri::parse(in.get_ref<const std::string&>());
        if (!parsed) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + in.get<std::string>() + "' is not an absolute URI");
        }
        return *parsed;
    }
    static nlohmann::json schema() { return {{"type", "string"}, {"format", "uri"}}; }
};

template <OcppEnum E>
struct Codec<E> {
    static void encode(nlohmann::json& out, E value) { out = std::string(to_string(value)); }
    static E decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_string(), in, path, "string");
        const auto& text = in.get_ref<const std::string&>();
        auto value = enum_from_string<E>(text);
        if (!value) {
            detail::fail(CallErrorCode::PropertyConstraintViolation, path,
                         "'" + text + "' is not one of " + schema()["enum"].dump());
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
    static std::vector<T> decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_array(), in, path, "array");
        std::vector<T> out;
        out.reserve(in.size());
        for (std::size_t i = 0; i < in.size(); ++i) {
            out.push_back(Codec<T>::decode(in[i], JsonPath(path, i)));
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
    static NonEmptyVector<T> decode(const nlohmann::json& in, const JsonPath& path) {
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

    static T decode(const nlohmann::json& in, const JsonPath& path) {
        detail::require_type(in.is_object(), in, path, "object");
        const auto& names = detail::wire_names<T>();
        for (const auto& [key, unused] : in.items()) {
            if (std::find(names.begin(), names.end(), key) == names.end()) {
                detail::fail(CallErrorCode::FormationViolation, JsonPath(path, key),
                             "property is not defined for this message");
            }
        }
        T out{};
        std::size_t index = 0;
        boost::mp11::mp_for_each<Members>([&](auto member) {
            auto& field = out.*member.pointer;
            const std::string& name = names[index++];
            const JsonPath field_path(path, name);
            using Field = std::remove_cvref_t<decltype(field)>;
            const auto found = in.find(name);
            if constexpr (detail::OptionalTraits<Field>::value) {
                if (found != in.end()) {
                    field =
                        Codec<typename detail::OptionalTraits<Field>::ValueType>::decode(*found, field_path);
                }
            } else {
                if (found == in.end()) {
                    detail::fail(CallErrorCode::OccurenceConstraintViolation, field_path,
                                 "required property is missing");
                }
                field = Codec<Field>::decode(*found, field_path);
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
