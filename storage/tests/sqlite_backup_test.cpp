// The online backup (csms backup FILE): a consistent copy taken while another connection keeps writing.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "parkgrid/storage/backup.hpp"
#include "sqlite/connection.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage {
namespace {

using testing::TempDir;

// The live database: WAL mode, as the server keeps it, with rows written in pairs in one transaction
// each, so that a copy of a half-written transaction would show an odd count.
class BackupTest : public ::testing::Test {
protected:
    void SetUp() override {
        live_ = std::make_unique<sqlite::Connection>(path("live.db"), sqlite::ConnectionOptions{});
        live_->execute_script("CREATE TABLE readings (id INTEGER PRIMARY KEY, value TEXT NOT NULL)");
        write_pairs(500);
    }

    std::string path(const std::string& name) const { return (dir_.path() / name).string(); }

    void write_pairs(int count) {
        for (int i = 0; i < count; ++i) {
            live_->execute_script(
                "BEGIN; INSERT INTO readings (value) VALUES ('a'); INSERT INTO readings (value) VALUES "
                "('b'); "
                "COMMIT");
        }
    }

    TempDir dir_;
    std::unique_ptr<sqlite::Connection> live_;
};

TEST_F(BackupTest, CopiesEverythingCommittedAndPassesTheIntegrityCheck) {
    const auto result = backup_sqlite_database(path("live.db"), path("copy.db"));
    EXPECT_GT(result.pages, 0);
    EXPECT_EQ(result.bytes, static_cast<std::int64_t>(std::filesystem::file_size(path("copy.db"))));
    EXPECT_FALSE(std::filesystem::exists(path("copy.db.partial")));

    sqlite::Connection copy(path("copy.db"), {.read_only = true});
    EXPECT_EQ(copy.query_int("SELECT count(*) FROM readings"), 1000);
    EXPECT_EQ(copy.query_text("PRAGMA integrity_check"), "ok");
}

TEST_F(BackupTest, AWriterGoingOnMeanwhileIsNeitherBlockedNorCopiedHalfway) {
    // About 40 MB, so that the copy takes long enough for the writer to commit during it.
    live_->execute_script(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
        "INSERT INTO readings (value) SELECT hex(randomblob(200)) FROM n");
    std::atomic<bool> copying{true};
    std::atomic<int> written{0};
    // The server's writer, on its own connection, keeps committing pairs during the copy.
    std::thread writer([&] {
        sqlite::Connection connection(path("live.db"), sqlite::ConnectionOptions{});
        while (copying) {
            connection.execute_script(
                "BEGIN; INSERT INTO readings (value) VALUES ('a'); INSERT INTO readings (value) VALUES "
                "('b'); "
                "COMMIT");
            ++written;
        }
    });
    while (written < 5) {
        std::this_thread::yield();
    }
    const int before = written;
    backup_sqlite_database(path("live.db"), path("copy.db"));
    const int after = written;
    copying = false;
    writer.join();

    sqlite::Connection copy(path("copy.db"), {.read_only = true});
    const auto rows = copy.query_int("SELECT count(*) FROM readings");
    EXPECT_EQ(rows % 2, 0) << "a transaction was copied halfway";
    EXPECT_GE(rows, 1000 + 100000 + 2 * before) << "everything committed before the copy began is in it";
    EXPECT_LE(rows, 1000 + 100000 + 2 * (after + 1));  // a commit may be counted just after the copy
    EXPECT_GT(after, before) << "the writer committed while the copy ran";
}

TEST_F(BackupTest, AFailedBackupLeavesTheDestinationUntouched) {
    EXPECT_THROW(backup_sqlite_database(path("missing.db"), path("copy.db")), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(path("copy.db")));
    EXPECT_THROW(backup_sqlite_database(path("live.db"), path("no-such-dir/copy.db")), std::runtime_error);
    EXPECT_THROW(backup_sqlite_database(path("live.db"), path("./live.db")), std::runtime_error);
    EXPECT_EQ(live_->query_int("SELECT count(*) FROM readings"), 1000) << "the live database is untouched";
    EXPECT_FALSE(std::filesystem::exists(path("no-such-dir/copy.db.partial")));
}

}  // namespace
}  // namespace parkgrid::storage
