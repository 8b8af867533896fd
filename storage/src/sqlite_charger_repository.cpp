#include "sqlite_charger_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "registration_status_text.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view charger_columns =
    "id, description, registration_status, vendor, model, charge_point_serial_number, "
    "charge_box_serial_number, firmware_version, iccid, imsi, meter_type, meter_serial_number, last_boot_at, "
    "last_seen_at, firmware_status, diagnostics_status, created_at, site_id, "
    "(SELECT institution_id FROM sites WHERE sites.id = chargers.site_id), security_profile, "
    "authorization_key_hash, authorization_key_set_at, current_type, rated_power_kw";
const std::string select_charger = "SELECT " + std::string(charger_columns) + " FROM chargers ";

ChargerRecord read_charger(const sqlite::Statement& row) {
    ChargerRecord charger;
    charger.id = row.column<std::string>(0);
    charger.description = row.column<std::optional<std::string>>(1);
    charger.registration_status = registration_status_from_text(row.column<std::string>(2));
    if (!row.is_null(3)) {  // vendor is required in a BootNotification
        charger.boot_info = BootInfo{
            .vendor = row.column<std::string>(3),
            .model = row.column<std::string>(4),
            .charge_point_serial_number = row.column<std::optional<std::string>>(5),
            .charge_box_serial_number = row.column<std::optional<std::string>>(6),
            .firmware_version = row.column<std::optional<std::string>>(7),
            .iccid = row.column<std::optional<std::string>>(8),
            .imsi = row.column<std::optional<std::string>>(9),
            .meter_type = row.column<std::optional<std::string>>(10),
            .meter_serial_number = row.column<std::optional<std::string>>(11),
        };
    }
    charger.last_boot_at = optional_timestamp_column(row, 12);
    charger.last_seen_at = optional_timestamp_column(row, 13);
    charger.firmware_status = row.column<std::optional<std::string>>(14);
    charger.diagnostics_status = row.column<std::optional<std::string>>(15);
    charger.created_at = timestamp_column(row, 16);
    charger.site_id = row.column<std::optional<std::int64_t>>(17);
    charger.institution_id = row.column<std::optional<std::int64_t>>(18);
    charger.security_profile = row.column<std::int32_t>(19);
    charger.authorization_key_hash = row.column<std::optional<std::string>>(20);
    charger.authorization_key_set_at = optional_timestamp_column(row, 21);
    charger.current_type = row.column<std::optional<std::string>>(22);
    charger.rated_power_kw = row.column<std::optional<double>>(23);
    return charger;
}

constexpr std::string_view select_status =
    "SELECT charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, "
    "received_at ";

StatusRecord read_status(const sqlite::Statement& row) {
    return StatusRecord{
        .charger_id = row.column<std::string>(0),
        .connector_id = row.column<std::int32_t>(1),
        .status = row.column<std::string>(2),
        .error_code = row.column<std::string>(3),
        .info = row.column<std::optional<std::string>>(4),
        .vendor_id = row.column<std::optional<std::string>>(5),
        .vendor_error_code = row.column<std::optional<std::string>>(6),
        .timestamp = optional_timestamp_column(row, 7),
        .received_at = timestamp_column(row, 8),
    };
}

}  // namespace

std::optional<ChargerRecord> SqliteChargerRepository::find(std::string_view id) {
    static const std::string sql = std::string(select_charger) + "WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_charger(*statement)) : std::nullopt;
}

std::vector<ChargerRecord> SqliteChargerRepository::list() {
    static const std::string sql = std::string(select_charger) + "ORDER BY id";
    auto statement = connection_.cached(sql);
    std::vector<ChargerRecord> chargers;
    while (statement->step()) {
        chargers.push_back(read_charger(*statement));
    }
    return chargers;
}

Listing<ChargerRecord> SqliteChargerRepository::query(const ChargerFilter& filter) {
    WhereClause where;
    where.add_scope("site_id IN (SELECT id FROM sites WHERE institution_id IN (SELECT value FROM ?))",
                    filter.scope);
    where.add_if("site_id = ?", filter.site_id);
    where.add_if("site_id IN (SELECT id FROM sites WHERE institution_id = ?)", filter.institution_id);
    return query_listing(connection_, charger_columns, "chargers", where, "id", filter.limit, filter.offset,
                         read_charger);
}

bool SqliteChargerRepository::set_site(std::string_view id, std::optional<std::int64_t> site_id) {
    // The circuit belongs to the old site (a trigger insists), so moving away leaves it.
    auto statement = connection_.cached(
        "UPDATE chargers SET site_id = ?2, circuit_id = CASE WHEN site_id IS ?2 THEN circuit_id END WHERE id "
        "= ?1");
    statement->bind_all(id, site_id).execute();
    return connection_.changes() > 0;
}

bool SqliteChargerRepository::insert(const std::string& id, const std::optional<std::string>& description,
                                     RegistrationStatus status, Timestamp now) {
    auto statement = connection_.cached(
        "INSERT INTO chargers (id, description, registration_status, created_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (id) DO NOTHING");
    statement->bind_all(id, description, to_text(status), to_unix_millis(now)).execute();
    return connection_.changes() > 0;
}

bool SqliteChargerRepository::set_registration_status(std::string_view id, RegistrationStatus status) {
    auto statement = connection_.cached("UPDATE chargers SET registration_status = ?2 WHERE id = ?1");
    statement->bind_all(id, to_text(status)).execute();
    return connection_.changes() > 0;
}

