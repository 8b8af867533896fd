#pragma once

// A managed site's configuration as stored: what the scheduler needs from storage, read in one go.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parkgrid/storage/load_management_records.hpp"
#include "parkgrid/storage/organisation_records.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::load {

struct SiteSnapshot {
    storage::SiteRecord site{};
    std::vector<storage::CircuitRecord> circuits{};  // parents before children
    std::vector<storage::ChargerLoadSettings> chargers{};
    std::vector<storage::TariffPeriod> tariff{};
    std::map<std::int64_t, std::vector<storage::BuildingLoadProfileEntry>> profiles{};  // by circuit id
    std::vector<storage::BuildingLoadReading> latest_readings{};  // the newest per circuit
};

// Runs on a storage thread. nullopt when the site is gone or has no circuits.
std::optional<SiteSnapshot> read_site_snapshot(storage::Repositories& repositories, std::int64_t site_id);

}  // namespace parkgrid::server::load
