#pragma once

// What the figures were measured on, printed with them.

#include <cstdint>
#include <string>

namespace parkgrid::energy_bench {

struct Machine {
    unsigned cores = 0;
    std::string cpu_model;  // from /proc/cpuinfo; "unknown" elsewhere
    std::string load;       // 1, 5 and 15 minute load averages from /proc/loadavg: other work skews timings
};

Machine this_machine();

// Bytes of the database file and its write-ahead log (0 for a missing file).
std::uintmax_t database_bytes(const std::string& path);

}  // namespace parkgrid::energy_bench
