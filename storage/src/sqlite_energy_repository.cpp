// Accounting (attribution, meter readings, the ledger), conversion factors, odometer readings and charger
// ratings. Reports and findings are in sqlite_energy_reports.cpp and sqlite_energy_findings.cpp.

#include "sqlite_energy_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "energy_sql.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

std::int32_t to_flag(bool value) {
    return value ? 1 : 0;
}

constexpr std::string_view kSessionColumns =
    "transaction_id, charger_id, connector_id, id_tag, site_id, site_institution_id, institution_id, "
    "department_id, vehicle_id, driver_id, id_tag_known, start_at, stop_at, total_wh, energy_source, "
    "accounted_at";

LedgerSession read_session(const sqlite::Statement& row) {
    const auto transaction_id = row.column<std::int32_t>(0);
    return LedgerSession{
        .transaction_id = transaction_id,
        .charger_id = row.column<std::string>(1),
        .connector_id = row.column<std::int32_t>(2),
        .id_tag = row.column<std::string>(3),
        .attribution =
            TransactionAttribution{
                .transaction_id = transaction_id,
                .site_id = row.column<std::optional<std::int64_t>>(4),
                .site_institution_id = row.column<std::optional<std::int64_t>>(5),
                .institution_id = row.column<std::optional<std::int64_t>>(6),
                .department_id = row.column<std::optional<std::int64_t>>(7),
                .vehicle_id = row.column<std::optional<std::int64_t>>(8),
                .driver_id = row.column<std::optional<std::int64_t>>(9),
                .id_tag_known = row.column<std::int32_t>(10) != 0,
            },
        .start_at = timestamp_column(row, 11),
        .stop_at = timestamp_column(row, 12),
        .total_wh = row.column<std::int64_t>(13),
        .energy_source = row.column<std::string>(14),
        .parts = {},
        .accounted_at = timestamp_column(row, 15),
    };
}

LedgerPart read_part(const sqlite::Statement& row) {
    return LedgerPart{
        .local_date = row.column<std::string>(0),
        .tou_kind = row.column<std::string>(1),
        .wh = row.column<std::int64_t>(2),
        .seconds = row.column<std::int64_t>(3),
        .price_per_kwh = row.column<double>(4),
        .cost_fen = row.column<std::int64_t>(5),
        .service_fee_fen = row.column<std::int64_t>(6),
    };
}

// The part the session counts by: the first of its earliest local date.
const LedgerPart* first_part(const std::vector<LedgerPart>& parts) {
    const LedgerPart* first = nullptr;
    for (const auto& part : parts) {
        if (first == nullptr || part.local_date < first->local_date) {
            first = &part;
        }
    }
    return first;
}

constexpr std::string_view kFactorColumns =
    "id, institution_id, kind, value, unit, year, source, basis, created_at";

EnergyFactorRecord read_factor(const sqlite::Statement& row) {
    return EnergyFactorRecord{
        .id = row.column<std::int64_t>(0),
        .institution_id = row.column<std::optional<std::int64_t>>(1),
        .kind = row.column<std::string>(2),
        .value = row.column<double>(3),
        .unit = row.column<std::string>(4),
        .year = row.column<std::int32_t>(5),
        .source = row.column<std::string>(6),
        .basis = row.column<std::optional<std::string>>(7),
        .created_at = timestamp_column(row, 8),
    };
}

constexpr std::string_view kOdometerColumns =
    "id, vehicle_id, read_at, odometer_km, note, recorded_by, recorded_at";

OdometerReadingRecord read_odometer(const sqlite::Statement& row) {
    return OdometerReadingRecord{
        .id = row.column<std::int64_t>(0),
        .vehicle_id = row.column<std::int64_t>(1),
        .read_at = timestamp_column(row, 2),
        .odometer_km = row.column<double>(3),
        .note = row.column<std::optional<std::string>>(4),
        .recorded_by = row.column<std::string>(5),
        .recorded_at = timestamp_column(row, 6),
    };
}

}  // namespace

