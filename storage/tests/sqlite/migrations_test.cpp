#include "sqlite/migrations.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>
#include <string>
#include <vector>

#include "parkgrid/storage/database.hpp"
#include "sqlite/sqlite_error.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage::sqlite {
namespace {

using testing::TempDir;

std::set<std::string> schema_objects(Connection& connection, const std::string& type) {
    auto statement =
        connection.cached("SELECT name FROM sqlite_schema WHERE type = ?1 AND name NOT LIKE 'sqlite_%'");
    statement->bind_all(type);
    std::set<std::string> names;
    while (statement->step()) {
        names.insert(statement->column<std::string>(0));
    }
    return names;
}

class MigrationsTest : public ::testing::Test {
protected:
    TempDir directory_;
    std::string path_ = directory_.file("parkgrid.db");
};

TEST_F(MigrationsTest, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
    const auto migrations = embedded_migrations();
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations.front().name, "0001_initial");
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
        EXPECT_FALSE(migrations[i].sql.empty());
    }
}

TEST_F(MigrationsTest, CreatesTheSchema) {
    Connection connection(path_, ConnectionOptions{});
    EXPECT_EQ(schema_version(connection), 0);
    const int version = migrate(connection);
    EXPECT_EQ(version, static_cast<int>(embedded_migrations().size()));
    EXPECT_EQ(schema_version(connection), version);
    const std::set<std::string> expected_tables = {
        // 0001: core
        "anomalies", "api_tokens", "chargers", "connection_log", "connectors", "data_transfers", "id_tags",
        "meter_values", "status_history", "transactions",
        // 0002: organisation
        "departments", "drivers", "institutions", "sites", "vehicles",
        // 0003: users, sessions, audit
        "api_token_institutions", "audit_log", "sessions", "user_institutions", "users",
        // 0004: operations
        "charger_configuration", "command_log", "desired_configuration", "diagnostics_requests",
        "firmware_updates", "local_list_entries", "local_lists", "reservations",
        // 0005: security extension
        "certificate_requests", "log_requests", "security_events", "signed_firmware_updates",
        // 0007: load management
        "building_load_profiles", "building_load_readings", "charging_needs", "circuits", "tariff_periods",
        // 0008: energy statistics
        "data_quality_findings", "energy_factors", "energy_monthly_by_fleet", "energy_monthly_by_site",
        "energy_parts", "energy_sessions", "odometer_readings", "transaction_attribution"};
    EXPECT_EQ(schema_objects(connection, "table"), expected_tables);
    const std::set<std::string> indexes = schema_objects(connection, "index");
    for (const char* index :
         {"transactions_same_start", "transactions_open_on_connector", "transactions_open_for_id_tag",
          "meter_values_by_transaction", "meter_values_by_received_at", "anomalies_by_transaction",
          "anomalies_by_charger", "status_history_by_connector", "circuits_one_grid_connection",
          "building_load_by_circuit", "building_load_by_site", "energy_parts_by_institution",
          "energy_parts_by_site_institution", "energy_factors_per_kind_and_year"}) {
        EXPECT_TRUE(indexes.contains(index)) << index;
    }
}

TEST_F(MigrationsTest, IsIdempotentOnReopen) {
    {
        Connection connection(path_, ConnectionOptions{});
        migrate(connection);
        connection.execute_script("INSERT INTO chargers (id, created_at) VALUES ('CP1', 0)");
    }
    Connection connection(path_, ConnectionOptions{});
    EXPECT_EQ(migrate(connection), static_cast<int>(embedded_migrations().size()));
    EXPECT_EQ(migrate(connection), static_cast<int>(embedded_migrations().size()));
    EXPECT_EQ(connection.query_int("SELECT count(*) FROM chargers"), 1);
}

TEST_F(MigrationsTest, AppliesOnlyTheMissingMigrationsInOrder) {
    const std::vector<Migration> first = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"}};
    const std::vector<Migration> both = {
        first[0], {2, "0002_b", "CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (2);"}};
    Connection connection(path_, ConnectionOptions{});
    EXPECT_EQ(apply_migrations(connection, first), 1);
    EXPECT_EQ(apply_migrations(connection, both), 2);
    EXPECT_EQ(schema_version(connection), 2);
    EXPECT_EQ(connection.query_int("SELECT count(*) FROM a"), 1);
}

TEST_F(MigrationsTest, AFailingMigrationLeavesTheDatabaseUntouched) {
    const std::vector<Migration> migrations = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"},
                                               {2, "0002_broken", "CREATE TABLE b (x INTEGER); SELEKT;"}};
    Connection connection(path_, ConnectionOptions{});
    try {
        apply_migrations(connection, migrations);
        FAIL() << "broken migration applied";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("0002_broken"), std::string::npos) << error.what();
    }
    EXPECT_EQ(schema_version(connection), 0);
    EXPECT_TRUE(schema_objects(connection, "table").empty());
    EXPECT_FALSE(connection.in_transaction());
}

