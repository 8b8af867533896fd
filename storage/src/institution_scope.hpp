#pragma once

// The institution scope of users and API tokens: link tables (owner, institution_id) shared by both.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite/connection.hpp"

namespace parkgrid::storage {

struct ScopeTable {
    std::string_view table;         // e.g. "user_institutions"
    std::string_view owner_column;  // e.g. "user_id"
};

inline constexpr ScopeTable kUserScope{"user_institutions", "user_id"};
inline constexpr ScopeTable kApiTokenScope{"api_token_institutions", "api_token_id"};

// SQL for a result column holding the owner's institution ids as a comma-separated list (NULL when none);
// `owner_id` is the SQL expression of the owner's id in the outer query, e.g. "users.id".
std::string scope_column(const ScopeTable& scope, std::string_view owner_id);

// Reads a scope_column() value: ascending ids.
std::vector<std::int64_t> parse_scope(const std::optional<std::string>& column);

// Makes the owner's scope exactly `institution_ids`.
void replace_scope(sqlite::Connection& connection, const ScopeTable& scope, std::int64_t owner_id,
                   const std::vector<std::int64_t>& institution_ids);

// The ids among `institution_ids` that name no institution, ascending and without repeats.
std::vector<std::int64_t> unknown_institutions(sqlite::Connection& connection,
                                               const std::vector<std::int64_t>& institution_ids);

}  // namespace parkgrid::storage
