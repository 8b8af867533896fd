#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

#include "parkgrid/storage/backup.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {
namespace {

// The destination: a plain rollback-journal file, since nothing else will have it open.
struct Destination {
    explicit Destination(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
            SQLITE_OK) {
            const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
            sqlite3_close(db);
            throw std::runtime_error("cannot create " + path + ": " + message);
        }
    }
    ~Destination() { sqlite3_close(db); }
    Destination(const Destination&) = delete;
    Destination& operator=(const Destination&) = delete;

    sqlite3* db = nullptr;
};

std::string integrity_of(sqlite3* db) {
    sqlite3_stmt* statement = nullptr;
    std::string verdict = "no answer";
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return verdict;
}

}  // namespace

BackupResult backup_sqlite_database(const std::string& source_path, const std::string& destination_path) {
    if (!std::filesystem::exists(source_path)) {
        throw std::runtime_error("no database at " + source_path);
    }
    const std::filesystem::path destination(destination_path);
    // Renaming the copy over the live database would pull it from under the server.
    if (std::filesystem::weakly_canonical(destination) == std::filesystem::weakly_canonical(source_path)) {
        throw std::runtime_error("the backup cannot replace the database it copies: " + destination_path);
    }
    const auto partial = destination.string() + ".partial";
    std::filesystem::remove(partial);
    // Read-only: the copy never writes to the live database (nor runs migrations on it).
    sqlite::Connection source(source_path, {.read_only = true, .durable = false});
    BackupResult result;
    {
        Destination copy(partial);
        sqlite3_backup* backup = sqlite3_backup_init(copy.db, "main", source.handle(), "main");
        if (backup == nullptr) {
            throw std::runtime_error(std::string("cannot start the backup: ") + sqlite3_errmsg(copy.db));
        }
        // All pages in one step: one read transaction, hence one consistent snapshot. Busy or locked (the
        // database being recovered by another process) is retried a few times, each after a short wait.
        constexpr int kAttempts = 20;
        int step = SQLITE_OK;
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
            step = sqlite3_backup_step(backup, -1);
            if (step != SQLITE_BUSY && step != SQLITE_LOCKED) {
                break;
            }
            sqlite3_sleep(250);
        }
        result.pages = sqlite3_backup_pagecount(backup);
        const int finished = sqlite3_backup_finish(backup);
        if (step != SQLITE_DONE || finished != SQLITE_OK) {
            std::filesystem::remove(partial);
            throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(copy.db));
        }
        const auto verdict = integrity_of(copy.db);
        if (verdict != "ok") {
            std::filesystem::remove(partial);
            throw std::runtime_error("the copy failed its integrity check: " + verdict);
        }
    }
    std::filesystem::rename(partial, destination);
    result.bytes = static_cast<std::int64_t>(std::filesystem::file_size(destination));
    return result;
}

}  // namespace parkgrid::storage
