#include "wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "sqlite/connection.hpp"
#include "sqlite/transaction.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::uintmax_t kPageSize = 4096;
constexpr int kPagesPerCommit = 100;  // the 100 in write_pages()

constexpr std::uintmax_t pages(int count) {
    return static_cast<std::uintmax_t>(count);
}

class WalCheckpointerTest : public ::testing::Test {
protected:
    // Not durable: these tests are about who copies the WAL, not about fsync, and write a lot.
    const sqlite::ConnectionOptions options_{.read_only = false, .durable = false};
    testing::TempDir dir_;
    const std::string path_ = (dir_.path() / "wal.db").string();
    sqlite::Connection writer_{path_, options_};

    void SetUp() override {
        writer_.execute_script("CREATE TABLE pages (content BLOB NOT NULL)");
        ASSERT_EQ(writer_.query_int("PRAGMA page_size"), static_cast<std::int64_t>(kPageSize));
    }

    // Commits of about kPagesPerCommit pages each: one row of a little less than a page per page.
    void write_pages(int pages) {
        for (int written = 0; written < pages; written += kPagesPerCommit) {
            sqlite::Transaction transaction(writer_, sqlite::TransactionMode::Immediate);
            auto insert = writer_.cached(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                "INSERT INTO pages (content) SELECT randomblob(4000) FROM n");
            insert->execute();
            transaction.commit();
        }
    }

    std::uintmax_t size_of(const std::string& path) const { return std::filesystem::file_size(path); }
};

TEST_F(WalCheckpointerTest, CopiesTheWalIntoTheDatabaseOnItsOwnThread) {
    WalCheckpointer checkpointer(writer_, path_, options_);
    // Past one background threshold but far below the writer's own: only the background thread can have
    // moved pages into the database file, since the checkpointer replaced SQLite's automatic checkpoint.
    write_pages(WalCheckpointer::kBackgroundPages + 3 * kPagesPerCommit);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (checkpointer.background_checkpoints() == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GE(checkpointer.background_checkpoints(), 1U);
    EXPECT_GE(size_of(path_), pages(WalCheckpointer::kBackgroundPages) * kPageSize);
}

TEST_F(WalCheckpointerTest, WalStopsGrowingUnderSustainedWrites) {
    WalCheckpointer checkpointer(writer_, path_, options_);
    write_pages(3 * WalCheckpointer::kWriterPages);
    // The WAL starts over once a checkpoint has caught up; without the writer's own checkpoint past
    // kWriterPages it would hold all the pages ever written (3 * kWriterPages). How far past kWriterPages
    // it gets depends on timing: while the background pass holds the checkpoint lock the writer's own
    // checkpoint is busy and commits keep appending (on a loaded test machine, more than a few), so the
    // bound sits halfway between the two.
    // A WAL frame is a page and a 24-byte header.
    EXPECT_LE(size_of(path_ + "-wal"), pages(2 * WalCheckpointer::kWriterPages) * (kPageSize + 24));
    checkpointer.stop();
    EXPECT_EQ(writer_.query_int("SELECT count(*) FROM pages"), 3 * WalCheckpointer::kWriterPages);
}

}  // namespace
}  // namespace parkgrid::storage
