#include "sqlite_site_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "constraint_violations.hpp"
#include "organisation_rows.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, institution_id, name, address, time_zone, created_at, updated_at, service_fee_per_kwh";

SiteRecord read_site(const sqlite::Statement& row) {
    return SiteRecord{
        .id = row.column<std::int64_t>(0),
        .institution_id = row.column<std::int64_t>(1),
        .name = row.column<std::string>(2),
        .address = row.column<std::optional<std::string>>(3),
        .time_zone = row.column<std::string>(4),
        .service_fee_per_kwh = row.column<double>(7),
        .created_at = timestamp_column(row, 5),
        .updated_at = timestamp_column(row, 6),
    };
}

}  // namespace

std::optional<SiteRecord> SqliteSiteRepository::find(std::int64_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM sites WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_site(*statement)) : std::nullopt;
}

Listing<SiteRecord> SqliteSiteRepository::query(const SiteFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_contains({"name", "address"}, filter.text);
    return query_listing(connection_, kColumns, "sites", where, "name, id", filter.limit, filter.offset,
                         read_site);
}

std::optional<std::int64_t> SqliteSiteRepository::insert(const SiteRecord& site) {
    auto statement = connection_.cached(
        "INSERT INTO sites (institution_id, name, address, time_zone, created_at, updated_at, "
        "service_fee_per_kwh) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement->bind_all(site.institution_id, site.name, site.address, site.time_zone,
                        to_unix_millis(site.created_at), to_unix_millis(site.updated_at),
                        site.service_fee_per_kwh);
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

UpdateResult SqliteSiteRepository::update(const SiteRecord& site) {
    auto statement = connection_.cached(
        "UPDATE sites SET name = ?2, address = ?3, time_zone = ?4, updated_at = ?5, service_fee_per_kwh = ?6 "
        "WHERE id = ?1");
    statement->bind_all(site.id, site.name, site.address, site.time_zone, to_unix_millis(site.updated_at),
                        site.service_fee_per_kwh);
    if (!execute_unless_duplicate(*statement)) {
        return UpdateResult::Duplicate;
    }
    return connection_.changes() > 0 ? UpdateResult::Updated : UpdateResult::NotFound;
}

std::vector<Dependents> SqliteSiteRepository::dependents(std::int64_t id) {
    return count_dependents(
        connection_,
        "SELECT 'chargers', count(*) FROM chargers WHERE site_id = ?1 "
        "UNION ALL SELECT 'circuits', count(*) FROM circuits WHERE site_id = ?1 "
        "UNION ALL SELECT 'tariff periods', count(*) FROM tariff_periods WHERE site_id = ?1",
        id);
}

RemoveResult SqliteSiteRepository::remove(std::int64_t id) {
    return remove_unless_referenced(connection_, "DELETE FROM sites WHERE id = ?1", id);
}

}  // namespace parkgrid::storage
