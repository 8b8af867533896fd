#pragma once

// The offline optimum: a linear program over the whole instance with full knowledge of the future, solved
// with GLPK. It is an upper bound on what any policy can deliver:
//   * the 6 A minimum is relaxed (any current from 0 up);
//   * currents are 5-minute averages against the slot's average true building load (spikes are spread
//     over their slot), with no charger lag, no RFID wait beyond the trace's and no meter delay;
//   * the taper is applied at the state of charge of the slot's start, which allows a little more than
//     the vehicle really takes within the slot.
//
// Variables: x[v][s], vehicle v's current per phase in slot s (only while plugged in), and e[v][j], its
// energy at the start of its j-th slot.
// Maximise    sum over v, s of k_v * (1 - eps * price_s) * x[v][s]     (k_v: kWh per ampere-slot)
// subject to  sum over vehicles under circuit c loading phase p of x[v][s]
//                 <= limit_c - margin_c - mean true building load of (c, p, s)      for every c, p, s
//             0 <= x[v][s] <= f * min(vehicle max, charger rating)       (f: share of slot plugged in)
//             x[v][s] <= f * vehicle max * (1 - 4.5 * (soc0 + e[v][j] / battery - 0.8))   (taper above 80%)
//             e[v][j+1] = e[v][j] + k_v * x[v][j],  e[v][0] = 0,  e[v][last] <= energy requested
// eps = 1e-4 per CNY makes the cost a tie-breaker: at 1.30 CNY/kWh it weighs 0.013% of an energy unit, so
// among plans delivering the same energy the cheapest wins and energy is never traded for price.

#include <string>
#include <vector>

#include "building_load.hpp"
#include "instance.hpp"

namespace parkgrid::simulator {

struct OptimumResult {
    bool solved = false;
    std::string status{};                 // GLPK's verdict when not optimal
    std::vector<double> delivered_kwh{};  // per vehicle
    double cost_cny = 0;
    int variables = 0;
    int constraints = 0;
};

inline constexpr scheduling::Seconds kOptimumSlot = 300;

OptimumResult solve_optimum(const Instance& instance, const Site& site, const BuildingTruth& truth);

}  // namespace parkgrid::simulator
