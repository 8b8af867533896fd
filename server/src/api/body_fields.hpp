#pragma once

// Body fields BodyReader does not read (see body_reader.hpp for the conventions: 422 naming the field).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace parkgrid::server::api {

// Absent or null give nullopt; otherwise must be true or false.
std::optional<bool> optional_bool(const nlohmann::json& body, const std::string& name);
// Absent gives nullopt; otherwise an array of distinct positive ids (null counts as empty), ascending.
std::optional<std::vector<std::int64_t>> optional_id_list(const nlohmann::json& body, const std::string& name,
                                                          std::size_t max_size = 1000);

}  // namespace parkgrid::server::api
