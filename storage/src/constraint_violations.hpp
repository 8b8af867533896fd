#pragma once

#include "sqlite/statement.hpp"

namespace parkgrid::storage {

// Runs a statement that returns no rows. Returns false when it broke a UNIQUE constraint (SQLite undid the
// statement and nothing changed); any other failure is thrown as sqlite::SqliteError.
bool execute_unless_duplicate(sqlite::Statement& statement);

// The same for a statement that may break a foreign key, e.g. a DELETE of a row still referred to.
bool execute_unless_referenced(sqlite::Statement& statement);

}  // namespace parkgrid::storage
