#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Copies the write-ahead log back into the database file on a thread of its own, so that group commits do
// not stop for it.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages: that commit, and
// every message waiting for it, paid for copying four megabytes (9% of the writer thread's time and its
// slowest commits in the benchmark, docs/performance.md). Instead the writer's connection reports the WAL's
// size after each commit; every kBackgroundPages this thread checkpoints PASSIVE, which never waits for the
// writer or for readers.
//
// Under sustained writes that is not enough on its own: SQLite starts the WAL over only when a commit begins
// with every frame already copied, which a checkpoint running beside the writer never achieves, so the file
// would grow without end. Past kWriterPages the writer therefore checkpoints itself after its commit; by then
// the background passes have copied nearly everything, so this costs little, and the next commit restarts
// the WAL.
class WalCheckpointer {
public:
    static constexpr int kBackgroundPages = 1000;
    static constexpr int kWriterPages = 8000;

    // Hooks `writer` (which must outlive this object) and opens a connection of its own to `path`.
    WalCheckpointer(sqlite::Connection& writer, const std::string& path,
                    const sqlite::ConnectionOptions& options);
    ~WalCheckpointer();

    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Unhooks the writer and ends the thread; what it has not copied stays safe in the WAL.
    void stop() noexcept;

    // Checkpoints completed by the background thread, for tests.
    std::uint64_t background_checkpoints() const;

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) noexcept;
    void request() noexcept;
    void run() noexcept;

    sqlite::Connection& writer_;
    sqlite::Connection connection_;
    int pages_at_last_request_ = 0;  // writer thread only
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;
    bool stopping_ = false;
    std::uint64_t background_checkpoints_ = 0;
    std::thread thread_;
};

}  // namespace parkgrid::storage
