#pragma once

#include "parkgrid/storage/load_management_repository.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Circuits, chargers' electrical settings, building load, tariff periods and charging needs (migration 0007).
class SqliteLoadManagementRepository final : public LoadManagementRepository {
public:
    explicit SqliteLoadManagementRepository(sqlite::Connection& connection) : connection_(connection) {}

    // Throws sqlite::SqliteError (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown site, or a parent that is not
    // a circuit of the same site.
    std::optional<std::int64_t> insert_circuit(const CircuitRecord& circuit) override;
    std::optional<CircuitRecord> find_circuit(std::int64_t id) override;
    std::vector<CircuitRecord> circuits_of_site(std::int64_t site_id) override;
    bool update_circuit(const CircuitRecord& circuit) override;
    bool remove_circuit(std::int64_t id, Dependents& blocking) override;

    std::optional<ChargerLoadSettings> charger_settings(std::string_view charger_id) override;
    std::vector<ChargerLoadSettings> chargers_of_site(std::int64_t site_id) override;
    // Throws sqlite::SqliteError for a circuit of another site, or values the schema refuses (wiring that
    // does not match the phases, a minimum above the maximum).
    bool set_charger_settings(const ChargerLoadSettings& settings) override;
    void set_charger_flag(std::string_view charger_id, const std::optional<std::string>& flag,
                          const std::optional<std::string>& detail, Timestamp at) override;
    std::vector<std::int64_t> managed_sites() override;

    // Throws sqlite::SqliteError for a circuit of another site, or neither or both of currents and power.
    std::int64_t insert_building_load(const BuildingLoadReading& reading) override;
    std::vector<BuildingLoadReading> building_load_since(std::int64_t site_id, Timestamp since) override;
    std::vector<BuildingLoadReading> building_load(const BuildingLoadFilter& filter) override;
    std::vector<BuildingLoadReading> latest_building_load(std::int64_t site_id) override;
    std::vector<BuildingLoadProfileEntry> building_load_profile(std::int64_t circuit_id) override;
    void replace_building_load_profile(std::int64_t circuit_id,
                                       const std::vector<BuildingLoadProfileEntry>& entries) override;
    std::size_t prune_building_load(Timestamp before) override;

    std::vector<TariffPeriod> tariff_periods(std::int64_t site_id) override;
    void replace_tariff_periods(std::int64_t site_id, const std::vector<TariffPeriod>& periods) override;

    std::optional<ChargingNeedRecord> charging_need(std::int32_t transaction_id) override;
    void set_charging_need(const ChargingNeedRecord& need) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
