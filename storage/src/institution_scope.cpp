#include "institution_scope.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace parkgrid::storage {

std::string scope_column(const ScopeTable& scope, std::string_view owner_id) {
    return "(SELECT group_concat(institution_id) FROM " + std::string(scope.table) + " WHERE " +
           std::string(scope.owner_column) + " = " + std::string(owner_id) + ")";
}

std::vector<std::int64_t> parse_scope(const std::optional<std::string>& column) {
    std::vector<std::int64_t> ids;
    if (!column) {
        return ids;
    }
    const char* position = column->data();
    const char* const end = column->data() + column->size();
    while (position < end) {
        std::int64_t id = 0;
        const auto [next, error] = std::from_chars(position, end, id);
        if (error != std::errc()) {
            throw std::logic_error("malformed institution list '" + *column + "'");
        }
        ids.push_back(id);
        position = next == end ? end : next + 1;  // skip the comma
    }
    // group_concat() promises no order.
    std::sort(ids.begin(), ids.end());
    return ids;
}

void replace_scope(sqlite::Connection& connection, const ScopeTable& scope, std::int64_t owner_id,
                   const std::vector<std::int64_t>& institution_ids) {
    const std::string table(scope.table);
    const std::string owner(scope.owner_column);
    connection.cached("DELETE FROM " + table + " WHERE " + owner + " = ?1")->bind_all(owner_id).execute();
    auto insert = connection.cached("INSERT INTO " + table + " (" + owner +
                                    ", institution_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
    for (const std::int64_t institution_id : institution_ids) {
        insert->bind_all(owner_id, institution_id).execute();
        insert->reset();
    }
}

std::vector<std::int64_t> unknown_institutions(sqlite::Connection& connection,
                                               const std::vector<std::int64_t>& institution_ids) {
    std::vector<std::int64_t> unknown;
    auto exists = connection.cached("SELECT 1 FROM institutions WHERE id = ?1");
    for (const std::int64_t id : institution_ids) {
        exists->bind_all(id);
        if (!exists->step()) {
            unknown.push_back(id);
        }
        exists->reset();
    }
    std::sort(unknown.begin(), unknown.end());
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
    return unknown;
}

}  // namespace parkgrid::storage
