#include "body_fields.hpp"

#include <algorithm>

#include "api_error.hpp"

namespace parkgrid::server::api {

std::optional<bool> optional_bool(const nlohmann::json& body, const std::string& name) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_boolean()) {
        throw ApiError::invalid_field(name, "must be true or false");
    }
    return it->get<bool>();
}

std::optional<std::vector<std::int64_t>> optional_id_list(const nlohmann::json& body, const std::string& name,
                                                          std::size_t max_size) {
    const auto it = body.find(name);
    if (it == body.end()) {
        return std::nullopt;
    }
    std::vector<std::int64_t> ids;
    if (it->is_null()) {
        return ids;
    }
    if (!it->is_array() || it->size() > max_size) {
        throw ApiError::invalid_field(name,
                                      "must be an array of at most " + std::to_string(max_size) + " ids");
    }
    for (const auto& element : *it) {
        if (!element.is_number_integer() || element.get<std::int64_t>() <= 0) {
            throw ApiError::invalid_field(name, "must hold positive whole numbers (institution ids)");
        }
        ids.push_back(element.get<std::int64_t>());
    }
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) {
        throw ApiError::invalid_field(name, "must not repeat an id");
    }
    return ids;
}

}  // namespace parkgrid::server::api
