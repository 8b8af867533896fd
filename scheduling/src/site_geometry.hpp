#pragma once

// Derived facts about a site that every part of the scheduler needs: which circuits each connector loads
// and on which grid phases, and how many kW one ampere per phase is worth there.

#include <cstddef>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::scheduling {

struct ConnectorGeometry {
    std::vector<std::size_t> path{};  // its circuit up to the grid connection
    std::vector<int> phases{};        // grid phases loaded (the vehicle's, once known; else the charger's)
    std::vector<int> all_phases{};    // grid phases of all the charger's phases: budgets count on these
    double kw_per_a = 0;              // kW drawn per ampere of limit on `phases`
    double kw_per_a_all = 0;          // the same on `all_phases`
    bool wired_to_missing_phase = false;  // a phase it loads does not exist on some circuit of its path
};

std::vector<ConnectorGeometry> describe_connectors(const SiteState& site);

}  // namespace parkgrid::scheduling
