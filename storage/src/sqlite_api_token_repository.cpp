#include "sqlite_api_token_repository.hpp"

#include <string>

#include "column_conversions.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view select_token =
    "SELECT id, name, token_hash, role, created_at, last_used_at FROM api_tokens ";

ApiTokenRecord read_token(const sqlite::Statement& row) {
    return ApiTokenRecord{
        .id = row.column<std::int64_t>(0),
        .name = row.column<std::string>(1),
        .token_hash = row.column<std::string>(2),
        .role = row.column<std::string>(3),
        .created_at = timestamp_column(row, 4),
        .last_used_at = optional_timestamp_column(row, 5),
    };
}

}  // namespace

std::optional<ApiTokenRecord> SqliteApiTokenRepository::find_by_hash(std::string_view token_hash) {
    static const std::string sql = std::string(select_token) + "WHERE token_hash = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(token_hash);
    return statement->step() ? std::optional(read_token(*statement)) : std::nullopt;
}

std::optional<ApiTokenRecord> SqliteApiTokenRepository::find_by_name(std::string_view name) {
    static const std::string sql = std::string(select_token) + "WHERE name = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(name);
    return statement->step() ? std::optional(read_token(*statement)) : std::nullopt;
}

std::int64_t SqliteApiTokenRepository::insert(const ApiTokenRecord& token) {
    auto statement = connection_.cached(
        "INSERT INTO api_tokens (name, token_hash, role, created_at, last_used_at) VALUES (?1, ?2, ?3, ?4, "
        "?5)");
    statement
        ->bind_all(token.name, token.token_hash, token.role, to_unix_millis(token.created_at),
                   to_optional_millis(token.last_used_at))
        .execute();
    return connection_.last_insert_rowid();
}

void SqliteApiTokenRepository::replace_hash(std::int64_t id, const std::string& token_hash) {
    auto statement = connection_.cached("UPDATE api_tokens SET token_hash = ?2 WHERE id = ?1");
    statement->bind_all(id, token_hash).execute();
}

std::size_t SqliteApiTokenRepository::count() {
    auto statement = connection_.cached("SELECT count(*) FROM api_tokens");
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

void SqliteApiTokenRepository::touch(std::int64_t id, Timestamp used_at) {
    auto statement = connection_.cached("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1");
    statement->bind_all(id, to_unix_millis(used_at)).execute();
}

}  // namespace parkgrid::storage
