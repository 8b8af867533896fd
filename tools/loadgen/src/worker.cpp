#include "worker.hpp"

#include <boost/asio/post.hpp>

namespace parkgrid::loadgen {
namespace {

using namespace std::chrono_literals;

// Often enough for --ack-log's promise of at most 100 ms between flushes and for timeouts to be noticed
// well within a second.
constexpr auto kHousekeepingPeriod = 100ms;
constexpr auto kLaunchTick = 2ms;

}  // namespace

Worker::Worker(const Options& options, const Connector& connector, const MeterValuesTemplate& meter_template,
               RunControl& control, AckLog* ack_log, const std::vector<Assignment>& chargers)
    : work_(boost::asio::make_work_guard(io_)),
      ack_log_(ack_log),
      context_{io_,
               options,
               connector,
               meter_template,
               control,
               stats_,
               ack_log != nullptr ? &ack_lines_ : nullptr,
               options.mode == Mode::Idle ? Action::Heartbeat : Action::MeterValues,
               seconds(options.call_timeout_seconds)},
      launch_timer_(io_),
      housekeeping_timer_(io_) {
    chargers_.reserve(chargers.size());
    for (const auto& assignment : chargers) {
        chargers_.push_back(std::make_unique<Charger>(context_, assignment.index, assignment.position));
    }
}

Worker::~Worker() {
    if (thread_.joinable()) {
        io_.stop();
        thread_.join();
    }
}

void Worker::start_thread() {
    thread_ = std::thread([this] {
        arm_housekeeping();
        io_.run();
        finished_.store(true);
    });
}

void Worker::launch(double rate) {
    boost::asio::post(io_, [this, rate] {
        launch_rate_ = rate;
        launch_started_ = SteadyClock::now();
        launch_due();
    });
}

void Worker::launch_due() {
    if (stopping_) {
        return;
    }
    std::size_t due = chargers_.size();
    if (launch_rate_ > 0) {
        const double elapsed = seconds_between(launch_started_, SteadyClock::now());
        due = std::min(chargers_.size(), static_cast<std::size_t>(elapsed * launch_rate_) + 1);
    }
    while (launched_ < due) {
        chargers_[launched_++]->start();
        context_.control.launched.fetch_add(1, std::memory_order_relaxed);
    }
    if (launched_ < chargers_.size()) {
        launch_timer_.expires_after(kLaunchTick);
        launch_timer_.async_wait([this](const boost::system::error_code& ec) {
            if (!ec) {
                launch_due();
            }
        });
    }
}

void Worker::arm_housekeeping() {
    housekeeping_timer_.expires_after(kHousekeepingPeriod);
    housekeeping_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec || stopping_) {
            return;
        }
        const auto now = SteadyClock::now();
        for (std::size_t i = 0; i < launched_; ++i) {
            chargers_[i]->check_timeout(now);
        }
        if (ack_log_ != nullptr) {
            ack_log_->write(ack_lines_);
        }
        arm_housekeeping();
    });
}

void Worker::storm(SteadyTime started) {
    boost::asio::post(io_, [this, started] {
        // Chargers not launched yet come up with the launch; they have no power to lose.
        for (std::size_t i = 0; i < launched_; ++i) {
            chargers_[i]->storm(started);
        }
    });
}

void Worker::shutdown() {
    boost::asio::post(io_, [this] {
        stopping_ = true;
        launch_timer_.cancel();
        housekeeping_timer_.cancel();
        for (auto& charger : chargers_) {
            charger->shutdown();
        }
        if (ack_log_ != nullptr) {
            ack_log_->write(ack_lines_);
        }
        work_.reset();
    });
}

void Worker::join(std::chrono::milliseconds patience) {
    const auto deadline = SteadyClock::now() + patience;
    while (!finished_.load() && SteadyClock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    if (!finished_.load()) {
        io_.stop();  // servers that do not answer the WebSocket close are not waited for
    }
    thread_.join();
    if (ack_log_ != nullptr) {
        ack_log_->write(ack_lines_);
    }
}

}  // namespace parkgrid::loadgen
