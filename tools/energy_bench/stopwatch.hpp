#pragma once

// Wall time and the process's CPU time since construction. The benchmark may share its machine (builds,
// other benchmarks): CPU time shows the work itself, wall time what a caller waited. The process does
// nothing else while a job is timed (the main thread waits for the storage thread), so its CPU time is the
// job's.

#include <chrono>
#include <ctime>

namespace parkgrid::energy_bench {

class Stopwatch {
public:
    Stopwatch() : wall_(Clock::now()), cpu_ms_(cpu_now_ms()) {}

    double wall_ms() const { return std::chrono::duration<double, std::milli>(Clock::now() - wall_).count(); }
    double cpu_ms() const { return cpu_now_ms() - cpu_ms_; }

private:
    using Clock = std::chrono::steady_clock;

    static double cpu_now_ms() {
        timespec now{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
    }

    Clock::time_point wall_;
    double cpu_ms_;
};

}  // namespace parkgrid::energy_bench
