#pragma once

#include "parkgrid/server/config.hpp"

namespace parkgrid::server {

// Runs the central system until SIGINT or SIGTERM, then shuts down gracefully: stops accepting, closes
// chargers with 1001 (going away), lets storage finish and checkpoint. Returns the process exit code.
int run_application(const Config& config);

}  // namespace parkgrid::server
