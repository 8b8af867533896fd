#pragma once

#include <span>
#include <string_view>

#include "sqlite/connection.hpp"

namespace parkgrid::storage::sqlite {

// One schema step. The database records the version of the last step applied in PRAGMA user_version.
struct Migration {
    int version;  // 1, 2, 3, ... without gaps
    std::string_view name;
    std::string_view sql;
};

// The migrations in storage/migrations/, compiled in by the build (generated source).
std::span<const Migration> embedded_migrations();

// Brings the database up to the last of `migrations`, applying the missing ones in order inside one
// transaction: either all of them are applied or none. Returns the resulting schema version.
// Throws std::runtime_error if the database is newer than the last migration known to this binary: an
// older binary must not write to a schema it does not understand.
int apply_migrations(Connection& connection, std::span<const Migration> migrations);

// Shorthand for apply_migrations(connection, embedded_migrations()).
int migrate(Connection& connection);

int schema_version(Connection& connection);

}  // namespace parkgrid::storage::sqlite
