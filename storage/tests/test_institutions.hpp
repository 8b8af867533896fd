#pragma once

#include <cstdint>
#include <string>

#include "sqlite/connection.hpp"

namespace parkgrid::storage::testing {

// A minimal institution (a state organ) with the given id, for tests of institution scopes.
inline void add_institution(sqlite::Connection& connection, std::int64_t id) {
    const std::string text = std::to_string(id);
    connection.execute_script(
        "INSERT INTO institutions (id, name, unified_social_credit_code, type, created_at, updated_at) "
        "VALUES (" +
        text + ", 'Institution " + text + "', printf('%018d', " + text + "), 'state_organ', 0, 0)");
}

}  // namespace parkgrid::storage::testing
