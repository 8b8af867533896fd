#pragma once

#include <string_view>

namespace parkgrid::server::api {

inline constexpr std::string_view kOpenApiPath = "/api/v1/openapi.json";

// docs/openapi.json, compiled in (see server/CMakeLists.txt).
std::string_view openapi_document();

}  // namespace parkgrid::server::api
