#include "load_access.hpp"

#include <algorithm>

#include "api_error.hpp"

namespace parkgrid::server::api {

storage::SiteRecord require_visible_site(storage::Repositories& repositories, const Principal& principal,
                                         std::int64_t site_id) {
    auto site = repositories.sites().find(site_id);
    if (!site || !principal.sees_institution(site->institution_id)) {
        throw ApiError::not_found("site " + std::to_string(site_id));
    }
    return std::move(*site);
}

storage::CircuitRecord require_circuit_of_site(storage::Repositories& repositories, std::int64_t site_id,
                                               std::int64_t circuit_id) {
    auto circuit = repositories.load_management().find_circuit(circuit_id);
    if (!circuit || circuit->site_id != site_id) {
        throw ApiError::not_found("circuit " + std::to_string(circuit_id) + " of site " +
                                  std::to_string(site_id));
    }
    return std::move(*circuit);
}

storage::CircuitRecord require_circuit_for_reference(storage::Repositories& repositories,
                                                     std::int64_t site_id, std::int64_t circuit_id,
                                                     const std::string& field) {
    auto circuit = repositories.load_management().find_circuit(circuit_id);
    if (!circuit || circuit->site_id != site_id) {
        throw ApiError::invalid_field(
            field, "no circuit " + std::to_string(circuit_id) + " at site " + std::to_string(site_id));
    }
    return std::move(*circuit);
}

std::optional<storage::CircuitRecord> grid_connection(const std::vector<storage::CircuitRecord>& circuits) {
    const auto root = std::find_if(circuits.begin(), circuits.end(),
                                   [](const storage::CircuitRecord& circuit) { return !circuit.parent_id; });
    return root == circuits.end() ? std::nullopt : std::optional(*root);
}

void publish_load_config_changed(EventBus& events, std::int64_t site_id) {
    events.publish("load.config_changed", "", {{"siteId", site_id}});
}

}  // namespace parkgrid::server::api
