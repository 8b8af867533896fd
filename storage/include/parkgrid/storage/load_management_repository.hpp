#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkgrid/storage/load_management_records.hpp"
#include "parkgrid/storage/organisation_records.hpp"

namespace parkgrid::storage {

class LoadManagementRepository {
public:
    virtual ~LoadManagementRepository() = default;

    // Circuits. insert returns nullopt when the site has a circuit of that name, or a grid connection
    // already and the record has no parent. The record's id is ignored.
    virtual std::optional<std::int64_t> insert_circuit(const CircuitRecord& circuit) = 0;
    virtual std::optional<CircuitRecord> find_circuit(std::int64_t id) = 0;
    // Parents before children.
    virtual std::vector<CircuitRecord> circuits_of_site(std::int64_t site_id) = 0;
    // Writes everything but the site and created_at. Returns false, changing nothing, when there is no such
    // circuit or the change would give the site a second circuit of that name or a second grid connection.
    // The caller keeps the parent chain free of cycles.
    virtual bool update_circuit(const CircuitRecord& circuit) = 0;
    // Refused (false, with what still refers to it) while chargers or child circuits hang off it; false with
    // a count of 0 when there is no such circuit. Its readings and profile go with it.
    virtual bool remove_circuit(std::int64_t id, Dependents& blocking) = 0;

    // Chargers' electrical settings.
    virtual std::optional<ChargerLoadSettings> charger_settings(std::string_view charger_id) = 0;
    virtual std::vector<ChargerLoadSettings> chargers_of_site(std::int64_t site_id) = 0;
    // Writes circuit, current, phase and wiring columns (not the site, not the flag).
    virtual bool set_charger_settings(const ChargerLoadSettings& settings) = 0;
    // Sets or clears (nullopt) the load flag with its detail and time.
    virtual void set_charger_flag(std::string_view charger_id, const std::optional<std::string>& flag,
                                  const std::optional<std::string>& detail, Timestamp at) = 0;
    // Sites that have a grid connection circuit: the ones the scheduler manages.
    virtual std::vector<std::int64_t> managed_sites() = 0;

    // Building load. Returns the new reading's id.
    virtual std::int64_t insert_building_load(const BuildingLoadReading& reading) = 0;
    // Readings measured at or after `since`, oldest first.
    virtual std::vector<BuildingLoadReading> building_load_since(std::int64_t site_id, Timestamp since) = 0;
    // The readings the filter selects, newest first.
    virtual std::vector<BuildingLoadReading> building_load(const BuildingLoadFilter& filter) = 0;
    // The newest reading of each circuit of the site.
    virtual std::vector<BuildingLoadReading> latest_building_load(std::int64_t site_id) = 0;
    virtual std::vector<BuildingLoadProfileEntry> building_load_profile(std::int64_t circuit_id) = 0;
    virtual void replace_building_load_profile(std::int64_t circuit_id,
                                               const std::vector<BuildingLoadProfileEntry>& entries) = 0;
    // Drops readings measured before `before` (housekeeping); returns how many.
    virtual std::size_t prune_building_load(Timestamp before) = 0;

    // Time-of-use tariff, ordered by start time.
    virtual std::vector<TariffPeriod> tariff_periods(std::int64_t site_id) = 0;
    virtual void replace_tariff_periods(std::int64_t site_id, const std::vector<TariffPeriod>& periods) = 0;

    // Charging needs of transactions.
    virtual std::optional<ChargingNeedRecord> charging_need(std::int32_t transaction_id) = 0;
    virtual void set_charging_need(const ChargingNeedRecord& need) = 0;
};

}  // namespace parkgrid::storage
