#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "parkgrid/storage/timestamp.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/migrations.hpp"
#include "sqlite_repositories.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage::testing {

inline Timestamp at_millis(std::int64_t millis) {
    return from_unix_millis(millis);
}

// A migrated database file of its own for each test, with the repositories over one connection in
// autocommit mode (each call is its own transaction).
class RepositoryTest : public ::testing::Test {
protected:
    RepositoryTest()
        : connection_(directory_.file("test.db"), sqlite::ConnectionOptions{.durable = false}),
          repositories_((sqlite::migrate(connection_), connection_)) {}

    void add_charger(const std::string& id) {
        ASSERT_TRUE(
            repositories_.chargers().insert(id, std::nullopt, RegistrationStatus::Accepted, at_millis(1)));
    }

    std::int64_t count_rows(const std::string& table) {
        return connection_.query_int("SELECT count(*) FROM " + table);
    }

    TempDir directory_;
    sqlite::Connection connection_;
    SqliteRepositories repositories_;
};

}  // namespace parkgrid::storage::testing
