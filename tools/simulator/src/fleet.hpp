#pragma once

// A seeded institutional fleet: day-shift cars and overnight fleet cars on each charger.

#include <cstdint>
#include <vector>

#include "site.hpp"
#include "vehicle.hpp"

namespace parkgrid::simulator {

// Day-shift cars arrive 7:30-9:30 and leave 16:30-19:00 (weekdays); overnight fleet cars arrive
// 17:00-21:00 and leave 6:30-8:30 the next morning. A charger carries at most one vehicle at a time.
// Sorted by arrival.
std::vector<Vehicle> generate_fleet(const Site& site, int days, std::uint64_t seed);

// Seeded RFID waits (5-30 s) for vehicles that come from a trace.
void assign_authorisation_delays(std::vector<Vehicle>& vehicles, std::uint64_t seed);

}  // namespace parkgrid::simulator
