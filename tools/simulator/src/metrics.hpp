#pragma once

// The figures every policy is judged by (docs/load-management.md, "Metrics").

#include <optional>
#include <string>

#include "instance.hpp"
#include "optimum_lp.hpp"
#include "simulation.hpp"

namespace parkgrid::simulator {

inline constexpr double kFullyServedShare = 0.995;

struct Metrics {
    std::string policy{};
    double requested_kwh = 0;
    double delivered_kwh = 0;
    double energy_percent = 0;        // delivered by departure, of requested
    double fully_served_percent = 0;  // vehicles that got at least 99.5% of their request
    double cost_cny = 0;
    std::optional<scheduling::Seconds> seconds_over_limit{};  // none for the LP
    std::optional<double> ampere_seconds_over_limit{};
    std::optional<double> messages_per_connector_hour{};  // ParkGrid only
    std::optional<double> of_optimum_percent{};           // delivered, of the optimum's
};

// Hours vehicles spent plugged in, over all connectors.
double plugged_connector_hours(const Instance& instance);

Metrics summarise(const Instance& instance, const RunResult& run, bool count_messages);
Metrics summarise(const Instance& instance, const OptimumResult& optimum);
// Sets of_optimum_percent from the optimum's delivered energy.
void compare_with_optimum(Metrics& metrics, const Metrics& optimum);

}  // namespace parkgrid::simulator
