#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <memory>

#include "parkgrid/storage/database.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server {

// The oldest instant whose raw meter values are kept: `months` calendar months before `now` (UTC), on the
// same day of the month, or its last day when shorter (31 March minus one month is 28/29 February).
storage::Timestamp meter_value_cutoff(storage::Timestamp now, std::size_t months);

// Periodic upkeep that no message triggers: reservations whose expiry date passed become "expired", old
// building-load readings go, and raw meter values older than the retention period are deleted.
class Housekeeping : public std::enable_shared_from_this<Housekeeping> {
public:
    struct Options {
        std::chrono::seconds interval{30};
        std::size_t meter_value_retention_months = 25;  // 0: keep forever
        // Deleted per storage job: small enough that chargers' commits are not held up behind one delete;
        // a full chunk is followed by the next soon after, so a backlog still goes quickly.
        std::size_t meter_value_chunk = 5000;
    };

    Housekeeping(boost::asio::any_io_executor executor, storage::Database& database, Options options)
        : timer_(executor), prune_timer_(std::move(executor)), database_(database), options_(options) {}

    void start();
    void stop();

private:
    void run_once();
    void schedule();
    void prune_meter_values();

    boost::asio::steady_timer timer_;
    boost::asio::steady_timer prune_timer_;  // the next chunk of a backlog
    storage::Database& database_;
    Options options_;
};

}  // namespace parkgrid::server
