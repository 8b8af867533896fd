#include "site.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

namespace parkgrid::simulator {

namespace {

constexpr double kRootMarginShare = 0.08;
constexpr double kMinRootMarginA = 4;

}  // namespace

Site make_site(std::size_t chargers, double ignore_fraction, std::uint64_t seed) {
    std::mt19937_64 rng(seed ^ 0x5173'0000'0000'0001ULL);
    Site site;
    site.circuits.push_back({.id = 1, .parent = std::nullopt, .limit_a = 1e9});
    site.circuits.push_back({.id = 2, .parent = kRootCircuit, .limit_a = 1e9});
    site.circuits.push_back({.id = 3, .parent = kRootCircuit, .limit_a = 1e9});

    std::uniform_int_distribution<int> lag(1, 10);
    std::uniform_int_distribution<int> meter_slot(0, 5);
    int single_phase_count = 0;
    int three_phase_count = 0;
    for (std::size_t i = 0; i < chargers; ++i) {
        ChargerModel charger;
        auto& connector = charger.connector;
        char id[32];
        std::snprintf(id, sizeof id, "PG-%02zu", i + 1);
        connector.charger_id = id;
        connector.circuit = i < (chargers + 1) / 2 ? 1 : 2;
        // Two of every five are three-phase: the mix of an institution that bought both generations.
        if (i % 5 == 2 || i % 5 == 4) {
            connector.phases = 3;
            connector.max_current_a = 16;
            const int rotation = three_phase_count++ % 3;
            connector.wiring = {rotation, (rotation + 1) % 3, (rotation + 2) % 3};
        } else {
            connector.phases = 1;
            connector.max_current_a = 32;
            const int phase = single_phase_count++ % 3;
            connector.wiring = {phase, phase, phase};
        }
        charger.lag_s = lag(rng);
        // On the gateway's 5-second grid, so a meter reading and a building reading share a planning call.
        charger.meter_offset_s = 5 * meter_slot(rng);
        site.chargers.push_back(std::move(charger));
    }

    std::vector<std::size_t> order(chargers);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), rng);
    const auto ignoring =
        static_cast<std::size_t>(std::lround(ignore_fraction * static_cast<double>(chargers)));
    for (std::size_t k = 0; k < std::min(ignoring, chargers); ++k) {
        site.chargers[order[k]].ignores_limits = true;
    }
    return site;
}

void set_root_limit(Site& site, double limit_a) {
    auto& root = site.circuits[kRootCircuit];
    root.limit_a = limit_a;
    root.margin_a = std::max(kMinRootMarginA, kRootMarginShare * limit_a);
}

std::vector<std::size_t> circuit_path(const Site& site, std::size_t circuit) {
    std::vector<std::size_t> path{circuit};
    while (const auto parent = site.circuits[path.back()].parent) {
        path.push_back(*parent);
    }
    return path;
}

std::vector<int> loaded_phases(const scheduling::Connector& connector, int vehicle_phases) {
    const int count = vehicle_phases == 0 ? connector.phases : std::min(vehicle_phases, connector.phases);
    std::vector<int> phases;
    for (int k = 0; k < count; ++k) {
        phases.push_back(connector.wiring[static_cast<std::size_t>(k)]);
    }
    return phases;
}

}  // namespace parkgrid::simulator
