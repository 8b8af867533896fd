#include "load_fields.hpp"

#include <sstream>

#include "api_error.hpp"

namespace parkgrid::server::api {
namespace {

std::string number_text(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

}  // namespace

std::optional<double> optional_positive_number(const BodyReader& fields, const std::string& name,
                                               double max) {
    const auto range = "must be a number above 0 and at most " + number_text(max);
    std::optional<double> value;
    try {
        value = fields.optional_number(name, 0, max);
    } catch (const ApiError&) {
        throw ApiError::invalid_field(name, range);  // the same words for every value out of range
    }
    if (value && *value <= 0) {
        throw ApiError::invalid_field(name, range);
    }
    return value;
}

std::optional<std::int32_t> optional_phases(const BodyReader& fields, const std::string& name) {
    const auto phases = fields.optional_integer(name, 1, 3);
    if (phases == 2) {
        throw ApiError::invalid_field(name, "must be 1 or 3");
    }
    return phases ? std::optional(static_cast<std::int32_t>(*phases)) : std::nullopt;
}

std::optional<std::vector<double>> optional_amounts(const nlohmann::json& body, const std::string& name,
                                                    std::size_t max_size, double limit) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_array() || it->size() > max_size) {
        throw ApiError::invalid_field(name,
                                      "must be an array of at most " + std::to_string(max_size) + " numbers");
    }
    std::vector<double> amounts;
    for (const auto& element : *it) {
        const auto value = element.is_number() ? element.get<double>() : -1.0;
        if (value < 0 || value >= limit) {
            throw ApiError::invalid_field(name + "[" + std::to_string(amounts.size()) + "]",
                                          "must be a number from 0 to below " + number_text(limit));
        }
        amounts.push_back(value);
    }
    return amounts;
}

ApiError element_error(const ApiError& error, const std::string& name, std::size_t index) {
    const auto prefix = name + "[" + std::to_string(index) + "]";
    const auto field = error.field() ? prefix + "." + *error.field() : prefix;
    // The message starts with the field's own name, which gains the same prefix.
    const std::string message = error.what();
    return ApiError(error.status(), error.code(),
                    error.field() ? prefix + "." + message : prefix + ": " + message, field);
}

}  // namespace parkgrid::server::api
