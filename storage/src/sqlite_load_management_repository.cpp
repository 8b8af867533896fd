#include "sqlite_load_management_repository.hpp"

#include <map>
#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kCircuitColumns =
    "id, site_id, parent_id, name, limit_a, limit_kw, phases, voltage_v, margin_a, has_building_load, "
    "created_at, updated_at";

CircuitRecord read_circuit(const sqlite::Statement& row) {
    return CircuitRecord{
        .id = row.column<std::int64_t>(0),
        .site_id = row.column<std::int64_t>(1),
        .parent_id = row.column<std::optional<std::int64_t>>(2),
        .name = row.column<std::string>(3),
        .limit_a = row.column<double>(4),
        .limit_kw = row.column<std::optional<double>>(5),
        .phases = row.column<std::int32_t>(6),
        .voltage_v = row.column<double>(7),
        .margin_a = row.column<double>(8),
        .has_building_load = row.column<std::int32_t>(9) != 0,
        .created_at = timestamp_column(row, 10),
        .updated_at = timestamp_column(row, 11),
    };
}

std::int32_t to_flag(bool value) {
    return value ? 1 : 0;
}

// Depth first from the grid connection, siblings by name, so a listing reads as the tree. Circuits no root
// reaches (only possible if a cycle slipped past the API) follow at the end rather than vanish.
std::vector<CircuitRecord> parents_first(std::vector<CircuitRecord> circuits) {
    std::multimap<std::optional<std::int64_t>, std::size_t> children;  // by parent; names are in order
    for (std::size_t i = 0; i < circuits.size(); ++i) {
        children.emplace(circuits[i].parent_id, i);
    }
    std::vector<CircuitRecord> ordered;
    std::vector<bool> placed(circuits.size(), false);
    std::vector<std::size_t> pending;
    const auto push_children = [&](std::optional<std::int64_t> parent) {
        const auto [first, last] = children.equal_range(parent);
        std::vector<std::size_t> found;
        for (auto it = first; it != last; ++it) {
            found.push_back(it->second);
        }
        // The stack pops the last pushed first: push in reverse to visit siblings in name order.
        pending.insert(pending.end(), found.rbegin(), found.rend());
    };
    push_children(std::nullopt);
    while (!pending.empty()) {
        const auto index = pending.back();
        pending.pop_back();
        if (placed[index]) {
            continue;
        }
        placed[index] = true;
        ordered.push_back(circuits[index]);
        push_children(circuits[index].id);
    }
    for (std::size_t i = 0; i < circuits.size(); ++i) {
        if (!placed[i]) {
            ordered.push_back(std::move(circuits[i]));
        }
    }
    return ordered;
}

constexpr std::string_view kSettingsColumns =
    "id, site_id, circuit_id, max_current_a, min_current_a, phases, phase_wiring, load_flag, "
    "load_flag_detail, "
    "load_flag_since";

ChargerLoadSettings read_settings(const sqlite::Statement& row) {
    return ChargerLoadSettings{
        .charger_id = row.column<std::string>(0),
        .site_id = row.column<std::optional<std::int64_t>>(1),
        .circuit_id = row.column<std::optional<std::int64_t>>(2),
        .max_current_a = row.column<std::optional<double>>(3),
        .min_current_a = row.column<double>(4),
        .phases = row.column<std::int32_t>(5),
        .phase_wiring = row.column<std::string>(6),
        .load_flag = row.column<std::optional<std::string>>(7),
        .load_flag_detail = row.column<std::optional<std::string>>(8),
        .load_flag_since = optional_timestamp_column(row, 9),
    };
}

constexpr std::string_view kReadingColumns =
    "id, site_id, circuit_id, measured_at, received_at, current_l1, current_l2, current_l3, power_kw";

BuildingLoadReading read_reading(const sqlite::Statement& row) {
    BuildingLoadReading reading{
        .id = row.column<std::int64_t>(0),
        .site_id = row.column<std::int64_t>(1),
        .circuit_id = row.column<std::int64_t>(2),
        .measured_at = timestamp_column(row, 3),
        .received_at = timestamp_column(row, 4),
        .power_kw = row.column<std::optional<double>>(8),
    };
    if (!row.is_null(5)) {  // the schema keeps the three currents together
        reading.current_a = std::array{row.column<double>(5), row.column<double>(6), row.column<double>(7)};
    }
    return reading;
}

