#include "sqlite_driver_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, institution_id, department_id, name, employee_number, phone, created_at, updated_at";

DriverRecord read_driver(const sqlite::Statement& row) {
    return DriverRecord{
        .id = row.column<std::int64_t>(0),
        .institution_id = row.column<std::int64_t>(1),
        .department_id = row.column<std::optional<std::int64_t>>(2),
        .name = row.column<std::string>(3),
        .employee_number = row.column<std::optional<std::string>>(4),
        .phone = row.column<std::optional<std::string>>(5),
        .created_at = timestamp_column(row, 6),
        .updated_at = timestamp_column(row, 7),
    };
}

}  // namespace

std::optional<DriverRecord> SqliteDriverRepository::find(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM drivers WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_driver(*statement)) : std::nullopt;
}

Listing<DriverRecord> SqliteDriverRepository::query(const DriverFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_if("department_id = ?", filter.department_id);
    where.add_contains({"name", "employee_number"}, filter.text);
    return query_listing(connection_, kColumns, "drivers", where, "name, id", filter.limit, filter.offset,
                         read_driver);
}

std::optional<std::int64_t> SqliteDriverRepository::insert(const DriverRecord& driver) {
    auto statement = connection_.cached(
        "INSERT INTO drivers (institution_id, department_id, name, employee_number, phone, created_at, "
        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement->bind_all(driver.institution_id, driver.department_id, driver.name, driver.employee_number,
                        driver.phone, to_unix_millis(driver.created_at), to_unix_millis(driver.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

UpdateResult SqliteDriverRepository::update(const DriverRecord& driver) {
    auto statement = connection_.cached(
        "UPDATE drivers SET department_id = ?2, name = ?3, employee_number = ?4, phone = ?5, updated_at = ?6 "
        "WHERE id = ?1");
    statement->bind_all(driver.id, driver.department_id, driver.name, driver.employee_number, driver.phone,
                        to_unix_millis(driver.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return UpdateResult::Duplicate;
    }
    return connection_.changes() > 0 ? UpdateResult::Updated : UpdateResult::NotFound;
}

RemoveResult SqliteDriverRepository::remove(std::int64_t id) {
    // Id tags linked to the driver lose the link (ON DELETE SET NULL).
    return remove_unless_referenced(connection_, "DELETE FROM drivers WHERE id = ?1", id);
}

}  // namespace parkgrid::storage
