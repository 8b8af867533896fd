#pragma once

#include <stdexcept>
#include <string>

struct sqlite3;

namespace parkgrid::storage::sqlite {

// A failed SQLite call. code() is the extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE), so callers can
// tell a constraint violation from a full disk without parsing the message.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int extended_code, const std::string& message);

    int code() const noexcept { return code_; }
    // The primary result code (e.g. SQLITE_CONSTRAINT), the low byte of the extended code.
    int primary_code() const noexcept { return code_ & 0xff; }

private:
    int code_;
};

// Throws SqliteError for `result_code` with the connection's current error message and `context`
// (typically the SQL being run).
[[noreturn]] void throw_sqlite_error(sqlite3* db, int result_code, const std::string& context);

}  // namespace parkgrid::storage::sqlite
