#pragma once

// What is left of every circuit's usable capacity in every planning slot, per phase and in kW, as
// connectors reserve current. All reservations go through here, so the hard rule (building load + limits
// <= limit - margin on every circuit and phase) holds by construction for whatever is reserved.

#include <cstddef>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"
#include "site_geometry.hpp"

namespace parkgrid::scheduling {

class CapacityGrid {
public:
    // `building_load[slot][circuit]`, nullopt where unknown (the circuit then has no capacity in that slot).
    CapacityGrid(const SiteState& site,
                 const std::vector<std::vector<std::optional<PhaseCurrents>>>& building_load);

    std::size_t slots() const { return phase_room_.size(); }
    // The largest current a connector could still get in `slot` on `phases` of its path.
    double room(std::size_t slot, const ConnectorGeometry& where, const std::vector<int>& phases,
                double kw_per_a) const;
    double room(std::size_t slot, const ConnectorGeometry& where) const {
        return room(slot, where, where.phases, where.kw_per_a);
    }
    // Takes `amps` on `phases` of the connector's path. May drive the room negative: callers reserve
    // budgets that are not theirs to choose (uncontrolled chargers), and `overloaded` then reports it.
    void reserve(std::size_t slot, const ConnectorGeometry& where, const std::vector<int>& phases,
                 double kw_per_a, double amps);
    void reserve(std::size_t slot, const ConnectorGeometry& where, double amps) {
        reserve(slot, where, where.phases, where.kw_per_a, amps);
    }
    // Gives back what `reserve` took.
    void release(std::size_t slot, const ConnectorGeometry& where, double amps) {
        reserve(slot, where, where.phases, where.kw_per_a, -amps);
    }
    // Whether a circuit on this path has less than nothing left in `slot`.
    bool overloaded(std::size_t slot, const ConnectorGeometry& where) const;
    // Room left on one circuit and phase; the kW room of the circuit.
    double phase_room(std::size_t slot, std::size_t circuit, int phase) const {
        return phase_room_[slot][circuit][static_cast<std::size_t>(phase)];
    }
    double kw_room(std::size_t slot, std::size_t circuit) const { return kw_room_[slot][circuit]; }

private:
    std::vector<std::vector<PhaseCurrents>> phase_room_;  // [slot][circuit][phase]; missing phases 0
    std::vector<std::vector<double>> kw_room_;            // [slot][circuit]; +inf without a kW limit
};

}  // namespace parkgrid::scheduling
