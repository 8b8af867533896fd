#include "sqlite/connection.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "sqlite/sqlite_error.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage::sqlite {
namespace {

using testing::TempDir;

TEST(ConnectionTest, OpensInWalModeWithForeignKeysAndBusyTimeout) {
    TempDir directory;
    Connection connection(directory.file("a.db"),
                          ConnectionOptions{.busy_timeout = std::chrono::milliseconds(1234)});
    EXPECT_EQ(connection.query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(connection.query_int("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(connection.query_int("PRAGMA busy_timeout"), 1234);
    EXPECT_TRUE(std::filesystem::exists(directory.file("a.db")));
}

TEST(ConnectionTest, SynchronousFollowsDurability) {
    TempDir directory;
    Connection durable(directory.file("a.db"), ConnectionOptions{.durable = true});
    Connection fast(directory.file("a.db"), ConnectionOptions{.durable = false});
    EXPECT_EQ(durable.query_int("PRAGMA synchronous"), 2);  // FULL
    EXPECT_EQ(fast.query_int("PRAGMA synchronous"), 1);     // NORMAL
}

TEST(ConnectionTest, ReadOnlyConnectionCannotWrite) {
    TempDir directory;
    Connection writer(directory.file("a.db"), ConnectionOptions{});
    writer.execute_script("CREATE TABLE t (x INTEGER)");
    Connection reader(directory.file("a.db"), ConnectionOptions{.read_only = true});
    EXPECT_EQ(reader.query_int("SELECT count(*) FROM t"), 0);
    try {
        reader.execute_script("INSERT INTO t VALUES (1)");
        FAIL() << "a read-only connection wrote";
    } catch (const SqliteError& error) {
        EXPECT_EQ(error.primary_code(), SQLITE_READONLY);
    }
}

TEST(ConnectionTest, OpeningAMissingDirectoryFailsWithSqliteError) {
    TempDir directory;
    try {
        Connection connection(directory.file("missing/a.db"), ConnectionOptions{});
        FAIL() << "opened a database in a missing directory";
    } catch (const SqliteError& error) {
        EXPECT_EQ(error.primary_code(), SQLITE_CANTOPEN);
        EXPECT_NE(std::string(error.what()).find("missing/a.db"), std::string::npos);
    }
}

TEST(ConnectionTest, CachesPreparedStatements) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    sqlite3_stmt* first = nullptr;
    {
        auto statement = connection.cached("SELECT 1");
        first = statement->handle();
    }
    {
        auto statement = connection.cached("SELECT 1");
        EXPECT_EQ(statement->handle(), first);
    }
    EXPECT_EQ(connection.cached_statement_count(), 1U);
}

TEST(ConnectionTest, BorrowingAStatementThatIsInUseIsAnError) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    auto statement = connection.cached("SELECT 1");
    EXPECT_THROW(connection.cached("SELECT 1"), std::logic_error);
}

TEST(ConnectionTest, ReturnedStatementIsResetSoItHoldsNoReadOpen) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    connection.execute_script("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
    {
        auto statement = connection.cached("SELECT x FROM t WHERE x > ?1");
        statement->bind_all(0);
        ASSERT_TRUE(statement->step());  // stopped after the first of two rows
        EXPECT_NE(sqlite3_stmt_busy(statement->handle()), 0);
    }
    auto statement = connection.cached("SELECT x FROM t WHERE x > ?1");
    EXPECT_EQ(sqlite3_stmt_busy(statement->handle()), 0);
    EXPECT_FALSE(connection.in_transaction());
    // The bindings were cleared: x > NULL matches nothing.
    EXPECT_FALSE(statement->step());
}

TEST(ConnectionTest, ReportsChangesAndLastInsertRowid) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    connection.execute_script(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER); INSERT INTO t (x) VALUES (1), (1)");
    EXPECT_EQ(connection.last_insert_rowid(), 2);
    connection.execute_script("UPDATE t SET x = 2");
    EXPECT_EQ(connection.changes(), 2);
}

TEST(ConnectionTest, SqliteErrorCarriesTheExtendedCode) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    connection.execute_script("CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (1)");
    auto statement = connection.cached("INSERT INTO t VALUES (?1)");
    statement->bind_all(1);
    try {
        statement->execute();
        FAIL() << "duplicate accepted";
    } catch (const SqliteError& error) {
        EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
        EXPECT_EQ(error.primary_code(), SQLITE_CONSTRAINT);
        EXPECT_NE(std::string(error.what()).find("INSERT INTO t"), std::string::npos);
    }
}

TEST(ConnectionTest, InvalidSqlFailsToPrepare) {
    TempDir directory;
    Connection connection(directory.file("a.db"), ConnectionOptions{});
    EXPECT_THROW(connection.cached("SELEKT 1"), SqliteError);
    EXPECT_EQ(connection.cached_statement_count(), 0U);
}

}  // namespace
}  // namespace parkgrid::storage::sqlite
