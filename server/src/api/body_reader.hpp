#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server::api {

// Reads the fields of a JSON request body, throwing ApiError::invalid_field (422, naming the field) for a
// missing required field, a wrong type, an over-long string, a value outside its set, or a field the
// endpoint does not know (so that typos are not silently ignored).
class BodyReader {
public:
    BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> known_fields);

    bool has(const std::string& name) const { return body_.contains(name); }
    bool is_null(const std::string& name) const { return has(name) && body_.at(name).is_null(); }

    std::string required_string(const std::string& name, std::size_t max_length) const;
    // Absent or null give nullopt.
    std::optional<std::string> optional_string(const std::string& name, std::size_t max_length) const;
    std::string required_one_of(const std::string& name,
                                std::initializer_list<std::string_view> values) const;
    std::optional<std::string> optional_one_of(const std::string& name,
                                               std::initializer_list<std::string_view> values) const;
    std::optional<storage::Timestamp> optional_time(const std::string& name) const;
    // A whole JSON number within [min, max]; absent or null give nullopt.
    std::optional<std::int64_t> optional_integer(const std::string& name, std::int64_t min,
                                                 std::int64_t max) const;
    // Any JSON number within [min, max]; absent or null give nullopt.
    std::optional<double> optional_number(const std::string& name, double min, double max) const;

private:
    const nlohmann::json& body_;
};

// An OCPP id tag / charger identity style string: 1..max_length printable ASCII characters.
void require_printable_ascii(const std::string& field, const std::string& value);

// A count such as OCPP's retries or retryInterval: absent or null give nullopt, otherwise a whole number from
// 0 to 1,000,000.
std::optional<std::int32_t> optional_count(const BodyReader& fields, const std::string& name);

}  // namespace parkgrid::server::api
