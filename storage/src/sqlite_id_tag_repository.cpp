#include "sqlite_id_tag_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view id_tag_columns =
    "id_tag, status, expiry_date, parent_id_tag, created_at, updated_at, institution_id, vehicle_id, "
    "driver_id";
const std::string select_id_tag = "SELECT " + std::string(id_tag_columns) + " FROM id_tags ";

IdTagRecord read_id_tag(const sqlite::Statement& row) {
    return IdTagRecord{
        .id_tag = row.column<std::string>(0),
        .status = row.column<std::string>(1),
        .expiry_date = optional_timestamp_column(row, 2),
        .parent_id_tag = row.column<std::optional<std::string>>(3),
        .created_at = timestamp_column(row, 4),
        .updated_at = timestamp_column(row, 5),
        .institution_id = row.column<std::optional<std::int64_t>>(6),
        .vehicle_id = row.column<std::optional<std::int64_t>>(7),
        .driver_id = row.column<std::optional<std::int64_t>>(8),
    };
}

}  // namespace

std::optional<IdTagRecord> SqliteIdTagRepository::find(std::string_view id_tag) {
    static const std::string sql = std::string(select_id_tag) + "WHERE id_tag = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id_tag);
    return statement->step() ? std::optional(read_id_tag(*statement)) : std::nullopt;
}

std::vector<IdTagRecord> SqliteIdTagRepository::list(std::size_t limit, std::size_t offset) {
    static const std::string sql = std::string(select_id_tag) + "ORDER BY id_tag LIMIT ?1 OFFSET ?2";
    auto statement = connection_.cached(sql);
    statement->bind_all(to_sql_count(limit), to_sql_count(offset));
    std::vector<IdTagRecord> tags;
    while (statement->step()) {
        tags.push_back(read_id_tag(*statement));
    }
    return tags;
}

Listing<IdTagRecord> SqliteIdTagRepository::query(const IdTagFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_if("vehicle_id = ?", filter.vehicle_id);
    where.add_if("driver_id = ?", filter.driver_id);
    return query_listing(connection_, id_tag_columns, "id_tags", where, "id_tag", filter.limit, filter.offset,
                         read_id_tag);
}

bool SqliteIdTagRepository::insert(const IdTagRecord& tag) {
    auto statement = connection_.cached(
        "INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag, created_at, updated_at, "
        "institution_id, vehicle_id, driver_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT (id_tag) DO NOTHING");
    statement
        ->bind_all(tag.id_tag, tag.status, to_optional_millis(tag.expiry_date), tag.parent_id_tag,
                   to_unix_millis(tag.created_at), to_unix_millis(tag.updated_at), tag.institution_id,
                   tag.vehicle_id, tag.driver_id)
        .execute();
    return connection_.changes() > 0;
}

bool SqliteIdTagRepository::update(const IdTagRecord& tag) {
    // created_at and the stored spelling of the tag stay as they were.
    auto statement = connection_.cached(
        "UPDATE id_tags SET status = ?2, expiry_date = ?3, parent_id_tag = ?4, updated_at = ?5, "
        "institution_id = ?6, vehicle_id = ?7, driver_id = ?8 WHERE id_tag = ?1");
    statement
        ->bind_all(tag.id_tag, tag.status, to_optional_millis(tag.expiry_date), tag.parent_id_tag,
                   to_unix_millis(tag.updated_at), tag.institution_id, tag.vehicle_id, tag.driver_id)
        .execute();
    return connection_.changes() > 0;
}

bool SqliteIdTagRepository::remove(std::string_view id_tag) {
    auto statement = connection_.cached("DELETE FROM id_tags WHERE id_tag = ?1");
    statement->bind_all(id_tag).execute();
    return connection_.changes() > 0;
}

}  // namespace parkgrid::storage