TEST_F(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
    const int known = static_cast<int>(embedded_migrations().size());
    {
        Connection connection(path_, ConnectionOptions{});
        migrate(connection);
        connection.execute_script("PRAGMA user_version = " + std::to_string(known + 1));
    }
    Connection connection(path_, ConnectionOptions{});
    try {
        migrate(connection);
        FAIL() << "newer schema accepted";
    } catch (const std::runtime_error& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("newer"), std::string::npos) << message;
        EXPECT_NE(message.find(std::to_string(known + 1)), std::string::npos) << message;
    }
    EXPECT_EQ(schema_version(connection), known + 1);

    // The same refusal through the public entry point.
    EXPECT_THROW(open_sqlite_database(SqliteOptions{.path = path_}), std::runtime_error);
}

TEST_F(MigrationsTest, AttributesTransactionsRecordedBeforeEnergyStatistics) {
    Connection connection(path_, ConnectionOptions{});
    const auto migrations = embedded_migrations();
    ASSERT_GE(migrations.size(), 8U);
    ASSERT_EQ(migrations[7].name, "0008_energy_statistics");
    apply_migrations(connection, migrations.first(7));
    connection.execute_script(
        "INSERT INTO institutions (id, name, unified_social_credit_code, type, created_at, updated_at) "
        "VALUES (1, 'Site owner', '000000000000000001', 'state_organ', 0, 0), "
        "(2, 'Fleet owner', '000000000000000002', 'state_organ', 0, 0);"
        "INSERT INTO sites (id, institution_id, name, created_at, updated_at) VALUES (5, 1, 'Garage', 0, 0);"
        "INSERT INTO departments (id, institution_id, name, created_at, updated_at) VALUES (7, 2, 'Pool', 0, "
        "0);"
        "INSERT INTO vehicles (id, institution_id, department_id, plate_number, kind, acquired_date, "
        "created_at, updated_at) VALUES (9, 2, 7, 'P1', 'BEV', '2025-01-01', 0, 0);"
        "INSERT INTO id_tags (id_tag, status, created_at, updated_at, institution_id, vehicle_id) "
        "VALUES ('CAR', 'Accepted', 0, 0, 2, 9);"
        "INSERT INTO chargers (id, created_at, site_id) VALUES ('CP', 0, 5);"
        "INSERT INTO transactions (id, charger_id, connector_id, id_tag, start_timestamp, meter_start, "
        "authorization_status, received_at) VALUES (1, 'CP', 1, 'car', 0, 0, 'Accepted', 0), "
        "(2, 'CP', 1, 'STRANGER', 1, 0, 'Invalid', 0);");
    migrate(connection);
    // The vehicle's institution and department for the known tag (matched NOCASE), the site's for the other.
    EXPECT_EQ(
        connection.query_text("SELECT group_concat(row, ' ') FROM (SELECT printf('%s,%s,%s,%s,%s,%s,%s', "
                              "transaction_id, site_id, site_institution_id, institution_id, department_id, "
                              "vehicle_id, id_tag_known) AS row FROM transaction_attribution "
                              "ORDER BY transaction_id)"),
        "1,5,1,2,7,9,1 2,5,1,1,,,0");
}

TEST_F(MigrationsTest, RejectsMisnumberedMigrationLists) {
    const std::vector<Migration> gap = {{1, "0001_a", "SELECT 1;"}, {3, "0003_c", "SELECT 1;"}};
    Connection connection(path_, ConnectionOptions{});
    EXPECT_THROW(apply_migrations(connection, gap), std::logic_error);
}

TEST_F(MigrationsTest, ChecksClosedValueSets) {
    Connection connection(path_, ConnectionOptions{});
    migrate(connection);
    try {
        connection.execute_script(
            "INSERT INTO chargers (id, registration_status, created_at) VALUES ('CP', 'Maybe', 0)");
        FAIL() << "invalid registration status stored";
    } catch (const SqliteError& error) {
        EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_CHECK);
    }
    EXPECT_THROW(
        connection.execute_script(
            "INSERT INTO id_tags (id_tag, status, created_at, updated_at) VALUES ('T', 'Fine', 0, 0)"),
        SqliteError);
    // STRICT tables refuse values of the wrong type.
    EXPECT_THROW(
        connection.execute_script("INSERT INTO chargers (id, created_at) VALUES ('CP', 'yesterday')"),
        SqliteError);
}

TEST_F(MigrationsTest, StatusTablesCheckOcppStatusesAndErrorCodes) {
    // Since 0011 these checks are comparisons joined by OR instead of IN lists; they must refuse the same.
    Connection connection(path_, ConnectionOptions{});
    migrate(connection);
    connection.execute_script("INSERT INTO chargers (id, created_at) VALUES ('CP', 0)");
    const auto insert = [&](const std::string& table, const std::string& status,
                            const std::string& error_code) {
        connection.execute_script(
            "INSERT INTO " + table +
            " (charger_id, connector_id, status, error_code, received_at) VALUES ('CP', " +
            std::to_string(connection.query_int("SELECT count(*) FROM " + table) + 1) + ", '" + status +
            "', '" + error_code + "', 0)");
    };
    for (const std::string table : {"connectors", "status_history"}) {
        EXPECT_NO_THROW(insert(table, "SuspendedEVSE", "WeakSignal")) << table;
        EXPECT_NO_THROW(insert(table, "Faulted", "ConnectorLockFailure")) << table;
        EXPECT_THROW(insert(table, "Suspended", "NoError"), SqliteError) << table;
        EXPECT_THROW(insert(table, "Available", "noerror"), SqliteError) << table;
    }
}

}  // namespace
}  // namespace parkgrid::storage::sqlite