std::optional<double> current_of(const BuildingLoadReading& reading, std::size_t phase) {
    return reading.current_a ? std::optional((*reading.current_a)[phase]) : std::nullopt;
}

template <typename Read>
auto read_all(sqlite::Statement& statement, Read read) {
    std::vector<decltype(read(statement))> rows;
    while (statement.step()) {
        rows.push_back(read(statement));
    }
    return rows;
}

}  // namespace

std::optional<std::int64_t> SqliteLoadManagementRepository::insert_circuit(const CircuitRecord& circuit) {
    auto statement = connection_.cached(
        "INSERT INTO circuits (site_id, parent_id, name, limit_a, limit_kw, phases, voltage_v, margin_a, "
        "has_building_load, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    statement->bind_all(circuit.site_id, circuit.parent_id, circuit.name, circuit.limit_a, circuit.limit_kw,
                        circuit.phases, circuit.voltage_v, circuit.margin_a,
                        to_flag(circuit.has_building_load), to_unix_millis(circuit.created_at),
                        to_unix_millis(circuit.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

std::optional<CircuitRecord> SqliteLoadManagementRepository::find_circuit(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kCircuitColumns) + " FROM circuits WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_circuit(*statement)) : std::nullopt;
}

std::vector<CircuitRecord> SqliteLoadManagementRepository::circuits_of_site(std::int64_t site_id) {
    static const std::string sql =
        "SELECT " + std::string(kCircuitColumns) + " FROM circuits WHERE site_id = ?1 ORDER BY name, id";
    auto statement = connection_.cached(sql);
    statement->bind_all(site_id);
    return parents_first(read_all(*statement, read_circuit));
}

bool SqliteLoadManagementRepository::update_circuit(const CircuitRecord& circuit) {
    auto statement = connection_.cached(
        "UPDATE circuits SET parent_id = ?2, name = ?3, limit_a = ?4, limit_kw = ?5, phases = ?6, "
        "voltage_v = ?7, margin_a = ?8, has_building_load = ?9, updated_at = ?10 WHERE id = ?1");
    statement->bind_all(circuit.id, circuit.parent_id, circuit.name, circuit.limit_a, circuit.limit_kw,
                        circuit.phases, circuit.voltage_v, circuit.margin_a,
                        to_flag(circuit.has_building_load), to_unix_millis(circuit.updated_at));
    return execute_unless_duplicate(*statement) && connection_.changes() > 0;
}

bool SqliteLoadManagementRepository::remove_circuit(std::int64_t id, Dependents& blocking) {
    const auto dependents =
        count_dependents(connection_,
                         "SELECT 'sub-circuits', count(*) FROM circuits WHERE parent_id = ?1 "
                         "UNION ALL SELECT 'chargers', count(*) FROM chargers WHERE circuit_id = ?1",
                         id);
    if (!dependents.empty()) {
        blocking = dependents.front();
        return false;
    }
    switch (remove_unless_referenced(connection_, "DELETE FROM circuits WHERE id = ?1", id)) {
        case RemoveResult::Removed: return true;
        case RemoveResult::NotFound: blocking = Dependents{}; return false;
        case RemoveResult::StillReferenced: break;
    }
    blocking = Dependents{"other records", 1};  // a foreign key this repository does not know of
    return false;
}

std::optional<ChargerLoadSettings> SqliteLoadManagementRepository::charger_settings(
    std::string_view charger_id) {
    static const std::string sql = "SELECT " + std::string(kSettingsColumns) + " FROM chargers WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id);
    return statement->step() ? std::optional(read_settings(*statement)) : std::nullopt;
}

std::vector<ChargerLoadSettings> SqliteLoadManagementRepository::chargers_of_site(std::int64_t site_id) {
    static const std::string sql =
        "SELECT " + std::string(kSettingsColumns) + " FROM chargers WHERE site_id = ?1 ORDER BY id";
    auto statement = connection_.cached(sql);
    statement->bind_all(site_id);
    return read_all(*statement, read_settings);
}

bool SqliteLoadManagementRepository::set_charger_settings(const ChargerLoadSettings& settings) {
    auto statement = connection_.cached(
        "UPDATE chargers SET circuit_id = ?2, max_current_a = ?3, min_current_a = ?4, phases = ?5, "
        "phase_wiring = ?6 WHERE id = ?1");
    statement
        ->bind_all(settings.charger_id, settings.circuit_id, settings.max_current_a, settings.min_current_a,
                   settings.phases, settings.phase_wiring)
        .execute();
    return connection_.changes() > 0;
}

void SqliteLoadManagementRepository::set_charger_flag(std::string_view charger_id,
                                                      const std::optional<std::string>& flag,
                                                      const std::optional<std::string>& detail,
                                                      Timestamp at) {
    // A cleared flag takes its detail and time with it (the schema insists).
    auto statement = connection_.cached(
        "UPDATE chargers SET load_flag = ?2, load_flag_detail = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END, "
        "load_flag_since = CASE WHEN ?2 IS NULL THEN NULL ELSE ?4 END WHERE id = ?1");
    statement->bind_all(charger_id, flag, detail, to_unix_millis(at)).execute();
}

std::vector<std::int64_t> SqliteLoadManagementRepository::managed_sites() {
    auto statement =
        connection_.cached("SELECT site_id FROM circuits WHERE parent_id IS NULL ORDER BY site_id");
    return read_all(*statement, [](const sqlite::Statement& row) { return row.column<std::int64_t>(0); });
}

std::int64_t SqliteLoadManagementRepository::insert_building_load(const BuildingLoadReading& reading) {
    auto statement = connection_.cached(
        "INSERT INTO building_load_readings (site_id, circuit_id, measured_at, received_at, current_l1, "
        "current_l2, current_l3, power_kw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement
        ->bind_all(reading.site_id, reading.circuit_id, to_unix_millis(reading.measured_at),
                   to_unix_millis(reading.received_at), current_of(reading, 0), current_of(reading, 1),
                   current_of(reading, 2), reading.power_kw)
        .execute();
    return connection_.last_insert_rowid();
}

std::vector<BuildingLoadReading> SqliteLoadManagementRepository::building_load_since(std::int64_t site_id,
                                                                                     Timestamp since) {
    static const std::string sql = "SELECT " + std::string(kReadingColumns) +
                                   " FROM building_load_readings WHERE site_id = ?1 AND measured_at >= ?2 "
                                   "ORDER BY measured_at, id";
    auto statement = connection_.cached(sql);
    statement->bind_all(site_id, to_unix_millis(since));
    return read_all(*statement, read_reading);
}

std::vector<BuildingLoadReading> SqliteLoadManagementRepository::building_load(
    const BuildingLoadFilter& filter) {
    WhereClause where;
    where.add("site_id = ?", filter.site_id);
    where.add_if("circuit_id = ?", filter.circuit_id);
    where.add_if("measured_at >= ?", to_optional_millis(filter.from));
    where.add_if("measured_at < ?", to_optional_millis(filter.to));
    const auto limit = std::to_string(where.parameter_count() + 1);
    const auto offset = std::to_string(where.parameter_count() + 2);
    auto statement = connection_.cached(
        "SELECT " + std::string(kReadingColumns) + " FROM building_load_readings" + where.sql() +
        " ORDER BY measured_at DESC, id DESC LIMIT ?" + limit + " OFFSET ?" + offset);
    where.bind(*statement);
    statement->bind(static_cast<int>(where.parameter_count() + 1), to_sql_count(filter.limit));
    statement->bind(static_cast<int>(where.parameter_count() + 2), to_sql_count(filter.offset));
    return read_all(*statement, read_reading);
}

std::vector<BuildingLoadReading> SqliteLoadManagementRepository::latest_building_load(std::int64_t site_id) {
    // One index probe per circuit (circuit_id, measured_at) rather than a scan of the site's history.
    static const std::string sql =
        "SELECT " + std::string(kReadingColumns) +
        " FROM building_load_readings WHERE id IN (SELECT (SELECT r.id FROM building_load_readings r "
        "WHERE r.circuit_id = circuits.id ORDER BY r.measured_at DESC, r.id DESC LIMIT 1) "
        "FROM circuits WHERE circuits.site_id = ?1) ORDER BY circuit_id";
    auto statement = connection_.cached(sql);
    statement->bind_all(site_id);
    return read_all(*statement, read_reading);
}

std::vector<BuildingLoadProfileEntry> SqliteLoadManagementRepository::building_load_profile(
    std::int64_t circuit_id) {
    // 'weekday' sorts before 'weekend'.
    auto statement = connection_.cached(
        "SELECT day_type, hour, current_a FROM building_load_profiles WHERE circuit_id = ?1 "
        "ORDER BY day_type, hour");
    statement->bind_all(circuit_id);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return BuildingLoadProfileEntry{
            .day_type = row.column<std::string>(0),
            .hour = row.column<std::int32_t>(1),
            .current_a = row.column<double>(2),
        };
    });
}

void SqliteLoadManagementRepository::replace_building_load_profile(
    std::int64_t circuit_id, const std::vector<BuildingLoadProfileEntry>& entries) {
    connection_.cached("DELETE FROM building_load_profiles WHERE circuit_id = ?1")
        ->bind_all(circuit_id)
        .execute();
    auto insert = connection_.cached(
        "INSERT INTO building_load_profiles (circuit_id, day_type, hour, current_a) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& entry : entries) {
        insert->bind_all(circuit_id, entry.day_type, entry.hour, entry.current_a).execute();
        insert->reset();
    }
}

std::size_t SqliteLoadManagementRepository::prune_building_load(Timestamp before) {
    auto statement = connection_.cached("DELETE FROM building_load_readings WHERE measured_at < ?1");
    statement->bind_all(to_unix_millis(before)).execute();
    return static_cast<std::size_t>(connection_.changes());
}

std::vector<TariffPeriod> SqliteLoadManagementRepository::tariff_periods(std::int64_t site_id) {
    auto statement = connection_.cached(
        "SELECT kind, start_time, end_time, price_per_kwh FROM tariff_periods WHERE site_id = ?1 "
        "ORDER BY start_time");
    statement->bind_all(site_id);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return TariffPeriod{
            .kind = row.column<std::string>(0),
            .start_time = row.column<std::string>(1),
            .end_time = row.column<std::string>(2),
            .price_per_kwh = row.column<double>(3),
        };
    });
}

