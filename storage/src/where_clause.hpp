#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "column_conversions.hpp"
#include "parkgrid/storage/organisation_records.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// The WHERE clause of a filtered list query, built from the conditions a filter actually uses, with their
// values bound in the same order. Naming only the conditions in use lets SQLite pick a matching index; the
// connection caches each combination's statement.
class WhereClause {
public:
    // A condition without a value, e.g. "stop_timestamp IS NULL".
    void add(std::string_view condition) { append(condition); }
    // `condition` refers to its value as "?", once or several times, e.g. "institution_id = ?".
    void add(std::string_view condition, std::int64_t value);
    void add(std::string_view condition, std::string value);
    template <typename T>
    void add_if(std::string_view condition, const std::optional<T>& value) {
        if (value) {
            add(condition, *value);
        }
    }
    // Limits the rows to a scope: `condition` has the form "institution_id IN (SELECT value FROM ?)" where
    // "?" stands for the scope's institution ids (a json_each table, so one statement serves any scope).
    // No scope adds nothing; an empty one matches no row.
    void add_scope(std::string_view condition, const InstitutionScope& scope);
    // Rows where any of `columns` contains `text`, ignoring the case of ASCII letters.
    void add_contains(std::initializer_list<std::string_view> columns,
                      const std::optional<std::string>& text);

    // " WHERE a AND b", or "" without conditions.
    const std::string& sql() const { return sql_; }
    std::size_t parameter_count() const { return values_.size(); }
    // Binds the values to parameters 1..parameter_count().
    void bind(sqlite::Statement& statement) const;

private:
    void append(std::string_view condition);

    std::string sql_;
    std::vector<std::variant<std::int64_t, std::string>> values_;
};

// One page of `SELECT columns FROM table WHERE ... ORDER BY order_by` read with `read`, and the number of
// rows matching on all pages.
template <typename Read>
auto query_listing(sqlite::Connection& connection, std::string_view columns, std::string_view table,
                   const WhereClause& where, std::string_view order_by, std::size_t limit, std::size_t offset,
                   Read read) {
    using Record = decltype(read(std::declval<const sqlite::Statement&>()));
    Listing<Record> listing;
    const auto limit_parameter = std::to_string(where.parameter_count() + 1);
    const auto offset_parameter = std::to_string(where.parameter_count() + 2);
    {
        auto statement = connection.cached("SELECT " + std::string(columns) + " FROM " + std::string(table) +
                                           where.sql() + " ORDER BY " + std::string(order_by) + " LIMIT ?" +
                                           limit_parameter + " OFFSET ?" + offset_parameter);
        where.bind(*statement);
        statement->bind(static_cast<int>(where.parameter_count() + 1), to_sql_count(limit));
        statement->bind(static_cast<int>(where.parameter_count() + 2), to_sql_count(offset));
        while (statement->step()) {
            listing.items.push_back(read(*statement));
        }
    }
    auto count = connection.cached("SELECT count(*) FROM " + std::string(table) + where.sql());
    where.bind(*count);
    count->step();
    listing.total = static_cast<std::size_t>(count->column<std::int64_t>(0));
    return listing;
}

}  // namespace parkgrid::storage
