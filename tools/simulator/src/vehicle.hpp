#pragma once

// One vehicle's visit to the car park and its battery's behaviour.

#include <cstddef>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::simulator {

struct Vehicle {
    scheduling::Seconds arrival = 0;    // plug-in: the connector reports Preparing
    scheduling::Seconds departure = 0;  // unplugs and leaves, whatever its state of charge
    double energy_kwh = 0;              // what the driver asks for; the vehicle stops once it has it
    double battery_kwh = 60;
    double initial_soc = 0.3;
    int phases = 1;                                // 1 or 3
    double max_current_a = 32;                     // per phase, below the taper
    int priority = 5;                              // as the scheduler's Session::priority
    std::size_t charger = 0;                       // index into Site::chargers
    scheduling::Seconds authorisation_delay = 10;  // Preparing until the transaction starts (RFID)
};

// Above this state of charge the vehicle's own maximum current falls linearly...
inline constexpr double kTaperStartSoc = 0.8;
// ...to this share of its maximum at 100%.
inline constexpr double kTaperEndShare = 0.1;

// The most the vehicle takes per phase after receiving `delivered_kwh` of its request.
double vehicle_max_current(const Vehicle& vehicle, double delivered_kwh);

// Energy in kWh of `amperes` per phase on `phases` phases at `voltage_v` for `seconds`.
double energy_kwh(double amperes, int phases, double voltage_v, double seconds);

}  // namespace parkgrid::simulator
