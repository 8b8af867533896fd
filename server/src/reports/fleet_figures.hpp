#pragma once

// Figures of a fleet inventory that the fleet-inventory route and the quarterly and annual reports share.

#include <optional>

#include "parkgrid/storage/energy_records.hpp"

namespace parkgrid::server::reports {

// The share of new-energy vehicles among those public institutions add or replace that the national
// guidance for public-institution fleets asks for (at least 30%).
inline constexpr double kNewEnergyShareTarget = 0.3;

// New-energy vehicles (BEV and PHEV) among those added in the period, 0 to 1; nullopt when none were added.
inline std::optional<double> new_energy_share(const storage::FleetInventory& inventory) {
    std::int64_t added = 0;
    std::int64_t new_energy = 0;
    for (const auto& [kind, count] : inventory.added_by_kind) {
        added += count;
        new_energy += kind == "BEV" || kind == "PHEV" ? count : 0;
    }
    if (added == 0) {
        return std::nullopt;
    }
    return static_cast<double>(new_energy) / static_cast<double>(added);
}

}  // namespace parkgrid::server::reports
