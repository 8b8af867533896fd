#pragma once

#include <string>
#include <string_view>

#include "parkgrid/server/config.hpp"
#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server::api {

// How chargers reach this server: --public-url, else "http://" and the Host the API client used.
std::string public_base(const Config& config, const HttpRequest& request);

// `location` with HTTP Basic credentials in its authority: scheme://user:credential@host/...
std::string with_credential(const std::string& location, std::string_view user,
                            const std::string& credential);

}  // namespace parkgrid::server::api
