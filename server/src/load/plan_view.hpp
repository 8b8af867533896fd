#pragma once

// The API's view of a site's plan: per connector its limit and why, what it will get by departure and
// whether that meets its need; per circuit the building load, the charging load and the limit.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "live_charger.hpp"
#include "site_calendar.hpp"
#include "site_snapshot.hpp"

namespace parkgrid::server::load {

nlohmann::json plan_view(const SiteSnapshot& snapshot, const scheduling::SiteState& site,
                         const scheduling::SitePlan& plan, const std::map<std::string, LiveCharger>& chargers,
                         const SiteCalendar& calendar, const std::map<std::string, double>& failsafe);

}  // namespace parkgrid::server::load
