#include "sqlite/connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage::sqlite {

Connection::Connection(const std::string& path, const ConnectionOptions& options) {
    // NOMUTEX: each connection is confined to one thread at a time, so SQLite's own locking is not needed.
    const int flags =
        (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int result = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (result != SQLITE_OK) {
        // A handle is returned even on failure (unless out of memory) and must be closed.
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(result);
        const int code = db_ != nullptr ? sqlite3_extended_errcode(db_) : result;
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(code, "cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
        apply_options(options);
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    // Statements must be finalized before the connection can close.
    cache_.clear();
    sqlite3_close(db_);
}

void Connection::apply_options(const ConnectionOptions& options) {
    const auto timeout_ms = std::min<std::chrono::milliseconds::rep>(
        std::max<std::chrono::milliseconds::rep>(options.busy_timeout.count(), 0),
        std::numeric_limits<int>::max());
    if (sqlite3_busy_timeout(db_, static_cast<int>(timeout_ms)) != SQLITE_OK) {
        throw_sqlite_error(db_, sqlite3_errcode(db_), "sqlite3_busy_timeout");
    }
    if (!options.read_only) {
        // WAL lets readers work while the writer commits. It is a property of the database file, so
        // read-only connections find it set by the writer (which must open first).
        const std::string mode = query_text("PRAGMA journal_mode = WAL");
        if (mode != "wal") {
            throw std::runtime_error("SQLite refused WAL mode (journal_mode is " + mode + ")");
        }
    }
    execute_script(options.durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    execute_script("PRAGMA foreign_keys = ON");
    // The pragma is silently ignored by builds without foreign key support.
    if (query_int("PRAGMA foreign_keys") != 1) {
        throw std::runtime_error("this SQLite build does not enforce foreign keys");
    }
}

void Connection::execute_script(const std::string& sql) {
    char* message = nullptr;
    const int result = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);  // the connection's error message says the same
    if (result != SQLITE_OK) {
        throw_sqlite_error(db_, result, sql);
    }
}

Statement Connection::prepare(std::string_view sql) {
    return Statement(db_, sql);
}

CachedStatement Connection::cached(std::string_view sql) {
    auto found = cache_.find(sql);
    if (found == cache_.end()) {
        found = cache_.emplace(std::string(sql), CacheEntry{Statement(db_, sql)}).first;
    }
    if (found->second.borrowed) {
        // The same statement cannot be stepped by two users at once; this is a programming error.
        throw std::logic_error("cached statement used while already in use: " + std::string(sql));
    }
    found->second.borrowed = true;
    return CachedStatement(found->second);
}

std::int64_t Connection::query_int(std::string_view sql) {
    Statement statement = prepare(sql);
    if (!statement.step()) {
        throw std::runtime_error("no result from: " + std::string(sql));
    }
    return statement.column<std::int64_t>(0);
}

std::string Connection::query_text(std::string_view sql) {
    Statement statement = prepare(sql);
    if (!statement.step()) {
        throw std::runtime_error("no result from: " + std::string(sql));
    }
    return statement.column<std::string>(0);
}

std::int64_t Connection::last_insert_rowid() const {
    return sqlite3_last_insert_rowid(db_);
}

std::int64_t Connection::changes() const {
    return sqlite3_changes64(db_);
}

bool Connection::in_transaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

CachedStatement::~CachedStatement() {
    entry_.statement.reset();
    entry_.borrowed = false;
}

}  // namespace parkgrid::storage::sqlite
