#pragma once

// Command-line options of parkgrid_energy_bench.

#include <cstddef>
#include <cstdint>
#include <string>

namespace parkgrid::energy_bench {

// The generated year starts on this site-local date; the reports cover [kReportFrom, kReportTo).
inline constexpr const char* kReportFrom = "2025-01-01";
inline constexpr const char* kReportTo = "2026-01-01";
inline constexpr const char* kTimeZone = "Asia/Shanghai";

struct BenchOptions {
    std::string db_path = "/tmp/parkgrid-energy-bench.db";
    bool reuse = false;  // keep an existing database that holds data instead of generating a new one
    std::size_t chargers = 500;
    std::size_t samples = 10'000'000;  // MeterValues rows to generate, roughly
    int days = 365;                    // from 2025-01-01, site-local
    int runs = 5;                      // timed repetitions of each report
    std::uint64_t seed = 1;
};

// Prints the usage and exits on a bad option.
BenchOptions parse_options(int argc, char** argv);

}  // namespace parkgrid::energy_bench
