#pragma once

// Records of energy statistics: the accounted ledger of each finished charging session (split by site-local
// day and time-of-use period), the organisation a session belonged to when it happened, data-quality
// findings, the conversion factors for standard coal and CO2, and odometer readings.
//
// Local dates are "YYYY-MM-DD" in the site's time zone; periods are "YYYY-MM-DD", "YYYY-MM", "YYYY-Qn" or
// "YYYY". Money is integer fen (0.01 CNY), energy integer Wh.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/organisation_records.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

// Whom a transaction belonged to when the central system recorded its start: a snapshot, so that later
// changes to the organisation (a vehicle moving to another department, a charger to another site) do not
// rewrite history. Taken by TransactionRepository::insert.
struct TransactionAttribution {
    std::int32_t transaction_id = 0;
    std::optional<std::int64_t> site_id{};
    std::optional<std::int64_t> site_institution_id{};  // the site's institution (pays the electricity)
    // The institution whose fleet charged: the vehicle's, else the id tag's, else the site's.
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> department_id{};  // the vehicle's, else the driver's
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::int64_t> driver_id{};
    bool id_tag_known = false;  // the tag was in the id-tag list
};

// One meter_values row of a transaction with the readings accounting uses.
struct MeterReadingRow {
    Timestamp timestamp{};
    Timestamp received_at{};
    std::optional<double> energy_import_wh{};
    std::optional<double> power_import_w{};
    std::optional<double> soc_percent{};
};

struct LedgerPart {
    std::string local_date;
    std::string tou_kind;  // sharp_peak, peak, flat, valley, unclassified
    std::int64_t wh = 0;
    std::int64_t seconds = 0;
    double price_per_kwh = 0;
    std::int64_t cost_fen = 0;
    std::int64_t service_fee_fen = 0;
};

// The accounted energy of one finished transaction.
struct LedgerSession {
    std::int32_t transaction_id = 0;
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::string id_tag;
    TransactionAttribution attribution{};
    Timestamp start_at{};
    Timestamp stop_at{};
    std::int64_t total_wh = 0;
    std::string energy_source;  // "register" or "meter_stop"
    std::vector<LedgerPart> parts;
    Timestamp accounted_at{};
};

enum class ReportGroup { Institution, Site, Department, Vehicle, Charger };
enum class ReportPeriod { Day, Month, Quarter, Year };

struct EnergyReportQuery {
    ReportGroup group = ReportGroup::Institution;
    ReportPeriod period = ReportPeriod::Month;
    std::string from_date;  // inclusive
    std::string to_date;    // exclusive
    // Institution, department and vehicle rows are scoped by the session's institution (whose fleet
    // charged); site and charger rows by the site's institution (whose car park and bill it was).
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};  // only this one (same rule)
};

struct EnergyReportRow {
    std::string group_id;  // the institution, site, department or vehicle id, or the charger id; "" if none
    // Institution or site name, department name, plate number, the charger's description (else its id);
    // "" when there is no such object (any more).
    std::string group_name;
    std::optional<std::int64_t> institution_id{};  // the row's institution (by the rule above)
    std::string period;
    std::int64_t wh = 0;
    std::int64_t sessions = 0;  // counted in the period the session started
    std::int64_t seconds = 0;
    std::int64_t cost_fen = 0;
    std::int64_t service_fee_fen = 0;
    std::map<std::string, std::int64_t> wh_by_tou;  // every kind present in the rows, unclassified included
    // Findings about sessions of this row (by the session's start date) and, for institution rows, about the
    // institution in this period.
    std::int64_t findings_error = 0;
    std::int64_t findings_warning = 0;
    std::int64_t findings_info = 0;
};

