#pragma once

#include <cstddef>
#include <string>

#include "parkgrid/server/metrics.hpp"

namespace parkgrid::server {

// Values read at scrape time rather than counted as they happen.
struct ScrapeGauges {
    std::size_t chargers_connected = 0;
    std::size_t storage_writes_queued = 0;
    std::size_t storage_reads_queued = 0;
    std::size_t boot_syncs_waiting = 0;
    std::size_t boot_syncs_running = 0;
};

// Everything in the Prometheus text exposition format 0.0.4, including the process's own CPU time, resident
// memory and open files (read from /proc/self, as Prometheus client libraries do).
std::string render_metrics(const Metrics& metrics, const ScrapeGauges& gauges);

}  // namespace parkgrid::server
