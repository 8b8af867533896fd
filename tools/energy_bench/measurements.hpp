#pragma once

// What the benchmark times: the energy reports as the API answers them (from the incrementally maintained
// ledger), and the baseline that answers the same yearly question from the raw meter samples.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::energy_bench {

struct ReportTiming {
    std::string name{};
    std::vector<double> ms{};      // wall, one per run
    std::vector<double> cpu_ms{};  // of the process, one per run
    std::size_t rows = 0;          // of the answer
    std::size_t bytes = 0;         // of the answer as JSON
    double median_ms() const;
    double max_ms() const;
    double median_cpu_ms() const;
};

// energy_report_json over [kReportFrom, kReportTo) for every groupBy with period=year and period=month, and
// the annual standard report of one institution; each `runs` times, each run in a read job of its own.
std::vector<ReportTiming> time_reports(storage::Database& database, int runs, std::int64_t institution_id);

// Energy (Wh) by institution id ("" for none) over the report's range.
using InstitutionWh = std::map<std::string, std::int64_t>;

struct AggregatedTotals {
    InstitutionWh wh;
    std::int64_t sessions = 0;
};

// From the ledger, as the yearly institution report reads it.
AggregatedTotals aggregated_totals(storage::Database& database);

struct Recompute {
    InstitutionWh wh;
    std::size_t transactions = 0;
    std::size_t meter_rows = 0;
    std::size_t parts = 0;   // day and time-of-use parts within the range
    double seconds = 0;      // wall
    double cpu_seconds = 0;  // of the process
};

// Without the ledger: every transaction that may have energy in the range, its meter readings accounted
// again with reporting::account_session, the parts within the range summed by institution.
Recompute recompute_from_samples(storage::Database& database);

}  // namespace parkgrid::energy_bench
