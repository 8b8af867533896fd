#include "report.hpp"

#include <cstdio>
#include <ostream>

namespace parkgrid::simulator {

namespace {

std::string format(const char* pattern, auto... values) {
    char text[512];
    std::snprintf(text, sizeof text, pattern, values...);
    return text;
}

std::string spikes_name(SpikeMode mode) {
    switch (mode) {
        case SpikeMode::None: return "none";
        case SpikeMode::WithinMargin: return "within-margin";
        case SpikeMode::OverMargin: return "over-margin";
    }
    return "?";
}

// One table: a row per capacity, a column per policy, cells from `cell` ("-" when absent).
template <typename Cell>
void sweep_table(std::ostream& out, const char* title, const std::vector<std::string>& policies,
                 const std::vector<SweepRow>& rows, Cell cell) {
    out << title << "\n| capacity | limit A |";
    for (const auto& policy : policies) {
        out << format(" %12s |", policy.c_str());
    }
    out << "\n|---:|---:|";
    for (std::size_t k = 0; k < policies.size(); ++k) {
        out << "---:|";
    }
    out << '\n';
    for (const auto& row : rows) {
        out << format("| %7d%% | %7.1f |", row.percent, row.outcome.root_limit_a);
        for (const auto& policy : policies) {
            const auto* outcome = find_policy(row.outcome, policy);
            const std::string text = outcome ? cell(outcome->metrics) : std::string("-");
            out << format(" %12s |", text.c_str());
        }
        out << '\n';
    }
    out << '\n';
}

}  // namespace

void print_instance(std::ostream& out, const Options& options, const Instance& instance) {
    std::size_t ignoring = 0;
    for (const auto& charger : instance.site.chargers) {
        ignoring += charger.ignores_limits ? 1 : 0;
    }
    out << format(
        "ParkGrid simulator: seed %llu, %zu chargers (%zu ignore limits), %zu vehicles%s, %.1f h simulated, "
        "spikes %s\n",
        static_cast<unsigned long long>(options.instance.seed), instance.site.chargers.size(), ignoring,
        instance.vehicles.size(), options.trace ? " from the trace" : "",
        static_cast<double>(instance.span) / 3600.0, spikes_name(options.instance.spikes).c_str());
    double requested = 0;
    for (const auto& vehicle : instance.vehicles) {
        requested += vehicle.energy_kwh;
    }
    out << format("Requested energy %.1f kWh; plugged-in time %.1f connector-hours\n", requested,
                  plugged_connector_hours(instance));
}

void print_case(std::ostream& out, const CaseOutcome& outcome, double peak_a) {
    const auto& root = outcome.site.circuits[kRootCircuit];
    out << format("Grid connection %.1f A per phase (%.0f%% of the uncontrolled peak %.1f A), margin %.1f A",
                  root.limit_a, 100.0 * root.limit_a / peak_a, peak_a, root.margin_a);
    for (std::size_t c = 1; c < outcome.site.circuits.size(); ++c) {
        out << format("; board %zu %.0f A (margin %.1f A)", c, outcome.site.circuits[c].limit_a,
                      outcome.site.circuits[c].margin_a);
    }
    out << "\n\n";
    out << "| policy | delivered kWh | energy % | fully served % | cost CNY | CNY/kWh | s over limit | A·s "
           "over limit | "
           "msgs/conn-h | % of optimum |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& policy : outcome.policies) {
        const auto& m = policy.metrics;
        out << format("| %s | %.1f | %.2f | %.1f | %.2f | %.3f | ", m.policy.c_str(), m.delivered_kwh,
                      m.energy_percent, m.fully_served_percent, m.cost_cny,
                      m.delivered_kwh > 0 ? m.cost_cny / m.delivered_kwh : 0.0);
        out << (m.seconds_over_limit ? format("%lld", static_cast<long long>(*m.seconds_over_limit)) : "-")
            << " | ";
        out << (m.ampere_seconds_over_limit ? format("%.0f", *m.ampere_seconds_over_limit) : "-") << " | ";
        out << (m.messages_per_connector_hour ? format("%.2f", *m.messages_per_connector_hour) : "-")
            << " | ";
        out << (m.of_optimum_percent ? format("%.2f", *m.of_optimum_percent) : "-") << " |\n";
    }
    out << '\n';
    for (const auto& finding : outcome.findings) {
        out << "  * " << finding << '\n';
    }
}

void print_sweep(std::ostream& out, const std::vector<std::string>& policies,
                 const std::vector<SweepRow>& rows) {
    sweep_table(out, "Energy delivered by departure (% of requested)", policies, rows,
                [](const Metrics& m) { return format("%.2f", m.energy_percent); });
    sweep_table(out, "Vehicles fully served (% of vehicles)", policies, rows,
                [](const Metrics& m) { return format("%.1f", m.fully_served_percent); });
    sweep_table(out, "Seconds over a circuit limit", policies, rows, [](const Metrics& m) {
        return m.seconds_over_limit ? format("%lld", static_cast<long long>(*m.seconds_over_limit))
                                    : std::string("-");
    });
    sweep_table(out, "Energy cost (CNY per kWh delivered)", policies, rows, [](const Metrics& m) {
        return format("%.3f", m.delivered_kwh > 0 ? m.cost_cny / m.delivered_kwh : 0.0);
    });
    sweep_table(out, "Delivered energy (% of the optimum's)", policies, rows, [](const Metrics& m) {
        return m.of_optimum_percent ? format("%.2f", *m.of_optimum_percent) : std::string("-");
    });
    double ratio_sum = 0;
    int ratios = 0;
    for (const auto& row : rows) {
        const auto* parkgrid = find_policy(row.outcome, "parkgrid");
        if (parkgrid && parkgrid->metrics.of_optimum_percent) {
            ratio_sum += *parkgrid->metrics.of_optimum_percent;
            ++ratios;
        }
    }
    if (ratios > 0) {
        out << format(
            "ParkGrid delivers on average %.2f%% of the optimum's energy across %d capacities "
            "(goal: at least 99%%).\n",
            ratio_sum / ratios, ratios);
    }
    for (const auto& row : rows) {
        for (const auto& finding : row.outcome.findings) {
            out << format("  * at %d%%: %s\n", row.percent, finding.c_str());
        }
    }
}

}  // namespace parkgrid::simulator
