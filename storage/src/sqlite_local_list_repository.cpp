#include "sqlite_local_list_repository.hpp"

#include "column_conversions.hpp"

namespace parkgrid::storage {
namespace {

std::vector<LocalListEntry> read_entries(sqlite::Statement& statement) {
    std::vector<LocalListEntry> entries;
    while (statement.step()) {
        entries.push_back(LocalListEntry{
            .id_tag = statement.column<std::string>(0),
            .status = statement.column<std::string>(1),
            .expiry_date = optional_timestamp_column(statement, 2),
            .parent_id_tag = statement.column<std::optional<std::string>>(3),
        });
    }
    return entries;
}

}  // namespace

std::optional<LocalListState> SqliteLocalListRepository::state(std::string_view charger_id) {
    auto statement =
        connection_.cached("SELECT version, supported, synced_at FROM local_lists WHERE charger_id = ?1");
    statement->bind_all(charger_id);
    if (!statement->step()) {
        return std::nullopt;
    }
    return LocalListState{statement->column<std::int32_t>(0), statement->column<std::int64_t>(1) != 0,
                          timestamp_column(*statement, 2)};
}

std::vector<LocalListEntry> SqliteLocalListRepository::entries(std::string_view charger_id) {
    auto statement = connection_.cached(
        "SELECT id_tag, status, expiry_date, parent_id_tag FROM local_list_entries WHERE charger_id = ?1 "
        "ORDER BY id_tag");
    statement->bind_all(charger_id);
    return read_entries(*statement);
}

void SqliteLocalListRepository::apply(std::string_view charger_id, std::int32_t version,
                                      const LocalListUpdate& update, Timestamp at) {
    auto state = connection_.cached(
        "INSERT INTO local_lists (charger_id, version, supported, synced_at) VALUES (?1, ?2, 1, ?3) "
        "ON CONFLICT (charger_id) DO UPDATE SET version = ?2, supported = 1, synced_at = ?3");
    state->bind_all(charger_id, version, to_unix_millis(at)).execute();
    if (update.full) {
        auto clear = connection_.cached("DELETE FROM local_list_entries WHERE charger_id = ?1");
        clear->bind_all(charger_id).execute();
    }
    // id_tag is COLLATE NOCASE, as the charger matches cards: a changed entry replaces any spelling of it.
    auto upsert = connection_.cached(
        "INSERT INTO local_list_entries (charger_id, id_tag, status, expiry_date, parent_id_tag) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (charger_id, id_tag) DO UPDATE SET id_tag = ?2, status = "
        "?3, "
        "expiry_date = ?4, parent_id_tag = ?5");
    for (const auto& entry : update.changed) {
        upsert
            ->bind_all(charger_id, entry.id_tag, entry.status, to_optional_millis(entry.expiry_date),
                       entry.parent_id_tag)
            .execute();
        upsert->reset();
    }
    auto remove = connection_.cached("DELETE FROM local_list_entries WHERE charger_id = ?1 AND id_tag = ?2");
    for (const auto& id_tag : update.removed) {
        remove->bind_all(charger_id, id_tag).execute();
        remove->reset();
    }
}

void SqliteLocalListRepository::mark_unsupported(std::string_view charger_id, Timestamp at) {
    auto statement = connection_.cached(
        "INSERT INTO local_lists (charger_id, version, supported, synced_at) VALUES (?1, 0, 0, ?2) "
        "ON CONFLICT (charger_id) DO UPDATE SET supported = 0, synced_at = ?2");
    statement->bind_all(charger_id, to_unix_millis(at)).execute();
}

std::vector<LocalListEntry> SqliteLocalListRepository::allowed_tags(
    std::optional<std::int64_t> institution_id) {
    auto statement = connection_.cached(
        "SELECT id_tag, status, expiry_date, parent_id_tag FROM id_tags "
        "WHERE institution_id IS NULL OR institution_id = ?1 ORDER BY id_tag");
    statement->bind_all(institution_id);
    return read_entries(*statement);
}

}  // namespace parkgrid::storage
