#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server::api {

// An error answered to an API client as {"error": code, "message": ..., "field"?: ...}.
class ApiError : public std::runtime_error {
public:
    ApiError(unsigned status, std::string code, const std::string& message,
             std::optional<std::string> field = std::nullopt)
        : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}

    unsigned status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::optional<std::string>& field() const { return field_; }

    static ApiError invalid_field(const std::string& field, const std::string& message) {
        return ApiError(422, "invalid_field", field + ": " + message, field);
    }
    static ApiError not_found(const std::string& what) {
        return ApiError(404, "not_found", what + " not found");
    }
    static ApiError conflict(const std::string& message) { return ApiError(409, "conflict", message); }

private:
    unsigned status_;
    std::string code_;
    std::optional<std::string> field_;
};

HttpResponse error_response(const ApiError& error);
HttpResponse internal_error_response();

}  // namespace parkgrid::server::api
