#include "constraint_violations.hpp"

#include <sqlite3.h>

#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

bool execute_unless(sqlite::Statement& statement, int extended_code) {
    try {
        statement.execute();
        return true;
    } catch (const sqlite::SqliteError& error) {
        if (error.code() == extended_code) {
            return false;
        }
        throw;
    }
}

}  // namespace

bool execute_unless_duplicate(sqlite::Statement& statement) {
    return execute_unless(statement, SQLITE_CONSTRAINT_UNIQUE);
}

bool execute_unless_referenced(sqlite::Statement& statement) {
    return execute_unless(statement, SQLITE_CONSTRAINT_FOREIGNKEY);
}

}  // namespace parkgrid::storage
