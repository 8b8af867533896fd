#include "sqlite_session_repository.hpp"

#include <string>

#include "column_conversions.hpp"

namespace parkgrid::storage {

std::int64_t SqliteSessionRepository::insert(const SessionRecord& session) {
    auto statement = connection_.cached(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, "
        "remote_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement
        ->bind_all(session.token_hash, session.user_id, to_unix_millis(session.created_at),
                   to_unix_millis(session.last_seen_at), to_unix_millis(session.expires_at),
                   to_optional_millis(session.revoked_at), session.remote_address)
        .execute();
    return connection_.last_insert_rowid();
}

std::optional<SessionRecord> SqliteSessionRepository::find_by_hash(std::string_view token_hash) {
    auto statement = connection_.cached(
        "SELECT id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, remote_address "
        "FROM sessions WHERE token_hash = ?1");
    statement->bind_all(token_hash);
    if (!statement->step()) {
        return std::nullopt;
    }
    return SessionRecord{
        .id = statement->column<std::int64_t>(0),
        .token_hash = statement->column<std::string>(1),
        .user_id = statement->column<std::int64_t>(2),
        .created_at = timestamp_column(*statement, 3),
        .last_seen_at = timestamp_column(*statement, 4),
        .expires_at = timestamp_column(*statement, 5),
        .revoked_at = optional_timestamp_column(*statement, 6),
        .remote_address = statement->column<std::string>(7),
    };
}

void SqliteSessionRepository::touch(std::int64_t id, Timestamp seen_at) {
    auto statement =
        connection_.cached("UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1 AND last_seen_at < ?2");
    statement->bind_all(id, to_unix_millis(seen_at)).execute();
}

bool SqliteSessionRepository::revoke(std::int64_t id, Timestamp at) {
    auto statement =
        connection_.cached("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    statement->bind_all(id, to_unix_millis(at)).execute();
    return connection_.changes() > 0;
}

std::size_t SqliteSessionRepository::revoke_all_of_user(std::int64_t user_id, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2");
    statement->bind_all(user_id, to_unix_millis(at)).execute();
    return static_cast<std::size_t>(connection_.changes());
}

std::size_t SqliteSessionRepository::purge_ended(Timestamp now, Timestamp idle_cutoff) {
    auto statement = connection_.cached(
        "DELETE FROM sessions WHERE revoked_at IS NOT NULL OR expires_at <= ?1 OR last_seen_at < ?2");
    statement->bind_all(to_unix_millis(now), to_unix_millis(idle_cutoff)).execute();
    return static_cast<std::size_t>(connection_.changes());
}

}  // namespace parkgrid::storage
