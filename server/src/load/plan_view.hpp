#pragma once

// The API's view of a site's plan: per connector its limit and why, what it will get by departure and
// whether that meets its need; per circuit the building load, the charging load and the limit.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "live_charger.hpp"
#include "load_history.hpp"
#include "site_calendar.hpp"
#include "site_snapshot.hpp"

namespace parkgrid::server::load {

nlohmann::json plan_view(const SiteSnapshot& snapshot, const scheduling::SiteState& site,
                         const scheduling::SitePlan& plan, const std::map<std::string, LiveCharger>& chargers,
                         const SiteCalendar& calendar, const std::map<std::string, double>& failsafe);

// Each circuit of the snapshot with its loads in `plan` (the snapshot's circuits are the plan's, in order).
std::vector<CircuitFigures> circuit_figures(const SiteSnapshot& snapshot, const scheduling::SitePlan& plan);

// The data of a load.plan_computed event: the plan_view itself (docs/api.md).
nlohmann::json plan_event_data(const nlohmann::json& view);

}  // namespace parkgrid::server::load
