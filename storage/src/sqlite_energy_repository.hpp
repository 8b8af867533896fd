#pragma once

#include "parkgrid/storage/energy_repository.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Energy statistics (migration 0008). The methods are defined by purpose in three files:
// sqlite_energy_repository.cpp (accounting, the inputs of the checks, factors, odometer, charger ratings),
// sqlite_energy_reports.cpp and sqlite_energy_findings.cpp.
class SqliteEnergyRepository final : public EnergyRepository {
public:
    explicit SqliteEnergyRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<TransactionAttribution> attribution(std::int32_t transaction_id) override;
    std::vector<MeterReadingRow> meter_readings(std::int32_t transaction_id) override;
    // The session counts on the site-local date of its earliest part (start_date; none without parts), and
    // the first part of that date in the caller's order carries starts_session. Throws sqlite::SqliteError
    // (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown transaction, and for values the schema refuses (an
    // unknown time-of-use kind or energy source, two parts of the same date and kind).
    void replace_ledger(const LedgerSession& session) override;
    // Parts in local date order, and within a date in time-of-use order: sharp peak, peak, flat, valley,
    // unclassified.
    std::optional<LedgerSession> ledger(std::int32_t transaction_id) override;
    // In transaction id order.
    std::vector<std::int32_t> unaccounted_transactions(std::size_t limit) override;

    // One scan of a covering index of energy_parts: grouped first by day in index order (no sort), then by
    // the requested group and period. Rows are ordered by group name, group id, institution, then period;
    // a group whose object was deleted since has the name "". Department, vehicle and charger rows are
    // also split by institution (a session without department is in the "" row of its institution).
    //
    // Findings counted on a row, by severity:
    //   * findings with a transaction id, about an accounted session of the row's group whose start date
    //     falls in the row's period (and in [from_date, to_date), in scope);
    //   * on institution rows only, findings without a transaction id whose institution is the row's and
    //     whose local date (else the first day of their period) falls in the row's period.
    // Findings about a group and period without energy have no row to be counted on.
    std::vector<EnergyReportRow> energy_report(const EnergyReportQuery& query) override;
    std::vector<LedgerLine> ledger_lines(std::int64_t institution_id, const std::string& from_date,
                                         const std::string& to_date) override;
    FleetInventory fleet_inventory(std::int64_t institution_id, const std::string& from_date,
                                   const std::string& to_date) override;
    // In plate number order.
    std::vector<VehicleEnergy> vehicle_energy(std::int64_t institution_id, const std::string& from_date,
                                              const std::string& to_date) override;

    // An empty evidence_json is stored as "{}". Throws sqlite::SqliteError for a severity, period or local
    // date the schema refuses, or evidence that is not JSON.
    bool upsert_finding(const DataQualityFindingRecord& finding) override;
    std::optional<DataQualityFindingRecord> find_finding(std::int64_t id) override;
    // Newest first by first detection. A finding without institution is seen by admins only (no scope).
    Listing<DataQualityFindingRecord> findings(const FindingFilter& filter) override;
    QualityTally quality_tally(std::int64_t institution_id, const std::string& from_date,
                               const std::string& to_date) override;
    std::vector<ConnectorSessionRow> connector_sessions(std::string_view charger_id,
                                                        std::int32_t connector_id, Timestamp from,
                                                        Timestamp to) override;
    // In charger then connector order.
    std::vector<std::pair<std::string, std::int32_t>> active_connectors(Timestamp from,
                                                                        Timestamp to) override;
    std::vector<std::int32_t> open_transactions_started_before(Timestamp before) override;
    // In start order.
    std::vector<std::pair<std::int32_t, std::int64_t>> session_energies(std::string_view charger_id,
                                                                        const std::string& from_date,
                                                                        const std::string& to_date) override;
    // By the session's institution (whose fleet charged) and start date; ascending.
    std::vector<std::int64_t> institutions_with_sessions(const std::string& from_date,
                                                         const std::string& to_date) override;

    std::vector<EnergyFactorRecord> factors(std::optional<std::int64_t> institution_id) override;
    // Throws sqlite::SqliteError for an unknown institution or values the schema refuses (a basis on a
    // factor other than coal or none on coal, a value not above 0).
    std::optional<std::int64_t> insert_factor(const EnergyFactorRecord& factor) override;
    std::optional<EnergyFactorRecord> find_factor(std::int64_t id) override;
    bool remove_factor(std::int64_t id) override;

    // Throws sqlite::SqliteError (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown vehicle.
    std::optional<std::int64_t> insert_odometer_reading(const OdometerReadingRecord& reading) override;
    std::vector<OdometerReadingRecord> odometer_readings(std::int64_t vehicle_id,
                                                         std::optional<Timestamp> from,
                                                         std::optional<Timestamp> to) override;
    bool remove_odometer_reading(std::int64_t vehicle_id, std::int64_t id) override;

    // Throws sqlite::SqliteError for a type other than AC or DC, or a power not above 0.
    bool set_charger_rating(std::string_view charger_id, const std::optional<std::string>& current_type,
                            std::optional<double> rated_power_kw) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