void SqliteLoadManagementRepository::replace_tariff_periods(std::int64_t site_id,
                                                            const std::vector<TariffPeriod>& periods) {
    connection_.cached("DELETE FROM tariff_periods WHERE site_id = ?1")->bind_all(site_id).execute();
    auto insert = connection_.cached(
        "INSERT INTO tariff_periods (site_id, kind, start_time, end_time, price_per_kwh) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& period : periods) {
        insert->bind_all(site_id, period.kind, period.start_time, period.end_time, period.price_per_kwh)
            .execute();
        insert->reset();
    }
}

std::optional<ChargingNeedRecord> SqliteLoadManagementRepository::charging_need(std::int32_t transaction_id) {
    auto statement = connection_.cached(
        "SELECT transaction_id, energy_kwh, departure_time, updated_at FROM charging_needs "
        "WHERE transaction_id = ?1");
    statement->bind_all(transaction_id);
    if (!statement->step()) {
        return std::nullopt;
    }
    return ChargingNeedRecord{
        .transaction_id = statement->column<std::int32_t>(0),
        .energy_kwh = statement->column<std::optional<double>>(1),
        .departure_time = optional_timestamp_column(*statement, 2),
        .updated_at = timestamp_column(*statement, 3),
    };
}

void SqliteLoadManagementRepository::set_charging_need(const ChargingNeedRecord& need) {
    auto statement = connection_.cached(
        "INSERT INTO charging_needs (transaction_id, energy_kwh, departure_time, updated_at) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (transaction_id) DO UPDATE SET energy_kwh = "
        "excluded.energy_kwh, "
        "departure_time = excluded.departure_time, updated_at = excluded.updated_at");
    statement
        ->bind_all(need.transaction_id, need.energy_kwh, to_optional_millis(need.departure_time),
                   to_unix_millis(need.updated_at))
        .execute();
}

}  // namespace parkgrid::storage
