#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parkgrid/storage/energy_records.hpp"

namespace parkgrid::storage {

class EnergyRepository {
public:
    virtual ~EnergyRepository() = default;

    // ---- Accounting ----
    virtual std::optional<TransactionAttribution> attribution(std::int32_t transaction_id) = 0;
    // The transaction's meter_values rows, in timestamp order.
    virtual std::vector<MeterReadingRow> meter_readings(std::int32_t transaction_id) = 0;
    // Writes the session and its parts, replacing an earlier ledger of the same transaction.
    virtual void replace_ledger(const LedgerSession& session) = 0;
    virtual std::optional<LedgerSession> ledger(std::int32_t transaction_id) = 0;
    // Finished transactions without a ledger, oldest first.
    virtual std::vector<std::int32_t> unaccounted_transactions(std::size_t limit) = 0;

    // ---- Reports ----
    // Rows ordered by group name, group id, institution, then period; a group/period without energy has no
    // row. Department, vehicle and charger rows are split by institution too; sessions without department
    // or vehicle are in the "" row of their institution. Findings counted on a row, by severity: those with
    // a transaction id about an accounted session of the row's group that started (start date) in the row's
    // period, within [from_date, to_date) and the scope; on institution rows also those without transaction
    // id of the row's institution whose local date, else the first day of their period, is in the row's
    // period. Findings without institution count nowhere.
    virtual std::vector<EnergyReportRow> energy_report(const EnergyReportQuery& query) = 0;
    // Sessions of the institution (by the session's institution) with energy in [from_date, to_date).
    virtual std::vector<LedgerLine> ledger_lines(std::int64_t institution_id, const std::string& from_date,
                                                 const std::string& to_date) = 0;
    // to_date exclusive: in service means acquired_date < to_date and (no retired_date or retired_date >=
    // to_date).
    virtual FleetInventory fleet_inventory(std::int64_t institution_id, const std::string& from_date,
                                           const std::string& to_date) = 0;
    // Every vehicle of the institution in service at some time in the period, with its charging in it.
    virtual std::vector<VehicleEnergy> vehicle_energy(std::int64_t institution_id,
                                                      const std::string& from_date,
                                                      const std::string& to_date) = 0;

    // ---- Data quality ----
    // Inserts, or updates the row with the same key (keeping its id and first detected_at). Returns true
    // when the finding is new.
    virtual bool upsert_finding(const DataQualityFindingRecord& finding) = 0;
    virtual std::optional<DataQualityFindingRecord> find_finding(std::int64_t id) = 0;
    // Newest first.
    virtual Listing<DataQualityFindingRecord> findings(const FindingFilter& filter) = 0;
    virtual QualityTally quality_tally(std::int64_t institution_id, const std::string& from_date,
                                       const std::string& to_date) = 0;
    // Sessions of a connector overlapping [from, to) (running ones included), in start order.
    virtual std::vector<ConnectorSessionRow> connector_sessions(std::string_view charger_id,
                                                                std::int32_t connector_id, Timestamp from,
                                                                Timestamp to) = 0;
    // (charger, connector) pairs with a transaction started or stopped in [from, to).
    virtual std::vector<std::pair<std::string, std::int32_t>> active_connectors(Timestamp from,
                                                                                Timestamp to) = 0;
    // Running transactions started before `before`, oldest first.
    virtual std::vector<std::int32_t> open_transactions_started_before(Timestamp before) = 0;
    // Accounted session energies (transaction id, Wh) of a charger with a start date in the period.
    virtual std::vector<std::pair<std::int32_t, std::int64_t>> session_energies(
        std::string_view charger_id, const std::string& from_date, const std::string& to_date) = 0;
    // Institutions with accounted sessions in the period (for the periodic checks).
    virtual std::vector<std::int64_t> institutions_with_sessions(const std::string& from_date,
                                                                 const std::string& to_date) = 0;

    // ---- Factors ----
    // Defaults (institution none) when institution_id is nullopt; else that institution's own factors.
    // Ordered by kind, then year.
    virtual std::vector<EnergyFactorRecord> factors(std::optional<std::int64_t> institution_id) = 0;
    // nullopt when the same institution (or the defaults) has a factor of that kind and year already.
    virtual std::optional<std::int64_t> insert_factor(const EnergyFactorRecord& factor) = 0;
    virtual std::optional<EnergyFactorRecord> find_factor(std::int64_t id) = 0;
    virtual bool remove_factor(std::int64_t id) = 0;

    // ---- Odometer ----
    // nullopt when the vehicle has a reading at that instant already.
    virtual std::optional<std::int64_t> insert_odometer_reading(const OdometerReadingRecord& reading) = 0;
    // In read_at order; readings in [from, to) when given.
    virtual std::vector<OdometerReadingRecord> odometer_readings(std::int64_t vehicle_id,
                                                                 std::optional<Timestamp> from,
                                                                 std::optional<Timestamp> to) = 0;
    virtual bool remove_odometer_reading(std::int64_t vehicle_id, std::int64_t id) = 0;

    // ---- Charger ratings (inventory, plausibility) ----
    // Returns false when there is no such charger. nullopt clears a field.
    virtual bool set_charger_rating(std::string_view charger_id,
                                    const std::optional<std::string>& current_type,
                                    std::optional<double> rated_power_kw) = 0;
};

}  // namespace parkgrid::storage
