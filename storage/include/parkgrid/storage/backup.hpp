#pragma once

// An online copy of the database while the server keeps serving (csms backup FILE).

#include <cstdint>
#include <string>

namespace parkgrid::storage {

struct BackupResult {
    std::int64_t pages = 0;
    std::int64_t bytes = 0;
};

// Copies the SQLite database at `source_path` to `destination_path` with SQLite's backup API, as one
// consistent snapshot: in WAL mode the copy reads while the server goes on writing (writers are never
// blocked; the WAL is only not checkpointed past the snapshot until the copy ends). The copy is written
// next to the destination and renamed into place once `PRAGMA integrity_check` passes on it, so
// `destination_path` is either the whole copy or untouched. Throws std::runtime_error on failure.
BackupResult backup_sqlite_database(const std::string& source_path, const std::string& destination_path);

}  // namespace parkgrid::storage
