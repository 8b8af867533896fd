#include "organisation_rows.hpp"

#include <string>

#include "constraint_violations.hpp"

namespace parkgrid::storage {

RemoveResult remove_unless_referenced(sqlite::Connection& connection, std::string_view delete_sql,
                                      std::int64_t id) {
    auto statement = connection.cached(delete_sql);
    statement->bind_all(id);
    if (!execute_unless_referenced(*statement)) {
        return RemoveResult::StillReferenced;
    }
    return connection.changes() > 0 ? RemoveResult::Removed : RemoveResult::NotFound;
}

std::vector<Dependents> count_dependents(sqlite::Connection& connection, std::string_view count_sql,
                                         std::int64_t id) {
    auto statement = connection.cached(count_sql);
    statement->bind_all(id);
    std::vector<Dependents> found;
    while (statement->step()) {
        if (const auto count = statement->column<std::int64_t>(1); count > 0) {
            found.push_back({statement->column<std::string>(0), count});
        }
    }
    return found;
}

}  // namespace parkgrid::storage
