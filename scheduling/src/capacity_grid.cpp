#include "capacity_grid.hpp"

#include <algorithm>
#include <limits>

namespace parkgrid::scheduling {
namespace {

// Rounding noise must never turn into a reservation beyond the limit.
constexpr double kEpsilon = 1e-9;

bool valid_phase(int phase) {
    return phase >= 0 && phase < static_cast<int>(kGridPhases);
}

}  // namespace

CapacityGrid::CapacityGrid(const SiteState& site,
                           const std::vector<std::vector<std::optional<PhaseCurrents>>>& building_load)
    : phase_room_(building_load.size(), std::vector<PhaseCurrents>(site.circuits.size())),
      kw_room_(building_load.size(), std::vector<double>(site.circuits.size())) {
    for (std::size_t slot = 0; slot < building_load.size(); ++slot) {
        for (std::size_t c = 0; c < site.circuits.size(); ++c) {
            const auto& circuit = site.circuits[c];
            const auto& building = building_load[slot][c];
            const double usable = circuit.limit_a - circuit.margin_a;
            double building_kw = 0;
            for (std::size_t phase = 0; phase < kGridPhases; ++phase) {
                const bool exists = static_cast<int>(phase) < circuit.phases;
                if (!exists || !building) {
                    phase_room_[slot][c][phase] = 0;
                    continue;
                }
                phase_room_[slot][c][phase] = usable - (*building)[phase];
                building_kw += (*building)[phase] * circuit.voltage_v / 1000.0;
            }
            if (!building) {
                kw_room_[slot][c] = 0;
            } else if (circuit.limit_kw) {
                // The margin applies to power too: the same amperes kept free on every phase.
                const double margin_kw = circuit.margin_a * circuit.voltage_v * circuit.phases / 1000.0;
                kw_room_[slot][c] = *circuit.limit_kw - margin_kw - building_kw;
            } else {
                kw_room_[slot][c] = std::numeric_limits<double>::infinity();
            }
        }
    }
}

double CapacityGrid::room(std::size_t slot, const ConnectorGeometry& where, const std::vector<int>& phases,
                          double kw_per_a) const {
    if (where.wired_to_missing_phase || phases.empty()) {
        return 0;
    }
    double room = std::numeric_limits<double>::infinity();
    for (const auto circuit : where.path) {
        for (const int phase : phases) {
            room = std::min(room, valid_phase(phase) ? phase_room(slot, circuit, phase) : 0.0);
        }
        if (kw_per_a > 0) {
            room = std::min(room, kw_room_[slot][circuit] / kw_per_a);
        }
    }
    return std::max(0.0, room - kEpsilon);
}

void CapacityGrid::reserve(std::size_t slot, const ConnectorGeometry& where, const std::vector<int>& phases,
                           double kw_per_a, double amps) {
    for (const auto circuit : where.path) {
        for (const int phase : phases) {
            if (valid_phase(phase)) {
                phase_room_[slot][circuit][static_cast<std::size_t>(phase)] -= amps;
            }
        }
        kw_room_[slot][circuit] -= amps * kw_per_a;
    }
}

bool CapacityGrid::overloaded(std::size_t slot, const ConnectorGeometry& where) const {
    for (const auto circuit : where.path) {
        for (std::size_t phase = 0; phase < kGridPhases; ++phase) {
            if (phase_room_[slot][circuit][phase] < -kEpsilon) {
                return true;
            }
        }
        if (kw_room_[slot][circuit] < -kEpsilon) {
            return true;
        }
    }
    return false;
}

}  // namespace parkgrid::scheduling
