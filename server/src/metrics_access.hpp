#pragma once

#include <string_view>

#include "parkgrid/server/config.hpp"
#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server {

enum class MetricsAccess {
    Granted,
    NeedsToken,  // 401: a token is configured, and this client did not present it
    Refused,     // 403: no token is configured and the client is not on this host
};

// Metrics reveal how many chargers a site has and when it is busy: only scrapers on this host (the default)
// or holding --metrics-token may read them.
MetricsAccess metrics_access(const HttpRequest& request, const Config& config);

// Whether "ADDRESS:PORT" or "[ADDRESS]:PORT" is a loopback address (127.0.0.0/8, ::1, ::ffff:127.x).
bool is_loopback_peer(std::string_view remote_address);

}  // namespace parkgrid::server
