#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sqlite/statement.hpp"

struct sqlite3;

namespace parkgrid::storage::sqlite {

struct ConnectionOptions {
    // Readers open read-only: a read job that tries to write fails instead of writing outside group commit.
    bool read_only = false;
    // synchronous=FULL survives power loss; NORMAL (in WAL mode) only process crashes.
    bool durable = true;
    // How long to wait for a lock held by another connection (e.g. a backup) before failing with SQLITE_BUSY.
    std::chrono::milliseconds busy_timeout{5000};
};

class CachedStatement;

// One SQLite connection (RAII over sqlite3*), used by one thread at a time. It opens in WAL mode with
// foreign keys enforced, and keeps a cache of prepared statements so hot statements are compiled once.
class Connection {
public:
    Connection(const std::string& path, const ConnectionOptions& options);
    ~Connection();

    // Cached statements point into the connection: it must not move.
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements that return no rows (e.g. a migration script).
    void execute_script(const std::string& sql);
    // Prepares a statement for one use.
    Statement prepare(std::string_view sql);
    // Borrows the statement for `sql` from the cache, preparing it on first use.
    CachedStatement cached(std::string_view sql);

    // Runs a statement that returns exactly one value, e.g. a PRAGMA query.
    std::int64_t query_int(std::string_view sql);
    std::string query_text(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;
    bool in_transaction() const;
    std::size_t cached_statement_count() const { return cache_.size(); }

    sqlite3* handle() const noexcept { return db_; }

private:
    friend class CachedStatement;

    struct CacheEntry {
        Statement statement;
        bool borrowed = false;
    };
    // Transparent hashing: look statements up by string_view without building a std::string.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };

    void apply_options(const ConnectionOptions& options);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, CacheEntry, StringHash, std::equal_to<>> cache_;
};

// A statement borrowed from a connection's cache for one execution. When the borrow ends the statement is
// reset, which ends any read it had open and clears its bindings, so the next borrower starts clean.
class CachedStatement {
public:
    ~CachedStatement();
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;

    Statement& operator*() const noexcept { return entry_.statement; }
    Statement* operator->() const noexcept { return &entry_.statement; }

private:
    friend class Connection;
    explicit CachedStatement(Connection::CacheEntry& entry) noexcept : entry_(entry) {}

    Connection::CacheEntry& entry_;
};

}  // namespace parkgrid::storage::sqlite
