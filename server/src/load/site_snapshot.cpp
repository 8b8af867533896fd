#include "site_snapshot.hpp"

namespace parkgrid::server::load {

std::optional<SiteSnapshot> read_site_snapshot(storage::Repositories& repositories, std::int64_t site_id) {
    auto site = repositories.sites().find(site_id);
    if (!site) {
        return std::nullopt;
    }
    auto& load = repositories.load_management();
    SiteSnapshot snapshot;
    snapshot.site = std::move(*site);
    snapshot.circuits = load.circuits_of_site(site_id);
    if (snapshot.circuits.empty()) {
        return std::nullopt;
    }
    snapshot.chargers = load.chargers_of_site(site_id);
    snapshot.tariff = load.tariff_periods(site_id);
    for (const auto& circuit : snapshot.circuits) {
        auto profile = load.building_load_profile(circuit.id);
        if (!profile.empty()) {
            snapshot.profiles.emplace(circuit.id, std::move(profile));
        }
    }
    snapshot.latest_readings = load.latest_building_load(site_id);
    return snapshot;
}

}  // namespace parkgrid::server::load
