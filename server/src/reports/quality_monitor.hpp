#pragma once

// Runs the data-quality checks continuously: every period it accounts transactions left without a ledger,
// flags transactions open too long and checks the connectors used since the last run; once an hour it
// checks the institutions' last completed month, quarter and year (period-over-period changes, fleet
// consumption, repeated values). Each run is one write job, off the network threads.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "parkgrid/reporting/quality.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::reports {

class QualityMonitor : public std::enable_shared_from_this<QualityMonitor> {
public:
    QualityMonitor(boost::asio::any_io_executor executor, storage::Database& database,
                   reporting::QualityLimits limits, std::chrono::seconds interval)
        : timer_(std::move(executor)), database_(database), limits_(limits), interval_(interval) {}

    void start();
    void stop();

private:
    void run_once();
    void schedule(std::chrono::milliseconds delay);

    boost::asio::steady_timer timer_;
    storage::Database& database_;
    reporting::QualityLimits limits_;
    std::chrono::seconds interval_;
    // Read and written by run_once only, which never runs twice at once: the next run is scheduled when
    // the previous one has finished.
    std::optional<storage::Timestamp> last_run_{};
    std::optional<storage::Timestamp> last_period_checks_{};
};

}  // namespace parkgrid::server::reports
