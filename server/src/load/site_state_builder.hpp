#pragma once

// Puts a site's stored configuration and its chargers' live state into the scheduler's SiteState.

#include <map>
#include <string>

#include "live_charger.hpp"
#include "site_calendar.hpp"
#include "site_snapshot.hpp"

namespace parkgrid::server::load {

struct BuildOptions {
    Seconds now = 0;
    Seconds building_load_stale_after = 120;  // a reading older than this gives way to the profile
};

// Chargers take part once they have a circuit and a rated current. `failsafe` (by charger id) is the
// current a plugged-in or cut-off idle connector may draw; pass an empty map to leave idle budgets at 0.
scheduling::SiteState build_site_state(const SiteSnapshot& snapshot,
                                       const std::map<std::string, LiveCharger>& chargers,
                                       const SiteCalendar& calendar, const BuildOptions& options,
                                       const std::map<std::string, double>& failsafe);

// "L2L3L1" to grid phase indices {1, 2, 0}; a single-phase "L2" to {1, 2, 0} as well.
std::array<int, scheduling::kGridPhases> wiring_of(const std::string& phase_wiring);

}  // namespace parkgrid::server::load
