#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "json_views.hpp"
#include "parkgrid/storage/load_management_records.hpp"

// How load management appears in the REST API (see json_views.hpp for the conventions).
namespace parkgrid::server::api {

nlohmann::json circuit_json(const storage::CircuitRecord& circuit);
// The electrical fields of a charger, merged into its charger view: circuitId, maxCurrentA, minCurrentA,
// phases, phaseWiring and loadFlag ({"reason", "detail", "since"} or null).
nlohmann::json charger_load_json(const storage::ChargerLoadSettings& settings);
nlohmann::json building_load_json(const storage::BuildingLoadReading& reading);
// {"circuitId", "weekday": [24 values], "weekend": [24 values]}; a day type without entries is [].
nlohmann::json building_load_profile_json(std::int64_t circuit_id,
                                          const std::vector<storage::BuildingLoadProfileEntry>& entries);
nlohmann::json tariff_json(std::int64_t site_id, const std::vector<storage::TariffPeriod>& periods);
// A transaction's need without the transaction: {"energyKwh", "departureTime", "updatedAt"}.
nlohmann::json charging_need_json(const storage::ChargingNeedRecord& need);

}  // namespace parkgrid::server::api
