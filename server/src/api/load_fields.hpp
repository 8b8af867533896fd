#pragma once

// Body fields of the load-management routes that BodyReader does not read (see body_reader.hpp for the
// conventions: 422 naming the field).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api_error.hpp"
#include "body_reader.hpp"

namespace parkgrid::server::api {

// A JSON number above 0 and at most `max` (a limit, a rated current); absent or null give nullopt.
std::optional<double> optional_positive_number(const BodyReader& fields, const std::string& name, double max);

// A number of phases: 1 or 3; absent or null give nullopt.
std::optional<std::int32_t> optional_phases(const BodyReader& fields, const std::string& name = "phases");

// A JSON array of at most `max_size` numbers from 0 to below `limit` (currents, powers); a bad element is
// named like "weekday[5]". Absent or null give nullopt.
std::optional<std::vector<double>> optional_amounts(const nlohmann::json& body, const std::string& name,
                                                    std::size_t max_size, double limit);

// `error`, thrown while reading an element of an array of objects, as a 422 on "name[index].field".
ApiError element_error(const ApiError& error, const std::string& name, std::size_t index);

}  // namespace parkgrid::server::api
