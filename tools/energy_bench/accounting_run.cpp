#include "accounting_run.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

#include "reports/session_accountant.hpp"
#include "stopwatch.hpp"

namespace parkgrid::energy_bench {
namespace {

// Transactions per write job: one commit amortised over many ledgers, as a busy server's group commit
// would.
constexpr std::size_t kBatch = 1000;

}  // namespace

AccountingFigures account_transactions(storage::Database& database, const std::vector<std::int32_t>& ids) {
    const Stopwatch stopwatch;
    const reporting::QualityLimits limits{};
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    AccountingFigures figures;
    for (std::size_t first = 0; first < ids.size(); first += kBatch) {
        const auto last = std::min(ids.size(), first + kBatch);
        figures.sessions += storage::write_and_wait(database, [&](storage::Repositories& repositories) {
            std::size_t written = 0;
            for (auto i = first; i < last; ++i) {
                written += server::reports::account_transaction(repositories, ids[i], limits, now) ? 1 : 0;
            }
            return written;
        });
        ++figures.jobs;
    }
    figures.seconds = stopwatch.wall_ms() / 1000;
    figures.cpu_seconds = stopwatch.cpu_ms() / 1000;
    return figures;
}

std::vector<std::int32_t> unaccounted_transactions(storage::Database& database) {
    return storage::read_and_wait(database, [](storage::Repositories& repositories) {
        return repositories.energy().unaccounted_transactions(std::numeric_limits<std::int32_t>::max());
    });
}

}  // namespace parkgrid::energy_bench
