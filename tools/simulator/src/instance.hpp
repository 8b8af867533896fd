#pragma once

// One simulated case: the site, the vehicles and the building, all from one seed (or a trace).

#include <cstdint>
#include <optional>
#include <vector>

#include "building_load.hpp"
#include "site.hpp"
#include "vehicle.hpp"

namespace parkgrid::simulator {

struct InstanceOptions {
    std::uint64_t seed = 1;
    std::size_t chargers = 20;
    int days = 1;
    SpikeMode spikes = SpikeMode::WithinMargin;
    double ignore_fraction = 0;
};

struct Instance {
    Site site;  // the root limit is set per run (set_root_limit); the sub-boards are sized here
    std::vector<Vehicle> vehicles;
    BuildingLoad building;
    // Simulated seconds [0, span): from midnight of the first day until the last vehicle has left (the
    // last evening's overnight cars leave the next morning); with a trace, a minute after its last departure.
    scheduling::Seconds span = 0;
    // Where the simulation starts: 0 for generated days; with a trace, on the gateway's 5-second grid a
    // minute before its first arrival (nothing happens before, and small test traces run faster).
    scheduling::Seconds start = 0;
};

// Vehicles from `trace` when given (their RFID waits are still seeded), else from the generator.
Instance make_instance(const InstanceOptions& options, std::optional<std::vector<Vehicle>> trace = {});

// The vehicle's phases that its charger lets it load.
int effective_phases(const Instance& instance, const Vehicle& vehicle);

}  // namespace parkgrid::simulator
