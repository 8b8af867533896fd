#pragma once

#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/storage/database.hpp"
#include "router.hpp"

// Routes of load management, one file each: a site's circuit tree, building load (readings from a meter
// gateway and fallback profiles), the time-of-use tariff, and what running transactions still need (the
// electrical settings of chargers are part of the charger routes). Admins and fleet admins change them within
// their institutions; everyone reads within their scope (see docs/api.md). Every change is published after it
// is committed (load.config_changed, building_load.reading, charging_need.changed), so the scheduler
// recomputes at once.
namespace parkgrid::server::api {

void add_circuit_routes(Router& router, storage::Database& database, EventBus& events);
void add_building_load_routes(Router& router, storage::Database& database, EventBus& events);
void add_tariff_routes(Router& router, storage::Database& database, EventBus& events);
void add_charging_need_routes(Router& router, storage::Database& database, EventBus& events);

}  // namespace parkgrid::server::api
