#include "where_clause.hpp"

namespace parkgrid::storage {

void WhereClause::append(std::string_view condition) {
    // Each "?" becomes the numbered parameter of the value just added, so a condition may use it twice.
    const auto parameter = "?" + std::to_string(values_.size());
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    for (const char c : condition) {
        if (c == '?') {
            sql_ += parameter;
        } else {
            sql_ += c;
        }
    }
}

void WhereClause::add(std::string_view condition, std::int64_t value) {
    values_.emplace_back(value);
    append(condition);
}

void WhereClause::add(std::string_view condition, std::string value) {
    values_.emplace_back(std::move(value));
    append(condition);
}

void WhereClause::add_scope(std::string_view condition, const InstitutionScope& scope) {
    if (!scope) {
        return;
    }
    std::string ids = "[";
    for (const auto id : *scope) {
        ids += ids.size() > 1 ? "," : "";
        ids += std::to_string(id);
    }
    ids += "]";
    values_.emplace_back(std::move(ids));
    std::string with_table;
    for (const char c : condition) {
        with_table += c == '?' ? std::string("json_each(?)") : std::string(1, c);
    }
    append(with_table);
}

void WhereClause::add_contains(std::initializer_list<std::string_view> columns,
                               const std::optional<std::string>& text) {
    if (!text) {
        return;
    }
    std::string condition = "(";
    for (const auto column : columns) {
        condition += condition.size() > 1 ? " OR " : "";
        condition += "instr(lower(" + std::string(column) + "), lower(?)) > 0";
    }
    condition += ")";
    add(condition, *text);
}

void WhereClause::bind(sqlite::Statement& statement) const {
    int index = 0;
    for (const auto& value : values_) {
        ++index;
        std::visit([&](const auto& v) { statement.bind(index, v); }, value);
    }
}

}  // namespace parkgrid::storage
