#pragma once

// Turns the plan's limits for now into the limits to send. A limit is only changed when the change is
// worth a message (threshold) and the connector has not just been changed (interval); a decrease the hard
// rules need is never held back; an increase is held back while the current it needs is still being
// drawn by a connector that is only now being lowered (chargers take seconds to follow a new limit).

#include <cstddef>
#include <vector>

#include "capacity_grid.hpp"

namespace parkgrid::scheduling {

struct LimitChange {
    std::size_t connector = 0;
    const ConnectorGeometry* where = nullptr;
    double current_a = 0;  // what the charger has now
    double drawing_a = 0;  // what it may still draw: its old limit while a decrease settles, else current_a
    double target_a = 0;   // what the plan wants now
    bool may_change = false;  // threshold and interval allow sending the target
    double sent_a = 0;        // result: the limit the connector will have
    bool send = false;        // result
    bool forced = false;      // result: sent because the hard rules need it
};

// `now` is a one-slot grid with every budget that is not a LimitChange already reserved. Should the limits
// not fit even at their targets (the building load jumped), connectors on an overloaded circuit are paused.
void settle_changes(std::vector<LimitChange>& changes, const CapacityGrid& now);

}  // namespace parkgrid::scheduling
