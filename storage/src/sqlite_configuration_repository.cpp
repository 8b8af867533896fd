#include "sqlite_configuration_repository.hpp"

#include "column_conversions.hpp"
#include "constraint_violations.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kSelectDesired =
    "SELECT id, site_id, charge_point_vendor, charge_point_model, key, value, created_by, created_at, "
    "updated_at "
    "FROM desired_configuration ";

DesiredConfigurationRecord read_desired(const sqlite::Statement& statement) {
    return DesiredConfigurationRecord{
        .id = statement.column<std::int64_t>(0),
        .site_id = statement.column<std::optional<std::int64_t>>(1),
        .charge_point_vendor = statement.column<std::optional<std::string>>(2),
        .charge_point_model = statement.column<std::optional<std::string>>(3),
        .key = statement.column<std::string>(4),
        .value = statement.column<std::string>(5),
        .created_by = statement.column<std::string>(6),
        .created_at = timestamp_column(statement, 7),
        .updated_at = timestamp_column(statement, 8),
    };
}

}  // namespace

void SqliteConfigurationRepository::replace_reported(std::string_view charger_id,
                                                     const std::vector<ConfigurationKeyRecord>& keys,
                                                     Timestamp fetched_at) {
    auto upsert = connection_.cached(
        "INSERT INTO charger_configuration (charger_id, key, value, readonly, fetched_at) VALUES (?1, ?2, "
        "?3, ?4, ?5) "
        "ON CONFLICT (charger_id, key) DO UPDATE SET value = excluded.value, readonly = excluded.readonly, "
        "fetched_at = excluded.fetched_at");
    for (const auto& key : keys) {
        upsert->bind_all(charger_id, key.key, key.value, key.readonly ? 1 : 0, to_unix_millis(fetched_at))
            .execute();
        upsert->reset();
    }
    auto forget =
        connection_.cached("DELETE FROM charger_configuration WHERE charger_id = ?1 AND fetched_at < ?2");
    forget->bind_all(charger_id, to_unix_millis(fetched_at)).execute();
}

void SqliteConfigurationRepository::record_change(std::string_view charger_id, const std::string& key,
                                                  const std::string& value, const std::string& status,
                                                  bool applied, Timestamp at) {
    // A key the charger did not report is kept too (readonly unknown, so false), to show the attempt.
    auto statement = connection_.cached(
        "INSERT INTO charger_configuration (charger_id, key, value, readonly, fetched_at, change_status, "
        "change_value, "
        "changed_at) VALUES (?1, ?2, CASE WHEN ?6 THEN ?3 END, 0, ?5, ?4, ?3, ?5) "
        "ON CONFLICT (charger_id, key) DO UPDATE SET change_status = ?4, change_value = ?3, changed_at = ?5, "
        "value = CASE WHEN ?6 THEN ?3 ELSE value END");
    statement->bind_all(charger_id, key, value, status, to_unix_millis(at), applied ? 1 : 0).execute();
}

std::vector<ConfigurationKeyRecord> SqliteConfigurationRepository::reported(std::string_view charger_id) {
    auto statement = connection_.cached(
        "SELECT key, value, readonly, fetched_at, change_status, change_value, changed_at FROM "
        "charger_configuration "
        "WHERE charger_id = ?1 ORDER BY key");
    statement->bind_all(charger_id);
    std::vector<ConfigurationKeyRecord> keys;
    while (statement->step()) {
        keys.push_back(ConfigurationKeyRecord{
            .key = statement->column<std::string>(0),
            .value = statement->column<std::optional<std::string>>(1),
            .readonly = statement->column<std::int64_t>(2) != 0,
            .fetched_at = timestamp_column(*statement, 3),
            .change_status = statement->column<std::optional<std::string>>(4),
            .change_value = statement->column<std::optional<std::string>>(5),
            .changed_at = optional_timestamp_column(*statement, 6),
        });
    }
    return keys;
}

std::optional<std::int64_t> SqliteConfigurationRepository::insert_desired(
    const DesiredConfigurationRecord& desired) {
    auto statement = connection_.cached(
        "INSERT INTO desired_configuration (site_id, charge_point_vendor, charge_point_model, key, value, "
        "created_by, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
    statement->bind_all(desired.site_id, desired.charge_point_vendor, desired.charge_point_model, desired.key,
                        desired.value, desired.created_by, to_unix_millis(desired.created_at));
    if (!execute_unless_duplicate(*statement)) {
        return std::nullopt;
    }
    return connection_.last_insert_rowid();
}

bool SqliteConfigurationRepository::update_desired(const DesiredConfigurationRecord& desired) {
    auto statement =
        connection_.cached("UPDATE desired_configuration SET value = ?2, updated_at = ?3 WHERE id = ?1");
    statement->bind_all(desired.id, desired.value, to_unix_millis(desired.updated_at)).execute();
    return connection_.changes() > 0;
}

bool SqliteConfigurationRepository::remove_desired(std::int64_t id) {
    auto statement = connection_.cached("DELETE FROM desired_configuration WHERE id = ?1");
    statement->bind_all(id).execute();
    return connection_.changes() > 0;
}

std::optional<DesiredConfigurationRecord> SqliteConfigurationRepository::find_desired(std::int64_t id) {
    static const std::string sql = std::string(kSelectDesired) + "WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_desired(*statement)) : std::nullopt;
}

std::vector<DesiredConfigurationRecord> SqliteConfigurationRepository::list_desired() {
    static const std::string sql = std::string(kSelectDesired) + "ORDER BY key, id";
    auto statement = connection_.cached(sql);
    std::vector<DesiredConfigurationRecord> entries;
    while (statement->step()) {
        entries.push_back(read_desired(*statement));
    }
    return entries;
}

}  // namespace parkgrid::storage
