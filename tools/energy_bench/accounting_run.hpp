#pragma once

// The incremental step: each finished transaction accounted once into its ledger (parts by site-local day
// and time-of-use period, with the data-quality checks), as StopTransaction does in the server. Timed here
// over the whole year to show what it costs per session.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::energy_bench {

struct AccountingFigures {
    std::size_t sessions = 0;  // ledgers written
    std::size_t jobs = 0;
    double seconds = 0;      // wall
    double cpu_seconds = 0;  // of the process
};

AccountingFigures account_transactions(storage::Database& database, const std::vector<std::int32_t>& ids);

// Finished transactions without a ledger (a reused database whose accounting was interrupted).
std::vector<std::int32_t> unaccounted_transactions(storage::Database& database);

}  // namespace parkgrid::energy_bench
