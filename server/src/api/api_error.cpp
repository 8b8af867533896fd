#include "api_error.hpp"

#include <nlohmann/json.hpp>

namespace parkgrid::server::api {

HttpResponse error_response(const ApiError& error) {
    nlohmann::json body = {{"error", error.code()}, {"message", error.what()}};
    if (error.field()) {
        body["field"] = *error.field();
    }
    HttpResponse response;
    response.status = error.status();
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (error.status() == 401) {
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
    }
    return response;
}

HttpResponse internal_error_response() {
    return error_response(ApiError(500, "internal_error", "the server could not complete the request"));
}

}  // namespace parkgrid::server::api
