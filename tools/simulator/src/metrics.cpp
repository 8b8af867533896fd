#include "metrics.hpp"

#include <algorithm>

namespace parkgrid::simulator {

namespace {

Metrics energy_metrics(const Instance& instance, const std::vector<double>& delivered,
                       const std::string& policy) {
    Metrics metrics;
    metrics.policy = policy;
    std::size_t served = 0;
    for (std::size_t v = 0; v < instance.vehicles.size(); ++v) {
        const double requested = instance.vehicles[v].energy_kwh;
        metrics.requested_kwh += requested;
        metrics.delivered_kwh += delivered[v];
        served += delivered[v] >= kFullyServedShare * requested ? 1 : 0;
    }
    if (metrics.requested_kwh > 0) {
        metrics.energy_percent = 100.0 * metrics.delivered_kwh / metrics.requested_kwh;
    }
    if (!instance.vehicles.empty()) {
        metrics.fully_served_percent =
            100.0 * static_cast<double>(served) / static_cast<double>(instance.vehicles.size());
    }
    return metrics;
}

}  // namespace

double plugged_connector_hours(const Instance& instance) {
    double hours = 0;
    for (const auto& vehicle : instance.vehicles) {
        hours += static_cast<double>(std::min(vehicle.departure, instance.span) - vehicle.arrival) / 3600.0;
    }
    return hours;
}

Metrics summarise(const Instance& instance, const RunResult& run, bool count_messages) {
    auto metrics = energy_metrics(instance, run.delivered_kwh, run.policy);
    metrics.cost_cny = run.cost_cny;
    metrics.seconds_over_limit = run.seconds_over_limit;
    metrics.ampere_seconds_over_limit = run.ampere_seconds_over_limit;
    const double hours = plugged_connector_hours(instance);
    if (count_messages && hours > 0) {
        metrics.messages_per_connector_hour = static_cast<double>(run.messages) / hours;
    }
    return metrics;
}

Metrics summarise(const Instance& instance, const OptimumResult& optimum) {
    auto metrics = energy_metrics(instance, optimum.delivered_kwh, "optimum");
    metrics.cost_cny = optimum.cost_cny;
    metrics.of_optimum_percent = 100.0;
    return metrics;
}

void compare_with_optimum(Metrics& metrics, const Metrics& optimum) {
    if (optimum.delivered_kwh > 0) {
        metrics.of_optimum_percent = 100.0 * metrics.delivered_kwh / optimum.delivered_kwh;
    }
}

}  // namespace parkgrid::simulator