// Sessions of one institution and period for the monthly ledger (台账), in start order.
struct LedgerLine {
    std::int32_t transaction_id = 0;
    std::string start_date;  // site-local
    Timestamp start_at{};
    Timestamp stop_at{};
    std::string site_name;
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::optional<std::string> plate_number{};
    std::optional<std::string> department_name{};
    std::string id_tag;
    std::int64_t wh = 0;  // within [from_date, to_date): a session across a month end is split
    std::map<std::string, std::int64_t> wh_by_tou;
    std::int64_t cost_fen = 0;
    std::int64_t service_fee_fen = 0;
    std::int64_t findings = 0;  // warnings and errors about this session
};

struct DataQualityFindingRecord {
    std::int64_t id = 0;
    std::string key;  // stable identity: upserting the same key again keeps one row
    std::string kind;
    std::string severity;  // info, warning, error
    std::string message;
    std::string evidence_json;  // a JSON object
    std::optional<std::int32_t> transaction_id{};
    std::optional<std::string> charger_id{};
    std::optional<std::int32_t> connector_id{};
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::int64_t> department_id{};
    std::optional<std::int64_t> site_id{};
    std::optional<std::int64_t> institution_id{};  // whose statistics it affects; none: admins only
    std::optional<std::string> period{};           // for period-level findings
    std::optional<std::string> local_date{};       // the day it is about (a session's start date)
    Timestamp detected_at{};
};

struct FindingFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::string> kind{};
    std::optional<std::string> severity{};
    std::optional<std::int32_t> transaction_id{};
    std::optional<std::string> charger_id{};
    std::optional<std::int64_t> vehicle_id{};
    // local_date in [from_date, to_date), or a period-level finding whose period starts in it.
    std::optional<std::string> from_date{};
    std::optional<std::string> to_date{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// For the quality score of an institution and period.
struct QualityTally {
    std::int64_t sessions = 0;              // sessions started in the period
    std::int64_t flagged_sessions = 0;      // of those, with a warning or error finding
    std::int64_t institution_warnings = 0;  // warnings and errors not about a single session
};

struct ConnectorSessionRow {
    std::int32_t transaction_id = 0;
    std::string id_tag;
    Timestamp start_at{};
    std::optional<Timestamp> stop_at{};
    std::int64_t meter_start = 0;
    std::optional<std::int64_t> meter_stop{};
};

// A vehicle of an institution with its charging in a period, for the fleet checks.
struct VehicleEnergy {
    std::int64_t vehicle_id = 0;
    std::string plate_number;
    std::string kind;
    std::string acquired_date;
    std::optional<std::string> retired_date{};
    std::int64_t wh = 0;
    std::int64_t sessions = 0;
};

struct FleetInventory {
    // Vehicles in service on the last day of the period, and acquired within it, by kind (BEV, PHEV,
    // petrol, diesel; kinds without vehicles are absent).
    std::map<std::string, std::int64_t> in_service_by_kind;
    std::map<std::string, std::int64_t> added_by_kind;
    std::map<std::string, std::int64_t> retired_by_kind;
    struct ChargerGroup {
        std::string current_type;  // AC, DC or "" when not recorded
        std::optional<double> rated_power_kw{};
        std::int64_t count = 0;
    };
    std::vector<ChargerGroup> chargers;  // of the institution's sites, by type then power
};

struct EnergyFactorRecord {
    std::int64_t id = 0;
    std::optional<std::int64_t> institution_id{};  // none: a default for every institution
    std::string kind;  // see the API documentation: coal_kgce_per_kwh, grid_co2_kg_per_kwh, ...
    double value = 0;
    std::string unit;
    std::int32_t year = 0;  // the year the factor is for
    std::string source;
    std::optional<std::string> basis{};  // coal: "equivalent" or "equal_value"
    Timestamp created_at{};
};

struct OdometerReadingRecord {
    std::int64_t id = 0;
    std::int64_t vehicle_id = 0;
    Timestamp read_at{};
    double odometer_km = 0;
    std::optional<std::string> note{};
    std::string recorded_by;
    Timestamp recorded_at{};
};

}  // namespace parkgrid::storage
