#pragma once

#include "parkgrid/server/command_service.hpp"
#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server::api {

// The HTTP answer to a command: 200 with the charger's payload, or an error saying why there is none
// (409 offline, 502 CALLERROR or invalid answer or lost connection, 503 queue full, 504 timeout).
// Every answer names the command log entry in X-Command-Id.
HttpResponse command_response(const CommandOutcome& outcome);

}  // namespace parkgrid::server::api
