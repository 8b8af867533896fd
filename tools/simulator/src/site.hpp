#pragma once

// The simulated car park's electrical side: a grid connection with two sub-boards, and the chargers on them
// with the behaviour ParkGrid cannot see (how fast they follow a limit, whether they obey at all).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::simulator {

struct ChargerModel {
    scheduling::Connector connector{};  // as ParkGrid knows it: circuit, rating, phases, wiring
    // From ParkGrid deciding a limit to the vehicle's draw following it (message, charger, vehicle).
    scheduling::Seconds lag_s = 1;
    bool ignores_limits = false;             // lets the vehicle draw its maximum whatever it is sent
    scheduling::Seconds meter_offset_s = 0;  // its MeterValues come at offset + k * 30 s
};

inline constexpr std::size_t kRootCircuit = 0;

struct Site {
    // [0] is the grid connection; sub-boards follow, each with its parent before it.
    std::vector<scheduling::Circuit> circuits{};
    std::vector<ChargerModel> chargers{};
};

// `chargers` chargers: 60% 7 kW single-phase 32 A ones spread over L1/L2/L3 by their wiring, 40% 11 kW
// three-phase 16 A ones (wiring rotated too), half on each sub-board. Limits are set later: the root's by
// set_root_limit, the boards' by size_boards.
Site make_site(std::size_t chargers, double ignore_fraction, std::uint64_t seed);

// The grid connection's limit per phase and its margin (a fixed share of the limit).
void set_root_limit(Site& site, double limit_a);

// `circuit`, then its parent, up to the root.
std::vector<std::size_t> circuit_path(const Site& site, std::size_t circuit);

// The grid phases a charging vehicle loads: its own phase count (0 = unknown: all the charger's) on the
// charger's wiring.
std::vector<int> loaded_phases(const scheduling::Connector& connector, int vehicle_phases);

}  // namespace parkgrid::simulator