std::optional<TransactionAttribution> SqliteEnergyRepository::attribution(std::int32_t transaction_id) {
    auto statement = connection_.cached(
        "SELECT site_id, site_institution_id, institution_id, department_id, vehicle_id, driver_id, "
        "id_tag_known FROM transaction_attribution WHERE transaction_id = ?1");
    statement->bind_all(transaction_id);
    if (!statement->step()) {
        return std::nullopt;
    }
    return TransactionAttribution{
        .transaction_id = transaction_id,
        .site_id = statement->column<std::optional<std::int64_t>>(0),
        .site_institution_id = statement->column<std::optional<std::int64_t>>(1),
        .institution_id = statement->column<std::optional<std::int64_t>>(2),
        .department_id = statement->column<std::optional<std::int64_t>>(3),
        .vehicle_id = statement->column<std::optional<std::int64_t>>(4),
        .driver_id = statement->column<std::optional<std::int64_t>>(5),
        .id_tag_known = statement->column<std::int32_t>(6) != 0,
    };
}

std::vector<MeterReadingRow> SqliteEnergyRepository::meter_readings(std::int32_t transaction_id) {
    auto statement = connection_.cached(
        "SELECT timestamp, received_at, energy_import_wh, power_import_w, soc_percent FROM meter_values "
        "WHERE transaction_id = ?1 ORDER BY timestamp, id");
    statement->bind_all(transaction_id);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return MeterReadingRow{
            .timestamp = timestamp_column(row, 0),
            .received_at = timestamp_column(row, 1),
            .energy_import_wh = row.column<std::optional<double>>(2),
            .power_import_w = row.column<std::optional<double>>(3),
            .soc_percent = row.column<std::optional<double>>(4),
        };
    });
}

void SqliteEnergyRepository::replace_ledger(const LedgerSession& session) {
    // The parts go with the session (ON DELETE CASCADE).
    connection_.cached("DELETE FROM energy_sessions WHERE transaction_id = ?1")
        ->bind_all(session.transaction_id)
        .execute();

    const auto& by = session.attribution;
    const LedgerPart* const first = first_part(session.parts);
    const auto start_date = first != nullptr ? std::optional(first->local_date) : std::nullopt;
    connection_
        .cached(
            "INSERT INTO energy_sessions (transaction_id, charger_id, connector_id, id_tag, site_id, "
            "site_institution_id, institution_id, department_id, vehicle_id, driver_id, id_tag_known, "
            "start_at, "
            "stop_at, total_wh, energy_source, start_date, accounted_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)")
        ->bind_all(session.transaction_id, session.charger_id, session.connector_id, session.id_tag,
                   by.site_id, by.site_institution_id, by.institution_id, by.department_id, by.vehicle_id,
                   by.driver_id, to_flag(by.id_tag_known), to_unix_millis(session.start_at),
                   to_unix_millis(session.stop_at), session.total_wh, session.energy_source, start_date,
                   to_unix_millis(session.accounted_at))
        .execute();

    // Each part carries the session's grouping columns, so that a report reads energy_parts alone.
    auto insert = connection_.cached(
        "INSERT INTO energy_parts (transaction_id, local_date, tou_kind, wh, seconds, price_per_kwh, "
        "cost_fen, "
        "service_fee_fen, institution_id, site_institution_id, site_id, department_id, vehicle_id, "
        "charger_id, "
        "starts_session) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    for (const auto& part : session.parts) {
        insert
            ->bind_all(session.transaction_id, part.local_date, part.tou_kind, part.wh, part.seconds,
                       part.price_per_kwh, part.cost_fen, part.service_fee_fen, by.institution_id,
                       by.site_institution_id, by.site_id, by.department_id, by.vehicle_id,
                       session.charger_id, to_flag(&part == first))
            .execute();
        insert->reset();
    }
}

std::optional<LedgerSession> SqliteEnergyRepository::ledger(std::int32_t transaction_id) {
    static const std::string sql =
        "SELECT " + std::string(kSessionColumns) + " FROM energy_sessions WHERE transaction_id = ?1";
    std::optional<LedgerSession> session;
    {
        auto statement = connection_.cached(sql);
        statement->bind_all(transaction_id);
        if (!statement->step()) {
            return std::nullopt;
        }
        session = read_session(*statement);
    }
    auto parts = connection_.cached(
        "SELECT local_date, tou_kind, wh, seconds, price_per_kwh, cost_fen, service_fee_fen FROM "
        "energy_parts "
        "WHERE transaction_id = ?1 ORDER BY local_date, CASE tou_kind WHEN 'sharp_peak' THEN 0 WHEN 'peak' "
        "THEN 1 WHEN 'flat' THEN 2 WHEN 'valley' THEN 3 ELSE 4 END");
    parts->bind_all(transaction_id);
    session->parts = read_all(*parts, read_part);
    return session;
}

