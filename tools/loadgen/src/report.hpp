#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "options.hpp"
#include "stats.hpp"

namespace parkgrid::loadgen {

struct RunSummary {
    std::string server_endpoint;  // resolved address:port
    long open_files_limit = 0;
    double ramp_seconds = 0;
    bool ramp_complete = false;  // every charger connected, booted and reported its statuses
    double window_seconds = 0;   // the measuring window
    bool storm_happened = false;
    double elapsed_seconds = 0;
};

// The one JSON object printed at the end. Finishes (sorts) the latency recorders of `stats`.
nlohmann::ordered_json build_report(const Options& options, RunStats& stats, const RunSummary& summary);

}  // namespace parkgrid::loadgen
