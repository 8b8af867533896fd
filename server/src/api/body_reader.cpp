#include "body_reader.hpp"

#include <algorithm>
#include <sstream>

#include "api_error.hpp"
#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::api {
namespace {

std::string join(std::initializer_list<std::string_view> values) {
    std::string out;
    for (const auto value : values) {
        out += out.empty() ? "" : ", ";
        out += value;
    }
    return out;
}

}  // namespace

BodyReader::BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> known_fields)
    : body_(body) {
    for (const auto& [key, value] : body.items()) {
        if (std::find(known_fields.begin(), known_fields.end(), key) == known_fields.end()) {
            throw ApiError::invalid_field(key, "unknown field; expected one of " + join(known_fields));
        }
    }
}

std::string BodyReader::required_string(const std::string& name, std::size_t max_length) const {
    auto value = optional_string(name, max_length);
    if (!value) {
        throw ApiError::invalid_field(name, "is required");
    }
    return *value;
}

std::optional<std::string> BodyReader::optional_string(const std::string& name,
                                                       std::size_t max_length) const {
    if (!has(name) || is_null(name)) {
        return std::nullopt;
    }
    const auto& value = body_.at(name);
    if (!value.is_string()) {
        throw ApiError::invalid_field(name, "must be a string");
    }
    auto text = value.get<std::string>();
    if (text.empty()) {
        throw ApiError::invalid_field(name, "must not be empty");
    }
    if (text.size() > max_length) {
        throw ApiError::invalid_field(name,
                                      "must have at most " + std::to_string(max_length) + " characters");
    }
    return text;
}

std::string BodyReader::required_one_of(const std::string& name,
                                        std::initializer_list<std::string_view> values) const {
    auto value = optional_one_of(name, values);
    if (!value) {
        throw ApiError::invalid_field(name, "is required; one of " + join(values));
    }
    return *value;
}

std::optional<std::string> BodyReader::optional_one_of(const std::string& name,
                                                       std::initializer_list<std::string_view> values) const {
    auto value = optional_string(name, 64);
    if (value && std::find(values.begin(), values.end(), *value) == values.end()) {
        throw ApiError::invalid_field(name, "must be one of " + join(values));
    }
    return value;
}

std::optional<storage::Timestamp> BodyReader::optional_time(const std::string& name) const {
    const auto text = optional_string(name, 64);
    if (!text) {
        return std::nullopt;
    }
    const auto parsed = ocpp::DateTime::parse(*text);
    if (!parsed) {
        throw ApiError::invalid_field(name, "must be an RFC 3339 date-time such as 2026-12-31T16:00:00Z");
    }
    return parsed->instant();
}

std::optional<std::int64_t> BodyReader::optional_integer(const std::string& name, std::int64_t min,
                                                         std::int64_t max) const {
    if (!has(name) || is_null(name)) {
        return std::nullopt;
    }
    const auto& value = body_.at(name);
    const auto range = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value.is_number_integer()) {
        throw ApiError::invalid_field(name, range);
    }
    // Unsigned JSON numbers above INT64_MAX are out of every range used here.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
        throw ApiError::invalid_field(name, range);
    }
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) {
        throw ApiError::invalid_field(name, range);
    }
    return number;
}

std::optional<double> BodyReader::optional_number(const std::string& name, double min, double max) const {
    if (!has(name) || is_null(name)) {
        return std::nullopt;
    }
    const auto& value = body_.at(name);
    const auto number = value.is_number() ? value.get<double>() : 0.0;
    if (!value.is_number() || number < min || number > max) {
        std::ostringstream range;
        range << "must be a number from " << min << " to " << max;
        throw ApiError::invalid_field(name, range.str());
    }
    return number;
}

void require_printable_ascii(const std::string& field, const std::string& value) {
    if (!std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7e; })) {
        throw ApiError::invalid_field(field, "must consist of printable ASCII characters");
    }
}

std::optional<std::int32_t> optional_count(const BodyReader& fields, const std::string& name) {
    const auto value = fields.optional_integer(name, 0, 1'000'000);
    return value ? std::optional(static_cast<std::int32_t>(*value)) : std::nullopt;
}

}  // namespace parkgrid::server::api
