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
    Seconds decrease_settle_time = 15;        // a reading this soon after a new limit may show the old one
};

struct BuiltSite {
    scheduling::SiteState state;
    // Each charger's failsafe share (its TxDefaultProfile): the least of its connectors' shares.
    std::map<std::string, double> failsafe;
};

// Chargers take part once they have a circuit and a rated current. Idle connectors a vehicle is plugged
// into, and those of offline chargers, are budgeted at their charger's failsafe share: they may draw it
// before ParkGrid hears of a transaction. `calendar` must outlive the state (its forecast and prices).
BuiltSite build_site_state(const SiteSnapshot& snapshot, const std::map<std::string, LiveCharger>& chargers,
                           const SiteCalendar& calendar, const BuildOptions& options);

// "L2L3L1" to grid phase indices {1, 2, 0}; a single-phase "L2" to {1, 2, 0} as well.
std::array<int, scheduling::kGridPhases> wiring_of(const std::string& phase_wiring);

}  // namespace parkgrid::server::load
