#pragma once

// Vehicles from a CSV trace instead of the generator.
//
// Format: a header line, then one vehicle per line, comma-separated:
//   arrival,departure,energy_kwh,battery_kwh,phases,max_current_a,priority,charger[,initial_soc]
// arrival and departure are seconds since midnight (local time) of the first simulated day; charger is the
// charger's index (0-based, below --chargers); initial_soc (0..1) is optional and defaults to what makes
// the request end at 90% (or at 100% if the request is larger). Lines starting with # are ignored. A
// charger may carry only one vehicle at a time.

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "vehicle.hpp"

namespace parkgrid::simulator {

class TraceError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws TraceError naming the line. Authorisation delays are left at their default; sorted by arrival.
std::vector<Vehicle> read_trace(std::istream& in, std::size_t chargers);
void write_trace(std::ostream& out, const std::vector<Vehicle>& vehicles);

}  // namespace parkgrid::simulator
