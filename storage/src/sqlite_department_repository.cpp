#include "sqlite_department_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns = "id, institution_id, parent_id, name, created_at, updated_at";

DepartmentRecord read_department(const sqlite::Statement& row) {
    return DepartmentRecord{
        .id = row.column<std::int64_t>(0),
        .institution_id = row.column<std::int64_t>(1),
        .parent_id = row.column<std::optional<std::int64_t>>(2),
        .name = row.column<std::string>(3),
        .created_at = timestamp_column(row, 4),
        .updated_at = timestamp_column(row, 5),
    };
}

}  // namespace

std::optional<DepartmentRecord> SqliteDepartmentRepository::find(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM departments WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_department(*statement)) : std::nullopt;
}

Listing<DepartmentRecord> SqliteDepartmentRepository::query(const DepartmentFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_if("parent_id = ?", filter.parent_id);
    where.add_contains({"name"}, filter.text);
    return query_listing(connection_, kColumns, "departments", where, "name, id", filter.limit, filter.offset,
                         read_department);
}

std::int64_t SqliteDepartmentRepository::insert(const DepartmentRecord& department) {
    auto statement = connection_.cached(
        "INSERT INTO departments (institution_id, parent_id, name, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    statement
        ->bind_all(department.institution_id, department.parent_id, department.name,
                   to_unix_millis(department.created_at), to_unix_millis(department.updated_at))
        .execute();
    return connection_.last_insert_rowid();
}

bool SqliteDepartmentRepository::update(const DepartmentRecord& department) {
    auto statement =
        connection_.cached("UPDATE departments SET parent_id = ?2, name = ?3, updated_at = ?4 WHERE id = ?1");
    statement
        ->bind_all(department.id, department.parent_id, department.name,
                   to_unix_millis(department.updated_at))
        .execute();
    return connection_.changes() > 0;
}

std::vector<Dependents> SqliteDepartmentRepository::dependents(std::int64_t id) {
    return count_dependents(connection_,
                            "SELECT 'sub-departments', count(*) FROM departments WHERE parent_id = ?1 "
                            "UNION ALL SELECT 'vehicles', count(*) FROM vehicles WHERE department_id = ?1 "
                            "UNION ALL SELECT 'drivers', count(*) FROM drivers WHERE department_id = ?1",
                            id);
}

RemoveResult SqliteDepartmentRepository::remove(std::int64_t id) {
    return remove_unless_referenced(connection_, "DELETE FROM departments WHERE id = ?1", id);
}

}  // namespace parkgrid::storage
