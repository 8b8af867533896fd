#pragma once

// Steps every organisation repository takes alike when an object is removed.

#include <cstdint>
#include <string_view>
#include <vector>

#include "parkgrid/storage/organisation_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Runs `delete_sql` (one `?1` parameter: the id). A row still referred to by a foreign key stays.
RemoveResult remove_unless_referenced(sqlite::Connection& connection, std::string_view delete_sql,
                                      std::int64_t id);

// Runs `count_sql`, a UNION of `SELECT 'what', count(*) ... WHERE ... = ?1`, and keeps the non-zero counts.
std::vector<Dependents> count_dependents(sqlite::Connection& connection, std::string_view count_sql,
                                         std::int64_t id);

}  // namespace parkgrid::storage
