#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ack_log.hpp"
#include "charger.hpp"

namespace parkgrid::loadgen {

// One thread with its own io_context and its share of the chargers. The main thread only posts to it and,
// after join(), reads its statistics.
class Worker {
public:
    struct Assignment {
        int index;     // charger id number
        int position;  // 0..chargers-1 within this process
    };

    Worker(const Options& options, const Connector& connector, const MeterValuesTemplate& meter_template,
           RunControl& control, AckLog* ack_log, const std::vector<Assignment>& chargers);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void start_thread();
    // Starts connecting the chargers, `rate` new connections a second (0: all at once).
    void launch(double rate);
    void storm(SteadyTime started);
    // Closes all connections; the thread ends when they are closed.
    void shutdown();
    // Waits for the thread; stops the io_context if the connections take longer than `patience` to close.
    void join(std::chrono::milliseconds patience);

    const RunStats& stats() const { return stats_; }

private:
    void launch_due();
    void arm_housekeeping();

    boost::asio::io_context io_{1};
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    RunStats stats_;
    std::string ack_lines_;
    AckLog* ack_log_;
    ChargerContext context_;
    std::vector<std::unique_ptr<Charger>> chargers_;
    boost::asio::steady_timer launch_timer_;
    boost::asio::steady_timer housekeeping_timer_;
    std::size_t launched_ = 0;
    double launch_rate_ = 0;
    SteadyTime launch_started_{};
    bool stopping_ = false;
    std::thread thread_;
    std::atomic<bool> finished_{false};
};

}  // namespace parkgrid::loadgen