std::vector<std::int32_t> SqliteEnergyRepository::unaccounted_transactions(std::size_t limit) {
    auto statement = connection_.cached(
        "SELECT id FROM transactions WHERE stop_timestamp IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "energy_sessions WHERE energy_sessions.transaction_id = transactions.id) ORDER BY id LIMIT ?1");
    statement->bind_all(to_sql_count(limit));
    return read_all(*statement, [](const sqlite::Statement& row) { return row.column<std::int32_t>(0); });
}

std::vector<EnergyFactorRecord> SqliteEnergyRepository::factors(std::optional<std::int64_t> institution_id) {
    // IS matches NULL (the defaults) as well as an id.
    static const std::string sql = "SELECT " + std::string(kFactorColumns) +
                                   " FROM energy_factors WHERE institution_id IS ?1 ORDER BY kind, year, id";
    auto statement = connection_.cached(sql);
    statement->bind_all(institution_id);
    return read_all(*statement, read_factor);
}

std::optional<std::int64_t> SqliteEnergyRepository::insert_factor(const EnergyFactorRecord& factor) {
    auto statement = connection_.cached(
        "INSERT INTO energy_factors (institution_id, kind, value, unit, year, source, basis, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement->bind_all(factor.institution_id, factor.kind, factor.value, factor.unit, factor.year,
                        factor.source, factor.basis, to_unix_millis(factor.created_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

std::optional<EnergyFactorRecord> SqliteEnergyRepository::find_factor(std::int64_t id) {
    static const std::string sql =
        "SELECT " + std::string(kFactorColumns) + " FROM energy_factors WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_factor(*statement)) : std::nullopt;
}

bool SqliteEnergyRepository::remove_factor(std::int64_t id) {
    connection_.cached("DELETE FROM energy_factors WHERE id = ?1")->bind_all(id).execute();
    return connection_.changes() > 0;
}

std::optional<std::int64_t> SqliteEnergyRepository::insert_odometer_reading(
    const OdometerReadingRecord& reading) {
    auto statement = connection_.cached(
        "INSERT INTO odometer_readings (vehicle_id, read_at, odometer_km, note, recorded_by, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    statement->bind_all(reading.vehicle_id, to_unix_millis(reading.read_at), reading.odometer_km,
                        reading.note, reading.recorded_by, to_unix_millis(reading.recorded_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

std::vector<OdometerReadingRecord> SqliteEnergyRepository::odometer_readings(std::int64_t vehicle_id,
                                                                             std::optional<Timestamp> from,
                                                                             std::optional<Timestamp> to) {
    WhereClause where;
    where.add("vehicle_id = ?", vehicle_id);
    where.add_if("read_at >= ?", to_optional_millis(from));
    where.add_if("read_at < ?", to_optional_millis(to));
    auto statement = connection_.cached("SELECT " + std::string(kOdometerColumns) +
                                        " FROM odometer_readings" + where.sql() + " ORDER BY read_at");
    where.bind(*statement);
    return read_all(*statement, read_odometer);
}

bool SqliteEnergyRepository::remove_odometer_reading(std::int64_t vehicle_id, std::int64_t id) {
    connection_.cached("DELETE FROM odometer_readings WHERE id = ?1 AND vehicle_id = ?2")
        ->bind_all(id, vehicle_id)
        .execute();
    return connection_.changes() > 0;
}

bool SqliteEnergyRepository::set_charger_rating(std::string_view charger_id,
                                                const std::optional<std::string>& current_type,
                                                std::optional<double> rated_power_kw) {
    connection_.cached("UPDATE chargers SET current_type = ?2, rated_power_kw = ?3 WHERE id = ?1")
        ->bind_all(charger_id, current_type, rated_power_kw)
        .execute();
    return connection_.changes() > 0;
}

}  // namespace parkgrid::storage
