#pragma once

// Writes the planned sessions through the repositories as the central system would have stored them: the
// StartTransaction, the MeterValues of every charger interleaved in time, the StopTransaction. Large write
// jobs (a time window of thousands of rows each) keep generation fast; the ledger is not written here.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "organisation_generator.hpp"
#include "parkgrid/storage/database.hpp"
#include "session_plan.hpp"

namespace parkgrid::energy_bench {

struct GenerationFigures {
    std::size_t transactions = 0;
    std::size_t meter_rows = 0;
    std::size_t jobs = 0;
    double seconds = 0;                         // wall
    double cpu_seconds = 0;                     // of the process: generating the records and storing them
    std::vector<std::int32_t> transaction_ids;  // of the sessions, in schedule order
};

GenerationFigures write_sessions(storage::Database& database, const Organisation& organisation,
                                 const SessionSchedule& schedule);

}  // namespace parkgrid::energy_bench