bool SqliteChargerRepository::set_description(std::string_view id,
                                              const std::optional<std::string>& description) {
    auto statement = connection_.cached("UPDATE chargers SET description = ?2 WHERE id = ?1");
    statement->bind_all(id, description).execute();
    return connection_.changes() > 0;
}

bool SqliteChargerRepository::set_security_profile(std::string_view id, std::int32_t profile) {
    auto statement = connection_.cached("UPDATE chargers SET security_profile = ?2 WHERE id = ?1");
    statement->bind_all(id, profile).execute();
    return connection_.changes() > 0;
}

bool SqliteChargerRepository::set_authorization_key_hash(std::string_view id,
                                                         const std::optional<std::string>& key_hash,
                                                         Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE chargers SET authorization_key_hash = ?2, authorization_key_set_at = ?3 WHERE id = ?1");
    statement->bind_all(id, key_hash, to_unix_millis(at)).execute();
    return connection_.changes() > 0;
}

void SqliteChargerRepository::record_boot(std::string_view id, const BootInfo& info, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE chargers SET vendor = ?2, model = ?3, charge_point_serial_number = ?4, "
        "charge_box_serial_number = ?5, firmware_version = ?6, iccid = ?7, imsi = ?8, meter_type = ?9, "
        "meter_serial_number = ?10, last_boot_at = ?11 WHERE id = ?1");
    statement
        ->bind_all(id, info.vendor, info.model, info.charge_point_serial_number,
                   info.charge_box_serial_number, info.firmware_version, info.iccid, info.imsi,
                   info.meter_type, info.meter_serial_number, to_unix_millis(at))
        .execute();
}

void SqliteChargerRepository::touch(std::string_view id, Timestamp seen_at) {
    // Called for every message: the condition skips the row write when nothing would change, and keeps
    // an older instant from overwriting a newer one.
    auto statement = connection_.cached(
        "UPDATE chargers SET last_seen_at = ?2 WHERE id = ?1 AND (last_seen_at IS NULL OR last_seen_at < "
        "?2)");
    statement->bind_all(id, to_unix_millis(seen_at)).execute();
}

void SqliteChargerRepository::record_firmware_status(std::string_view id, const std::string& status,
                                                     Timestamp at) {
    auto statement =
        connection_.cached("UPDATE chargers SET firmware_status = ?2, firmware_status_at = ?3 WHERE id = ?1");
    statement->bind_all(id, status, to_unix_millis(at)).execute();
}

void SqliteChargerRepository::record_diagnostics_status(std::string_view id, const std::string& status,
                                                        Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE chargers SET diagnostics_status = ?2, diagnostics_status_at = ?3 WHERE id = ?1");
    statement->bind_all(id, status, to_unix_millis(at)).execute();
}

void SqliteChargerRepository::record_status(const StatusRecord& status) {
    const auto bind = [&](sqlite::Statement& statement) {
        statement.bind_all(status.charger_id, status.connector_id, status.status, status.error_code,
                           status.info, status.vendor_id, status.vendor_error_code,
                           to_optional_millis(status.timestamp), to_unix_millis(status.received_at));
    };
    auto current = connection_.cached(
        "INSERT INTO connectors (charger_id, connector_id, status, error_code, info, vendor_id, "
        "vendor_error_code, timestamp, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (charger_id, connector_id) DO UPDATE SET status = excluded.status, "
        "error_code = excluded.error_code, info = excluded.info, vendor_id = excluded.vendor_id, "
        "vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, "
        "received_at = excluded.received_at");
    bind(*current);
    current->execute();

    auto history = connection_.cached(
        "INSERT INTO status_history (charger_id, connector_id, status, error_code, info, vendor_id, "
        "vendor_error_code, timestamp, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    bind(*history);
    history->execute();
}

std::vector<StatusRecord> SqliteChargerRepository::connectors(std::string_view charger_id) {
    static const std::string sql =
        std::string(select_status) + "FROM connectors WHERE charger_id = ?1 ORDER BY connector_id";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id);
    std::vector<StatusRecord> statuses;
    while (statement->step()) {
        statuses.push_back(read_status(*statement));
    }
    return statuses;
}

std::vector<StatusRecord> SqliteChargerRepository::status_history(std::string_view charger_id,
                                                                  std::optional<std::int32_t> connector_id,
                                                                  std::size_t limit, std::size_t offset) {
    // Two statements rather than "(?2 IS NULL OR connector_id = ?2)", which would keep SQLite from using
    // the (charger_id, connector_id, received_at) index.
    static const std::string for_connector =
        std::string(select_status) +
        "FROM status_history WHERE charger_id = ?1 AND connector_id = ?2 "
        "ORDER BY received_at DESC, id DESC LIMIT ?3 OFFSET ?4";
    static const std::string for_charger = std::string(select_status) +
                                           "FROM status_history WHERE charger_id = ?1 "
                                           "ORDER BY received_at DESC, id DESC LIMIT ?2 OFFSET ?3";
    auto statement = connection_.cached(connector_id ? for_connector : for_charger);
    if (connector_id) {
        statement->bind_all(charger_id, *connector_id, to_sql_count(limit), to_sql_count(offset));
    } else {
        statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    }
    std::vector<StatusRecord> statuses;
    while (statement->step()) {
        statuses.push_back(read_status(*statement));
    }
    return statuses;
}

}  // namespace parkgrid::storage
