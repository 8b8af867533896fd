#include "sqlite_vehicle_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, institution_id, department_id, plate_number, make, model, kind, battery_kwh, usual_departure_time, "
    "priority, acquired_date, retired_date, created_at, updated_at";

VehicleRecord read_vehicle(const sqlite::Statement& row) {
    return VehicleRecord{
        .id = row.column<std::int64_t>(0),
        .institution_id = row.column<std::int64_t>(1),
        .department_id = row.column<std::optional<std::int64_t>>(2),
        .plate_number = row.column<std::string>(3),
        .make = row.column<std::optional<std::string>>(4),
        .model = row.column<std::optional<std::string>>(5),
        .kind = row.column<std::string>(6),
        .battery_kwh = row.column<std::optional<double>>(7),
        .usual_departure_time = row.column<std::optional<std::string>>(8),
        .priority = row.column<std::int32_t>(9),
        .acquired_date = row.column<std::string>(10),
        .retired_date = row.column<std::optional<std::string>>(11),
        .created_at = timestamp_column(row, 12),
        .updated_at = timestamp_column(row, 13),
    };
}

}  // namespace

std::optional<VehicleRecord> SqliteVehicleRepository::find(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM vehicles WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_vehicle(*statement)) : std::nullopt;
}

Listing<VehicleRecord> SqliteVehicleRepository::query(const VehicleFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_if("department_id = ?", filter.department_id);
    where.add_if("kind = ?", filter.kind);
    where.add_contains({"plate_number", "make", "model"}, filter.text);
    return query_listing(connection_, kColumns, "vehicles", where, "plate_number, id", filter.limit,
                         filter.offset, read_vehicle);
}

std::optional<std::int64_t> SqliteVehicleRepository::insert(const VehicleRecord& vehicle) {
    auto statement = connection_.cached(
        "INSERT INTO vehicles (institution_id, department_id, plate_number, make, model, kind, battery_kwh, "
        "usual_departure_time, priority, acquired_date, retired_date, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    statement->bind_all(vehicle.institution_id, vehicle.department_id, vehicle.plate_number, vehicle.make,
                        vehicle.model, vehicle.kind, vehicle.battery_kwh, vehicle.usual_departure_time,
                        vehicle.priority, vehicle.acquired_date, vehicle.retired_date,
                        to_unix_millis(vehicle.created_at), to_unix_millis(vehicle.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

UpdateResult SqliteVehicleRepository::update(const VehicleRecord& vehicle) {
    auto statement = connection_.cached(
        "UPDATE vehicles SET department_id = ?2, plate_number = ?3, make = ?4, model = ?5, kind = ?6, "
        "battery_kwh = ?7, usual_departure_time = ?8, priority = ?9, acquired_date = ?10, retired_date = "
        "?11, "
        "updated_at = ?12 WHERE id = ?1");
    statement->bind_all(vehicle.id, vehicle.department_id, vehicle.plate_number, vehicle.make, vehicle.model,
                        vehicle.kind, vehicle.battery_kwh, vehicle.usual_departure_time, vehicle.priority,
                        vehicle.acquired_date, vehicle.retired_date, to_unix_millis(vehicle.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return UpdateResult::Duplicate;
    }
    return connection_.changes() > 0 ? UpdateResult::Updated : UpdateResult::NotFound;
}

RemoveResult SqliteVehicleRepository::remove(std::int64_t id) {
    // Id tags linked to the vehicle lose the link (ON DELETE SET NULL).
    return remove_unless_referenced(connection_, "DELETE FROM vehicles WHERE id = ?1", id);
}

}  // namespace parkgrid::storage
