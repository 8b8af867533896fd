#include "wal_checkpointer.hpp"

#include <sqlite3.h>

#include <iostream>

namespace parkgrid::storage {

WalCheckpointer::WalCheckpointer(sqlite::Connection& writer, const std::string& path,
                                 const sqlite::ConnectionOptions& options)
    : writer_(writer), connection_(path, options) {
    // Replaces SQLite's own hook, which is what runs the automatic checkpoint inside COMMIT.
    sqlite3_wal_hook(writer_.handle(), &WalCheckpointer::on_commit, this);
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
    stop();
}

void WalCheckpointer::stop() noexcept {
    sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::uint64_t WalCheckpointer::background_checkpoints() const {
    const std::lock_guard lock(mutex_);
    return background_checkpoints_;
}

int WalCheckpointer::on_commit(void* self, sqlite3* db, const char* schema, int wal_pages) noexcept {
    auto& checkpointer = *static_cast<WalCheckpointer*>(self);
    if (wal_pages < checkpointer.pages_at_last_request_) {
        checkpointer.pages_at_last_request_ = 0;  // the WAL started over
    }
    if (wal_pages >= kWriterPages) {
        // A failure (e.g. SQLITE_BUSY while the background pass holds the checkpoint lock) is retried after
        // the next commit; the commit itself has succeeded either way.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (wal_pages - checkpointer.pages_at_last_request_ >= kBackgroundPages) {
        checkpointer.pages_at_last_request_ = wal_pages;
        checkpointer.request();
    }
    return SQLITE_OK;
}

void WalCheckpointer::request() noexcept {
    {
        const std::lock_guard lock(mutex_);
        requested_ = true;
    }
    wake_.notify_one();
}

void WalCheckpointer::run() noexcept {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return requested_ || stopping_; });
        if (stopping_) {
            return;
        }
        requested_ = false;
        lock.unlock();
        const int rc = sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                 nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            std::cerr << "parkgrid storage: background WAL checkpoint failed (the data is safe in the WAL): "
                      << sqlite3_errmsg(connection_.handle()) << '\n';
        }
        lock.lock();
        background_checkpoints_ += rc == SQLITE_OK ? 1 : 0;
    }
}

}  // namespace parkgrid::storage
