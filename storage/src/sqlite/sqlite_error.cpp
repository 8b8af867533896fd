#include "sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace parkgrid::storage::sqlite {

SqliteError::SqliteError(int extended_code, const std::string& message)
    : std::runtime_error(message), code_(extended_code) {}

void throw_sqlite_error(sqlite3* db, int result_code, const std::string& context) {
    // The connection's extended code and message are more precise than `result_code`, but only describe
    // this failure if they agree with it (SQLITE_MISUSE, for one, does not record an error on the
    // connection).
    int code = result_code;
    std::string message = sqlite3_errstr(result_code);
    if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (result_code & 0xff)) {
        code = sqlite3_extended_errcode(db);
        message = sqlite3_errmsg(db);
    }
    std::string text = "SQLite error " + std::to_string(code) + " (" + message + ")";
    if (!context.empty()) {
        text += " in: ";
        text += context;
    }
    throw SqliteError(code, text);
}

}  // namespace parkgrid::storage::sqlite
