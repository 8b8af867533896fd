#include "vehicle.hpp"

#include <algorithm>

namespace parkgrid::simulator {

double vehicle_max_current(const Vehicle& vehicle, double delivered_kwh) {
    // Vehicles stop at the target their driver set, a hair early so floating sums cannot leave a tail.
    if (delivered_kwh >= vehicle.energy_kwh - 1e-9) {
        return 0;
    }
    const double soc = vehicle.initial_soc + delivered_kwh / vehicle.battery_kwh;
    if (soc <= kTaperStartSoc) {
        return vehicle.max_current_a;
    }
    const double progress = std::min(1.0, (soc - kTaperStartSoc) / (1.0 - kTaperStartSoc));
    return vehicle.max_current_a * (1.0 - (1.0 - kTaperEndShare) * progress);
}

double energy_kwh(double amperes, int phases, double voltage_v, double seconds) {
    return amperes * phases * voltage_v * seconds / 3.6e6;
}

}  // namespace parkgrid::simulator
