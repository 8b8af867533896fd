#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>

namespace parkgrid::loadgen {

using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;

// Options give times in (fractional) seconds; timers and schedules want clock durations.
inline SteadyClock::duration seconds(double value) {
    return std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(value));
}

inline double seconds_between(SteadyTime from, SteadyTime to) {
    return std::chrono::duration<double>(to - from).count();
}

// What the main thread tells all chargers while they run, and the few counts it watches. Everything here is
// atomic; the chargers read it at most once per message.
class RunControl {
public:
    explicit RunControl(SteadyTime epoch) : epoch_(epoch) {}

    // The common origin of the open-loop schedules.
    SteadyTime epoch() const { return epoch_; }

    void set_window(SteadyTime start, SteadyTime end) {
        window_end_.store(end.time_since_epoch().count(), std::memory_order_relaxed);
        window_start_.store(start.time_since_epoch().count(), std::memory_order_release);
    }
    bool in_window(SteadyTime t) const {
        const auto tick = t.time_since_epoch().count();
        return tick >= window_start_.load(std::memory_order_acquire) &&
               tick < window_end_.load(std::memory_order_relaxed);
    }

    // After the measuring window no new MeterValues or Heartbeats are started.
    void stop_sending() { sending_stopped_.store(true, std::memory_order_relaxed); }
    bool sending_stopped() const { return sending_stopped_.load(std::memory_order_relaxed); }

    std::atomic<std::int64_t> launched{0};     // chargers that started connecting
    std::atomic<std::int64_t> connected{0};    // chargers with an open WebSocket
    std::atomic<std::int64_t> ready{0};        // chargers booted with both statuses answered at least once
    std::atomic<std::int64_t> storm_done{0};   // chargers back after the storm
    std::atomic<std::int64_t> outstanding{0};  // CALLs sent and not answered
    std::atomic<std::uint64_t> answered{0};    // all answers, for progress lines

private:
    SteadyTime epoch_;
    std::atomic<SteadyClock::rep> window_start_{std::numeric_limits<SteadyClock::rep>::max()};
    std::atomic<SteadyClock::rep> window_end_{std::numeric_limits<SteadyClock::rep>::max()};
    std::atomic<bool> sending_stopped_{false};
};

}  // namespace parkgrid::loadgen
