#pragma once

// The 1-second time-stepped simulation of one policy on one instance.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "building_load.hpp"
#include "instance.hpp"
#include "policy.hpp"

namespace parkgrid::simulator {

struct RunSetup {
    const Instance* instance = nullptr;
    const Site* site = nullptr;  // the instance's site with this run's limits
    const BuildingTruth* truth = nullptr;
    std::vector<double> failsafe{};  // per charger: its TxDefaultProfile, installed at boot
};

// Consecutive seconds with some circuit phase above its limit (the limit itself, not limit - margin).
struct OverloadEpisode {
    scheduling::Seconds start = 0;
    scheduling::Seconds end = 0;  // exclusive
    std::size_t circuit = 0;      // of the worst second
    int phase = 0;
    double worst_load_a = 0;  // building + charging
    double limit_a = 0;
};

struct RunResult {
    std::string policy{};
    std::vector<double> delivered_kwh{};  // per vehicle, by its departure
    double cost_cny = 0;
    scheduling::Seconds seconds_over_limit = 0;
    double ampere_seconds_over_limit = 0;  // summed over circuits and phases
    std::vector<OverloadEpisode> overloads{};
    std::size_t messages = 0;                 // SetChargingProfile sent
    scheduling::PhaseCurrents root_peak_a{};  // highest building + charging at the grid connection
    std::vector<std::pair<std::size_t, scheduling::Seconds>> flagged{};
};

// Sees every simulated second (for --csv-day).
class SeriesSink {
public:
    virtual ~SeriesSink() = default;
    // Per circuit: true building load and charging draw per phase; per vehicle: energy so far.
    virtual void record(scheduling::Seconds now, const std::vector<scheduling::PhaseCurrents>& building,
                        const std::vector<scheduling::PhaseCurrents>& charging,
                        const std::vector<double>& delivered_kwh) = 0;
};

RunResult simulate(const RunSetup& setup, Policy& policy, SeriesSink* sink = nullptr);

}  // namespace parkgrid::simulator
