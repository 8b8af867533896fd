#include "site_geometry.hpp"

#include <algorithm>

namespace parkgrid::scheduling {
namespace {

std::vector<std::size_t> path_to_root(const SiteState& site, std::size_t circuit) {
    std::vector<std::size_t> path;
    // The tree comes from storage, which refuses cycles; the bound only keeps a corrupt input finite.
    for (std::optional<std::size_t> at = circuit; at && path.size() <= site.circuits.size();
         at = site.circuits[*at].parent) {
        path.push_back(*at);
    }
    return path;
}

std::vector<int> grid_phases(const Connector& connector, int count) {
    std::vector<int> phases;
    for (int k = 0; k < std::clamp(count, 1, static_cast<int>(kGridPhases)); ++k) {
        const int phase = connector.wiring[static_cast<std::size_t>(k)];
        if (std::find(phases.begin(), phases.end(), phase) == phases.end()) {
            phases.push_back(phase);
        }
    }
    return phases;
}

}  // namespace

std::vector<ConnectorGeometry> describe_connectors(const SiteState& site) {
    std::vector<ConnectorGeometry> geometry;
    geometry.reserve(site.connectors.size());
    for (const auto& connector : site.connectors) {
        ConnectorGeometry described;
        described.path = path_to_root(site, connector.circuit);
        const int vehicle_phases = connector.session ? connector.session->vehicle_phases : 0;
        const int loaded = vehicle_phases > 0 ? std::min(vehicle_phases, connector.phases) : connector.phases;
        described.phases = grid_phases(connector, loaded);
        described.all_phases = grid_phases(connector, connector.phases);
        const double voltage = site.circuits[connector.circuit].voltage_v;
        described.kw_per_a = voltage * static_cast<double>(described.phases.size()) / 1000.0;
        described.kw_per_a_all = voltage * static_cast<double>(described.all_phases.size()) / 1000.0;
        for (const auto circuit : described.path) {
            for (const int phase : described.all_phases) {
                if (phase < 0 || phase >= site.circuits[circuit].phases) {
                    described.wired_to_missing_phase = true;
                }
            }
        }
        geometry.push_back(std::move(described));
    }
    return geometry;
}

}  // namespace parkgrid::scheduling
