#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace parkgrid::storage::sqlite {

// One prepared statement (RAII over sqlite3_stmt), move-only. Parameters are bound by 1-based index as in
// SQLite; columns are read by 0-based index. Text is copied when bound, so temporaries are safe to bind.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();

    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int index, std::int32_t value);
    void bind(int index, std::int64_t value);
    void bind(int index, double value);
    void bind(int index, std::string_view value);
    void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
    void bind(int index, const char* value) { bind(index, std::string_view(value)); }
    void bind(int index, std::nullptr_t);
    template <typename T>
    void bind(int index, const std::optional<T>& value) {
        if (value) {
            bind(index, *value);
        } else {
            bind(index, nullptr);
        }
    }

    // Binds the values to parameters 1, 2, ... in order.
    template <typename... Values>
    Statement& bind_all(const Values&... values) {
        int index = 0;
        (bind(++index, values), ...);
        return *this;
    }

    // Advances to the next row: true when a row is available, false when the statement has finished.
    bool step();
    // Runs a statement that returns no rows to completion.
    void execute();
    // Makes the statement ready to run again and clears its bindings.
    void reset() noexcept;

    int column_count() const;
    bool is_null(int column) const;
    // Typed column access. Non-optional types throw std::logic_error on NULL (a schema/code mismatch);
    // supported: std::int32_t, std::int64_t, double, std::string and std::optional of each.
    template <typename T>
    T column(int index) const;

    std::string_view sql() const;
    sqlite3_stmt* handle() const noexcept { return statement_; }

private:
    [[noreturn]] void fail(int result_code) const;
    void check_bind(int result_code) const;

    sqlite3* db_ = nullptr;
    sqlite3_stmt* statement_ = nullptr;
};

template <>
std::int32_t Statement::column<std::int32_t>(int index) const;
template <>
std::int64_t Statement::column<std::int64_t>(int index) const;
template <>
double Statement::column<double>(int index) const;
template <>
std::string Statement::column<std::string>(int index) const;
template <>
std::optional<std::int32_t> Statement::column<std::optional<std::int32_t>>(int index) const;
template <>
std::optional<std::int64_t> Statement::column<std::optional<std::int64_t>>(int index) const;
template <>
std::optional<double> Statement::column<std::optional<double>>(int index) const;
template <>
std::optional<std::string> Statement::column<std::optional<std::string>>(int index) const;

}  // namespace parkgrid::storage::sqlite
