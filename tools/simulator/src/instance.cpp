#include "instance.hpp"

#include <algorithm>
#include <cmath>

#include "fleet.hpp"

namespace parkgrid::simulator {

namespace {

constexpr scheduling::Seconds kDay = 24 * 3600;
// A sub-board is built for most, not all, of its chargers at full power: the reason to manage load.
constexpr double kBoardRatedShare = 0.6;
constexpr double kBoardMarginShare = 0.05;
constexpr double kMinBoardMarginA = 2;

void size_boards(Site& site, const BuildingLoad& building) {
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        if (c == kRootCircuit) {
            continue;
        }
        scheduling::PhaseCurrents rated{};
        for (const auto& charger : site.chargers) {
            const auto path = circuit_path(site, charger.connector.circuit);
            if (std::find(path.begin(), path.end(), c) == path.end()) {
                continue;
            }
            for (const int phase : loaded_phases(charger.connector, 0)) {
                rated[static_cast<std::size_t>(phase)] += charger.connector.max_current_a;
            }
        }
        double building_peak = 0;
        for (std::size_t below = 0; below < site.circuits.size(); ++below) {
            const auto path = circuit_path(site, below);
            if (std::find(path.begin(), path.end(), c) != path.end()) {
                building_peak += building.own_day_peak_a(below);
            }
        }
        auto& circuit = site.circuits[c];
        circuit.limit_a =
            std::round(kBoardRatedShare * *std::max_element(rated.begin(), rated.end()) + building_peak);
        circuit.margin_a = std::max(kMinBoardMarginA, kBoardMarginShare * circuit.limit_a);
    }
}

}  // namespace

Instance make_instance(const InstanceOptions& options, std::optional<std::vector<Vehicle>> trace) {
    auto site = make_site(options.chargers, options.ignore_fraction, options.seed);
    std::vector<Vehicle> vehicles;
    const bool from_trace = trace.has_value();
    if (from_trace) {
        vehicles = std::move(*trace);
        assign_authorisation_delays(vehicles, options.seed);
    } else {
        vehicles = generate_fleet(site, options.days, options.seed);
    }
    // A trace sets its own length; generated days run whole, and on until the overnight cars have left.
    scheduling::Seconds span = from_trace ? 1 : options.days * kDay;
    for (const auto& vehicle : vehicles) {
        span = std::max(span, vehicle.departure + 60);
    }
    scheduling::Seconds start = 0;
    if (from_trace && !vehicles.empty()) {
        start = std::max<scheduling::Seconds>(0, (vehicles.front().arrival - 60) / 5 * 5);
    }
    BuildingLoad building(site, span, options.spikes, options.seed);
    size_boards(site, building);
    return Instance{std::move(site), std::move(vehicles), std::move(building), span, start};
}

int effective_phases(const Instance& instance, const Vehicle& vehicle) {
    return std::min(vehicle.phases, instance.site.chargers[vehicle.charger].connector.phases);
}

}  // namespace parkgrid::simulator
