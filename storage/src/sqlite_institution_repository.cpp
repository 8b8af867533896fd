#include "sqlite_institution_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, name, unified_social_credit_code, type, sector, region, created_at, updated_at";

InstitutionRecord read_institution(const sqlite::Statement& row) {
    return InstitutionRecord{
        .id = row.column<std::int64_t>(0),
        .name = row.column<std::string>(1),
        .unified_social_credit_code = row.column<std::string>(2),
        .type = row.column<std::string>(3),
        .sector = row.column<std::optional<std::string>>(4),
        .region = row.column<std::optional<std::string>>(5),
        .created_at = timestamp_column(row, 6),
        .updated_at = timestamp_column(row, 7),
    };
}

}  // namespace

std::optional<InstitutionRecord> SqliteInstitutionRepository::find(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM institutions WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_institution(*statement)) : std::nullopt;
}

Listing<InstitutionRecord> SqliteInstitutionRepository::query(const InstitutionFilter& filter) {
    WhereClause where;
    where.add_scope("id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("type = ?", filter.type);
    where.add_if("sector = ?", filter.sector);
    where.add_contains({"name", "unified_social_credit_code"}, filter.text);
    return query_listing(connection_, kColumns, "institutions", where, "name, id", filter.limit,
                         filter.offset, read_institution);
}

std::optional<std::int64_t> SqliteInstitutionRepository::insert(const InstitutionRecord& institution) {
    auto statement = connection_.cached(
        "INSERT INTO institutions (name, unified_social_credit_code, type, sector, region, created_at, "
        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement->bind_all(institution.name, institution.unified_social_credit_code, institution.type,
                        institution.sector, institution.region, to_unix_millis(institution.created_at),
                        to_unix_millis(institution.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

UpdateResult SqliteInstitutionRepository::update(const InstitutionRecord& institution) {
    auto statement = connection_.cached(
        "UPDATE institutions SET name = ?2, unified_social_credit_code = ?3, type = ?4, sector = ?5, "
        "region = ?6, updated_at = ?7 WHERE id = ?1");
    statement->bind_all(institution.id, institution.name, institution.unified_social_credit_code,
                        institution.type, institution.sector, institution.region,
                        to_unix_millis(institution.updated_at));
    if (!execute_unless_duplicate(*statement)) {
        return UpdateResult::Duplicate;
    }
    return connection_.changes() > 0 ? UpdateResult::Updated : UpdateResult::NotFound;
}

std::vector<Dependents> SqliteInstitutionRepository::dependents(std::int64_t id) {
    return count_dependents(
        connection_,
        "SELECT 'sites', count(*) FROM sites WHERE institution_id = ?1 "
        "UNION ALL SELECT 'departments', count(*) FROM departments WHERE institution_id = ?1 "
        "UNION ALL SELECT 'vehicles', count(*) FROM vehicles WHERE institution_id = ?1 "
        "UNION ALL SELECT 'drivers', count(*) FROM drivers WHERE institution_id = ?1 "
        "UNION ALL SELECT 'id tags', count(*) FROM id_tags WHERE institution_id = ?1",
        id);
}

RemoveResult SqliteInstitutionRepository::remove(std::int64_t id) {
    return remove_unless_referenced(connection_, "DELETE FROM institutions WHERE id = ?1", id);
}

}  // namespace parkgrid::storage
