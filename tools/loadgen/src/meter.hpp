#pragma once

#include <chrono>
#include <cstdint>

#include "frames.hpp"
#include "random.hpp"

namespace parkgrid::loadgen {

// The meter of one charging point with a car charging at a little below the offered current: the energy
// register grows with real time, SoC with the energy, temperature with the power.
class SimulatedMeter {
public:
    SimulatedMeter(int phases, std::uint64_t seed);

    // Advances the register to `now` and reads all quantities.
    MeterSample read(std::chrono::steady_clock::time_point now);

    // Advances the register to `now` and returns it (whole Wh).
    std::int64_t register_wh(std::chrono::steady_clock::time_point now);

private:
    void advance(std::chrono::steady_clock::time_point now);

    int phases_;
    SmallRandom random_;
    double offered_a_;
    double draw_ratio_;  // of the offered current the car takes
    double energy_wh_ = 0;
    double power_w_ = 0;
    double start_soc_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace parkgrid::loadgen
