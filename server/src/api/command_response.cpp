#include "command_response.hpp"

#include "api_error.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

HttpResponse command_response(const CommandOutcome& outcome) {
    const auto with_id = [&](HttpResponse response) {
        response.headers.emplace_back("X-Command-Id", std::to_string(outcome.command_id));
        return response;
    };
    const auto& call = outcome.call;
    if (outcome.offline) {
        return with_id(error_response(ApiError(409, "charger_offline", "the charger is not connected")));
    }
    switch (call.status) {
        case CallOutcome::Status::Result: return with_id(json_response(200, call.payload));
        case CallOutcome::Status::Error: {
            auto response = json_response(502, {{"error", "call_error"},
                                                {"errorCode", ocpp::to_string(call.error_code)},
                                                {"message", call.description},
                                                {"errorDetails", call.payload},
                                                {"commandId", outcome.command_id}});
            return with_id(std::move(response));
        }
        case CallOutcome::Status::InvalidResponse:
            return with_id(error_response(
                ApiError(502, "invalid_response",
                         "the charger's answer violates the OCPP schema: " + call.description)));
        case CallOutcome::Status::Timeout:
            return with_id(error_response(ApiError(504, "timeout", "the charger did not answer in time")));
        case CallOutcome::Status::Closed:
            return with_id(error_response(ApiError(502, "connection_closed", call.description)));
        case CallOutcome::Status::QueueFull: {
            auto response = error_response(ApiError(503, "busy", call.description));
            response.headers.emplace_back("Retry-After", "5");
            return with_id(std::move(response));
        }
    }
    return internal_error_response();
}

}  // namespace parkgrid::server::api
