#pragma once

// Checks and helpers shared by the load-management routes: circuits, building load, profiles, tariffs, the
// electrical settings of chargers and charging needs. Load-management data belongs to a site and is in a
// caller's scope through the site's institution, exactly like the site.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::api {

// The site `site_id` as `principal` may see it: 404 when it does not exist or lies outside the caller's
// scope.
storage::SiteRecord require_visible_site(storage::Repositories& repositories, const Principal& principal,
                                         std::int64_t site_id);

// The circuit named in a path under site `site_id`: 404 when it does not exist or belongs to another site.
storage::CircuitRecord require_circuit_of_site(storage::Repositories& repositories, std::int64_t site_id,
                                               std::int64_t circuit_id);

// A circuit referred to by a body field (parentId, circuitId): 422 on `field` unless it is one of the site's.
storage::CircuitRecord require_circuit_for_reference(storage::Repositories& repositories,
                                                     std::int64_t site_id, std::int64_t circuit_id,
                                                     const std::string& field);

// The site's grid connection (the circuit without parent), if it has circuits.
std::optional<storage::CircuitRecord> grid_connection(const std::vector<storage::CircuitRecord>& circuits);

// Tells the scheduler that a site's circuits, chargers, tariff or profiles changed, so that it recomputes.
// Call only once the change is committed.
void publish_load_config_changed(EventBus& events, std::int64_t site_id);

}  // namespace parkgrid::server::api
