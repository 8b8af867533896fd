#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

// Periodic upkeep that no message triggers: reservations whose expiry date passed become "expired".
class Housekeeping : public std::enable_shared_from_this<Housekeeping> {
public:
    Housekeeping(boost::asio::any_io_executor executor, storage::Database& database,
                 std::chrono::seconds interval = std::chrono::seconds(30))
        : timer_(std::move(executor)), database_(database), interval_(interval) {}

    void start();
    void stop();

private:
    void run_once();
    void schedule();

    boost::asio::steady_timer timer_;
    storage::Database& database_;
    std::chrono::seconds interval_;
};

}  // namespace parkgrid::server
