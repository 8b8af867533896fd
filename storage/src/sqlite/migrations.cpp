#include "sqlite/migrations.hpp"

#include <stdexcept>
#include <string>

#include "sqlite/transaction.hpp"

namespace parkgrid::storage::sqlite {
namespace {

void check_sequence(std::span<const Migration> migrations) {
    int expected = 1;
    for (const Migration& migration : migrations) {
        if (migration.version != expected) {
            throw std::logic_error("migration " + std::string(migration.name) + " has version " +
                                   std::to_string(migration.version) + ", expected " +
                                   std::to_string(expected));
        }
        ++expected;
    }
}

}  // namespace

int schema_version(Connection& connection) {
    return static_cast<int>(connection.query_int("PRAGMA user_version"));
}

int apply_migrations(Connection& connection, std::span<const Migration> migrations) {
    check_sequence(migrations);
    const int latest = static_cast<int>(migrations.size());

    // IMMEDIATE takes the write lock before the version is read, so two processes opening a new database at
    // the same time cannot both apply the same migration.
    Transaction transaction(connection, TransactionMode::Immediate);
    const int current = schema_version(connection);
    if (current > latest) {
        throw std::runtime_error("database schema version " + std::to_string(current) +
                                 " is newer than this program supports (" + std::to_string(latest) +
                                 "); upgrade ParkGrid or restore a matching backup");
    }
    for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(current))) {
        try {
            connection.execute_script(std::string(migration.sql));
        } catch (const std::exception& error) {
            throw std::runtime_error("migration " + std::string(migration.name) + " failed: " + error.what());
        }
        // user_version lives in the database header and is part of the transaction.
        connection.execute_script("PRAGMA user_version = " + std::to_string(migration.version));
    }
    transaction.commit();
    return latest;
}

int migrate(Connection& connection) {
    return apply_migrations(connection, embedded_migrations());
}

}  // namespace parkgrid::storage::sqlite
