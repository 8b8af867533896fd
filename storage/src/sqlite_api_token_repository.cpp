#include "sqlite_api_token_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "institution_scope.hpp"

namespace parkgrid::storage {
namespace {

const std::string& select_token() {
    static const std::string kSql =
        "SELECT id, name, token_hash, role, created_at, last_used_at, created_by, expires_at, revoked_at, " +
        scope_column(kApiTokenScope, "api_tokens.id") + " FROM api_tokens ";
    return kSql;
}

ApiTokenRecord read_token(const sqlite::Statement& row) {
    return ApiTokenRecord{
        .id = row.column<std::int64_t>(0),
        .name = row.column<std::string>(1),
        .token_hash = row.column<std::string>(2),
        .role = row.column<std::string>(3),
        .created_at = timestamp_column(row, 4),
        .last_used_at = optional_timestamp_column(row, 5),
        .created_by = row.column<std::optional<std::string>>(6),
        .expires_at = optional_timestamp_column(row, 7),
        .revoked_at = optional_timestamp_column(row, 8),
        .institution_ids = parse_scope(row.column<std::optional<std::string>>(9)),
    };
}

}  // namespace

std::optional<ApiTokenRecord> SqliteApiTokenRepository::find_by_hash(std::string_view token_hash) {
    static const std::string kSql = select_token() + "WHERE token_hash = ?1";
    auto statement = connection_.cached(kSql);
    statement->bind_all(token_hash);
    return statement->step() ? std::optional(read_token(*statement)) : std::nullopt;
}

std::optional<ApiTokenRecord> SqliteApiTokenRepository::find_by_name(std::string_view name) {
    static const std::string kSql = select_token() + "WHERE name = ?1";
    auto statement = connection_.cached(kSql);
    statement->bind_all(name);
    return statement->step() ? std::optional(read_token(*statement)) : std::nullopt;
}

std::optional<ApiTokenRecord> SqliteApiTokenRepository::find(std::int64_t id) {
    static const std::string kSql = select_token() + "WHERE id = ?1";
    auto statement = connection_.cached(kSql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_token(*statement)) : std::nullopt;
}

std::vector<ApiTokenRecord> SqliteApiTokenRepository::list(std::size_t limit, std::size_t offset) {
    static const std::string kSql = select_token() + "ORDER BY id LIMIT ?1 OFFSET ?2";
    auto statement = connection_.cached(kSql);
    statement->bind_all(to_sql_count(limit), to_sql_count(offset));
    std::vector<ApiTokenRecord> tokens;
    while (statement->step()) {
        tokens.push_back(read_token(*statement));
    }
    return tokens;
}

std::int64_t SqliteApiTokenRepository::insert(const ApiTokenRecord& token) {
    auto statement = connection_.cached(
        "INSERT INTO api_tokens (name, token_hash, role, created_at, last_used_at, created_by, expires_at, "
        "revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement
        ->bind_all(token.name, token.token_hash, token.role, to_unix_millis(token.created_at),
                   to_optional_millis(token.last_used_at), token.created_by,
                   to_optional_millis(token.expires_at), to_optional_millis(token.revoked_at))
        .execute();
    const std::int64_t id = connection_.last_insert_rowid();
    replace_scope(connection_, kApiTokenScope, id, token.institution_ids);
    return id;
}

void SqliteApiTokenRepository::replace_hash(std::int64_t id, const std::string& token_hash) {
    auto statement =
        connection_.cached("UPDATE api_tokens SET token_hash = ?2, revoked_at = NULL WHERE id = ?1");
    statement->bind_all(id, token_hash).execute();
}

std::size_t SqliteApiTokenRepository::count() {
    auto statement = connection_.cached("SELECT count(*) FROM api_tokens");
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

void SqliteApiTokenRepository::touch(std::int64_t id, Timestamp used_at) {
    auto statement = connection_.cached(
        "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < "
        "?2)");
    statement->bind_all(id, to_unix_millis(used_at)).execute();
}

bool SqliteApiTokenRepository::revoke(std::int64_t id, Timestamp at) {
    auto statement =
        connection_.cached("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    statement->bind_all(id, to_unix_millis(at)).execute();
    return connection_.changes() > 0;
}

}  // namespace parkgrid::storage
